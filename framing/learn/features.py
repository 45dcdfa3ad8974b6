"""Sentence features beyond n-grams: lexicon matches and VADER sentiment (scikit-learn transformers)."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

_WORD = re.compile(r"[a-z][a-z'’-]*")


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _category_patterns() -> dict[str, re.Pattern]:
    """One alternation of all flagged entries per category of the shipped lexicons."""
    from framing import lexicon

    grouped: dict[str, list[str]] = {}
    for entry in (e for dimension in lexicon.FINDING_DIMENSIONS for e in lexicon.by_dimension(dimension)):
        if entry.loaded:
            core = entry.regex.pattern.removeprefix(lexicon.WORD_START).removesuffix(lexicon.WORD_END)
            grouped.setdefault(entry.category, []).append(core)
    return {c: re.compile(lexicon.WORD_START + "(?:" + "|".join(cores) + ")" + lexicon.WORD_END, re.IGNORECASE)
            for c, cores in grouped.items()}


def sentiment(text: str) -> float:
    """VADER's compound score of `text`, -1 (negative) .. 1 (positive), negation and boosters included."""
    return _vader().polarity_scores(text)["compound"]


class LexiconCounts(BaseEstimator, TransformerMixin):
    """Per category of the shipped lexicons, how many matches the sentence has."""

    def fit(self, X, y=None):
        self.categories_ = sorted(_category_patterns())
        return self

    def transform(self, X):
        patterns = _category_patterns()
        out = np.zeros((len(X), len(self.categories_)))
        for column, category in enumerate(self.categories_):
            if category in patterns:
                for row, text in enumerate(X):
                    out[row, column] = len(patterns[category].findall(text))
        return out

    def get_feature_names_out(self, input_features=None):
        return np.array([f"lexicon:{c}" for c in self.categories_])


class Sentiment(BaseEstimator, TransformerMixin):
    """Word valences from VADER's lexicon: mean negative, mean positive, strongest, share of valenced words."""

    NAMES = ("neg", "pos", "max_valence", "valenced_share")

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        valence = _vader().lexicon
        rows = []
        for text in X:
            words = _WORD.findall(text.lower())
            values = [valence[w] for w in words if w in valence]
            n = max(len(words), 1)
            rows.append([-sum(v for v in values if v < 0) / n, sum(v for v in values if v > 0) / n,
                         max((abs(v) for v in values), default=0.0), len(values) / n])
        return np.array(rows)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"vader:{n}" for n in self.NAMES])
