"""The writer's-stance model (models/writer_stance.json): a logistic regression over the narration
features of one actor (framing/analysis/writer.py) giving the probability that the writer leans
either way, a threshold, and a second small regression for the direction. Plain JSON, applied
with the standard library; fitted by framing/training/writer.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from framing.models import shipped
from framing.models.linear import Linear

MODEL_FILE = "writer_stance.json"
FORMAT = "framing.writer_stance/1"


@dataclass(frozen=True)
class WriterModel:
    leans: Linear  # P(the writer leans either way: negative or positive rather than neutral)
    negative: Linear  # P(negative | the writer leans)
    threshold: float  # `leans` probability from which the label is not neutral
    card: dict


def to_json(model: WriterModel) -> str:
    return json.dumps({"format": FORMAT, "leans": model.leans.to_dict(), "negative": model.negative.to_dict(),
                       "threshold": model.threshold, "card": model.card}, indent=1)


def from_json(text: str) -> WriterModel:
    raw = json.loads(text)
    if raw.get("format") != FORMAT:
        raise ValueError(f"{MODEL_FILE}: format {raw.get('format')!r}, expected {FORMAT!r}")
    return WriterModel(Linear.from_dict(raw["leans"]), Linear.from_dict(raw["negative"]), float(raw["threshold"]),
                       raw.get("card", {}))


@cache
def shipped_model() -> WriterModel | None:
    """The model in models/, read once per process; None when it is not installed."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None
