"""Every lexicon entry's examples, and the loader's validation."""

import pytest

from framing.rules import lexicon
from framing.errors import LexiconError

from conftest import EXAMPLES

ENTRIES = [e for lex in lexicon.load_all() for e in lex.entries]


def test_lexicons_load_and_are_not_trivial():
    assert len(ENTRIES) > 80
    assert {lex.category for lex in lexicon.load_all()} >= {
        "emotive", "editorializing", "hyperbole", "doubt", "contentious_label", "reporting_verb", "vague_attribution",
        "name_calling", "fear_appeal", "euphemism", "puffery"}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.rule)
def test_entry_examples(entry):
    for example in entry.match_examples:
        assert list(entry.finditer(example)), f"{entry.rule} should match {example!r}"
        assert entry.could_match(lexicon.words_of(example)), f"{entry.rule}: pre-check rejects {example!r}"
    for example in entry.no_match_examples:
        assert not list(entry.finditer(example)), f"{entry.rule} should not match {example!r}"


def test_flagging_entries_name_the_words_they_can_start_with():
    """An entry that may start anywhere makes every audit scan its whole category at every word
    (session 5: six such patterns cost 2.7 ms of a 16 ms audit). Start patterns with a required word."""
    loose = [e.rule for e in ENTRIES if e.dimension in lexicon.FINDING_DIMENSIONS and e.loaded
             and e.anchors is None and not e.prefixes]
    assert not loose


def test_inflections_cover_regular_forms():
    forms = set(lexicon.inflections("claim"))
    assert {"claim", "claims", "claimed", "claiming"} <= forms
    assert {"slammed", "slamming"} <= set(lexicon.inflections("slam"))
    assert {"denies", "denied"} <= set(lexicon.inflections("deny"))


def test_exceptions_block_a_match():
    entry = next(e for e in ENTRIES if e.rule == "reporting_verb.admit")
    assert not list(entry.finditer("she was admitted to hospital on Monday"))


@pytest.mark.parametrize("body, message", [
    ('[[entries]]\nterm = "x"\nexplanation = "e"\n', "examples need"),
    ('[[entries]]\nterm = "x"\npattern = "y"\nexplanation = "e"\n', "exactly one"),
    ('[[entries]]\nterm = "x"\nseverity = "huge"\nexplanation = "e"\nexamples = {match=["x"], no_match=["y"]}\n', "severity"),
    ('[[entries]]\nid = "bad"\npattern = "(x"\nexplanation = "e"\nexamples = {match=["x"], no_match=["y"]}\n', "invalid pattern"),
    ('[[entries]]\nterm = "x"\nexplanation = "e"\ncolour = "red"\nexamples = {match=["x"], no_match=["y"]}\n', "unknown key"),
])
def test_invalid_entries_name_file_and_entry(tmp_path, body, message):
    path = tmp_path / "broken.toml"
    path.write_text('category = "emotive"\n' + body, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        lexicon.load_file(path)
    assert "broken.toml entry 1" in str(err.value) and message in str(err.value)


@pytest.mark.parametrize("head, message", [
    ('category = "no_such_category"\n', "'no_such_category' has no entry in lexicons/categories.toml"),
    ('category = "emotive"\nlabel = "Emotive"\n', "unknown keys ['label'] (label: see categories.toml)"),
    ('category = "emotive"\ndimension = "loaded_language"\n', "(dimension: see categories.toml)"),
])
def test_a_lexicon_names_a_registered_category_and_says_nothing_else_about_it(tmp_path, head, message):
    """Label, description and dimension are said once, in the category registry."""
    path = tmp_path / "broken.toml"
    path.write_text(head + '[[entries]]\nterm = "x"\nexplanation = "e"\nexamples = {match=["x"], no_match=["y"]}\n',
                    encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        lexicon.load_file(path)
    assert str(err.value).startswith("broken.toml: ") and message in str(err.value)


def test_a_lexicon_takes_its_dimension_from_the_registry():
    from framing import categories

    for lex in lexicon.load_all():
        assert lex.dimension == categories.get(lex.category).dimension
        assert all(e.dimension == lex.dimension for e in lex.entries)


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("category = \n", encoding="utf-8")
    with pytest.raises(LexiconError, match="bad.toml"):
        lexicon.load_file(path)


def test_pattern_prefix_precheck():
    assert lexicon.literal_prefixes("will\\s+only\\s+\\w+") == ("will",)
    assert lexicon.literal_prefixes("an?\\s+local") == ("a",)
    assert lexicon.literal_prefixes("stated|states?") == ("stated", "state")
    assert lexicon.literal_prefixes("(?:numerous|many)\\s+reports") == ("numerous", "many")
    assert lexicon.literal_prefixes("(?<!un)justified|right\\s+call") == ("justified", "right")
    assert lexicon.literal_prefixes("(?:has\\s+)?claimed") == ()
    assert lexicon.literal_prefixes("\\d+\\s+dead|many") == ()
    entry = next(e for e in ENTRIES if e.rule == "hyperbole.will-only")
    assert not entry.could_match(lexicon.words_of("They may only try."))
    assert entry.could_match(lexicon.words_of("It will only grow."))


def test_indexed_matching_finds_what_a_full_scan_finds():
    """Entry.finditer with a WordIndex tries the regex only where a word it can start with begins;
    on every entry's examples, the example articles and all of them joined, it must agree with the scan."""
    texts = [x for e in ENTRIES for x in e.match_examples + e.no_match_examples]
    texts += [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append(" ".join(texts))
    for text in texts:
        index = lexicon.WordIndex(text)
        for entry in ENTRIES:
            assert list(entry.finditer(text, index)) == list(entry.finditer(text)), (entry.rule, text[:60])


def test_woke_is_a_label_as_an_adjective_and_leaves_the_woke_mob_to_name_calling():
    """Session 27: 'the woke mob' is name calling's phrase, not found again as a contentious label;
    the adjective elsewhere is the label; the verb is not."""
    from framing.api import audit_text
    text = ("Harbour row\n\nThe woke mob gathered at the pier. Woke corporations paid for the banners. "
            "Residents woke up to the noise.\n")
    found = [(f.rule, text[f.start:f.end]) for f in audit_text(text, contextual=False).findings
             if f.dimension == "loaded_language"]
    assert ("name_calling.useful-idiot", "woke mob") in found, found
    assert [t for r, t in found if r == "contentious_label.woke"] == ["Woke"], found
