"""The sentence model: JSON round trip, shipped artifact, evaluation commands."""

import json
import subprocess
import sys

import numpy as np
import pytest

from framing.api import audit_text
from framing.models import sentence_bias
from framing.training import sentence_bias as sentence_training
from framing.training import word_model as word_training
from framing.training.features import LexiconCounts, Sentiment

from conftest import EXAMPLES, ROOT

SHARED_DATA = ROOT.parent / "shared" / "data"
BIASED = ["The so-called experts spewed hateful lies again.", "A horrific, shameful betrayal by corrupt thugs.",
          "Clearly the reckless regime will only bring ruin.", "Sadly the outrageous plan is a disgrace."] * 5
NEUTRAL = ["The council met on Monday to discuss the budget.", "The report was published in March.",
           "Officials said the road would reopen next week.", "The vote passed by 5 to 2."] * 5


def test_json_round_trip_gives_the_same_probabilities():
    texts = np.array(BIASED + NEUTRAL, dtype=object)
    labels = np.array([1] * len(BIASED) + [0] * len(NEUTRAL))
    pipeline = sentence_training.build_pipeline()
    pipeline.named_steps["features"].set_params(words__min_df=1, chars__min_df=1)
    pipeline.fit(texts, labels)
    text = sentence_training.to_json(pipeline, {"model": "test"})
    probe = ["A shameful, horrific plan.", "The meeting is on Tuesday."]
    assert np.allclose(pipeline.predict_proba(probe)[:, 1], sentence_bias.from_json(text).probabilities(probe), atol=1e-5)
    assert sentence_training.from_json(text).predict(probe).tolist() == [1, 0]


