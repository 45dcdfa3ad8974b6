"""Run the detectors over a Document and assemble the Audit: plain data for every output."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from framing import categories
from framing.analysis import attribution, genre as genres, sourcing as sides, sources as source_registry
from framing.detectors import DETECTORS, AuditContext
from framing.detectors.model import DETECTOR as HINTS  # the detector whose findings are the word model's hints
from framing.text.document import PARAPHRASED, REPORTER, Document
from framing.findings import SEVERITY_RANK, Attribution, Finding, Source
from framing.analysis.sourcing import Sourcing

# A sentence reads as biased from this probability (either mode's sentence model): on PolNeAR's wire
# copy (AP, AFP, Reuters, UPI) it flags 11% of sentences (12% in the dev months), at 0.5 it flagged
# 38%; on BABE (out of fold) precision 0.84, recall 0.40 (docs/EVALUATION.md, "The sentence score").
BIASED_SENTENCE = 0.7
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
    genre: genres.Genre | None = None  # opinion, mixed or straight news; None without the genre model

    def worst_severity(self) -> str | None:
        ranked = sorted(self.findings, key=lambda f: SEVERITY_RANK[f.severity], reverse=True)
        return ranked[0].severity if ranked else None


def _density_score(findings: list[Finding], words: int, per: int = 100, saturation: float = 6.0) -> float:
    """0 (clean) .. 1 (saturated): weighted findings per `per` words, capped at `saturation`."""
    weight = sum(SEVERITY_WEIGHT[f.severity] * (1.0 if f.voice == REPORTER else 0.5) for f in findings)
    return round(min(1.0, weight * per / max(words, 1) / saturation), 3)


def _scored(findings: list[Finding], dimension: str) -> list[Finding]:
    """The findings of a dimension whose categories count toward its score."""
    return [f for f in findings if f.dimension == dimension and categories.get(f.category).scored]


def _score_loaded(findings: list[Finding], words: int) -> dict:
    mine = _scored(findings, "loaded_language")
    reporter = [f for f in mine if f.voice == REPORTER]
    paraphrased = sum(f.voice == PARAPHRASED for f in mine)
    return {
        "score": _density_score(mine, words),
        "explanation": f"{len(reporter)} loaded term(s) in the reporter's voice and "
                       f"{len(mine) - len(reporter) - paraphrased} in quoted speech"
                       + (f" ({paraphrased} more in paraphrased speech)" if paraphrased else "") + f", in {words} words",
    }


def _score_unattributed(findings: list[Finding], words: int) -> dict:
    mine = _scored(findings, "unattributed")
    return {
        "score": _density_score(mine, words, saturation=3.0),
        "explanation": f"{len(mine)} vague or missing attribution(s) in {words} words",
    }


def _score_sourcing(result: Sourcing | None) -> dict:
    """1 minus the balance index of the sides (see framing.analysis.sourcing); None when the balance is
    not judged (no main actor, or too few voices take a side): not judged is not balanced."""
    if result is None:
        return {"score": None, "explanation": "sourcing not analysed"}
    if result.principal_actor is None or not result.judged:
        return {"score": None, "explanation": result.explanation}
    return {"score": round(1 - result.balance_index, 3), "explanation": result.explanation}


def compute_scores(findings: list[Finding], sourcing: Sourcing | None, words: int) -> dict:
    scores = {
        "loaded_language": _score_loaded(findings, words),
        "unattributed": _score_unattributed(findings, words),
        "sourcing": _score_sourcing(sourcing),
    }
    judged = {k: s["score"] for k, s in scores.items() if s["score"] is not None}
    overall = round(sum(judged.values()) / len(judged), 3)
    worst = max(judged, key=judged.get)
    unjudged = [DIMENSIONS[k].lower() for k in scores if k not in judged]
    scores["overall"] = {
        "score": overall,
        "explanation": f"mean of the {len(judged)} judged dimensions; the strongest is {DIMENSIONS[worst].lower()}"
                       + (f" ({', '.join(unjudged)}: not judged)" if unjudged else ""),
    }
    return scores


def run_audit(doc: Document, with_readability: bool = True, contextual: bool = True, hints: bool = False) -> Audit:
    """One AuditContext through the steps: attributions and sources, the sentence scores, the
    detectors that do not read the sourcing analysis, the sourcing analysis (it reads their
    findings), the detectors that read it, then the scores. `contextual` tags attributions with
    the contextual tagger and puts each sentence's encoding in the context for the model detector;
    `hints` keeps the word model's hints (the `model` detector) in the findings; the sourcing
    analysis reads them either way, and they count toward no score."""
    context = prepare(doc, contextual)
    detect(context)
    findings = sorted((f for f in context.findings if hints or f.detector != HINTS), key=lambda f: (f.start, f.end, f.rule))
    findings = [replace(f, id=f"f{i}") for i, f in enumerate(findings, 1)]
    words = doc.scored_words()
    body = "\n\n".join(doc.text[b.start:b.end] for b in doc.paragraphs)
    readability = {}
    if with_readability:
        from framing.text.readability import readability as measure  # lazy: textstat and the syllable table

        readability = {**measure(body), "words": words} if body.strip() else measure(body)  # one word count everywhere
    biased = [p is not None and p >= BIASED_SENTENCE for p in context.bias_scores]
    return Audit(doc, findings, context.attributions, context.sources, readability,
                 compute_scores(findings, context.sourcing, words), context.bias_scores, context.sourcing, contextual,
                 genres.read(doc, findings, context.attributions, biased))


def prepare(doc: Document, contextual: bool = True) -> AuditContext:
    """The context the detectors start from: attributions and sources, and the sentence scores (and
    in the contextual mode each sentence's encoding, and attributions from the contextual tagger)."""
    context = AuditContext(doc)
    if contextual:
        from framing.models import contextual as encoder  # lazy: numpy and the encoder, for this mode only

        encoded = encoder.encode_started([doc.text[s.start:s.end] for s in doc.sentences])  # meanwhile, the rest
    context.attributions, context.sources = source_registry.build(doc, attribution.extract(doc, contextual))
    context.bias_scores = _sentence_bias(doc, context.matches)
    if contextual:
        context.encoded = encoded()
        context.bias_scores = encoder.bias_scores(context.bias_scores, context.encoded)
    return context


def detect(context: AuditContext) -> None:
    """Every registered detector in order, adding its findings to the context; the sourcing analysis
    runs after those that do not read it (it reads their findings) and before those that do."""
    for detector in (d for d in DETECTORS if "sourcing" not in d.reads):
        context.findings.extend(detector.run(context))
    context.sourcing = sides.analyse(context.document, context.attributions, context.sources, context.findings)
    for detector in (d for d in DETECTORS if "sourcing" in d.reads):
        context.findings.extend(detector.run(context))


def _sentence_bias(doc: Document, matches: dict) -> list[float | None]:
    """The shipped sentence model's P(biased) for every sentence (None each when no model is shipped);
    `matches` keeps the lexicon matches of the sentences for the word model."""
    from framing.models.sentence_bias import bias_scores  # lazy: numpy and the model file, not for importing the report

    scores = bias_scores([doc.text[s.start:s.end] for s in doc.sentences], matches)
    return scores if scores is not None else [None] * len(doc.sentences)
