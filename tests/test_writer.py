"""The writer's own stance toward the main actors (framing/analysis/writer.py), its model file and its
fitting, on made-up sentences."""

from __future__ import annotations

import json
import math

import pytest

from framing.analysis import writer
from framing.analysis.actors import find_actors, main_actors
from framing.api import audit_text
from framing.findings import TextSpan
from framing.models.writer_stance import Linear, WriterModel, from_json, shipped_model, to_json
from framing.text.document import build_document
from framing.training import writer as writer_training

SLANTED = """Mayor Victor Hale Rams Through Ruinous Budget

Mayor Victor Hale rammed through a ruinous budget on Tuesday, a so-called reform that will only wreak havoc on the city's libraries.
Hale has a disgraceful record of broken promises and reckless spending.
He bragged about the vote afterwards.
Hale's shameful decision is a sign that the city is run by a careless and arrogant clique.
"We balanced the books," said Hale.
Critics called the plan a disaster.
"""

QUOTED_ONLY = """Council Approves Budget

Mayor Victor Hale presented the budget to the council on Tuesday.
"This budget is a disgrace and a betrayal of every family in the city," said Ana Costa, a librarian.
"It is reckless, shameful and cruel," said Tom Reyes, who leads the residents' association.
Hale said the plan would keep the libraries open on weekdays.
The council approved the budget by seven votes to two.
"""


def _stances(text: str) -> dict:
    audit = audit_text(text, readability=False)
    return {s.name: s for s in audit.sourcing.writer.values()}, audit


def test_narration_leaves_out_quotes_and_what_sources_are_reported_to_say():
    doc = build_document('Title\n\nThe mayor cut the budget. "It is a disgrace," said Ana Costa. '
                         'Costa said the cuts were cruel.\n')
    audit = audit_text(doc.text, readability=False)
    pieces = writer.narration_pieces(audit.document, audit.attributions)
    told = " ".join(doc.text[s:e] for parts in pieces.values() for s, e in parts)
    assert "The mayor cut the budget." in told
    assert "disgrace" not in told and "cruel" not in told


def test_slanted_narration_leans_negative_with_its_evidence():
    stances, audit = _stances(SLANTED)
    hale = next(s for name, s in stances.items() if "Hale" in name)
    assert audit.sourcing.principal_actor.name == hale.name
    assert hale.label == writer.NEGATIVE and hale.probability >= shipped_model().threshold
    shown = {e.span.text for e in hale.evidence if e.lean == writer.NEGATIVE}
    assert shown & {"rammed through", "so-called", "disgraceful", "shameful", "bragged"}
    for evidence in hale.evidence:  # every span is where it says, and in the reporter's voice
        assert audit.document.text[evidence.span.start:evidence.span.end] == evidence.span.text
        assert audit.document.voice_of(evidence.span.start, evidence.span.end) == "reporter"


def test_criticism_in_quotes_is_not_the_writer_s():
    stances, _ = _stances(QUOTED_ONLY)
    hale = next(s for name, s in stances.items() if "Hale" in name)
    assert hale.label == writer.NEUTRAL
    assert not any(word in e.span.text for e in hale.evidence for word in ("disgrace", "reckless", "shameful"))


def test_a_pronoun_opening_the_next_sentence_refers_to_the_actor_named_first():
    doc = build_document("Title\n\nVictor Hale met Ana Costa on Monday. He called the meeting useful.\n"
                         "Victor Hale spoke again later. Ana Costa left.\n")
    actors = main_actors(find_actors(doc), set())
    told = writer.narration(doc, [], actors)
    hale = next(a for a in actors if a.name == "Victor Hale")
    costa = next(a for a in actors if a.name == "Ana Costa")
    pronoun_sentence = next(i for i, s in enumerate(doc.sentences) if doc.text[s.start:s.end].startswith("He "))
    assert pronoun_sentence in told.about[hale.id] and pronoun_sentence not in told.about[costa.id]


def test_a_loaded_word_counts_for_the_actor_named_nearest():
    doc = build_document("Title\n\nVictor Hale met Ana Costa, whose reckless plan failed. Victor Hale left. "
                         "Ana Costa stayed.\n")
    actors = main_actors(find_actors(doc), set())
    told = writer.narration(doc, [], actors)
    reckless = doc.text.index("reckless")
    assert told.nearest(doc.sentence_index(reckless), reckless) == next(a.id for a in actors if a.name == "Ana Costa")


