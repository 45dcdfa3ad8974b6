"""Fitting and measuring the genre model (framing/models/genre.py): opinion or analysis against
straight news, from the genre signals of framing/analysis/genre.py.

Opinion: SemEval-2023 task 3's articles labelled opinion. Straight news: PolNeAR's wire copy (AP,
AFP, Reuters, UPI) and BASIL's news stories (grouped by event, so one story's three versions share a
fold). The two thresholds are set inside each training fold from an inner cross-validation, so that at
most READ_AS_OPINION of the wire copy and of BASIL's news there reads as opinion and at least
READ_AS_NEWS of each reads as straight news; the
held-out figures come from the outer folds with the whole fitting inside. SemEval's few articles
labelled reporting (many of them first-person blog posts) and PolNeAR's other outlets are checked,
not trained on."""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from framing.analysis import genre
from framing.api import audit_text
from framing.audit import BIASED_SENTENCE
from framing.models.genre import GenreModel
from framing.text.ingest import read_article
from framing.training import basil
from framing.training.data import polnear_rows, require
from framing.training.linear import fit_linear

C = 0.3  # inverse regularisation (0.03 to 3 gave held-out AUC within 0.01 of each other)
FOLDS = 5
READ_AS_OPINION = 0.05  # the share of held-in straight news (wire, BASIL: each) allowed to read as opinion
READ_AS_NEWS = 0.85  # the share of held-in straight news (wire, BASIL: each) that reads as straight news


@dataclass
class Example:
    kind: str  # opinion, wire, basil (trained on); reporting, satire, other news (checked)
    group: str  # articles of one group share a fold (a BASIL event, else the file)
    signals: dict[str, float]
    outlet: str = ""
    title: str = ""
    opinion: bool = field(init=False)

    def __post_init__(self):
        self.opinion = self.kind == "opinion"


TRAINED = ("opinion", "wire", "basil")


def _signals(text: str) -> dict[str, float]:
    audit = audit_text(text, readability=False)
    biased = [p is not None and p >= BIASED_SENTENCE for p in audit.bias_scores]
    return genre.signals(audit.document, audit.findings, audit.attributions, biased)


def examples(data: Path) -> list[Example]:
    """Every article of SemEval-2023, PolNeAR and BASIL with its genre signals."""
    found = []
    semeval = require(data / "semeval2023", "SemEval-2023")
    with (semeval / "labels.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = semeval / "articles" / f"article{row['id']}.txt"
            if path.exists():
                found.append(Example(row["genre"], path.name, _signals(read_article(str(path)))))
    for row, path in polnear_rows(data):
        found.append(Example("wire" if row["wire_agency"] else "other news", path.name,
                             _signals(read_article(str(path))), row["publisher"], row["title"]))
    for article in basil.load(data):
        found.append(Example("basil", f"basil:{article.event}", _signals(article.text), article.outlet, article.title))
    return found


def _folds(items: list[Example]) -> list[int]:
    groups = sorted({e.group for e in items})
    order = {g: i % FOLDS for i, g in enumerate(np.random.default_rng(0).permutation(groups))}
    return [order[e.group] for e in items]


def _fit_linear(items: list[Example]):
    return fit_linear([e.signals for e in items], [e.opinion for e in items], genre.FEATURES, C, balanced=True)


def fit(items: list[Example], card: dict | None = None) -> GenreModel:
    """The model on `items` (trained kinds only), its thresholds from an inner cross-validation."""
    items = [e for e in items if e.kind in TRAINED]
    folds = _folds(items)
    held = np.zeros(len(items))
    for k in range(FOLDS):
        inner = _fit_linear([e for e, f in zip(items, folds) if f != k])
        for i, (e, f) in enumerate(zip(items, folds)):
            if f == k:
                held[i] = inner.probability(e.signals)
    news = {kind: np.array([p for p, e in zip(held, items) if e.kind == kind]) for kind in TRAINED if kind != "opinion"}
    opinion_from = max(float(np.quantile(scores, 1 - READ_AS_OPINION)) for scores in news.values())
    news_below = min(float(np.quantile(scores, READ_AS_NEWS)) for scores in news.values())
    return GenreModel(_fit_linear(items), round(opinion_from, 3), round(min(news_below, opinion_from), 3), card or {})


def label(model: GenreModel, example: Example) -> str:
    return model.label(model.opinion.probability(example.signals))


def cross_validate(items: list[Example]) -> dict:
    """Held-out figures by fold: the whole fitting (thresholds included) inside each outer fold."""
    trained = [e for e in items if e.kind in TRAINED]
    folds = _folds(trained)
    labels, probabilities = [""] * len(trained), np.zeros(len(trained))
    for k in range(FOLDS):
        model = fit([e for e, f in zip(trained, folds) if f != k])
        for i, (e, f) in enumerate(zip(trained, folds)):
            if f == k:
                labels[i], probabilities[i] = label(model, e), model.opinion.probability(e.signals)

    def share(kind: str, wanted: str, fold: int | None = None) -> float:
        got = [lab == wanted for lab, e, f in zip(labels, trained, folds) if e.kind == kind and fold in (None, f)]
        return round(sum(got) / len(got), 3) if got else None

    rows = {"opinion read as opinion": ("opinion", "opinion"), "wire read as opinion": ("wire", "opinion"),
            "wire read as straight news": ("wire", "news"), "BASIL news read as opinion": ("basil", "opinion"),
            "BASIL news read as straight news": ("basil", "news")}
    figures = {name: {"value": share(kind, wanted),
                      "spread": round(statistics.pstdev([v for v in (share(kind, wanted, f) for f in range(FOLDS))
                                                         if v is not None]), 3)}
               for name, (kind, wanted) in rows.items()}
    return {"auc": round(_auc([e.opinion for e in trained], probabilities), 3), "figures": figures,
            "articles": {kind: sum(e.kind == kind for e in trained) for kind in TRAINED}}


def checks(model: GenreModel, items: list[Example]) -> dict:
    """How the final model reads the articles it was not trained on: SemEval's reporting and satire,
    and PolNeAR's other outlets (share read as opinion, per outlet)."""
    result = {}
    for kind in ("reporting", "satire"):
        got = [label(model, e) for e in items if e.kind == kind]
        result[f"SemEval {kind}"] = {lab: got.count(lab) for lab in ("opinion", "mixed", "news")}
    outlets = sorted({e.outlet for e in items if e.kind == "other news"})
    result["PolNeAR other news read as opinion"] = {
        outlet: round(float(np.mean([label(model, e) == "opinion" for e in items
                                     if e.kind == "other news" and e.outlet == outlet])), 3) for outlet in outlets}
    return result


def _auc(truth: list[bool], scores: np.ndarray) -> float:
    """The probability that an opinion piece scores above a news article (ties count half)."""
    positive, negative = scores[np.array(truth)], scores[~np.array(truth)]
    wins = (positive[:, None] > negative[None, :]).sum() + 0.5 * (positive[:, None] == negative[None, :]).sum()
    return float(wins / (len(positive) * len(negative)))
