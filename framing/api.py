"""Library entry points."""

from __future__ import annotations

from functools import cache

from framing.audit import Audit, run_audit
from framing.document import build_document


def audit_text(text: str, title: str | None = None, readability: bool = True) -> Audit:
    """Audit an article given as plain text; `title` overrides the one found in the text."""
    return run_audit(build_document(text, title), with_readability=readability)


@cache
def prepare() -> None:
    """Load everything an audit needs (lexicons, tokenizer, models, syllable table) and exempt it
    from garbage collection: in a long run (batch, corpus) the collector no longer rescans the
    models every few articles. Once per process."""
    import gc

    audit_text("Ready. The council said on Monday that the road would reopen.")
    gc.freeze()