def test_without_a_model_every_label_is_neutral():
    assert writer.label_of(dict.fromkeys(writer.FEATURES, 5.0), None) == (writer.NEUTRAL, 0.0)


def _model(threshold: float = 0.5, direction: float = 10.0) -> WriterModel:
    leans = Linear(("narration_negative",), (0.0,), (1.0,), (2.0,), 0.0)
    return WriterModel(leans, Linear((), (), (), (), direction), threshold, {"note": "made up"})


def test_model_file_round_trip_and_labels():
    model = from_json(to_json(_model()))
    assert model == _model()
    judged = {"loaded_negative": 1.0, "loaded_positive": 1.0}  # the writer's own words, both ways
    assert writer.label_of({"narration_negative": 1.0, **judged}, model)[0] == writer.NEGATIVE
    assert writer.label_of({"narration_negative": -1.0, **judged}, model)[0] == writer.NEUTRAL
    assert writer.label_of({"narration_negative": 1.0, **judged}, _model(direction=-10.0))[0] == writer.POSITIVE
    assert model.leans.probability({"narration_negative": 1.0}) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_a_lean_needs_the_writers_own_judgement():
    model = _model()
    assert writer.label_of({"narration_negative": 1.0}, model)[0] == writer.NEUTRAL  # grim news, no verdict
    assert writer.label_of({"narration_negative": 1.0, "verdicts_negative": 1.0}, model)[0] == writer.NEGATIVE
    assert writer.label_of({"narration_negative": 1.0, "loaded_positive": 1.0}, model)[0] == writer.NEUTRAL


def test_model_file_rejects_another_format():
    with pytest.raises(ValueError, match="format"):
        from_json(json.dumps({"format": "something/9"}))


def test_shipped_model_reads_the_analysis_features():
    model = shipped_model()
    assert model is not None and set(model.leans.features) <= set(writer.FEATURES)
    assert 0 < model.threshold < 1 and model.card["cv_principal"]["neutral_items"] > 0


def _pairs() -> list[writer_training.Pair]:
    """Made-up pairs: the writer leans when the narration is negative and a loaded word says so (four
    folds of four)."""
    pairs = []
    for fold in range(4):
        for k, (feeling, tone) in enumerate((("neg", 1.0), ("neu", 0.1), ("neu", 0.2), ("neg", 0.9))):
            values = dict.fromkeys(writer.FEATURES, 0.0) | {"narration_negative": tone + 0.01 * fold,
                                                            "loaded_negative": float(feeling == "neg")}
            pairs.append(writer_training.Pair(fold, f"a{fold}{k}", "X", feeling, True, values))
    return pairs


def test_fit_and_cross_validate_on_made_up_pairs():
    pairs = _pairs()
    model = writer_training.fit(pairs)
    assert model.card["threshold"] == round(model.threshold, 4)
    result = writer_training.cross_validate(pairs)
    assert result["principal"]["polar"] == 1.0 and result["principal"]["neutral_kept"] >= 0.5
    assert len(result["principal"]["folds"]) == 4


def test_one_fold_alone_predicts_neutral():
    pairs = [p for p in _pairs() if p.fold == 0]
    assert set(writer_training.cross_validate(pairs)["predicted"]) == {"neu"}


def test_writer_in_json(derna_audit):
    from framing.outputs.serialize import to_dict

    data = to_dict(derna_audit)["sourcing"]["writer"]
    principal = derna_audit.sourcing.principal_actor.id
    assert set(data) == {a.id for a in derna_audit.sourcing.actors}
    assert data[principal]["label"] in (writer.NEGATIVE, writer.NEUTRAL, writer.POSITIVE)
    assert {"span", "lean", "kind", "reason"} <= set(data[principal]["evidence"][0])


def test_derna_writer_leans_against_haftar(derna_audit):
    stance = derna_audit.sourcing.writer[derna_audit.sourcing.principal_actor.id]
    assert stance.name == "Khalifa Haftar" and stance.label == writer.NEGATIVE
    shown = " ".join(e.span.text for e in stance.evidence if e.lean == writer.NEGATIVE)
    assert "To justify his attacks" in shown and "spew more terror" in shown


def test_report_line_for_the_principal_actor(derna_audit):
    from framing.outputs.report import render

    html = render(derna_audit, "derna.txt")
    assert "The writer's own voice leans" in html and "toward Khalifa Haftar" in html


def test_evidence_span_type():
    evidence = writer.WriterEvidence(TextSpan(0, 4, "word"), writer.NEGATIVE, "loaded", "why")
    assert evidence.span.text == "word"
