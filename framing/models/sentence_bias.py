"""Sentence-level bias probability, trained on BABE `label_bias`.

A scikit-learn Pipeline: FeatureUnion(word TF-IDF, char TF-IDF, lexicon counts, VADER) ->
LogisticRegression. Saved as JSON (vocabularies, idf, scaler and coefficients; no pickle) and
rebuilt on load into the same Pipeline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from weakref import WeakKeyDictionary

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler, normalize

from framing.models import shipped
from framing.models.features import LexiconCounts, Matches, Sentiment
from framing.resources import WORD_TABLE_LIMIT, data_dir

MODEL_FILE = "sentence_bias.json"
FORMAT = "framing.sentence_bias/1"


def build_pipeline(C: float = 1.0) -> Pipeline:
    """The untrained model (fixed hyper-parameters; see docs/EVALUATION.md)."""
    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=20000)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, min_df=3,
                                  max_features=20000)),
        ("lexicon", make_pipeline(LexiconCounts(), StandardScaler())),
        ("sentiment", make_pipeline(Sentiment(), StandardScaler())),
    ])
    return Pipeline([("features", features),
                     ("classifier", LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))])


def _tfidf_state(vectorizer: TfidfVectorizer) -> dict:
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {"terms": vocabulary, "idf": [round(float(x), 6) for x in vectorizer.idf_]}


def to_json(pipeline: Pipeline, card: dict) -> str:
    """The fitted pipeline's learned state as JSON."""
    parts = dict(pipeline.named_steps["features"].transformer_list)
    classifier = pipeline.named_steps["classifier"]
    state = {
        "format": FORMAT,
        "card": card,
        "C": classifier.C,
        "words": _tfidf_state(parts["words"]),
        "chars": _tfidf_state(parts["chars"]),
        "lexicon_categories": parts["lexicon"][0].categories_,
        "lexicon_scaler": [parts["lexicon"][1].mean_.tolist(), parts["lexicon"][1].scale_.tolist()],
        "sentiment_scaler": [parts["sentiment"][1].mean_.tolist(), parts["sentiment"][1].scale_.tolist()],
        "coef": [round(float(x), 6) for x in classifier.coef_[0]],
        "intercept": float(classifier.intercept_[0]),
    }
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def _restore_tfidf(vectorizer: TfidfVectorizer, state: dict) -> None:
    vectorizer.vocabulary_ = {term: i for i, term in enumerate(state["terms"])}
    vectorizer.idf_ = np.array(state["idf"])


def _restore_scaler(scaler: StandardScaler, state: list) -> None:
    scaler.mean_, scaler.scale_ = np.array(state[0]), np.array(state[1])
    scaler.var_ = scaler.scale_ ** 2
    scaler.n_features_in_ = len(scaler.mean_)


def from_json(text: str) -> Pipeline:
    """Rebuild the fitted Pipeline from `to_json` output."""
    state = json.loads(text)
    if state.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model")
    pipeline = build_pipeline(state["C"])
    parts = dict(pipeline.named_steps["features"].transformer_list)
    _restore_tfidf(parts["words"], state["words"])
    _restore_tfidf(parts["chars"], state["chars"])
    parts["lexicon"][0].categories_ = state["lexicon_categories"]
    _restore_scaler(parts["lexicon"][1], state["lexicon_scaler"])
    _restore_scaler(parts["sentiment"][1], state["sentiment_scaler"])
    classifier = pipeline.named_steps["classifier"]
    classifier.coef_ = np.array([state["coef"]])
    classifier.intercept_ = np.array([state["intercept"]])
    classifier.classes_ = np.array([0, 1])
    return pipeline


@cache
def shipped_model() -> Pipeline | None:
    """The model shipped in models/, built once per process; None when it is absent."""
    text = shipped.model_text(MODEL_FILE)
    return from_json(text) if text else None


def shipped_card() -> dict:
    return shipped.card(MODEL_FILE)


def bias_scores(sentences: list[str], memo: Matches | None = None) -> list[float] | None:
    """P(biased) for each sentence, or None when no model is shipped; `memo` keeps the sentences'
    lexicon matches (see features.category_matches)."""
    model = shipped_model()
    if model is None or not sentences:
        return None
    features = _transform(model.named_steps["features"], sentences, memo)
    return [round(float(p), 4) for p in model.named_steps["classifier"].predict_proba(features)[:, 1]]