def test_the_audits_sentence_scores_are_scikit_learns_bit_for_bit():
    """The audit applies the shipped JSON with numpy alone; the scikit-learn Pipeline rebuilt from the
    same JSON gives the same probabilities exactly (same features, same order of summation)."""
    from framing.models import shipped

    pipeline = sentence_training.from_json(shipped.model_text(sentence_bias.MODEL_FILE))
    model = sentence_bias.from_json(shipped.model_text(sentence_bias.MODEL_FILE))
    texts = BIASED[:4] + NEUTRAL[:4] + ["", "a", "I  x\u00a0É\tÉCOLE  a-b", "Za’tari said: ‘no’", "ok ok ok ok",
                                        "The vote passed by 5 to 2, the council said on Monday.",
                                        (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")]
    for _ in range(2):  # the second time each word's char columns come from the per-process table
        assert model.probabilities(texts) == pipeline.predict_proba(np.array(texts, dtype=object))[:, 1].tolist()


def test_model_file_is_json_not_pickle():
    with pytest.raises(ValueError):
        sentence_bias.from_json(json.dumps({"format": "something else"}))


def test_features_have_names_and_shapes():
    counts = LexiconCounts().fit(["x"])
    matrix = counts.transform(["The so-called plan clearly failed.", "Nothing here."])
    assert matrix.shape == (2, len(counts.categories_))
    assert matrix[0].sum() >= 2 and matrix[1].sum() == 0
    sentiment = Sentiment().fit(["x"]).transform(["What a horrible disaster!", "The meeting is on Tuesday."])
    assert sentiment[0, 0] > sentiment[1, 0]  # more negative
    assert len(Sentiment().get_feature_names_out()) == sentiment.shape[1]


def test_shipped_model_scores_every_sentence():
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    assert len(audit.bias_scores) == len(audit.document.sentences)
    assert all(0.0 <= b <= 1.0 for b in audit.bias_scores)
    balanced = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    assert np.mean(audit.bias_scores) > np.mean(balanced.bias_scores)


def test_model_card_names_data_licence_and_scores():
    card = (ROOT / "models" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "BABE" in card and "AGPL-3.0" in card and "macro-F1" in card and "framing train" in card


def test_evaluate_without_data_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "framing", "evaluate", "babe", "--data", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "BABE data not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("dataset, expected", [("ptc", ["partial overlap", "F1"]),
                                               ("polnear", ["cue exact", "content overlap", "precision against"])])
def test_evaluate_runs_on_the_shared_data(dataset, expected):
    if not (SHARED_DATA / dataset).exists():
        pytest.skip(f"no {dataset} data at {SHARED_DATA}")
    result = subprocess.run([sys.executable, "-m", "framing", "evaluate", dataset, "--data", str(SHARED_DATA)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert all(text in result.stdout for text in expected)


def test_word_model_fast_path_matches_predict_proba():
    from framing.models import word_model

    from framing.models import shipped

    model = word_model.shipped_model()
    assert model is not None
    pipeline, threshold = word_training.from_json(shipped.model_text(word_model.MODEL_FILE))
    assert threshold == model.threshold
    text = "The reckless regime spewed vile propaganda at the weekend meeting."
    tokens = word_model.words(text)
    rows = word_model.with_sentence_bias(word_model.features(text, tokens), [0.8] * len(tokens))
    assert np.allclose(model.probabilities(rows), pipeline.predict_proba(rows)[:, 1], rtol=0, atol=1e-12)


def test_word_model_rates_words_higher_in_sentences_rated_biased():
    from framing.models import word_model

    assert "sentence_bias" in word_model.shipped_model().weights
    text = "The reckless regime spewed vile propaganda at the weekend meeting."
    calm, biased = word_model.score_sentences([text, text], [0.2, 0.9])
    assert [w for w, _ in calm] == [w for w, _ in biased]
    assert all(high > low for (_, low), (_, high) in zip(calm, biased))


def test_word_model_json_round_trip():
    from framing.models import word_model

    rows = [{"w=vile": 1, "valence": -0.8}, {"w=meeting": 1, "valence": 0.0}] * 10
    labels = [1, 0] * 10
    pipeline = word_training.build_pipeline().fit(rows, labels)
    restored = word_model.from_json(word_training.to_json(pipeline, {"model": "test"}))
    assert restored.threshold == word_model.THRESHOLD
    assert np.allclose(pipeline.predict_proba(rows)[:, 1], restored.probabilities(rows), atol=1e-4)


def test_polnear_reader_keeps_spans_of_lines_without_text_and_fragments_and_skips_relations(tmp_path):
    from framing.training import polnear

    root = tmp_path / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a1.txt").write_text("Lee said it rained. “It poured,” he said, “all day.”", encoding="utf-8")
    (root / "attributions" / "a1_x.ann").write_text(
        "T1\tSource 0 3\tLee\nT2\tCue 4 8\tsaid\nT3\tContent 9 18\tit rained\nT4\tCue 4 8\nE1\tAttribution:T2\n"
        "T5\tContent 20 32;42 52\t“It poured,” “all day.”\n", encoding="utf-8")
    [ann] = polnear.load(tmp_path, "dev")
    assert ann.spans == {"cue": [(4, 8), (4, 8)], "source": [(0, 3)], "content": [(9, 18), (20, 32), (42, 52)]}
    result = polnear.evaluate(tmp_path, "dev")
    assert result["exact"]["source"]["recall"] == 1.0 and result["overlap"]["content"]["recall"] > 0.5


def test_word_tables_stop_growing_at_their_limit(monkeypatch):
    from framing.models import attribution_tagger

    text = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    for module in (sentence_bias, attribution_tagger):
        monkeypatch.setattr(module, "WORD_TABLE_LIMIT", 5)
    sentences = sentence_bias.shipped_model()
    monkeypatch.setattr(sentences, "_char_columns", {})
    tagger = attribution_tagger.shipped()
    monkeypatch.setattr(tagger, "_words", {})
    small = audit_text(text + "\n\nA new closing line.", contextual=False)  # the standard tagger's tables
    assert len(tagger._words) == 5 and len(sentences._char_columns) == 5
    monkeypatch.setattr(sentence_bias, "WORD_TABLE_LIMIT", 10**6)
    monkeypatch.setattr(attribution_tagger, "WORD_TABLE_LIMIT", 10**6)
    full = audit_text(text + "\n\nA new closing line.", contextual=False)
    assert small.bias_scores == full.bias_scores
    assert [(a.cue.start, a.source and a.source.start) for a in small.attributions] == \
           [(a.cue.start, a.source and a.source.start) for a in full.attributions]


@pytest.mark.parametrize("contextual, tagger", [(False, "attribution_tagger"), (True, "contextual_tagger")])
def test_prepare_loads_the_models_and_freezes_them(contextual, tagger):
    code = (f"import gc; from framing.api import prepare; from framing.models import {tagger}, sentence_bias;"
            f"prepare({contextual}); print(gc.get_freeze_count() > 0, {tagger}.shipped.cache_info().currsize,"
            " sentence_bias.shipped_model.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "1", "1"]


def test_an_audit_imports_neither_scipy_nor_scikit_learn_nor_nltks_package():
    """The standard audit's start-up: the linear models are applied with numpy, and only Punkt of
    nltk is imported (framing/text/nltk_parts.py); nltk still imports whole afterwards."""
    code = ("import sys; from framing.api import audit_text; from framing.outputs.serialize import to_json;"
            f"to_json(audit_text(open({str(EXAMPLES / 'harbour-loaded.txt')!r}).read()));"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'sklearn', 'nltk'}));"
            "import nltk; print(nltk.tokenize.punkt.PunktSentenceTokenizer.__name__, callable(nltk.sent_tokenize))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "PunktSentenceTokenizer True"]
