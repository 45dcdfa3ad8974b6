"""Library entry points."""

from __future__ import annotations

from framing.audit import Audit, run_audit
from framing.document import build_document


def audit_text(text: str, title: str | None = None, readability: bool = True) -> Audit:
    """Audit an article given as plain text; `title` overrides the one found in the text."""
    return run_audit(build_document(text, title), with_readability=readability)
