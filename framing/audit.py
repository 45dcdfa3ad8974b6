"""Run the detectors over a Document and assemble the Audit: plain data for every output."""

from __future__ import annotations

from dataclasses import dataclass, field

from framing import categories
from framing.analysis import attribution, sources as source_registry
from framing.detectors import DETECTORS
from framing.text.document import QUOTED, REPORTER, Document
from framing.findings import SEVERITY_RANK, Attribution, Finding, Source
from framing.analysis.sourcing import Sourcing

SEVERITY_WEIGHT = {"low": 0.5, "medium": 1.0, "high": 2.0}
DIMENSIONS = categories.dimensions()  # id -> label, from lexicons/categories.toml


@dataclass
class Audit:
    document: Document
    findings: list[Finding]
    attributions: list[Attribution]
    sources: list[Source]
    readability: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)
    bias_scores: list[float | None] = field(default_factory=list)  # per document.sentences; None: no model
    sourcing: Sourcing | None = None
    contextual: bool = False  # sentence and word scores also from the contextual heads

    def worst_severity(self) -> str | None:
        ranked = sorted(self.findings, key=lambda f: SEVERITY_RANK[f.severity], reverse=True)
        return ranked[0].severity if ranked else None


def _scored_words(doc: Document) -> int:
    return sum(len(doc.text[b.start:b.end].split()) for b in doc.scored_blocks)


def _density_score(findings: list[Finding], words: int, per: int = 100, saturation: float = 6.0) -> float:
    """0 (clean) .. 1 (saturated): weighted findings per `per` words, capped at `saturation`."""
    weight = sum(SEVERITY_WEIGHT[f.severity] * (0.5 if f.voice == QUOTED else 1.0) for f in findings)
    return round(min(1.0, weight * per / max(words, 1) / saturation), 3)


def _scored(findings: list[Finding], dimension: str) -> list[Finding]:
    """The findings of a dimension whose categories count toward its score."""
    return [f for f in findings if f.dimension == dimension and categories.get(f.category).scored]


def _score_loaded(findings: list[Finding], words: int) -> dict:
    mine = _scored(findings, "loaded_language")
    reporter = [f for f in mine if f.voice == REPORTER]
    return {
        "score": _density_score(mine, words),
        "explanation": f"{len(reporter)} loaded term(s) in the reporter's voice and "
                       f"{len(mine) - len(reporter)} in quoted speech, in {words} words",
    }


def _score_unattributed(findings: list[Finding], words: int) -> dict:
    mine = _scored(findings, "unattributed")
    return {
        "score": _density_score(mine, words, saturation=3.0),
        "explanation": f"{len(mine)} vague or missing attribution(s) in {words} words",
    }


def _score_sourcing(result: Sourcing | None) -> dict:
    """1 minus the balance index of the sides (see framing.sourcing)."""
    if result is None:
        return {"score": 0.0, "explanation": "sourcing not analysed"}
    if not result.judged:  # one voice on a side is too little to call the article lopsided
        return {"score": 0.0, "explanation": result.explanation}
    return {"score": round(1 - result.balance_index, 3), "explanation": result.explanation}


def compute_scores(findings: list[Finding], sourcing: Sourcing | None, words: int) -> dict:
    scores = {
        "loaded_language": _score_loaded(findings, words),
        "unattributed": _score_unattributed(findings, words),
        "sourcing": _score_sourcing(sourcing),
    }
    overall = round(sum(s["score"] for s in scores.values()) / len(scores), 3)
    worst = max(scores, key=lambda k: scores[k]["score"])
    scores["overall"] = {
        "score": overall,
        "explanation": f"mean of the three dimensions; the strongest is {DIMENSIONS[worst].lower()}",
    }
    return scores


def run_audit(doc: Document, with_readability: bool = True, contextual: bool = False) -> Audit:
    """Attribution first (detectors use it), then every registered detector, then the scores.
    The sourcing detector leaves its analysis in the context for the audit to keep. `contextual`
    tags attributions with the contextual tagger and puts each sentence's encoding in the context
    (key "encoded") for the model detector."""
    from framing.models.features import forget_matches

    forget_matches()  # nothing remembered from another document
    attributions, sources = source_registry.build(doc, attribution.extract(doc, contextual))
    findings: list[Finding] = []
    bias = _sentence_bias(doc)
    context = {"attributions": attributions, "sources": sources, "findings": findings, "bias_scores": bias}
    if contextual:
        from framing.models import contextual as encoder

        context["encoded"] = encoder.encode([doc.text[s.start:s.end] for s in doc.sentences])
        bias = context["bias_scores"] = encoder.bias_scores(bias, context["encoded"])
    for detect in DETECTORS:
        findings.extend(detect(doc, context))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    findings = [_with_id(f, i) for i, f in enumerate(findings, 1)]
    words = _scored_words(doc)
    body = "\n\n".join(doc.text[b.start:b.end] for b in doc.paragraphs)
    readability = {}
    if with_readability:
        from framing.text.readability import readability as measure

        readability = measure(body)
    sourcing = context.get("sourcing")
    return Audit(doc, findings, attributions, sources, readability, compute_scores(findings, sourcing, words), bias,
                 sourcing, contextual)


def _sentence_bias(doc: Document) -> list[float | None]:
    """The shipped sentence model's P(biased) for every sentence (None each when no model is shipped)."""
    from framing.models.sentence_bias import bias_scores

    scores = bias_scores([doc.text[s.start:s.end] for s in doc.sentences])
    return scores if scores is not None else [None] * len(doc.sentences)


def _with_id(finding: Finding, index: int) -> Finding:
    from dataclasses import replace

    return replace(finding, id=f"f{index}")
