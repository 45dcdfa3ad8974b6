"""The sentence model's lexicon and sentiment features as scikit-learn transformers, for fitting;
the audit computes the same arrays with framing/models/features.py alone."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from framing.models.features import (SENTIMENT_NAMES, Matches, lexicon_categories, lexicon_counts,
                                     sentiment_features)


class LexiconCounts(BaseEstimator, TransformerMixin):
    """Per category of the shipped lexicons, how many matches the sentence has."""

    def fit(self, X, y=None):
        self.categories_ = lexicon_categories()
        return self

    def transform(self, X, memo: Matches | None = None):
        return lexicon_counts(list(X), self.categories_, memo)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"lexicon:{c}" for c in self.categories_])


class Sentiment(BaseEstimator, TransformerMixin):
    """Word valences from VADER's lexicon: mean negative, mean positive, strongest, share of valenced words."""

    NAMES = SENTIMENT_NAMES

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return sentiment_features(list(X))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"vader:{n}" for n in self.NAMES])
