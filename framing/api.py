"""Library entry points."""

from __future__ import annotations

import gc
from functools import cache

from framing.audit import Audit, run_audit
from framing.text.document import build_document
from framing.text.ingest import check_size


def audit_text(text: str, title: str | None = None, readability: bool = True, contextual: bool = True,
               hints: bool = False, markdown: bool = False) -> Audit:
    """Audit an article given as plain text; `title` overrides the one found in the text; `contextual`
    (the default) adds the transformer-based sentence and word scores and attribution tagger
    (framing/models/contextual.py); False is the fast mode, linear models only; `hints` adds the
    word model's hints (off by default: on held-out news they are rarely right, docs/EVALUATION.md);
    `markdown` reads the text as Markdown, every offset still into the text as written. A
    text over the input limit (5 MiB in UTF-8) raises framing.errors.TooLarge, an InputError."""
    check_size(text)
    return run_audit(build_document(text, title, markdown), with_readability=readability, contextual=contextual, hints=hints)


@cache
def prepare(contextual: bool = True) -> None:
    """Load everything an audit needs (lexicons, tokenizer, models, syllable table; the contextual
    mode's too when asked) and exempt it from garbage collection: in a long run (batch, corpus) the
    collector no longer rescans the models every few articles. Once per process."""
    audit_text("Ready. The council said on Monday that the road would reopen.", contextual=contextual)
    gc.freeze()
