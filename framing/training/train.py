"""`framing train` for the standard models: fit the sentence and word models on all of BABE (and PTC),
write them with the model card (MODEL_CARD.md), which also describes the taggers saved beside them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from framing.api import audit_text
from framing.models import attribution_tagger, contextual, contextual_tagger, sentence_bias, writer_stance
from framing.models import genre as genre_model
from framing.models import word_model as wm
from framing.outputs.files import write_atomic
from framing.training import basil
from framing.training import sentence_bias as sentence_training
from framing.training import contextual as contextual_train
from framing.training import genre as genre_training
from framing.training import tagger as tagger_training
from framing.training import word_model as word_training
from framing.training import writer as writer_training
from framing.training.evaluate import (
    SEED, babe_sentence_cv, babe_sentence_model, babe_word_examples, babe_words, fit_words, out_of_fold_bias, ptc_spans, ptc_word_bias, ptc_word_examples, with_bias,
)
from framing.training.data import load_babe


def train_word_model(data: Path, out_dir: Path) -> dict:
    """Fit the word model on all of BABE and PTC and write it to `out_dir`."""
    babe, ptc = babe_words(data), ptc_spans(data)
    babe_examples, ptc_examples = babe_word_examples(data), ptc_word_examples(data)
    texts = np.array([example[4] for example in babe_examples], dtype=object)
    babe_bias = out_of_fold_bias(texts, np.array([int(row.biased) for row in load_babe(data)]))
    ptc_bias = ptc_word_bias(ptc_examples, babe_sentence_model(data))
    model = fit_words([with_bias(ex, float(b)) for ex, b in zip(babe_examples, babe_bias)]
                       + [with_bias(ex, scores) for ex, scores in zip(ptc_examples, ptc_bias)])
    examples = babe_examples + ptc_examples
    card = {"model": "word-level loaded language probability",
            "data": "BABE biased_words (AGPL-3.0) and PTC Loaded_Language/Name_Calling,Labeling spans (research use)",
            "words": sum(len(ex[1]) for ex in examples), "trained": date.today().isoformat(),
            "cv_babe_words_f1": f"{babe['gated']['f1']:.3f} ({babe['folds']}-fold, as audits use it)",
            "cv_ptc_spans_f1": f"{ptc['gated']['f1']:.3f} ({ptc['folds']}-fold by article, partial overlap)",
            "command": "framing train --data ../shared/data"}
    write_atomic(out_dir / wm.MODEL_FILE, word_training.to_json(model, card) + "\n")
    return card


def train_sentence_model(data: Path, out_dir: Path) -> dict:
    """Cross-validate, then fit on all of BABE and write the model and its card to `out_dir`."""
    cv = babe_sentence_cv(data)
    model = babe_sentence_model(data)
    card = {
        "model": "sentence bias probability",
        "data": "BABE (Spinde et al., Findings of EMNLP 2021), babe_train.csv, label_bias Biased/Non-biased",
        "data_licence": "AGPL-3.0 (Media-Bias-Group); the model stores n-gram vocabularies and weights, no sentences",
        "sentences": cv["sentences"],
        "trained": date.today().isoformat(),
        "cv_macro_f1": f"{cv['macro_f1_mean']:.3f} ± {cv['macro_f1_std']:.3f} ({cv['folds']}-fold, seed {SEED})",
        "command": "framing train --data ../shared/data",
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / sentence_bias.MODEL_FILE, sentence_training.to_json(model, card) + "\n")
    write_atomic(out_dir / "MODEL_CARD.md", _card_markdown(card, cv) + _tagger_card_markdown(out_dir)
                 + _writer_card_markdown(out_dir) + _genre_card_from(out_dir) + _contextual_card_markdown(out_dir))
    return {**card, "cv": cv}


def train_writer_model(data: Path, out_dir: Path) -> dict:
    """Audit every BASIL article, cross-validate the writer's-stance model by event, fit it on every
    (article, main entity) pair, write it to `out_dir` and its section of `out_dir`/MODEL_CARD.md."""
    articles = basil.load(data)
    events = [a.event for a in articles]
    pairs = [pair for article in articles
             for pair in basil.writer_pairs(article, audit_text(article.text, readability=False),
                                            basil.fold_of(article.event, events))]
    cv = writer_training.cross_validate(pairs)
    labels = {f: sum(p.feeling == f for p in pairs) for f in ("neg", "neu", "pos")}
    principal_polar = [p for p in pairs if p.principal and p.feeling != "neu"]
    card = {"model": "the writer's own stance toward each main actor",
            "data": "BASIL (Fan et al., EMNLP 2019): the writer's feeling toward each main entity (author_feeling)",
            "data_licence": "none stated; research and evaluation use",
            "pairs": len(pairs), "labels": ", ".join(f"{n} {f}" for f, n in labels.items()),
            "features": list(writer_training.FEATURES), "C": writer_training.C,
            "keep_neutral": writer_training.KEEP_NEUTRAL,
            "cv_principal": cv["principal"], "cv_all_entities": cv["all"],
            "baseline_always_negative": round(sum(p.feeling == "neg" for p in principal_polar)
                                              / max(len(principal_polar), 1), 3),
            "trained": date.today().isoformat(), "command": "framing train --writer --data ../shared/data"}
    model = writer_training.fit(pairs, card)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / writer_stance.MODEL_FILE, writer_stance.to_json(model) + "\n")
    _replace_card_section(out_dir / "MODEL_CARD.md", _WRITER_CARD_TITLE, writer_training.card_markdown(model.card))
    return model.card


def train_genre_model(data: Path, out_dir: Path) -> dict:
    """Audit SemEval-2023, PolNeAR and BASIL, cross-validate the genre model, fit it on every trained
    article, write it to `out_dir` and its section of `out_dir`/MODEL_CARD.md."""
    items = genre_training.examples(data)
    cv = genre_training.cross_validate(items)
    card = {"model": "genre: opinion or analysis against straight news",
            "data": "SemEval-2023 task 3 (articles labelled opinion), PolNeAR's wire copy and BASIL's news stories",
            "data_licence": "research use; the model keeps 10 coefficients and their scaling, no text",
            "articles": cv["articles"], "features": list(genre_training.genre.FEATURES), "C": genre_training.C,
            "read_as_opinion": genre_training.READ_AS_OPINION, "read_as_news": genre_training.READ_AS_NEWS,
            "cv": cv, "trained": date.today().isoformat(), "command": "framing train --genre --data ../shared/data"}
    model = genre_training.fit(items, card)
    card["checks"] = genre_training.checks(model, items)
    card.update(opinion_from=model.opinion_from, news_below=model.news_below)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / genre_model.MODEL_FILE, genre_model.to_json(model) + "\n")
    _replace_card_section(out_dir / "MODEL_CARD.md", _GENRE_CARD_TITLE, _genre_card_markdown(card))
    return card


_WRITER_CARD_TITLE = "# Model card: the writer's own stance"
_GENRE_CARD_TITLE = "# Model card: genre"


def _genre_card_from(out_dir: Path) -> str:
    """The genre model's card section, from the model saved in `out_dir` (empty without one)."""
    path = out_dir / genre_model.MODEL_FILE
    return _genre_card_markdown(genre_model.from_json(path.read_text(encoding="utf-8")).card) if path.exists() else ""


