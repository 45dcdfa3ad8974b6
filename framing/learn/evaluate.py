"""`framing evaluate` and `framing train`: measure on and learn from ../shared/data."""

from __future__ import annotations

import re
import statistics
from datetime import date
from pathlib import Path

from framing.learn.data import PTC_LOADED, load_babe, load_ptc

FOLDS, SEED = 5, 0
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def babe_sentence_cv(data: Path, folds: int = FOLDS) -> dict:
    """Stratified k-fold macro-F1 of the sentence model on BABE `label_bias`."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    from framing.learn.sentence_bias import build_pipeline

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


def _prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def babe_words(data: Path) -> dict:
    """Words inside loaded-language findings against BABE `biased_words` (micro P/R/F1 over sentence-word pairs)."""
    from framing.api import audit_text

    tp = n_pred = n_gold = 0
    for row in load_babe(data):
        gold = {w.lower() for w in row.biased_words}
        audit = audit_text(row.text, title="", readability=False)
        flagged = {w.lower() for f in audit.findings if f.dimension == "loaded_language" for w in _WORD.findall(f.text)}
        tp += len(flagged & gold)
        n_pred += len(flagged)
        n_gold += len(gold)
    p, r, f = _prf(tp, n_pred, n_gold)
    return {"task": "BABE biased words (lexicon findings)", "precision": p, "recall": r, "f1": f}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def ptc_spans(data: Path) -> dict:
    """SemEval-2020 Task 11 partial-overlap P/R/F1 of loaded-language findings against
    PTC Loaded_Language and Name_Calling,Labeling spans."""
    from framing.api import audit_text

    precision_sum = recall_sum = 0.0
    n_pred = n_gold = 0
    for article in load_ptc(data):
        gold = [(s, e) for s, e, technique in article.spans if technique in PTC_LOADED and e > s]
        audit = audit_text(article.text, readability=False)
        predicted = [(f.start, f.end) for f in audit.findings if f.dimension == "loaded_language"]
        precision_sum += sum(sum(_overlap(s, t) for t in gold) / (s[1] - s[0]) for s in predicted)
        recall_sum += sum(sum(_overlap(s, t) for s in predicted) / (t[1] - t[0]) for t in gold)
        n_pred += len(predicted)
        n_gold += len(gold)
    p = min(1.0, precision_sum / n_pred) if n_pred else 0.0
    r = min(1.0, recall_sum / n_gold) if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"task": "PTC Loaded_Language + Name_Calling spans (partial overlap)", "predicted": n_pred,
            "gold": n_gold, "precision": p, "recall": r, "f1": f}


def train_sentence_model(data: Path, out_dir: Path) -> dict:
    """Cross-validate, then fit on all of BABE and write the model and its card to `out_dir`."""
    import numpy as np

    from framing.learn.sentence_bias import MODEL_FILE, build_pipeline, to_json

    cv = babe_sentence_cv(data)
    rows = load_babe(data)
    model = build_pipeline().fit(np.array([r.text for r in rows], dtype=object), np.array([int(r.biased) for r in rows]))
    card = {
        "model": "sentence bias probability",
        "data": "BABE (Spinde et al., Findings of EMNLP 2021), babe_train.csv, label_bias Biased/Non-biased",
        "data_licence": "AGPL-3.0 (Media-Bias-Group); the model stores n-gram vocabularies and weights, no sentences",
        "sentences": len(rows),
        "trained": date.today().isoformat(),
        "cv_macro_f1": f"{cv['macro_f1_mean']:.3f} ± {cv['macro_f1_std']:.3f} ({cv['folds']}-fold, seed {SEED})",
        "command": "framing train --data ../shared/data",
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    from framing.output import write_atomic

    write_atomic(out_dir / MODEL_FILE, to_json(model, card) + "\n")
    write_atomic(out_dir / "MODEL_CARD.md", _card_markdown(card, cv))
    return {**card, "cv": cv}


def _card_markdown(card: dict, cv: dict) -> str:
    folds = ", ".join(f"{x:.3f}" for x in cv["macro_f1_folds"])
    return f"""# Model card: sentence bias (`models/sentence_bias.json`)

- **What it does**: gives each sentence a probability of being biased (`bias_score` in the JSON, the
  sentence strip in the report). It is a scikit-learn Pipeline: FeatureUnion of word 1-2-gram TF-IDF,
  character 3-5-gram TF-IDF, counts of the project's lexicon matches and VADER sentiment scores,
  then a class-balanced LogisticRegression (C=1).
- **Data**: {card['data']}; {card['sentences']} sentences (rows labelled 'No agreement' left out).
- **Licence of the data**: {card['data_licence']}.
- **Format**: JSON (vocabularies, idf weights, scaler statistics, coefficients); rebuilt into the
  same Pipeline on load. No pickle.
- **Measured**: macro-F1 {cv['macro_f1_mean']:.3f} ± {cv['macro_f1_std']:.3f}, {cv['folds']}-fold stratified
  cross-validation with seed {SEED} (folds: {folds}). C was chosen among 0.3, 1 and 3 on the same
  cross-validation, so the figure is slightly optimistic. Published: plain TF-IDF + logistic
  regression about 0.74, fine-tuned RoBERTa about 0.80. The issue's target of 0.78 is not reached.
- **Limits**: BABE is US political news from 2017-2020; BABE's experts agree only modestly
  (Krippendorff's alpha 0.42). The score reflects wording, not truth, and is weaker on other topics
  and regions (e.g. the Libyan article in ../shared/examples).
- **Trained**: {card['trained']}. **Retrain**: `{card['command']}` (deterministic: fixed folds, lbfgs solver).
"""
