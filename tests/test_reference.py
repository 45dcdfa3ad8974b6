"""Reference scores: where an article's score stands among wire reports, news and opinion pieces."""

from framing.models import reference
from framing.api import audit_text
from framing.outputs.report import render

from conftest import EXAMPLES


def test_share_below_reads_the_percentiles():
    values = [0.0, 0.0, 0.1, 0.2, 0.3]
    assert reference.share_below(values, 0.25) == 0.8 and reference.share_below(values, 1.0) == 1.0
    assert reference.share_below(values, 0.0) == 0.2  # ties count half: 0 of 5 below, 2 at
    assert reference.share_below(values, -1.0) == 0.0


def test_the_report_sets_each_score_beside_the_reference_groups(monkeypatch):
    groups = {"wire": {"description": "wire reports", "articles": 3,
                       "percentiles": {"loaded_language": [0.0, 0.01, 0.02, 0.03, 0.04]}},
              "opinion": {"description": "opinion pieces", "articles": 2,
                          "percentiles": {"loaded_language": [0.1, 0.2, 0.3, 0.4, 2.0]}}}
    monkeypatch.setattr(reference, "groups", lambda: groups)
    assert reference.standing("loaded_language", 0.25) == "more loaded than all wire reports and 40% of opinion pieces"
    assert reference.standing("sourcing", 0.5) == "" and reference.standing("loaded_language", None) == ""
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    html = render(audit, "harbour-loaded.txt", with_charts=False)
    assert f'class="standing">{reference.standing("loaded_language", audit.scores["loaded_language"]["score"]).capitalize()}.' in html


def test_the_shipped_reference_covers_wire_news_and_opinion():
    shipped = reference.groups()
    assert set(shipped) == {"wire", "news", "opinion"} and all(g["articles"] >= 50 for g in shipped.values())  # wire: 75 (AP, AFP, Reuters, UPI)
    for g in shipped.values():
        assert all(values == sorted(values) and len(values) == len(reference.PERCENTILES)
                   for values in g["percentiles"].values())
    wire, opinion = shipped["wire"]["percentiles"]["loaded_language"], shipped["opinion"]["percentiles"]["loaded_language"]
    assert wire[10] < opinion[10]  # the median wire report is less loaded than the median opinion piece
