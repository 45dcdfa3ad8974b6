"""The plainer version (framing/analysis/rewrite.py): the writer's loaded words replaced by their first
suggestion where it is a replacement, never quoted speech, advice left alone."""

from framing.analysis import rewrite
from framing.api import audit_text
from framing.outputs.report import render

from conftest import EXAMPLES


def _plain(text: str) -> tuple[str, list[rewrite.Piece]]:
    audit = audit_text(text, readability=False)
    pieces = rewrite.plainer(audit.document.text, 0, len(audit.document.text), audit.findings)
    return "".join(p.text for p in pieces), [p for p in pieces if p.changed]


def test_suggestions_that_are_words_replace_and_advice_does_not():
    assert rewrite.replacement("(delete)") == ("", "")
    assert rewrite.replacement("risky (according to ...)") == ("risky", "according to ...")
    assert rewrite.replacement("said") == ("said", "")
    assert rewrite.replacement("describe the position") is None and rewrite.replacement("according to ...") is None


def test_the_writers_words_change_and_the_speakers_do_not():
    text, changed = _plain('Council Vote\n\nThe mayor boasted that the plan works. "It is a shameful betrayal," said Ann Lee.')
    assert "The mayor said that the plan works." in text
    assert '"It is a shameful betrayal," said Ann Lee.' in text  # quoted speech is the speaker's
    assert [p.original for p in changed] == ["boasted"]


def test_a_deleted_opener_takes_its_comma_and_the_next_word_is_capitalised():
    text, changed = _plain("Council Vote\n\nClearly, the council never listened to the harbour's fishers on Monday.")
    assert "The council never listened" in text and changed[0].original.startswith("Clearly")


def test_the_report_shows_the_plainer_version_with_its_changes_marked():
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    html = render(audit, "harbour-loaded.txt")
    assert '<details class="rewrite">' in html and "<del>boasted</del><ins>said</ins>" in html
    clean = audit_text("Council Vote\n\nThe council approved the budget on Tuesday, the clerk said.")
    assert '<details class="rewrite">' not in render(clean, "clean.txt")


def test_a_replacement_takes_the_form_of_the_words_it_replaces():
    from framing.analysis.rewrite import _fitted

    assert _fitted("criticise", "blasted") == "criticised" and _fitted("criticise", "slamming") == "criticising"
    assert _fitted("leader", "dictators") == "leaders" and _fitted("unproven claim", "conspiracy theories") == "unproven claims"
    assert _fitted("said", "boasts") == "said" and _fitted("disorder", "chaos") == "disorder"
    assert _fitted("risky", "Reckless") == "Risky"
    assert _fitted("new", "Groundbreaking") == "New" and _fitted("severe", "crippling") == "severe"


def test_scare_quotes_keep_their_quotation_marks():
    """'remove the quotation marks' is advice: on real news the quotes mostly attribute a term ('pivot',
    a tweet's 'crazy'), and without them the writer would say it."""
    text, changed = _plain("Council Vote\n\nThe mayor’s “reform” will cut the ferry, and the town will pay for years to come.")
    assert "The mayor’s “reform” will cut" in text and not changed


def test_will_only_becomes_could_and_the_verb_after_it_stays():
    """The hyperbole is 'will only' (the span stops before the verb), so its 'could' replaces just
    those words; the verb's own finding ('spew more terror') changes beside it."""
    text, changed = _plain("Council Vote\n\nThe plan will only make the harbour worse, and the mayor will only spew more terror.")
    assert "The plan could make the harbour worse" in text and "the mayor could cause more violence." in text
    assert [p.original for p in changed] == ["will only", "will only", "spew more terror"]
    text, changed = _plain("Council Vote\n\nThe ferry will only run if the council pays, the clerk wrote on Monday.")
    assert not changed  # a condition, not a forecast


def test_a_deleted_aside_leaves_no_stray_words_and_takes_both_its_commas():
    """'regardless of what they may be fighting for' goes whole (not 'groups, fighting for, is'), and an aside
    between commas takes both: 'groups is a sign', 'But we'."""
    text, changed = _plain("Council Vote\n\nThe mayor blamed the fishers for the acts of the crews, regardless of what "
                           "they may be fighting for, is a sign of the council's fear.")
    assert "the acts of the crews is a sign of" in text and "fighting" not in text
    assert changed[-1].original == ", regardless of what they may be fighting for,"
    text, _ = _plain("Council Vote\n\nBut, of course, the council does not meet in normal times.")
    assert "But the council does not meet" in text


def test_the_derna_aside_is_deleted_whole(derna_audit):
    text = derna_audit.document.text
    plain = "".join(p.text for p in rewrite.plainer(text, 0, len(text), derna_audit.findings))
    assert "fighting for" not in plain and "armed groups is a sign that" in plain
