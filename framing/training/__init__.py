"""`framing train` and `framing evaluate`: data readers, fitting, cross-validation, model cards."""
