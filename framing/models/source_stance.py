"""The source-stance model (models/source_stance.json): whether a source takes a side toward an actor,
and which, from the features of framing/analysis/sourcing.stance_features. Two logistic regressions
(does it take a side; critical rather than supportive when it does) and a threshold, as plain JSON
applied with the standard library; fitted on BASIL's quoted speakers by framing/training/stance.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from framing.models import shipped
from framing.models.linear import Linear

MODEL_FILE = "source_stance.json"
FORMAT = "framing.source_stance/1"
RULE_KINDS = ("affiliation", "self", "cue", "content", "adversary")
FEATURES = tuple(f"rule_{kind}" for kind in RULE_KINDS) + (
    "talks_about", "names_in_content", "principal", "top_actor", "tone_about", "tone_about_min", "tone_all",
    "bias_about", "bias_all", "direct_about", "loaded_about", "loaded_all", "ally_of_other", "ally_of_other_principal", "quoted_words",
    "paraphrased_words", "attributions", "unnamed")


@dataclass(frozen=True)
class StanceModel:
    takes_side: Linear  # P(the source is critical of or supportive of the actor)
    critical: Linear  # P(critical | it takes a side)
    threshold: float  # `takes_side` probability from which the source is on a side
    card: dict

    def stance(self, values: dict[str, float]) -> tuple[str | None, float]:
        """critical, supportive or None (no side), with the probability of the side given."""
        sided = self.takes_side.probability(values)
        if sided < self.threshold:
            return None, 1 - sided
        critical = self.critical.probability(values)
        return ("critical", critical) if critical >= 0.5 else ("supportive", 1 - critical)

    def strongest(self, by_actor: dict[str, dict[str, float]]) -> tuple[str, str, float] | None:
        """(actor id, stance, probability) for the one actor a source most likely takes a side on,
        if it takes one: the features are mostly the source's, so a second side would be a guess."""
        if not by_actor:
            return None
        actor = max(by_actor, key=lambda a: self.takes_side.probability(by_actor[a]))
        stance, probability = self.stance(by_actor[actor])
        return (actor, stance, probability) if stance else None


def to_json(model: StanceModel) -> str:
    return json.dumps({"format": FORMAT, "takes_side": model.takes_side.to_dict(), "critical": model.critical.to_dict(),
                       "threshold": model.threshold, "card": model.card}, indent=1)


def from_json(text: str) -> StanceModel:
    raw = json.loads(text)
    if raw.get("format") != FORMAT:
        raise ValueError(f"{MODEL_FILE}: format {raw.get('format')!r}, expected {FORMAT!r}")
    return StanceModel(Linear.from_dict(raw["takes_side"]), Linear.from_dict(raw["critical"]),
                       float(raw["threshold"]), raw.get("card", {}))


@cache
def shipped_model() -> StanceModel | None:
    """The model in models/, read once per process; None when it is not installed."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None
