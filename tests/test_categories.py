"""The category registry (lexicons/categories.toml): one entry per category of the lexicons and the
detectors, and what reads it (scores, messages, reports, charts, the live editor)."""

import re

import pytest

from framing import categories
from framing.detectors import DETECTORS
from framing.errors import LexiconError
from framing.rules import lexicon

from conftest import EXAMPLES


def test_every_category_of_a_lexicon_or_a_detector_has_an_entry_and_every_entry_is_used():
    of_lexicons = {lex.category for lex in lexicon.load_all()}
    of_detectors = {c for d in DETECTORS for c in d.all_categories()}
    registered = set(categories.registry().categories)
    assert of_lexicons | of_detectors == registered
    assert of_detectors == set(categories.of_findings())  # findings have exactly the detectors' categories
    for category in of_lexicons - of_detectors:  # claim markers, stance words: never findings themselves
        assert not categories.get(category).finding and categories.get(category).dimension not in categories.dimensions()


def test_a_lexicon_of_findings_belongs_to_the_detector_of_its_dimension():
    by_dimension = {d.lexicons: d for d in DETECTORS if d.lexicons}
    assert set(by_dimension) == set(lexicon.FINDING_DIMENSIONS) <= set(categories.dimensions())
    for lex in lexicon.load_all():
        if lex.dimension in lexicon.FINDING_DIMENSIONS:
            assert lex.category in by_dimension[lex.dimension].all_categories()


def test_detector_ids_are_unique_and_the_categories_of_findings_are_complete():
    assert len({d.id for d in DETECTORS}) == len(DETECTORS)
    for c in categories.of_findings().values():
        assert c.label and c.description and re.fullmatch(r"#[0-9a-f]{6}", c.colour) and c.line
        assert c.dimension in categories.dimensions()
    assert not categories.get("one_sided_sourcing").scored  # its score is the balance index, not a count


def test_the_audit_scores_the_registry_dimensions():
    from framing.api import audit_text
    from framing.audit import DIMENSIONS

    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    assert list(audit.scores) == [*DIMENSIONS, "overall"] == [*categories.dimensions(), "overall"]
    assert DIMENSIONS["unattributed"] == "Unattributed claims"


def test_messages_reports_and_the_editor_read_labels_colours_and_styles_from_the_registry():
    from framing.api import audit_text
    from framing.outputs.report import environment, render

    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    emotive = next(f for f in audit.findings if f.category == "emotive" and f.voice == "reporter")
    assert emotive.message.startswith("Emotive wording in the reporter's voice: ")
    html = render(audit, "harbour-loaded.txt", with_charts=False)
    for c in categories.of_findings().values():
        assert re.search(rf"mark\.cat-{c.id} {{[^}}]*{c.colour}", html), c.id  # its colour under its words
        assert f"<dt><mark class=\"cat-{c.id}\">{c.label}</mark></dt>" in html  # "What each category means"
    assert 'content: "\\2696 "' in html and 'mark.start-unattributed_claim::before { content: "?"' in html
    page = environment().get_template("serve.html.j2").render(categories=[], csp="", max_bytes=1, version="")
    assert "#backdrop mark.claim { text-decoration: underline wavy #b07d00 1px" in page


def test_the_registry_file_is_checked(tmp_path):
    path = tmp_path / "categories.toml"
    good = ('[dimensions]\nloaded_language = "Loaded language"\n\n'
            '[categories.emotive]\nlabel = "E"\ndescription = "D"\ndimension = "loaded_language"\nscored = true\n'
            'colour = "#c0392b"\nmark = "dotted 2px"\n\n'
            '[categories.critical]\nlabel = "C"\ndescription = "D"\ndimension = "stance"\n')
    path.write_text(good, encoding="utf-8")
    loaded = categories.load(path)
    assert loaded.categories["emotive"].width == "2px" and not loaded.categories["critical"].finding
    for bad, message in [(good.replace('"dotted 2px"', '"zigzag"'), "mark must be a line"),
                         (good.replace('colour = "#c0392b"\n', ""), "missing keys ['colour']"),
                         (good.replace('dimension = "stance"\n', 'dimension = "stance"\ncolour = "#000000"\n'),
                          "only a category of findings"),
                         (good.replace("scored = true\n", 'scored = true\nscope = "page"\n'), "scope must be")]:
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(LexiconError, match=re.escape(message)):
            categories.load(path)
    with pytest.raises(LexiconError, match="'nothing' has no entry"):
        categories.get("nothing")
