"""A standardised logistic regression stored as plain numbers (JSON) and applied with the standard
library: the writer's-stance and source-stance models are made of these."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Linear:
    """A standardised logistic regression: sigmoid(intercept + sum(coef * (x - mean) / scale))."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(c * (values.get(name, 0.0) - m) / s
                                 for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept}

    @classmethod
    def from_dict(cls, raw: dict) -> Linear:
        return cls(tuple(raw["features"]), tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["coef"]),
                   float(raw["intercept"]))
