"""Errors that the CLI reports as one line with exit code 2."""


class InputError(Exception):
    """The input cannot be audited: unreadable, empty, binary or too large."""


class TooLarge(InputError):
    """The input is over the size limit (framing.text.ingest.MAX_INPUT_BYTES)."""


class LexiconError(Exception):
    """A lexicon file or entry is malformed; the message names file and entry."""
