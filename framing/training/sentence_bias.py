"""Fitting the sentence bias model (framing/models/sentence_bias.py applies it): the scikit-learn
Pipeline, its JSON and the Pipeline rebuilt from that JSON (to check the audit's numbers against)."""

from __future__ import annotations

import json

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from framing.models.sentence_bias import CHAR_NGRAMS, FORMAT, WORD_NGRAMS, WORD_TOKENS
from framing.training.features import LexiconCounts, Sentiment


def build_pipeline(C: float = 1.0) -> Pipeline:
    """The untrained model (fixed hyper-parameters; see docs/EVALUATION.md)."""
    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=WORD_NGRAMS, token_pattern=WORD_TOKENS, sublinear_tf=True, min_df=2,
                                  max_features=20000)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, min_df=3,
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
    """The fitted Pipeline rebuilt from `to_json` output (the audit reads the JSON without it)."""
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
