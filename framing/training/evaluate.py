"""`framing evaluate` and `framing train`: measure on and learn from ../shared/data."""

from __future__ import annotations

import bisect
import re
import statistics
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold

from framing.api import audit_text
from framing.models import word_model as wm
from framing.text.document import build_document
from framing.training import word_model as word_training
from framing.training.sentence_bias import build_pipeline
from framing.training.data import load_babe, load_ptc

FOLDS, SEED = 5, 0
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def babe_sentence_cv(data: Path, folds: int = FOLDS) -> dict:
    """Stratified k-fold macro-F1 of the sentence model on BABE `label_bias`."""
    rows = load_babe(data)
    texts = np.array([r.text for r in rows], dtype=object)
    labels = np.array([int(r.biased) for r in rows])
    scores = []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(texts, labels):
        model = build_pipeline().fit(texts[train], labels[train])
        scores.append(f1_score(labels[test], model.predict(texts[test]), average="macro"))
    return {"task": "BABE sentence bias (label_bias)", "sentences": len(rows), "folds": folds,
            "macro_f1_mean": statistics.mean(scores), "macro_f1_std": statistics.stdev(scores),
            "macro_f1_folds": scores}


def prf(tp: float, n_pred: float, n_gold: float) -> dict:
    """Precision, recall and F1 from true positives and the predicted and gold counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def babe_word_examples(data: Path):
    """Per BABE sentence: (feature rows, labels, words) for its content words, and the gold word set."""
    examples = []
    for row in load_babe(data):
        tokens = wm.words(row.text)
        rows = wm.features(row.text, tokens)
        gold = row.gold_words
        keep = [i for i, t in enumerate(tokens) if wm.is_content(t.text)]
        examples.append(([rows[i] for i in keep], [int(tokens[i].text.lower() in gold) for i in keep],
                         [tokens[i] for i in keep], gold, row.text))
    return examples


def ptc_word_examples(data: Path):
    """Per PTC article: (feature rows, labels, words) for its content words, and the gold spans."""
    examples = []
    for article in load_ptc(data):
        tokens = wm.words(article.text)
        rows = wm.features(article.text, tokens)
        gold = article.loaded_spans
        keep = [i for i, t in enumerate(tokens) if wm.is_content(t.text)]
        labels = [int(any(s < tokens[i].end and tokens[i].start < e for s, e in gold)) for i in keep]
        examples.append(([rows[i] for i in keep], labels, [tokens[i] for i in keep], gold, article.text))
    return examples


def out_of_fold_bias(texts, labels, folds: int = FOLDS):
    """Each sentence's bias score from a sentence model fitted on the other folds (stratified k-fold):
    what the word model's `sentence_bias` feature is trained on, so it learns from honest scores."""
    scores = np.zeros(len(texts))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(texts, labels):
        scores[test] = build_pipeline().fit(texts[train], labels[train]).predict_proba(texts[test])[:, 1]
    return scores


def babe_sentence_model(data: Path):
    """The sentence model fitted on all of BABE (what `framing train` ships)."""
    rows = load_babe(data)
    return build_pipeline().fit(np.array([r.text for r in rows], dtype=object), np.array([int(r.biased) for r in rows]))


def with_bias(example, scores):
    """A word example with its words' sentence bias scores (one per sentence, or one per word) added."""
    rows, labels, tokens, gold, text = example
    scores = [scores] * len(rows) if isinstance(scores, float) else scores
    return wm.with_sentence_bias(rows, scores), labels, tokens, gold, text


def sentence_of(tokens, sentences) -> list[int]:
    """For each word, the index of the last sentence starting at or before it (0 before the first)."""
    starts = [s.start for s in sentences]
    return [max(0, bisect.bisect_right(starts, t.start) - 1) for t in tokens]


def ptc_word_bias(examples, sentence_model) -> list[list[float]]:
    """Per PTC article, the bias score of each content word's sentence."""
    result = []
    for _, _, tokens, _, text in examples:
        sentences = build_document(text).sentences
        if not sentences:
            result.append([0.0] * len(tokens))
            continue
        scores = sentence_model.predict_proba([text[s.start:s.end] for s in sentences])[:, 1]
        result.append([float(scores[k]) for k in sentence_of(tokens, sentences)])
    return result


def fit_words(examples):
    X = [x for ex in examples for x in ex[0]]
    y = [v for ex in examples for v in ex[1]]
    return word_training.build_pipeline().fit(X, y)


def _lexicon_words(text: str) -> list[tuple[int, int]]:
    """Spans of the rule-based loaded-language findings (the shipped word model is left out: it was
    trained on these data, so counting it here would leak)."""
    audit = audit_text(text, title="", readability=False)
    return [(f.start, f.end) for f in audit.findings if f.dimension == "loaded_language" and f.detector != "model"]