def _transform(step, X, memo: Matches | None = None):
    """The fitted step's transform, walking FeatureUnion and Pipeline by hand: the same numbers as
    Pipeline.predict_proba, without its per-call dispatch (about 0.6 ms of an article's 5)."""
    if isinstance(step, FeatureUnion):
        return hstack([csr_matrix(_transform(part, X, memo)) for _, part in step.transformer_list]).tocsr()
    if isinstance(step, Pipeline):
        for _, part in step.steps:
            X = _transform(part, X, memo)
        return X
    if _plain_tfidf(step):
        return _fast_tfidf(step, X)
    if isinstance(step, LexiconCounts):
        return step.transform(X, memo)
    return step.transform(X)


def _plain_tfidf(step) -> bool:
    """A TfidfVectorizer with the settings `_fast_tfidf` reproduces (ours are): lowercase, no
    preprocessor, tokenizer or stop words, sublinear tf, idf, l2 norm; char_wb, or words in 1-2-grams."""
    return (isinstance(step, TfidfVectorizer) and step.lowercase and step.preprocessor is None
            and step.strip_accents is None and not step.binary and step.use_idf and step.sublinear_tf
            and step.norm == "l2" and (step.analyzer == "char_wb" or (
                step.analyzer == "word" and step.ngram_range == (1, 2) and step.tokenizer is None
                and step.stop_words is None)))


_WORD_COLUMNS: WeakKeyDictionary = WeakKeyDictionary()  # char vectorizer -> {word: its n-grams' columns}


def _fast_tfidf(vectorizer: TfidfVectorizer, sentences: list[str]):
    """vectorizer.transform(sentences) for a vectorizer `_plain_tfidf` accepts: the same numbers,
    counted without sklearn's per-feature Python loop (a third of the sentence model's time); for
    char n-grams each distinct word's columns are looked up once per process."""
    columns_of = _word_gram_columns(vectorizer) if vectorizer.analyzer == "word" else _char_gram_columns(vectorizer)
    rows: list[int] = []
    columns: list[int] = []
    for row, sentence in enumerate(sentences):
        ids = columns_of(sentence.lower())
        columns += ids
        rows += [row] * len(ids)
    counts = csr_matrix((np.ones(len(columns)), (rows, columns)), shape=(len(sentences), len(vectorizer.vocabulary_)))
    counts.sum_duplicates()
    np.log(counts.data, counts.data)
    counts.data += 1.0
    counts.data *= vectorizer.idf_[counts.indices]
    return normalize(counts, norm="l2", copy=False)


def _word_gram_columns(vectorizer: TfidfVectorizer):
    """sentence -> the columns of its words and word pairs (sklearn's word analyzer, 1-2-grams)."""
    vocabulary, tokens = vectorizer.vocabulary_, re.compile(vectorizer.token_pattern).findall

    def columns(sentence: str) -> list[int]:
        words = tokens(sentence)
        grams = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
        return [vocabulary[g] for g in grams if g in vocabulary]

    return columns


def _char_gram_columns(vectorizer: TfidfVectorizer):
    """sentence -> the columns of its char_wb n-grams, each distinct word's remembered (bounded)."""
    vocabulary = vectorizer.vocabulary_
    low, high = vectorizer.ngram_range
    known = _WORD_COLUMNS.setdefault(vectorizer, {})

    def columns(sentence: str) -> list[int]:
        found: list[int] = []
        for word in sentence.split():
            ids = known.get(word)
            if ids is None:
                padded = f" {word} "
                grams = [padded[i:i + n] for n in range(low, high + 1) for i in range(max(len(padded) - n, 0) + 1)]
                if len(padded) < high:  # sklearn counts a word shorter than n once, at the first such n
                    grams = grams[:grams.index(padded) + 1]
                ids = tuple(vocabulary[g] for g in grams if g in vocabulary)
                if len(known) < WORD_TABLE_LIMIT:
                    known[word] = ids
            found += ids
        return found

    return columns


def card_path() -> Path:
    return data_dir("models") / "MODEL_CARD.md"