def _genre_card_markdown(card: dict) -> str:
    figures = "; ".join(f"{name} {f['value']} ± {f['spread']}" for name, f in card["cv"]["figures"].items())
    checks = {name: ", ".join(f"{n} {k}" for k, n in value.items()) for name, value in card["checks"].items()}
    return f"""
{_GENRE_CARD_TITLE} (`models/genre.json`)

- **What it does**: says whether an article reads as opinion or analysis, as news with some signs of
  opinion, or as straight news (`genre` in the JSON, a line in the report's summary), from ten signals
  a reader can check: first and second person and modal verbs in the narration, questions,
  unattributed claims, loaded words and biased sentences in the writer's voice, attributions,
  quoted words, days of the week. A title that names its section ("Opinion:", "; News Analysis")
  decides the label. A logistic regression (C={card['C']}, balanced classes) in plain JSON.
- **Data**: {card['data']} ({", ".join(f"{n} {k}" for k, n in card['articles'].items())}).
  **Licence of the data**: {card['data_licence']}.
- **Thresholds**: opinion from P = {card['opinion_from']}, straight news below P = {card['news_below']}: set by an
  inner cross-validation so that {round(100 * card['read_as_opinion'])}% of the straight news reads as opinion and
  {round(100 * card['read_as_news'])}% as straight news.
- **Measured** (5 folds, BASIL by event, thresholds fitted inside each fold): AUC {card['cv']['auc']}; {figures}.
- **Checked, not trained on**: SemEval's articles labelled reporting read as {checks['SemEval reporting']} (many are
  first-person blog posts); its satire as {checks['SemEval satire']}; share of PolNeAR's other outlets read as
  opinion: {checks['PolNeAR other news read as opinion']} (read by hand: docs/EVALUATION.md).
- **Limits**: the opinion pieces all come from SemEval's outlets and the news from wire copy and three
  US outlets, so part of what the model learned may be the outlets' house style; signals in quoted
  speech that the quotation finder misses count as the writer's.
- **Trained**: {card['trained']}. **Retrain**: `{card['command']}`.
"""