def babe_words(data: Path, threshold: float | None = None, folds: int = FOLDS) -> dict:
    """Flagged words against BABE `biased_words` (micro P/R/F1 over sentence-word pairs): the lexicon
    alone, and lexicon + word model under k-fold cross-validation."""
    threshold = wm.THRESHOLD if threshold is None else threshold
    examples = babe_word_examples(data)
    labels = np.array([int(row.biased) for row in load_babe(data)])
    texts = np.array([example[4] for example in examples], dtype=object)
    counts = {"lexicon": [0, 0, 0], "lexicon+model": [0, 0, 0], "gated": [0, 0, 0]}
    for train, test in KFold(folds, shuffle=True, random_state=SEED).split(examples):
        train_bias = out_of_fold_bias(texts[train], labels[train])
        model = fit_words([with_bias(examples[i], float(b)) for i, b in zip(train, train_bias)])
        sentences = build_pipeline().fit(texts[train], labels[train])
        sentence_scores = sentences.predict_proba(texts[test])[:, 1]
        for i, sentence_score in zip(test, sentence_scores):
            rows, _, tokens, gold, text = with_bias(examples[i], float(sentence_score))
            lexical = {w.lower() for s, e in _lexicon_words(text) for w in _WORD.findall(text[s:e])}
            probabilities = model.predict_proba(rows)[:, 1] if rows else []
            learned = {t.text.lower() for t, p in zip(tokens, probabilities) if p >= threshold}
            gated = learned if sentence_score >= wm.SENTENCE_GATE else set()
            for name, flagged in (("lexicon", lexical), ("lexicon+model", lexical | learned),
                                  ("gated", lexical | gated)):
                counts[name][0] += len(flagged & gold)
                counts[name][1] += len(flagged)
                counts[name][2] += len(gold)
    result = {"task": "BABE biased words", "folds": folds, "threshold": threshold}
    for name, (tp, n_pred, n_gold) in counts.items():
        result[name] = prf(tp, n_pred, n_gold)
    return result


def _merge_words(tokens, probabilities, threshold: float, text: str) -> list[tuple[int, int]]:
    """Flagged words as spans, adjacent flagged words (only spaces between) merged into one."""
    spans: list[list[int]] = []
    for token, p in zip(tokens, probabilities):
        if p < threshold:
            continue
        if spans and not text[spans[-1][1]:token.start].strip():
            spans[-1][1] = token.end
        else:
            spans.append([token.start, token.end])
    return [tuple(s) for s in spans]


def _partial_overlap(pairs) -> dict:
    """SemEval-2020 Task 11 span identification measure over (predicted, gold) span lists."""
    precision_sum = recall_sum = 0.0
    n_pred = n_gold = 0
    for predicted, gold in pairs:
        precision_sum += sum(sum(_overlap(s, t) for t in gold) / (s[1] - s[0]) for s in predicted)
        recall_sum += sum(sum(_overlap(s, t) for s in predicted) / (t[1] - t[0]) for t in gold)
        n_pred += len(predicted)
        n_gold += len(gold)
    p = min(1.0, precision_sum / n_pred) if n_pred else 0.0
    r = min(1.0, recall_sum / n_gold) if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted": n_pred, "gold": n_gold}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def ptc_spans(data: Path, threshold: float | None = None, folds: int = FOLDS) -> dict:
    """Partial-overlap P/R/F1 against PTC Loaded_Language + Name_Calling,Labeling spans: the lexicon
    alone, and lexicon + word model under k-fold cross-validation grouped by article."""
    threshold = wm.THRESHOLD if threshold is None else threshold
    plain = ptc_word_examples(data)
    word_bias = ptc_word_bias(plain, babe_sentence_model(data))  # the sentence model never sees PTC
    examples = [with_bias(example, scores) for example, scores in zip(plain, word_bias)]
    lexicon_pairs, combined_pairs, gated_pairs = [], [], []
    for train, test in KFold(folds, shuffle=True, random_state=SEED).split(examples):
        model = fit_words([examples[i] for i in train])
        for i in test:
            rows, _, tokens, gold, text = examples[i]
            lexical = _lexicon_words(text)
            probabilities = model.predict_proba(rows)[:, 1] if rows else []
            learned = [s for s in _merge_words(tokens, probabilities, threshold, text)
                       if not any(_overlap(s, t) for t in lexical)]
            in_biased = {t.start for t, score in zip(tokens, word_bias[i]) if score >= wm.SENTENCE_GATE}
            lexicon_pairs.append((lexical, gold))
            combined_pairs.append((lexical + learned, gold))
            gated_pairs.append((lexical + [w for w in learned if w[0] in in_biased], gold))
    return {"task": "PTC Loaded_Language + Name_Calling,Labeling spans (partial overlap)", "folds": folds,
            "threshold": threshold, "articles": len(examples), "lexicon": _partial_overlap(lexicon_pairs),
            "lexicon+model": _partial_overlap(combined_pairs), "gated": _partial_overlap(gated_pairs)}
