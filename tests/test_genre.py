"""Genre (framing/analysis/genre.py): the signals, the shipped model's reading of made-up articles,
a title that names its section, and the fitting on examples."""

from __future__ import annotations

import json

import pytest

from framing.analysis import genre
from framing.api import audit_text
from framing.models.genre import GenreModel, from_json, shipped_model, to_json
from framing.outputs.serialize import to_dict, to_text
from framing.training import genre as genre_training

WIRE = """Council Approves Harbour Budget

The city council approved the harbour budget on Tuesday by seven votes to two, the council's clerk said.
"The plan keeps the ferry running through the winter," said Ana Costa, who chairs the finance committee.
Tom Reyes, a member of the residents' association, said the group would study the figures before Thursday's meeting.
The budget sets aside 4 million euros for repairs to the north pier, according to council documents.
Work is due to start on Monday, a spokesman for the port authority told reporters.
"""

OPINION = """We Deserve Better Than This Shameful Budget

I have lived by this harbour for thirty years, and I have never seen a council so reckless.
Why should you pay for their disastrous vanity project?
This budget is a disgrace, and everyone knows it.
We must stop pretending that the ferry matters more than our schools.
The council's arrogant leaders should resign, and they should do it now!
"""


def _genre(text: str) -> genre.Genre:
    result = audit_text(text, readability=False).genre
    assert result is not None, "the genre model is shipped in models/"
    return result


def test_signals_count_the_writer_voice_and_leave_quoted_speech_out():
    audit = audit_text('Council Approves Budget\n\n"I think we must stop this, and you know it," said Ana Costa on Tuesday.\n',
                       readability=False)
    values = genre.signals(audit.document, audit.findings, audit.attributions, [False] * len(audit.document.sentences))
    assert values["first_person"] == 0 and values["second_person"] == 0 and values["modals"] == 0
    assert values["quoted"] > 0.5 and values["weekdays"] > 0 and values["attributions"] > 0


def test_the_country_is_not_the_first_person():
    audit = audit_text("Trade Talks\n\nThe US and China met in Geneva. Officials said the US would reply.\n", readability=False)
    values = genre.signals(audit.document, audit.findings, audit.attributions, [False] * len(audit.document.sentences))
    assert values["first_person"] == 0


def test_wire_copy_reads_as_news_and_a_first_person_tirade_as_opinion():
    news, opinion = _genre(WIRE), _genre(OPINION)
    assert news.label == "news" and opinion.label == "opinion"
    assert news.probability < opinion.probability


def test_a_title_that_names_its_section_decides_the_label():
    labelled = _genre(WIRE.replace("Council Approves Harbour Budget", "Council Approves Harbour Budget; News Analysis"))
    assert labelled.label == "opinion" and labelled.labelled == "News Analysis"
    assert _genre(WIRE.replace("Council Approves", "Analysis of Council Vote: Approves")).labelled == ""


def test_a_line_presenting_the_writer_at_the_end_makes_it_opinion():
    """An op-ed closes with its contributor line ('... is a lecturer in political science at Yale'): 5 of
    PolNeAR's 924 texts read as news or mixed until this, all of them columns; none of BASIL, PTC or
    SemEval's texts has such a line. A source introduced in the middle is no contributor line."""
    bio = "Ruth Okafor is a lecturer in maritime history at Calder University."
    signed = _genre(WIRE.rstrip("\n") + "\n\n" + bio + "\n")
    assert signed.label == "opinion" and signed.labelled == bio
    assert "a line presenting the writer ends it" in genre.describe(signed)["reasons"][0]
    assert _genre(WIRE.replace("\n\n", "\n\n" + bio + "\n\n", 1)).labelled == ""  # after the title, not at the end


def test_the_reading_is_described_with_the_signals_behind_it():
    described = genre.describe(_genre(OPINION))
    assert described["reads_as"] == "opinion or analysis"
    assert any("first-person" in reason or "loaded" in reason for reason in described["reasons"])
    assert "expected" in described["normal"]


def test_json_and_text_carry_the_genre():
    audit = audit_text(WIRE, readability=False)
    data = json.loads(json.dumps(to_dict(audit)))
    assert data["genre"]["label"] == "news" and set(data["genre"]["signals"]) == set(genre.FEATURES)
    opinion = audit_text(OPINION, readability=False)
    assert opinion.findings and "reads as opinion or analysis" in to_text(opinion, "column.txt")


def test_model_file_round_trips():
    model = shipped_model()
    assert model is not None and model.news_below <= model.opinion_from
    again = from_json(to_json(model))
    assert again == model
    with pytest.raises(ValueError):
        from_json(json.dumps({"format": "framing.genre/0"}))


def _example(kind: str, group: str, first_person: float, weekdays: float) -> genre_training.Example:
    values = dict.fromkeys(genre.FEATURES, 0.0) | {"first_person": first_person, "weekdays": weekdays}
    return genre_training.Example(kind, group, values)


def test_fitting_separates_the_kinds_and_sets_the_thresholds_inside_the_folds():
    items = ([_example("opinion", f"o{i}", 1.5 + (i % 5) / 10, 0.1) for i in range(40)]
             + [_example("wire", f"w{i}", 0.05 * (i % 3), 0.8 + (i % 4) / 10) for i in range(20)]
             + [_example("basil", f"b{i // 3}", 0.05 * (i % 2), 0.6 + (i % 5) / 10) for i in range(30)])
    model = genre_training.fit(items)
    assert isinstance(model, GenreModel) and model.news_below <= model.opinion_from
    assert genre_training.label(model, items[0]) == "opinion" and genre_training.label(model, items[45]) != "opinion"
    held = genre_training.cross_validate(items)
    assert held["auc"] > 0.95 and held["figures"]["opinion read as opinion"]["value"] > 0.8
    assert held["articles"] == {"opinion": 40, "wire": 20, "basil": 30}


def test_evaluate_genre_without_the_data_is_one_line_exit_2(tmp_path, capsys):
    from framing.cli import main

    assert main(["evaluate", "genre", "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SemEval-2023 not found" in err, err
