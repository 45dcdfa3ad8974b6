"""The genre model (models/genre.json): a logistic regression over the genre signals of
framing/analysis/genre.py giving P(opinion or analysis), with the two thresholds that turn it into
a reading. Plain JSON, applied with the standard library; fitted by framing/training/genre.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from framing.models import shipped
from framing.models.linear import Linear

MODEL_FILE = "genre.json"
FORMAT = "framing.genre/1"


@dataclass(frozen=True)
class GenreModel:
    opinion: Linear  # P(opinion or analysis) from the genre signals
    opinion_from: float  # from this probability the article reads as opinion or analysis
    news_below: float  # below this it reads as straight news; in between, as mixed
    card: dict

    def label(self, probability: float) -> str:
        """'opinion' (opinion or analysis), 'mixed' or 'news' (straight news) for P(opinion)."""
        return "opinion" if probability >= self.opinion_from else "news" if probability < self.news_below else "mixed"


def to_json(model: GenreModel) -> str:
    return json.dumps({"format": FORMAT, "opinion": model.opinion.to_dict(), "opinion_from": model.opinion_from,
                       "news_below": model.news_below, "card": model.card}, indent=1)


def from_json(text: str) -> GenreModel:
    raw = json.loads(text)
    if raw.get("format") != FORMAT:
        raise ValueError(f"{MODEL_FILE}: format {raw.get('format')!r}, expected {FORMAT!r}")
    return GenreModel(Linear.from_dict(raw["opinion"]), float(raw["opinion_from"]), float(raw["news_below"]),
                      raw.get("card", {}))


@cache
def shipped_model() -> GenreModel | None:
    """The model in models/, read once per process; None when it is not installed."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None