def _writer_card_markdown(out_dir: Path) -> str:
    """The writer's-stance model's card section, from the model saved in `out_dir` (empty without one)."""
    path = out_dir / writer_stance.MODEL_FILE
    return writer_training.card_markdown(writer_stance.from_json(path.read_text(encoding="utf-8")).card) \
        if path.exists() else ""


def _replace_card_section(card_file: Path, title: str, section: str) -> None:
    """Put a model's section (starting with `title`) into the model card, in place of the old one or at the end."""
    text = card_file.read_text(encoding="utf-8") if card_file.exists() else ""
    start = text.find(title)
    if start < 0:
        write_atomic(card_file, text.rstrip("\n") + "\n" + section)
        return
    following = text.find("\n# Model card", start + 1)
    rest = text[following:] if following >= 0 else ""
    write_atomic(card_file, text[:start].rstrip("\n") + "\n" + section + rest)


def _card_markdown(card: dict, cv: dict) -> str:
    folds = ", ".join(f"{x:.3f}" for x in cv["macro_f1_folds"])
    return f"""# Model card: sentence bias (`models/sentence_bias.json`)

- **What it does**: gives each sentence a probability of being biased (`bias_score` in the JSON, the
  sentence strip in the report). It is a scikit-learn Pipeline: FeatureUnion of word 1-2-gram TF-IDF,
  character 3-4-gram TF-IDF, counts of the project's lexicon matches per category and word valences
  from VADER's lexicon,
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

# Model card: word-level loaded language (`models/word_loaded.json`)

- **What it does**: gives each content word a probability of being loaded. Audits report words at
  or above {wm.THRESHOLD} that no lexicon entry covers, and only in sentences the sentence model rates
  0.5 or more, as low-severity findings with rule `model.loaded` (candidates for the lexicon).
- **Model**: DictVectorizer over per-word features (the word, 2-3 letter affixes, shape, the project
  lexicon's category, VADER valence, neighbouring words, the sentence's bias score, trained on
  out-of-fold scores) and a class-balanced LogisticRegression (C=0.5).
- **Data**: BABE `biased_words` (AGPL-3.0) and PTC `Loaded_Language` and `Name_Calling,Labeling` spans
  (SemEval-2020 Task 11; research use only, not redistributable). The file stores feature names
  (single words and affixes) and weights, no sentences.
- **Measured** (`framing evaluate babe`, `framing evaluate ptc`; 5-fold CV, PTC folds by article):
  see docs/EVALUATION.md. About 0.4 word F1 on BABE and 0.25 partial-overlap F1 on PTC: below the
  issue's targets (0.55 and 0.50). The threshold 0.7 was chosen among 0.5 to 0.9 on the same CV.
- **Format**: JSON (feature name -> weight), rebuilt into the same Pipeline on load. No pickle.
"""


