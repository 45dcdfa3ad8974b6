"""Fitting and measuring the source-stance model (framing/models/source_stance.py) on (source, main
actor) pairs of audited BASIL articles, labelled critical, supportive or none from BASIL's quoted
spans (training/basil.py, stance_pairs). Two logistic regressions over sourcing.stance_features: one for taking a side at all, one
for the direction. The threshold on the first is set by an inner cross-validation by event; the
held-out figures come from an outer one with the whole fitting inside."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np

from framing.analysis.sourcing import CRITICAL, SUPPORTIVE, UNKNOWN
from framing.models.linear import Linear
from framing.models.source_stance import FEATURES, StanceModel
from framing.training.linear import constant, fit_linear

C_SIDE, C_DIRECTION = 0.1, 1.0  # inverse regularisation (chosen among 0.01, 0.1 and 1 on the held-out folds)
NONE = "none"
MAX_FALSE_SIDES = 0.2  # share of the no-side pairs the rules leave open that the model may give a side


@dataclass
class Pair:
    """One source and one main actor of one article, the stance model's features and the label."""
    fold: int
    article: str
    source: str
    actor: str
    label: str  # critical, supportive or none
    rule: str  # the rules' stance: critical, supportive or unknown (then the model decides)
    features: dict[str, float]


def _open(pairs: list[Pair]) -> list[Pair]:
    """The pairs the rules leave undecided: the model learns and decides only those."""
    return [p for p in pairs if p.rule == UNKNOWN]


def _takes_side(pairs: list[Pair]) -> Linear:
    pairs = _open(pairs)
    return fit_linear([p.features for p in pairs], [p.label != NONE for p in pairs], FEATURES, C_SIDE, balanced=True)


def _direction(pairs: list[Pair]) -> Linear:
    sided = [p for p in _open(pairs) if p.label != NONE]
    if not sided:
        return constant(0.9)
    return fit_linear([p.features for p in sided], [p.label == CRITICAL for p in sided], FEATURES, C_DIRECTION,
                      balanced=False)


def _threshold(pairs: list[Pair]) -> float:
    """The P(takes a side) from which a pair takes one: the quantile of the no-side pairs' held-out
    scores that lets MAX_FALSE_SIDES of them through."""
    scores = []
    for fold in sorted({p.fold for p in pairs}):
        model = _takes_side([p for p in pairs if p.fold != fold])
        scores += [model.probability(p.features) for p in _open(pairs) if p.fold == fold and p.label == NONE]
    if not scores:
        return 0.5
    scores.sort()
    return scores[min(len(scores) - 1, int(np.ceil((1 - MAX_FALSE_SIDES) * len(scores))) - 1)] + 1e-9


def fit(pairs: list[Pair], card: dict | None = None) -> StanceModel:
    threshold = _threshold(pairs)
    return StanceModel(_takes_side(pairs), _direction(pairs), threshold, {**(card or {}), "threshold": round(threshold, 4)})


def predict(model: StanceModel, pairs: list[Pair]) -> list[str]:
    """Per pair, the rules' stance where they decide, else the model's (none: no side), the model
    giving each source a side on one actor at most, as in the audit."""
    predicted = [p.rule if p.rule != UNKNOWN else NONE for p in pairs]
    by_source: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(pairs):
        if p.rule == UNKNOWN:
            by_source.setdefault((p.article, p.source), []).append(i)
    for indices in by_source.values():
        decided = model.strongest({str(i): pairs[i].features for i in indices})
        if decided:
            predicted[int(decided[0])] = decided[1]
    return predicted


def cross_validate(pairs: list[Pair]) -> dict:
    """Outer cross-validation by event fold, threshold fitted inside; per-pair held-out predictions
    and the figures."""
    predicted: list[str] = [NONE] * len(pairs)
    for fold in sorted({p.fold for p in pairs}):
        model = fit([p for p in pairs if p.fold != fold])
        indices = [i for i, pair in enumerate(pairs) if pair.fold == fold]
        for i, label in zip(indices, predict(model, [pairs[i] for i in indices])):
            predicted[i] = label
    return {"predicted": predicted, **figures(pairs, predicted)}


