"""Training the attribution tagger (framing/models/attribution_tagger.py) on PolNeAR: a CRF for cues,
then, with out-of-fold cue fields, a CRF for sources and a per-token LogisticRegression for contents."""

from __future__ import annotations

import tempfile
import warnings
from dataclasses import dataclass

import numpy as np
import pycrfsuite
from scipy.sparse import csr_matrix
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from framing.models.attribution_tagger import (
    CUE_FIELDS, LABELS, ROLES, TOKEN_FIELDS, Encoder, Tagger, Tokens, _sentence_starts, cue_fields,
    labels_from_spans, reporting_words, token_fields, tokenize, viterbi,
)
from framing.text.document import build_document

C = 0.5  # the content tagger's LogisticRegression
C2 = 1.0  # the CRF's L2 weight: chosen on an 80/20 split of PolNeAR train (docs/EVALUATION.md)
OOF_FOLDS = 3
MAX_ITER = 300
# Subtracted from the O score of each role before decoding: the content tagger's precision exceeded
# its recall. Chosen on an 80/20 split of PolNeAR train (docs/EVALUATION.md): content overlap rose
# there and on dev; the cue tagger's exact F1 only fell, and a source bias that helped source F1
# a little took Martin Kobler's "condemned" from him in the Derna article.
SPAN_BIAS = {"cue": 0.0, "source": 0.0, "content": 1.0}


@dataclass
class Example:
    tokens: Tokens
    fields: dict[str, list[str]]
    labels: dict[str, list[str]]


def examples(annotations) -> list[Example]:
    """Tokens, fields and gold labels of PolNeAR annotation files."""
    result = []
    for ann in annotations:
        tokens = tokenize(build_document(ann.text, title=""))
        result.append(Example(tokens, token_fields(tokens, reporting_words()),
                              {role: labels_from_spans(tokens, ann.spans[role]) for role in ROLES}))
    return result


def _fit_chain(columns: np.ndarray, labels, starts: np.ndarray, width: int) -> tuple[np.ndarray, ...]:
    """A linear-chain CRF (python-crfsuite, L-BFGS, L2 `C2`) over each sentence's tokens, whose
    features are their column numbers; returned as weights (columns x O/B/I), intercepts and
    (from, to) transition scores, so that tagging needs no crfsuite."""
    trainer = pycrfsuite.Trainer(verbose=False)
    cuts = np.flatnonzero(np.r_[starts, True])  # where each sentence starts, and the end
    names = columns.astype(str)
    labels = list(labels)
    for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
        trainer.append(names[a:b].tolist(), labels[a:b])
    trainer.set_params({"c1": 0.0, "c2": C2, "max_iterations": MAX_ITER, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/chain.crfsuite"
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    weights = np.zeros((width, len(LABELS)), dtype=np.float32)
    for (attribute, label), weight in info.state_features.items():
        weights[int(attribute), LABELS.index(label)] = weight
    transitions = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (before, after), weight in info.transitions.items():
        transitions[LABELS.index(before), LABELS.index(after)] = weight
    return weights, np.zeros(len(LABELS), dtype=np.float32), transitions


def _fit_tokens(columns: np.ndarray, labels, width: int) -> tuple[np.ndarray, ...]:
    """A LogisticRegression per token (lbfgs stops at MAX_ITER iterations, on one thread so that the
    result does not depend on the machine's), as `_fit_chain`'s three arrays with no transitions; a
    label never seen in training never wins."""
    n, k = columns.shape
    one_hot = csr_matrix((np.ones(n * k, dtype=np.float32), columns.ravel(), np.arange(0, n * k + 1, k)),
                         shape=(n, width))
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(C=C, max_iter=MAX_ITER).fit(one_hot, np.asarray(labels))
    classes = list(model.classes_)
    coef = model.coef_ if len(classes) > 2 else np.vstack([-model.coef_[0], model.coef_[0]]) / 2
    intercept = model.intercept_ if len(classes) > 2 else np.array([-model.intercept_[0], model.intercept_[0]]) / 2
    weights = np.zeros((width, len(LABELS)), dtype=np.float32)
    intercepts = np.full(len(LABELS), -1e4, dtype=np.float32)
    for column, label in enumerate(LABELS):
        if label in classes:
            weights[:, column] = coef[classes.index(label)]
            intercepts[column] = intercept[classes.index(label)]
    return weights, intercepts, np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)


def _tag_columns(fitted: tuple[np.ndarray, ...], columns: np.ndarray, starts: np.ndarray) -> list[str]:
    """Labels of the tokens with these columns (`starts`: where sentences start), by what `_fit_chain` returned."""
    weights, intercepts, transitions = fitted
    return viterbi(weights[columns].sum(axis=1) + intercepts, transitions, starts)


def train(train_examples: list[Example], card: dict | None = None) -> Tagger:
    """Fit the cue tagger, its out-of-fold predictions, then the source and content taggers."""
    token_encoder = Encoder.fit([e.fields for e in train_examples], TOKEN_FIELDS)
    base = [token_encoder.columns(e.fields, e.tokens.sentence) for e in train_examples]
    starts = [_sentence_starts(e.tokens.sentence) for e in train_examples]  # a file's first token starts one
    fitted = {"cue": _fit_chain(np.vstack(base), np.concatenate([e.labels["cue"] for e in train_examples]),
                                np.concatenate(starts), token_encoder.width)}
    out_of_fold = {}  # example number -> its cue fields from a cue tagger fitted without it
    for fold in range(OOF_FOLDS):
        inside = [i for i in range(len(train_examples)) if i % OOF_FOLDS != fold]
        chain = _fit_chain(np.vstack([base[i] for i in inside]),
                           np.concatenate([train_examples[i].labels["cue"] for i in inside]),
                           np.concatenate([starts[i] for i in inside]), token_encoder.width)
        for i in range(fold, len(train_examples), OOF_FOLDS):
            is_cue = np.array(_tag_columns(chain, base[i], starts[i])) != "O"
            out_of_fold[i] = cue_fields(train_examples[i].tokens, is_cue)
    cue_field_lists = [out_of_fold[i] for i in range(len(train_examples))]
    cue_encoder = Encoder.fit(cue_field_lists, CUE_FIELDS)
    extra = np.vstack([cue_encoder.columns(f, e.tokens.sentence) for f, e in zip(cue_field_lists, train_examples)])
    both = np.hstack([np.vstack(base), extra + token_encoder.width])
    width = token_encoder.width + cue_encoder.width
    fitted["source"] = _fit_chain(both, np.concatenate([e.labels["source"] for e in train_examples]),
                                  np.concatenate(starts), width)
    fitted["content"] = _fit_tokens(both, np.concatenate([e.labels["content"] for e in train_examples]), width)
    weights, intercepts, transitions = ({role: fitted[role][k] for role in ROLES} for k in range(3))
    for role, bias in SPAN_BIAS.items():
        intercepts[role][0] -= bias
    return Tagger(token_encoder, cue_encoder, weights, intercepts, transitions, reporting_words(), card or {})
