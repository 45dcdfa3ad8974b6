"""What the steps of one audit share: the document and what earlier steps made of it.

run_audit (framing/audit.py) fills it in this order: attributions and sources, the sentence
scores (and, in the contextual mode, each sentence's encoding), then the detectors one by one,
each adding its findings, then the sourcing analysis (which reads the findings so far), then the
detectors that read it. Each detector declares the fields it reads (framing/detectors/__init__.py);
a test can build one on a Document and run a single detector on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from framing.analysis.sourcing import Sourcing
from framing.findings import Attribution, Finding, Source
from framing.text.document import Document


@dataclass
class AuditContext:
    document: Document
    attributions: list[Attribution] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    bias_scores: list[float | None] = field(default_factory=list)  # per document.sentences; None: no model
    encoded: list | None = None  # contextual mode: each sentence's encoding (framing.models.contextual.Encoded)
    findings: list[Finding] = field(default_factory=list)  # the findings so far, in detector order
    sourcing: Sourcing | None = None  # the sides and balance, once analysed
    # Lexicon matches per sentence text, for this audit only: the sentence and word models match the
    # same sentences (framing.models.features.category_matches); nothing outlives the document.
    matches: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
