"""BASIL's lexical-bias spans against the loaded-language findings (`framing evaluate basil`): span
precision and recall, sentence-level F1 (with its spread over the event folds) and density, for the
lexicon rules, scare quotes and the word model's hints apart, and the hints' precision by the
model's probability. The word models are fitted on BABE (and PTC), so every BASIL article is
held out for them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from framing.api import audit_text
from framing.audit import BIASED_SENTENCE
from framing.detectors.claims import QUOTED_SHARE_LIMIT
from framing.detectors.model import CONTEXTUAL_HINT_THRESHOLD, HINT_THRESHOLD
from framing.training.basil import FOLDS, BasilArticle, fold_of, load

GROUPS = {"lexicon": ("loaded_language",), "scare quotes": ("scare_quotes",), "hints": ("model",),
          "rules": ("loaded_language", "scare_quotes"), "all": ("loaded_language", "scare_quotes", "model")}
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97)  # those below the one the audit shows hints from are left out


@dataclass
class Article:
    fold: int
    words: int
    gold: list[tuple[int, int]]  # BASIL's lexical-bias spans
    sentences: list[tuple[int, int]]
    findings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # group -> spans
    hints: list[tuple[int, int, float]] = field(default_factory=list)  # (start, end, probability)
    bias_scores: list[float | None] = field(default_factory=list)  # the audit's, per sentence
    quoted: list[bool] = field(default_factory=list)  # per sentence: the speaker's, as the claims detector reads it


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def collect(articles: list[BasilArticle], contextual: bool = False) -> list[Article]:
    """Each article audited, with its gold spans, sentences and loaded-language findings by group."""
    events = [a.event for a in articles]
    out = []
    for article in articles:
        audit = audit_text(article.text, readability=False, contextual=contextual, hints=True)
        loaded = [f for f in audit.findings if f.dimension == "loaded_language"]
        item = Article(fold_of(article.event, events), article.words,
                       [(s.start, s.end) for s in article.spans if s.bias == "lex"],
                       [(s.start, s.end) for s in audit.document.sentences])
        for group, detectors in GROUPS.items():
            item.findings[group] = [(f.start, f.end) for f in loaded if f.detector in detectors]
        item.hints = [(f.start, f.end, f.score or 0.0) for f in loaded if f.detector == "model"]
        item.bias_scores = audit.bias_scores
        item.quoted = [audit.document.quoted_chars(s, e) > QUOTED_SHARE_LIMIT * (e - s) for s, e in item.sentences]
        out.append(item)
    return out


def _prf(tp_p: int, predicted: int, tp_r: int, gold: int) -> dict:
    precision = tp_p / predicted if predicted else None
    recall = tp_r / gold if gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {"precision": _round(precision), "recall": _round(recall), "f1": _round(f1), "predicted": predicted}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def measure(items: list[Article], group: str) -> dict:
    """Span and sentence P/R/F1 and density of one group of findings over `items`."""
    span_tp = sum(_overlaps(f, a.gold) for a in items for f in a.findings[group])
    predicted = sum(len(a.findings[group]) for a in items)
    found = sum(_overlaps(g, a.findings[group]) for a in items for g in a.gold)
    gold = sum(len(a.gold) for a in items)
    pairs = [(_overlaps(s, a.gold), _overlaps(s, a.findings[group])) for a in items for s in a.sentences]
    tp = sum(g and p for g, p in pairs)
    words = max(sum(a.words for a in items), 1)  # an empty fold: no words, no findings
    return {"spans": _prf(span_tp, predicted, found, gold),
            "sentences": _prf(tp, sum(p for _, p in pairs), tp, sum(g for g, _ in pairs)),
            "per_1000_words": round(1000 * predicted / words, 2), "gold_per_1000_words": round(1000 * gold / words, 2)}


def hint_precision(items: list[Article], threshold: float) -> tuple[float | None, int]:
    """The share of the hints from `threshold` that touch a lexical-bias span, and how many there are."""
    kept = [(s, e) for a in items for s, e, p in a.hints if p >= threshold]
    hits = sum(_overlaps((s, e), a.gold) for a in items for s, e, p in a.hints if p >= threshold)
    return (round(hits / len(kept), 3) if kept else None), len(kept)


def sentence_scores(items: list[Article], threshold: float = BIASED_SENTENCE, quoted: bool | None = None) -> dict:
    """The audit's sentence scores, read in their articles, against "the sentence holds a lexical-bias
    span": ROC AUC, and the share of sentences at `threshold` (the report's "biased") or more with and
    without one; `quoted`: only the sentences more than QUOTED_SHARE_LIMIT in quotation marks (True) or not (False)."""
    pairs = [(_overlaps(s, a.gold), p) for a in items
             for s, p, q in zip(a.sentences, a.bias_scores, a.quoted or [False] * len(a.sentences))
             if p is not None and quoted in (None, q)]
    biased = [p for g, p in pairs if g]
    neutral = [p for g, p in pairs if not g]
    if not biased or not neutral:
        return {"sentences": len(pairs), "auc": None}
    from sklearn.metrics import roc_auc_score  # lazy: training-time

    auc = roc_auc_score([g for g, _ in pairs], [p for _, p in pairs])
    return {"sentences": len(pairs), "with_span": len(biased), "auc": round(auc, 3),
            "threshold": threshold, "flagged_with_span": round(sum(p >= threshold for p in biased) / len(biased), 3),
            "flagged_without": round(sum(p >= threshold for p in neutral) / len(neutral), 3)}


def evaluate_words(data: Path, contextual: bool = False) -> dict:
    """Every BASIL article audited; the measures of every group, per-fold sentence F1 and the hints by threshold."""
    items = collect(load(data), contextual)
    shown = CONTEXTUAL_HINT_THRESHOLD if contextual else HINT_THRESHOLD  # no hint below it is in the audit to count
    result = {"articles": len(items), "groups": {g: measure(items, g) for g in GROUPS},
              "folds": {g: [measure([a for a in items if a.fold == k], g)["sentences"]["f1"] for k in range(FOLDS)]
                        for g in GROUPS},
              "hints_by_threshold": {t: hint_precision(items, t) for t in THRESHOLDS if t >= shown},
              "sentence_scores": {"all": sentence_scores(items), "reporter's voice": sentence_scores(items, quoted=False),
                                  "quoted": sentence_scores(items, quoted=True)}}
    result["spread"] = {g: round(statistics.pstdev(v), 3) for g, v in result["folds"].items()}
    return result
