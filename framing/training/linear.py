"""Fitting the plain-number logistic regressions of framing/models/linear.py with scikit-learn."""

from __future__ import annotations

import math

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from framing.models.linear import Linear


def constant(probability: float) -> Linear:
    """A model that gives `probability` whatever the features."""
    return Linear((), (), (), (), math.log(probability / (1 - probability)))


def fit_linear(rows: list[dict[str, float]], target: list[bool], features: tuple[str, ...], c: float,
               balanced: bool) -> Linear:
    """A logistic regression on standardised `features` of `rows`, as plain numbers (a constant when
    `target` holds one class only)."""
    if len(set(target)) < 2:
        return constant(0.999 if target and target[0] else 0.001)
    x = np.array([[row[name] for name in features] for row in rows])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=2000)
    model.fit((x - scaler.mean_) / scale, target)
    return Linear(features, tuple(float(v) for v in scaler.mean_), tuple(float(v) for v in scale),
                  tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]))
