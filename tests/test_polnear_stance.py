"""The hand-labelled PolNeAR sides (framing/training/labels/polnear_stance.jsonl) and their measures,
on a PolNeAR-shaped folder made here."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from framing.errors import InputError
from framing.training import polnear_stance

TEXT = """Mayor Hart Closes the Harbour

The Calder mayor, Tom Hart, closed the harbour on Monday. Council member Anna Reyes condemned Hart for the closure. "This is a betrayal of every family here," Reyes said. The harbour workers' union attacked Hart as well. "He lied to us," said Mark Olsen, the union's leader. A poll shows most residents oppose the plan. Hart said the harbour was unsafe.
"""


def test_the_labels_hold_offsets_names_and_labels_only():
    rows = [json.loads(line) for line in polnear_stance.LABELS.read_text(encoding="utf-8").splitlines()]
    assert all(set(row) == {"split", "article", "mentions", "cues", "actor", "label"} for row in rows)
    assert Counter(row["split"] for row in rows).keys() == {"train", "dev"}
    assert {row["label"] for row in rows} == {*polnear_stance.STANCES, "self", "not_a_source"}
    assert all(all(isinstance(m, int) for m in row["mentions"]) and len(row["actor"]) < 60 for row in rows)
    articles = {row["article"] for row in rows}
    assert len(articles) == 122 and not {row["article"] for row in rows if row["split"] == "dev"} & {
        row["article"] for row in rows if row["split"] == "train"}


def _label(source: str, actor: str, label: str) -> dict:
    return {"split": "dev", "article": "harbour", "mentions": [TEXT.index(source)], "cues": [], "actor": actor, "label": label}


def test_sides_are_scored_against_the_labels(tmp_path, monkeypatch):
    (tmp_path / "polnear" / "dev" / "text").mkdir(parents=True)
    (tmp_path / "polnear" / "dev" / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    rows = [_label("Anna Reyes", "Tom Hart", "critical"),  # framing: critical (she condemned him)
            _label("Mark Olsen", "Tom Hart", "critical"),  # framing reads no side in 'He lied to us'
            _label("A poll", "Tom Hart", "not_a_source"),
            _label("Hart said", "Anna Reyes", "none"),
            _label("Calder mayor", "Tom Hart", "critical")]  # no source is named there
    labels.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    monkeypatch.setattr(polnear_stance, "LABELS", labels)
    result = polnear_stance.evaluate(tmp_path, "dev")
    assert result["labelled_pairs"] == 5 and result["unmatched_pairs"] == 1
    assert (result["sources"], result["not_speakers"], result["not_speakers_as_data"]) == (4, 1, 1)
    assert result["speakers_as_data"] == 0
    assert result["sides"]["critical"] == {"right": 1, "decided": 1, "gold": 2, "precision": 1.0, "recall": 0.5}
    assert result["pairs"] == {"critical -> critical": 1, "critical -> no side": 1, "no side -> no side": 1}


def test_missing_data_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="PolNeAR data not found"):
        polnear_stance.evaluate(tmp_path, "dev")
