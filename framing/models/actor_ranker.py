"""The actor ranker: a logistic regression over what the story tells of each actor (mentions,
headline, lede, kind, how often it only speaks; framing/analysis/actors.py FEATURES) giving the
probability that the actor is one of the story's main actors. Fitted on BASIL by
framing/training/actor_ranker.py and shipped as models/actor_ranker.json (weights, no pickle)."""

from __future__ import annotations

import json
import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from framing.models import shipped

MODEL_FILE = "actor_ranker.json"
FORMAT = "framing.actor_ranker/1"


@dataclass(frozen=True)
class ActorRanker:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    card: dict = field(default_factory=dict, compare=False)

    def probabilities(self, rows: list[dict[str, float]]) -> list[float]:
        """One probability per row of features (a feature the row lacks counts as 0)."""
        return [1 / (1 + math.exp(-(self.intercept + sum(w * row.get(f, 0.0) for f, w in zip(self.features, self.weights)))))
                for row in rows]


def to_json(model: ActorRanker) -> str:
    return json.dumps({"format": FORMAT, "features": list(model.features), "weights": [round(w, 6) for w in model.weights],
                       "intercept": round(model.intercept, 6), "card": model.card}, indent=1, ensure_ascii=False)


def from_json(text: str) -> ActorRanker:
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"not an actor ranker ({data.get('format')!r}, expected {FORMAT!r})")
    return ActorRanker(tuple(data["features"]), tuple(data["weights"]), data["intercept"], data.get("card", {}))


@cache
def shipped_ranker() -> ActorRanker | None:
    """The ranker in models/, or None when none is installed (the actors are then ranked by rule)."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None


_SHIPPED = object()
_OVERRIDE: ContextVar = ContextVar("actor_ranker_override", default=_SHIPPED)


@contextmanager
def override(model: ActorRanker | None):
    """Rank with `model` (None: by rule) instead of the shipped ranker inside the block (held-out
    evaluation)."""
    token = _OVERRIDE.set(model)
    try:
        yield model
    finally:
        _OVERRIDE.reset(token)


def active() -> ActorRanker | None:
    """The ranker in use: an override, else the shipped one (None: rank by rule)."""
    model = _OVERRIDE.get()
    return shipped_ranker() if model is _SHIPPED else model
