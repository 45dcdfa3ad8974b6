"""Sentence-level bias probability, trained on BABE `label_bias`.

A logistic regression over word 1-2-gram and char_wb 3-4-gram TF-IDF, lexicon counts and VADER
valences (fitted with scikit-learn by framing/training/sentence_bias.py). Saved as JSON
(vocabularies, idf, scalers and coefficients; no pickle) and applied here with numpy alone: the
same numbers, in the same order of summation, as the fitted scikit-learn Pipeline's predict_proba,
without importing scikit-learn or scipy at audit time.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

import numpy as np

from framing.models import shipped
from framing.models.features import Matches, lexicon_counts, sentiment_features
from framing.resources import WORD_TABLE_LIMIT, data_dir

MODEL_FILE = "sentence_bias.json"
FORMAT = "framing.sentence_bias/1"
# The vectorizers' fixed settings (framing/training/sentence_bias.py builds them from these):
# lower-cased, sublinear tf, idf, l2 norm; words as scikit-learn's default token pattern finds them.
WORD_TOKENS = r"(?u)\b\w\w+\b"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 4)


class SentenceModel:
    """The fitted model's arrays: per block (words, chars, lexicon, sentiment) its columns, then one
    coefficient vector over all of them, in that order."""

    def __init__(self, state: dict):
        self.card = state.get("card", {})
        self.C = state["C"]
        self.word_vocabulary = {term: i for i, term in enumerate(state["words"]["terms"])}
        self.word_idf = np.array(state["words"]["idf"])
        self.char_vocabulary = {term: i for i, term in enumerate(state["chars"]["terms"])}
        self.char_idf = np.array(state["chars"]["idf"])
        self.lexicon_categories = state["lexicon_categories"]
        self.lexicon_mean, self.lexicon_scale = (np.array(x) for x in state["lexicon_scaler"])
        self.sentiment_mean, self.sentiment_scale = (np.array(x) for x in state["sentiment_scaler"])
        coef = np.array(state["coef"])
        sizes = [len(self.word_idf), len(self.char_idf), len(self.lexicon_categories), len(self.sentiment_mean)]
        if sum(sizes) != len(coef):
            raise ValueError(f"{FORMAT}: {len(coef)} coefficients for {sum(sizes)} features")
        self.word_coef, self.char_coef, self.lexicon_coef, self.sentiment_coef = np.split(coef, np.cumsum(sizes)[:-1])
        self.intercept = float(state["intercept"])
        self._tokens = re.compile(WORD_TOKENS).findall
        self._char_columns: dict[str, tuple[int, ...]] = {}  # word -> its char n-grams' columns (bounded)

    def probabilities(self, sentences: list[str], memo: Matches | None = None) -> list[float]:
        """P(biased) of each sentence. Each sentence's margin is summed as scipy's sparse product
        sums it (the word columns in order, then the char columns, lexicon, sentiment) and the
        sigmoid is the C library's exp, as scikit-learn's: the probabilities are bit for bit its own."""
        n = len(sentences)
        lowered = [s.lower() for s in sentences]
        parts = [self._tfidf(lowered, self._word_columns, self.word_idf, self.word_coef),
                 self._tfidf(lowered, self._char_gram_columns, self.char_idf, self.char_coef)]
        for values, mean, scale, coef in (
                (lexicon_counts(sentences, self.lexicon_categories, memo), self.lexicon_mean, self.lexicon_scale,
                 self.lexicon_coef),
                (sentiment_features(sentences), self.sentiment_mean, self.sentiment_scale, self.sentiment_coef)):
            values = (values - mean) / scale
            parts.append((np.repeat(np.arange(n), values.shape[1]), (values * coef).ravel()))
        rows = np.concatenate([r for r, _ in parts])
        terms = np.concatenate([t for _, t in parts])
        margins = np.bincount(rows, weights=terms, minlength=n) + self.intercept  # per row, in element order
        return [1.0 / (1.0 + math.exp(-m)) for m in margins.tolist()]

    def _tfidf(self, lowered: list[str], columns_of, idf: np.ndarray, coef: np.ndarray):
        """(row, value * coefficient) of each non-zero TF-IDF feature, rows in order and columns
        ascending within a row: log(count) + 1 times idf, each row scaled to unit length."""
        found: list[int] = []
        lengths = []
        for sentence in lowered:
            columns = columns_of(sentence)
            found += columns
            lengths.append(len(columns))
        width = len(idf)
        keys = np.repeat(np.arange(len(lowered), dtype=np.int64) * width, lengths) + np.array(found, dtype=np.int64)
        unique, counts = np.unique(keys, return_counts=True)
        rows, columns = np.divmod(unique, width)
        values = np.log(counts.astype(np.float64))
        values += 1.0
        values *= idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(lowered)))
        values /= norms[rows]
        return rows, values * coef[columns]

    def _word_columns(self, sentence: str) -> list[int]:
        """The columns of the sentence's words and word pairs."""
        vocabulary = self.word_vocabulary
        words = self._tokens(sentence)
        grams = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
        return [c for c in map(vocabulary.get, grams) if c is not None]

    def _char_gram_columns(self, sentence: str) -> list[int]:
        """The columns of the sentence's char n-grams within words (padded by a space each side),
        each distinct word's remembered for the life of the process, up to WORD_TABLE_LIMIT words."""
        vocabulary, known = self.char_vocabulary, self._char_columns
        low, high = CHAR_NGRAMS
        found: list[int] = []
        for word in sentence.split():
            ids = known.get(word)
            if ids is None:
                padded = f" {word} "
                grams = [padded[i:i + n] for n in range(low, high + 1) for i in range(max(len(padded) - n, 0) + 1)]
                if len(padded) < high:  # scikit-learn counts a word shorter than n once, at the first such n
                    grams = grams[:grams.index(padded) + 1]
                ids = tuple(vocabulary[g] for g in grams if g in vocabulary)
                if len(known) < WORD_TABLE_LIMIT:
                    known[word] = ids
            found += ids
        return found


def from_json(text: str) -> SentenceModel:
    """The model saved by framing/training/sentence_bias.to_json."""
    state = json.loads(text)
    if state.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model")
    return SentenceModel(state)


@cache
def shipped_model() -> SentenceModel | None:
    """The model shipped in models/, built once per process; None when it is absent."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None


def shipped_card() -> dict:
    """The shipped model's card (data, licence, scores, date), from the model loaded once per process; {} without one."""
    model = shipped_model()
    return model.card if model else {}


def bias_scores(sentences: list[str], memo: Matches | None = None) -> list[float] | None:
    """P(biased) for each sentence, or None when no model is shipped; `memo` keeps the sentences'
    lexicon matches (see features.category_matches)."""
    model = shipped_model()
    if model is None or not sentences:
        return None
    return [round(p, 4) for p in model.probabilities(sentences, memo)]


def card_path() -> Path:
    return data_dir("models") / "MODEL_CARD.md"
