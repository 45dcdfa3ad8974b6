"""Fitting the word model (framing/models/word_model.py applies it): the scikit-learn Pipeline, its
JSON and the Pipeline rebuilt from that JSON (to check the audit's numbers against)."""

from __future__ import annotations

import json

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from framing.models.word_model import FORMAT, THRESHOLD


def build_pipeline(C: float = 0.5) -> Pipeline:
    return Pipeline([("vectorizer", DictVectorizer()),
                     ("classifier", LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))])


def to_json(pipeline: Pipeline, card: dict, threshold: float = THRESHOLD) -> str:
    vectorizer, classifier = pipeline.named_steps["vectorizer"], pipeline.named_steps["classifier"]
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.feature_names_, classifier.coef_[0])
               if abs(w) >= 1e-4}
    return json.dumps({"format": FORMAT, "card": card, "C": classifier.C, "threshold": threshold,
                       "intercept": float(classifier.intercept_[0]), "weights": weights},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def from_json(text: str) -> tuple[Pipeline, float]:
    """The fitted Pipeline and threshold rebuilt from `to_json` output (the audit reads the JSON without it)."""
    state = json.loads(text)
    if state.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model")
    pipeline = build_pipeline(state["C"])
    vectorizer, classifier = pipeline.named_steps["vectorizer"], pipeline.named_steps["classifier"]
    names = sorted(state["weights"])
    vectorizer.feature_names_ = names
    vectorizer.vocabulary_ = {name: i for i, name in enumerate(names)}
    classifier.coef_ = np.array([[state["weights"][n] for n in names]])
    classifier.intercept_ = np.array([state["intercept"]])
    classifier.classes_ = np.array([0, 1])
    return pipeline, state["threshold"]
