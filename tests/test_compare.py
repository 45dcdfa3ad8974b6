"""The comparison of articles on one event (framing.analysis.compare), on made-up articles."""

import pytest

from framing.analysis.compare import align, compare, match_sources
from framing.api import audit_text
from framing.cli import main

FIRST = """Mayor Signs Harbour Deal

President Donald Trump praised the harbour deal on Monday. "This is a great day for the town," Trump said.

The renegade council voted 5 to 2 to approve the plan after a long debate. Mayor Ruth Okafor said the terminal would bring 300 jobs to the town.

Critics say the deal will destroy the oyster beds.
"""

SECOND = """Harbour Deal Approved Despite Protests

The council voted 5 to 2 on Monday to approve the harbour plan after a long debate. "This is a great day for the town," President Trump told reporters.

Ruth Okafor, the mayor, said the terminal would bring about 300 jobs. Fishermen led by Maria Costa protested outside, saying the dredging would ruin their catch.
"""

THIRD = """Council Backs Port Plan

Councillor Peter Shaw said the vote was rushed. "We were given two days to read four hundred pages," Shaw said.

A spokeswoman for the port declined to comment on the dredging schedule.
"""


@pytest.fixture(scope="module")
def audits():
    return [audit_text(FIRST), audit_text(SECOND), audit_text(THIRD)]


def _row(rows, name):
    return next(r for r in rows if r.name == name)


def test_sources_are_matched_by_name_across_articles(audits):
    rows = match_sources(audits)
    trump = _row(rows, "Donald Trump")  # 'President Donald Trump', 'Trump', 'President Trump'
    assert trump.cells[0] is not None and trump.cells[1] is not None and trump.cells[2] is None
    assert trump.only_in is None and trump.cells[0].quoted_words > 0
    okafor = _row(rows, "Ruth Okafor")
    assert okafor.cells[0] and okafor.cells[1]
    assert _row(rows, "Peter Shaw").only_in == 2
    assert _row(rows, "Critics").only_in == 0


def _source(name, quoted=5):
    from framing.findings import Source

    return Source("s1", name, "person", quoted_words=quoted)


class _Audit:
    def __init__(self, *names):
        self.sources = [_source(n) for n in names]


def test_a_surname_joins_one_full_name_and_stays_apart_when_it_could_be_two():
    rows = match_sources([_Audit("Hillary Clinton", "Bill Clinton"), _Audit("Mr. Clinton"), _Audit("Sen. Hillary Clinton")])
    hillary = _row(rows, "Hillary Clinton")
    assert hillary.cells[0] and hillary.cells[2] and hillary.cells[1] is None
    assert _row(rows, "Clinton").only_in == 1  # 'Mr. Clinton' could be either
    rows = match_sources([_Audit("An angry Trump"), _Audit("Donald J. Trump"), _Audit("A spokesman for Donald Trump")])
    trump = _row(rows, "Donald Trump")
    assert trump.cells[0] and trump.cells[1] and trump.cells[2] is None  # a spokesman is not the man


def test_shared_and_unique_sentences(audits):
    pair = align(audits, 0, 1)
    doc_a, doc_b = audits[0].document, audits[1].document
    text = lambda doc, i: doc.text[doc.sentences[i].start:doc.sentences[i].end]  # noqa: E731
    shared = {(text(doc_a, m.first)[:20], text(doc_b, m.second)[:20]) for m in pair.shared}
    assert ("The renegade council", "The council voted 5 ") in shared  # the same fact in other words
    assert any(m.quote == "this is a great day for the town" for m in pair.shared)  # the same quotation
    only_a = [text(doc_a, i) for i in pair.only_first]
    only_b = [text(doc_b, i) for i in pair.only_second]
    assert "Critics say the deal will destroy the oyster beds." in only_a
    assert any(s.startswith("Fishermen led by Maria Costa") for s in only_b)
    assert not set(pair.only_first) & {m.first for m in pair.shared}  # a sentence is shared or only in one


def test_unrelated_articles_share_nothing(audits):
    pair = align(audits, 0, 2)
    assert pair.shared == []
    assert len(pair.only_second) == len([s for s in audits[2].document.sentences])


def test_labels_for_the_same_actor(audits):
    result = compare(audits, ["A", "B", "C"])
    trump = next(a for a in result.actors if "Trump" in a.name)
    words = [{(l.text, l.kind) for l in labels} if labels is not None else None for labels in trump.labels]
    assert ("President", "title") in words[0] and ("President", "title") in words[1]
    assert words[2] is None  # the third article does not name him


def test_labels_show_loaded_words_next_to_a_mention():
    loaded = audit_text("Port Plan\n\nThe authority's thugs rammed through the Calder Bay Port Authority plan on Tuesday. "
                        "The Calder Bay Port Authority said it would build the terminal.\n")
    plain = audit_text("Port Plan\n\nThe Calder Bay Port Authority approved the plan on Tuesday. "
                       "The Calder Bay Port Authority said it would build the terminal.\n")
    result = compare([loaded, plain], ["A", "B"])
    authority = next(a for a in result.actors if a.name == "Calder Bay Port Authority")
    assert {l.text for l in authority.labels[0] if l.kind == "loaded"} >= {"rammed through"}
    assert [l for l in authority.labels[1] if l.kind == "loaded"] == []


def test_score_differences_are_explained(audits):
    loaded = audit_text("Plan\n\nThe reckless, shameful plan was rammed through by the council. Sadly, it will ruin the town.\n")
    plain = audit_text("Plan\n\nThe council approved the plan on Monday. The mayor said it would bring jobs.\n")
    rows = {r.key: r for r in compare([loaded, plain], ["A", "B"]).scores}
    assert rows["loaded_language"].scores[0] > rows["loaded_language"].scores[1] == 0
    assert rows["loaded_language"].difference.startswith("A uses ")
    assert "where B uses 0" in rows["loaded_language"].difference
    assert set(rows) == {"loaded_language", "unattributed", "sourcing", "overall"}
    assert all(r.difference for r in rows.values())


def test_three_articles_make_three_pairs(audits):
    result = compare(audits, ["A", "B", "C"])
    assert [(p.first, p.second) for p in result.pairs] == [(0, 1), (0, 2), (1, 2)]
    assert all(len(r.cells) == 3 for r in result.sources)
    with pytest.raises(ValueError):
        compare(audits[:1], ["A"])


def test_cli_compares_three_and_refuses_bad_input(tmp_path, capsys):
    paths = []
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND), ("c.txt", THIRD)):
        paths.append(str(tmp_path / name))
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.html"
    assert main(["compare", *paths, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "3 articles compared" in html and "A and C" in html and "B and C" in html
    capsys.readouterr()
    for args in (["compare", paths[0], "-o", str(out)], ["compare", paths[0], str(tmp_path / "none.txt"), "-o", str(out)],
                 ["compare", paths[0], paths[1], "-o", paths[1]], ["compare", "-", "-", "-o", str(out)]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("framing: error:") and err.count("\n") == 1 and "Traceback" not in err
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == SECOND


def test_words_that_end_in_a_preposition_or_a_verb_do_not_describe_an_actor():
    from framing.analysis.compare import _describes

    assert _describes(["renegade", "general"]) and _describes(["moderate"])
    assert not _describes(["meeting", "of"]) and not _describes(["blame", "on"]) and not _describes(["time"])
    assert not _describes(["revolt", "was", "in"])
