"""House rules: the config file found beside a draft, its keys and overrides, and suppressions."""

import json

import pytest

from framing.api import audit_text
from framing.errors import InputError
from framing.house_rules import Rules, apply, find_config, rules_for, suppressions

DRAFT = ("Harbour plan.\n\nThe mayor slammed the plan. It was a massacre of the budget.\n\n"
         "Critics slammed it again. " + "The council met on Monday to discuss the harbour. " * 30 + "\n")


def rules_of(audit):
    return sorted(f.rule for f in audit.findings if f.dimension == "loaded_language")


def test_select_ignore_and_min_severity_choose_the_findings_and_the_scores_follow():
    audit = audit_text(DRAFT)
    assert {"emotive.slam", "emotive.massacre"} <= set(rules_of(audit))
    ignored = apply(audit, Rules(ignore=("emotive.slam",))).audit
    assert "emotive.slam" not in rules_of(ignored) and "emotive.massacre" in rules_of(ignored)
    assert ignored.scores["loaded_language"]["score"] < audit.scores["loaded_language"]["score"]
    assert rules_of(apply(audit, Rules(select=("emotive.massacre",))).audit) == ["emotive.massacre"]
    assert all(f.category != "emotive" for f in apply(audit, Rules(ignore=("emotive",))).audit.findings)
    high = apply(audit, Rules(min_severity="high")).audit
    assert high.findings and all(f.severity == "high" for f in high.findings)


def test_the_nearest_config_is_found_upward_and_overrides_apply_by_path(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.framing]\nignore = ["emotive.slam"]\nfail_on = "high"\n'
                                             '[[tool.framing.overrides]]\npaths = ["opinion/*"]\nignore = []\n')
    (tmp_path / "news").mkdir()
    (tmp_path / "opinion").mkdir()
    news, opinion = tmp_path / "news" / "a.txt", tmp_path / "opinion" / "b.txt"
    assert find_config(news) == tmp_path / "pyproject.toml"
    assert rules_for(news) == Rules(ignore=("emotive.slam",), fail_on="high", config=str(tmp_path / "pyproject.toml"))
    assert rules_for(opinion).ignore == () and rules_for(opinion).fail_on == "high"
    (tmp_path / "news" / ".framing.toml").write_text('min_severity = "medium"\n')
    assert rules_for(news) == Rules(min_severity="medium", config=str(tmp_path / "news" / ".framing.toml"))


@pytest.mark.parametrize("config, message", [
    ('ignor = ["x"]\n', "unknown key(s) ignor"),
    ('min_severity = "severe"\n', "'min_severity' must be one of low, medium, high"),
    ('select = "emotive"\n', "'select' must be a list"),
    ('[[overrides]]\nignore = []\n', "override 1 needs 'paths'"),
    ("select = [\n", "not valid TOML"),
])
def test_a_bad_config_is_one_clear_error(tmp_path, config, message):
    (tmp_path / ".framing.toml").write_text(config)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        rules_for(tmp_path / "draft.txt")


def test_a_suppression_silences_its_rule_where_it_stands_and_says_so_when_it_does_not():
    text = ("Harbour plan.\n\n<!-- framing: ignore emotive.slam -- the mayor's own word, checked -->\n"
            "The mayor slammed the plan. It was a massacre of the budget.\n\n"
            "Critics slammed it again. framing-ignore hyperbole.total -- a title\n\n"
            "<!-- framing: ignore emotive.massacre -->\nNothing loaded here.\n")
    found = suppressions(text)
    assert [(s.rules, s.problem) for s in found] == [
        (("emotive.slam",), ""), (("hyperbole.total",), ""), (("emotive.massacre",), "gives no reason (write: -- why)")]
    applied = apply(audit_text(text), Rules())
    slams = [f for f in applied.audit.findings if f.rule == "emotive.slam"]
    assert [text[f.start:f.end] for f in slams] == ["slammed"] and slams[0].start > text.index("Critics")
    assert "emotive.massacre" in rules_of(applied.audit)  # the next paragraph's suppression is another paragraph's
    assert applied.notes() == ["line 6: unused suppression of hyperbole.total",
                               "line 8: suppression of emotive.massacre gives no reason (write: -- why); it silences nothing"]


def test_a_newsrooms_own_lexicon_is_used_beside_the_shipped_ones(tmp_path, capsys):
    from framing.cli import main
    from framing.rules import lexicon

    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "style.toml").write_text(
        'category = "emotive"\n\n[[entries]]\nid = "house-firestorm"\nterm = "firestorm"\nseverity = "high"\n'
        'explanation = "House style: a figure of speech for criticism."\nsuggestion = ["criticism"]\n'
        'examples = { match = ["a firestorm of criticism"], no_match = ["a storm at sea"] }\n')
    (tmp_path / ".framing.toml").write_text('lexicons = ["house"]\n')
    draft = tmp_path / "draft.txt"
    draft.write_text("Harbour plan.\n\nThe plan set off a firestorm of criticism on Monday.\n")
    try:
        assert main(["audit", str(draft), "--format", "json", "--fail-on", "high"]) == 1
        assert "emotive.house-firestorm" in {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
        lexicon.use_extra([])
        assert "emotive.house-firestorm" not in {f.rule for f in audit_text(draft.read_text()).findings}
        (tmp_path / "house" / "style.toml").write_text(
            'category = "emotive"\n\n[[entries]]\nterm = "slam"\nexplanation = "x"\n'
            'examples = { match = ["slam"], no_match = ["x"] }\n')
        assert main(["audit", str(draft)]) == 2
        assert "emotive.slam repeat(s) a shipped entry" in capsys.readouterr().err
    finally:
        lexicon.use_extra([])
