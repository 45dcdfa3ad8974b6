"""Experiment (not shipped): do word-model features help the BABE sentence model?

For each of the 5 folds of `framing evaluate babe` (StratifiedKFold, seed 0): train the word model
on the training fold's BABE biased words and all of PTC; give every sentence five features from
its words' P(loaded) (highest, mean, words >= 0.5, words >= 0.7, second highest), out-of-fold
(inner 5-fold) for the training sentences; add them, scaled, to the shipped sentence features.
Prints the macro-F1 of the shipped model and of the stacked one per fold, then the means.

    .venv/bin/python experiments/babe_stacking.py [--data ../shared/data]

Result on 2026-11-24 (docs/EVALUATION.md): 0.745 -> 0.762 ± 0.022. About 8 minutes on 2 cores.
"""

import argparse
import statistics
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from framing.training import evaluate as ev
from framing.training.sentence_bias import build_pipeline


def word_features(word_model, example) -> list[float]:
    rows = example[0]
    p = word_model.predict_proba(rows)[:, 1] if rows else np.array([0.0])
    second = np.sort(p)[-2] if len(p) > 1 else 0.0
    return [p.max(), p.mean(), (p >= 0.5).sum(), (p >= 0.7).sum(), second]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    data = Path(parser.parse_args().data)
    rows = ev.load_babe(data)
    babe, ptc = ev.babe_word_examples(data), ev.ptc_word_examples(data)  # babe in the order of rows
    texts = np.array([r.text for r in rows], dtype=object)
    labels = np.array([int(r.biased) for r in rows])
    shipped, stacked = [], []
    for train, test in StratifiedKFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(texts, labels):
        train_features = np.zeros((len(train), 5))
        inner = StratifiedKFold(5, shuffle=True, random_state=1).split(texts[train], labels[train])
        for inner_train, inner_test in inner:
            model = ev.fit_words([babe[train[j]] for j in inner_train] + ptc)
            for j in inner_test:
                train_features[j] = word_features(model, babe[train[j]])
        model = ev.fit_words([babe[i] for i in train] + ptc)
        test_features = np.array([word_features(model, babe[i]) for i in test])
        pipeline = build_pipeline()
        union, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
        X_train, X_test = union.fit_transform(texts[train]), union.transform(texts[test])
        classifier.fit(X_train, labels[train])
        shipped.append(f1_score(labels[test], classifier.predict(X_test), average="macro"))
        scaler = StandardScaler().fit(train_features)
        X_train = hstack([X_train, csr_matrix(scaler.transform(train_features))]).tocsr()
        X_test = hstack([X_test, csr_matrix(scaler.transform(test_features))]).tocsr()
        both = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(X_train, labels[train])
        stacked.append(f1_score(labels[test], both.predict(X_test), average="macro"))
        print(f"fold: shipped {shipped[-1]:.3f}, stacked {stacked[-1]:.3f}", flush=True)
    print(f"shipped {statistics.mean(shipped):.3f} ± {statistics.stdev(shipped):.3f}; "
          f"stacked {statistics.mean(stacked):.3f} ± {statistics.stdev(stacked):.3f}")


if __name__ == "__main__":
    main()
