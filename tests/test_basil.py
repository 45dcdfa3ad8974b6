"""The BASIL reader and the sourcing measures, on a small BASIL-shaped folder made here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.training import basil

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

ARTICLE = {
    "title": "Council Votes to Close Harbour",
    "source": "nyt",
    "main-entities": ["Calder Council", "Harbour Workers"],
    "body-paragraphs": [
        ["The Calder Council voted on Monday to close the harbour.", "Workers protested outside."],
        ["“This is a betrayal of every family here,” said Anna Reyes, a harbour worker."],
    ],
}
ANNOTATION = {
    "article-level-annotations": {"author_feeling_Calder_Council": "str-neg", "author_feeling_main_event": "neu",
                                  "author_feeling_Harbour_Workers": "neu"},
    "phrase-level-annotations": [
        {"id": "p2", "start": 0, "end": 45, "bias": "inf", "quote": "yes", "speaker": "Anna Reyes",
         "target": "Calder_Council", "polarity": "neg", "txt": "“This is a betrayal of every family here,”"},
        {"id": "t", "start": 0, "end": 5, "bias": "lex", "quote": "no", "speaker": "", "target": "Calder_Council",
         "polarity": "neg", "txt": "Counc"},
    ],
}


@pytest.fixture
def basil_folder(tmp_path):
    (tmp_path / "basil" / "articles" / "2020").mkdir(parents=True)
    (tmp_path / "basil" / "annotations" / "2020").mkdir(parents=True)
    (tmp_path / "basil" / "articles" / "2020" / "e1_1.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    (tmp_path / "basil" / "annotations" / "2020" / "e1_1_ann.json").write_text(json.dumps(ANNOTATION), encoding="utf-8")
    return tmp_path


def test_spans_land_on_their_text(basil_folder):
    [article] = basil.load(basil_folder)
    assert article.event == "e1" and article.outlet == "nyt"
    assert article.text.startswith("Council Votes to Close Harbour\n\n")
    quote, title = article.spans
    assert article.text[quote.start:quote.end].startswith("“This is a betrayal")
    assert article.text[title.start:title.end] == "Counc"
    assert article.feelings == {"Calder Council": "neg", "Harbour Workers": "neu"}
    assert quote.target == "Calder Council" and quote.quote and quote.speaker == "Anna Reyes"


def test_missing_data_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="BASIL data not found"):
        basil.load(tmp_path)


@pytest.mark.parametrize("a, b, same", [
    ("Obama", "Barack Obama", True), ("Wal-Mart", "Walmart", True), ("IRS", "Internal Revenue Service", True),
    ("GOP", "Republicans", True), ("Senate", "Republicans", False), ("White House", "Obama administration", False),
    ("State Department", "State Department officials", True), ("House", "House Republicans", False),
])
def test_entity_names_match_as_annotators_write_them(a, b, same):
    assert basil.same_entity(a, b) is same


def test_measures_of_one_article(basil_folder):
    from framing.api import audit_text

    [article] = basil.load(basil_folder)
    counts = basil.Counts()
    basil.measure(article, audit_text(article.text, readability=False), counts)
    result = basil.summary(counts)
    assert result["articles"] == 1
    assert result["speakers"] == 1 and result["speaker_found"] == 1.0  # Anna Reyes is a source
    assert result["stance_items"] == 1
    assert result["writer_items"] + result["writer_neutral_items"] <= 1


def test_macro_f1_and_baselines():
    pairs = [("critical", "critical"), ("supportive", "critical"), ("critical", "unknown")]
    assert basil._macro_f1(pairs) == pytest.approx(round((2 * 0.5 * 0.5 / 1.0 + 0) / 2, 3))
    assert basil._macro_f1([]) is None


@pytest.mark.parametrize("name, fragment", [("S", True), ("If Republicans", True), ("So Jeff Sessions", True),
                                            ("Jeff Sessions", False), ("GOP", False), ("Bill Clinton", False),
                                            ("De Blasio", False)])
def test_fragments(name, fragment):
    assert basil.is_fragment(name) is fragment


def test_evaluate_basil_prints_the_measures(basil_folder, capsys):
    from framing.cli import main

    assert main(["evaluate", "basil", "--sourcing", "--data", str(basil_folder)]) == 0
    out = capsys.readouterr().out
    assert "principal actor is a main entity" in out and "1 articles, 1 events" in out.replace("(1 articles", "1 articles")


def test_sourcing_flag_is_only_for_basil(basil_folder, capsys):
    from framing.cli import main

    assert main(["evaluate", "babe", "--sourcing", "--data", str(basil_folder)]) == 2
    assert "--sourcing is measured on basil" in capsys.readouterr().err


def test_evaluate_basil_measures_loaded_language_against_lexical_spans(basil_folder, capsys):
    from framing.cli import main
    from framing.training import basil_words

    [item] = basil_words.collect(basil.load(basil_folder))
    assert item.gold == [(0, 5)]  # the title's lexical span
    measured = basil_words.measure([item], "all")
    assert measured["gold_per_1000_words"] > 0 and measured["sentences"]["recall"] in (0.0, 1.0, None)
    assert main(["evaluate", "basil", "--data", str(basil_folder)]) == 0
    out = capsys.readouterr().out
    assert "lexical-bias spans" in out and "hints" in out and "per 1,000 words" in out


def test_sentence_scores_rank_the_sentences_that_hold_a_lexical_span():
    from framing.training.basil_words import Article, sentence_scores

    item = Article(0, 30, gold=[(12, 15)], sentences=[(0, 10), (10, 20), (20, 30), (30, 40)],
                   bias_scores=[0.2, 0.7, 0.6, None])  # the unscored sentence is left out
    measured = sentence_scores([item], threshold=0.5)
    assert measured["sentences"] == 3 and measured["with_span"] == 1
    assert measured["auc"] == 1.0  # the one sentence with a span scores above both without
    assert measured["flagged_with_span"] == 1.0 and measured["flagged_without"] == 0.5
    item.bias_scores = [0.9, 0.1, 0.6, None]
    assert sentence_scores([item])["auc"] == 0.0
    assert sentence_scores([Article(0, 10, gold=[], sentences=[(0, 10)], bias_scores=[0.4])])["auc"] is None
    item.quoted = [False, True, False, False]  # the sentence with the span is a quotation
    assert sentence_scores([item], quoted=False)["auc"] is None  # no span left in the reporter's voice
    assert sentence_scores([item], quoted=True)["sentences"] == 1
