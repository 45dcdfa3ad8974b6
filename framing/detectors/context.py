"""What the steps of one audit share: the document and what earlier steps made of it.

run_audit (framing/audit.py) fills it in this order: attributions and sources, the sentence
scores (and, in the contextual mode, each sentence's encoding), then the detectors one by one,
each adding its findings, then the sourcing analysis (which reads the findings so far), then the
detectors that read it. Each detector declares the fields it reads (framing/detectors/__init__.py);
a test can build one on a Document and run a single detector on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from framing.analysis.attribution import reports_claim
from framing.analysis.sourcing import Sourcing
from framing.findings import Attribution, Finding, Source
from framing.text.document import PARAPHRASED, QUOTED, REPORTER, Document
from framing.text.spans import SpanIndex


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


def speech_voices(context: AuditContext) -> Callable[[int, int], tuple[str, str | None]]:
    """A function giving whose words [start, end) are, and who said them when known: QUOTED inside a
    quotation; PARAPHRASED inside what a source is reported to say ('Clinton said his reckless
    comments ...': the narration's words for the source's claim, also around a partial quotation:
    'critics argue that he is a ''political pope'' pursuing a leftist agenda') when the cue reports a
    claim (not 'she had hoped', 'slammed the plan' or 'calls for'; lexicons/attribution.txt
    [claim_cues]) and the span is no cue itself; else REPORTER."""
    doc = context.document
    names = {s.id: s.name for s in context.sources}
    direct = SpanIndex((a for a in context.attributions if a.kind == "direct" and a.content and a.source),
                       key=lambda a: a.content)
    reported = SpanIndex((a for a in context.attributions if a.content and a.source_id and reports_claim(a)),
                         key=lambda a: a.content)
    cues = SpanIndex(a.cue for a in context.attributions)

    def name(a: Attribution) -> str:
        return names.get(a.source_id, a.source.text if a.source else "")

    def voice(start: int, end: int) -> tuple[str, str | None]:
        if doc.voice_of(start, end) == QUOTED:
            said = next(iter(direct.overlapping(start, start + 1)), None)
            return QUOTED, name(said) if said else None
        said = next((a for a in reported.overlapping(start, end) if a.content.start <= start and end <= a.content.end
                     and not cues.overlapping(start, end)), None)  # a cue word is the reporter's choice
        return (PARAPHRASED, name(said)) if said else (REPORTER, None)
    return voice