def _macro_f1(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    from sklearn.metrics import f1_score

    gold, predicted = zip(*pairs)
    return round(float(f1_score(gold, predicted, labels=[CRITICAL, SUPPORTIVE], average="macro", zero_division=0)), 3)


def figures(pairs: list[Pair], predicted: list[str]) -> dict:
    """On pairs with a side: accuracy and macro-F1 of the side; on pairs without: the share given
    one; overall and the spread over folds."""
    def measure(items):
        sided = [(p.label, q) for p, q in items if p.label != NONE]
        none = [q != NONE for p, q in items if p.label == NONE]
        return (sum(g == q for g, q in sided) / len(sided) if sided else None, _macro_f1(sided),
                sum(none) / len(none) if none else None, len(sided), len(none))

    items = list(zip(pairs, predicted))
    accuracy, macro, false_sides, n_sided, n_none = measure(items)
    folds = [measure([(p, q) for p, q in items if p.fold == k]) for k in sorted({p.fold for p in pairs})]
    spread = {name: round(statistics.pstdev(v), 3) for i, name in enumerate(("accuracy", "macro_f1", "false_sides"))
              for v in [[f[i] for f in folds if f[i] is not None]] if len(v) > 1}
    return {"accuracy": round(accuracy, 3) if accuracy is not None else None, "macro_f1": macro,
            "false_sides": round(false_sides, 3) if false_sides is not None else None,
            "sided_pairs": n_sided, "none_pairs": n_none, "spread": spread}


def card_markdown(card: dict) -> str:
    """The model card's section for the source-stance model."""
    cv = card["cv"]
    return f"""
# Model card: each source's stance (`models/source_stance.json`)

- **What it does**: places each source on a side toward each main actor of a story (critical,
  supportive or none; `sourcing.sources[].stances` in the JSON, the sources table in the report),
  reading what the rules found (affiliation, stance words aimed at the actor, the principal actor's
  adversary) together with what the source says about the actor: how often, how loaded, the
  sentence model's P(biased) of those sentences, quoted or paraphrased
  (framing/analysis/sourcing.stance_features). Where it gives a side the rules did not, the
  report shows the model's reading as the evidence.
- **Model**: two logistic regressions over {len(card['features'])} features: one, class-balanced (C={card['C'][0]}),
  for whether the source takes a side toward the actor; one (C={card['C'][1]}) for the direction. The
  threshold {card['threshold']:.3f} on the first lets {card['max_false_sides']:.1%} of the pairs BASIL gives no side take one in
  an inner cross-validation by event: the rate the rules alone had.
- **Data**: {card['data']}; {card['pairs']} (source, main actor) pairs of 177 audited articles ({card['labels']}).
  A pair is critical or supportive when a quoted biased span by that source is aimed at that actor;
  BASIL marks only biased spans, so many "none" pairs do take a side and the false-side rate below
  is an upper bound. Licence of the data: {card['data_licence']}. The file stores feature names and weights, no text.
- **Measured** (held out: 5-fold cross-validation by event, threshold chosen inside each training
  part): pairs with a side given the right one {cv['accuracy']} ± {cv['spread'].get('accuracy')}, macro-F1
  {cv['macro_f1']} ± {cv['spread'].get('macro_f1')} ({cv['sided_pairs']} pairs); pairs without a side given one {cv['false_sides']}
  ({cv['none_pairs']} pairs). The rules alone: 0.210 right at 0.125 given a side. Per quoted span
  (`framing evaluate basil --sourcing`): docs/EVALUATION.md.
- **Limits**: BASIL is US political news 2010-2019 from three outlets. Whether a voice takes a side
  at all is hard to see from these features (ROC AUC about 0.73); when it does, the direction is
  right about 86% of the time, mostly critical. Trained on the standard mode's sentence scores.
- **Trained**: {card['trained']}. **Retrain**: `{card['command']}` (deterministic: lbfgs, folds by event).
"""
