"""Word-level loaded-language probability, trained on BABE `biased_words` and PTC
Loaded_Language / Name_Calling spans.

Each content word becomes a feature dict (the word, affixes, shape, lexicon category, VADER
valence, neighbouring words, and its sentence's bias score from the sentence model); a logistic
regression over those features (fitted with scikit-learn's DictVectorizer + LogisticRegression by
framing/training/word_model.py) scores it. Saved as JSON (feature names and coefficients; no
pickle) and applied here from the weights alone, without scikit-learn.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from framing.models import shipped
from framing.models.features import Matches, _vader, category_matches
from framing.resources import word_list

MODEL_FILE = "word_loaded.json"
FORMAT = "framing.word_loaded/1"
THRESHOLD = 0.7  # best F1 among 0.5-0.9 in 5-fold CV on both BABE and PTC (docs/EVALUATION.md)
SENTENCE_GATE = 0.5  # model words count only in sentences the sentence model rates at least this biased
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@cache
def stop_words() -> frozenset[str]:
    """The function words the model skips (lexicons/stop_words.txt: scikit-learn's English list)."""
    return frozenset(word_list("stop_words.txt"))


def is_content(word: str) -> bool:
    lower = word.lower()
    return len(lower) >= 3 and lower not in stop_words()


def _shape(word: str) -> str:
    if word.isupper():
        return "UPPER"
    if word[0].isupper():
        return "Title"
    return "lower"


def _lexicon_marks(text: str) -> list[tuple[int, int, str]]:
    return category_matches([text])[0]


@cache
def _valences() -> dict[str, float]:
    return _vader().lexicon


def features(text: str, tokens: list[Word], marks: list[tuple[int, int, str]] | None = None,
             only: list[int] | None = None) -> list[dict]:
    """A feature dict for every token of `text`, or for the tokens at the positions `only` (the content
    words the caller keeps); `marks` are the lexicon matches in `text` when the caller has them already."""
    marks = _lexicon_marks(text) if marks is None else marks
    valence = _valences()
    rows = []
    lowers = [t.text.lower() for t in tokens]
    for i in range(len(tokens)) if only is None else only:
        token, lower = tokens[i], lowers[i]
        value = valence.get(lower, 0.0)
        row = {
            "w=" + lower: 1, "suf3=" + lower[-3:]: 1, "suf2=" + lower[-2:]: 1, "pre3=" + lower[:3]: 1,
            "shape=" + _shape(token.text): 1, "prev=" + (lowers[i - 1] if i else "<s>"): 1,
            "next=" + (lowers[i + 1] if i + 1 < len(tokens) else "</s>"): 1,
            "valence": value / 4.0, "abs_valence": abs(value) / 4.0, "len": min(len(lower), 15) / 15,
        }
        for start, end, category in marks:
            if start <= token.start and token.end <= end:
                row["lex=" + category] = 1
        rows.append(row)
    return rows


def with_sentence_bias(rows: list[dict], scores: list[float]) -> list[dict]:
    """The feature rows with each word's sentence bias score (the sentence model's P(biased)) added."""
    return [{**row, "sentence_bias": score} for row, score in zip(rows, scores)]


@dataclass(frozen=True)
class WordModel:
    """The fitted regression: a weight per feature name (features without one weigh nothing)."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    card: dict

    def probabilities(self, rows: list[dict]) -> np.ndarray:
        """P(loaded) of each feature row: the same numbers as the fitted Pipeline's predict_proba
        (each margin summed in the row's order, then numpy's exp)."""
        weights = self.weights
        margins = []
        for row in rows:
            total = 0.0
            for name, value in row.items():
                weight = weights.get(name)
                if weight is not None:
                    total += weight * value
            margins.append(self.intercept + total)
        return 1.0 / (1.0 + np.exp(-np.array(margins)))


def from_json(text: str) -> WordModel:
    """The model saved by framing/training/word_model.to_json."""
    state = json.loads(text)
    if state.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model")
    return WordModel(state["weights"], float(state["intercept"]),  # JSON numbers written from floats read as floats
                     state["threshold"], state.get("card", {}))


@cache
def shipped_model() -> WordModel | None:
    """The model shipped in models/, built once per process; None when it is absent."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None


def shipped_card() -> dict:
    """The shipped model's card (data, licence, scores, date), from the model loaded once per process; {} without one."""
    model = shipped_model()
    return model.card if model else {}


def score_sentences(texts: list[str], bias: list[float],
                    memo: Matches | None = None) -> list[list[tuple[Word, float]]]:
    """(word, P(loaded)) for each content word of each sentence, given the sentences' bias scores;
    empty lists when no model is shipped. `memo`: see features.category_matches."""
    model = shipped_model()
    if model is None:
        return [[] for _ in texts]
    return [list(zip(found, model.probabilities(rows).tolist())) if found else []
            for found, rows in content_rows(texts, bias, memo)]


def content_rows(texts: list[str], bias: list[float],
                 memo: Matches | None = None) -> list[tuple[list[Word], list[dict]]]:
    """Per sentence, its content words and their feature rows, its bias score included."""
    result = []
    for text, marks, sentence_bias in zip(texts, category_matches(texts, memo), bias):
        tokens = words(text)
        keep = [i for i, t in enumerate(tokens) if is_content(t.text)]
        rows = features(text, tokens, marks, keep) if keep else []
        result.append(([tokens[i] for i in keep], with_sentence_bias(rows, [sentence_bias] * len(keep))))
    return result