def _contextual_card_markdown(out_dir: Path) -> str:
    """The optional contextual mode's card section, when `out_dir` holds its models."""
    path, tagger = out_dir / contextual.MODEL_FILE, out_dir / contextual_tagger.MODEL_FILE
    if not path.exists():
        return ""
    tagger_card = contextual.load_arrays(tagger, contextual_tagger.FORMAT)[1]["card"] if tagger.exists() else None
    return "\n" + contextual_train.card_markdown(contextual.load_heads(path).card, tagger_card)


def _tagger_card_markdown(out_dir: Path) -> str:
    """The attribution tagger's card section, from the model saved in `out_dir` (empty without one)."""
    tagger = attribution_tagger.load(out_dir / attribution_tagger.MODEL_FILE)
    if tagger is None:
        return ""
    card, f1 = tagger.card, tagger.card["dev_f1"]
    return f"""
# Model card: attribution tagger (`models/{attribution_tagger.MODEL_FILE}`)

- **What it does**: marks the cue ("said", "according to"), the source and the content of every
  attribution, token by token (O/B/I, decoded with Viterbi so that a span never starts inside).
  The audit links each cue to the nearest source and content in its sentence; the rules fill in where the
  tagger finds none, and turn the source phrase into a name and a role.
- **Model**: linear models over one-hot token fields at window offsets (word, prefix, suffix, shape,
  reporting-verb lexicon, quoted or not, quote marks earlier or later in the sentence, word pairs, a
  word with its neighbour's shape). The source and content
  taggers add where the token lies relative to the nearest cue of its sentence (side, distance, the
  cue word, what lies between, the word and its shape joined with side and distance), learned from
  {tagger_training.OOF_FOLDS}-fold out-of-fold cue predictions. The cue and source taggers are linear-chain CRFs
  over each sentence (python-crfsuite, L-BFGS, L2 weight {tagger_training.C2}, {tagger_training.MAX_ITER} iterations), which learn
  how labels follow each other; their weights and transition scores are stored, so tagging needs
  no crfsuite. The content tagger is a scikit-learn LogisticRegression per token (C={tagger_training.C}), which
  did better than a CRF there on an 80/20 split of PolNeAR train. Before decoding, the content
  tagger's O score is lowered by {tagger_training.SPAN_BIAS['content']} (its precision exceeded its recall; chosen on an 80/20 split of PolNeAR train).
- **Data**: {card['data']}; {card['files']} annotation files. Licence: {card['data_licence']}. Spans
  annotated in pieces (mostly quotes split around their cue) are left out of training: trained with
  them, the tagger scored lower on dev and lost a source of the canonical example (docs/EVALUATION.md).
- **Measured on PolNeAR dev** (the tagger alone, against every span; the audit's figures are in
  docs/EVALUATION.md): cue exact F1 {f1['cue']}, source exact F1 {f1['source']}, content token-overlap F1 {f1['content_overlap']}.
  The issue's targets (0.85, 0.80, 0.80) are not reached; annotators of the
  same train articles agree at cue {card['agreement']['cue']}, source {card['agreement']['source']}, content overlap {card['agreement']['content_overlap']}.
- **Format**: `.npz` (field vocabularies as strings, float16 weights, the CRFs' transition scores,
  the reporting words of the lexicon it was trained with), read with allow_pickle=False.
- **Trained**: {card['trained']}. **Retrain**: `{card['command']}` (deterministic: L-BFGS, fixed folds).
"""
