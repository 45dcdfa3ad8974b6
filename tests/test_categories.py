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
    for c in categories.of_findings().values():  # the draft's highlights: the report's rules, one palette
        assert re.search(rf"mark\.cat-{c.id} {{[^}}]*{c.colour}", page), c.id


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


# Colour vision: sRGB -> linear RGB -> (simulated) -> CIELAB. The simulation matrices are Machado, Oliveira and
# Fernandes (2009) at severity 1.0, for protanopia, deuteranopia and tritanopia.
_DICHROMACY = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _linear(colour: str) -> list[float]:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(linear: list[float]) -> tuple[float, float, float]:
    rgb = [min(1.0, max(0.0, c)) for c in linear]
    xyz = [sum(w * c for w, c in zip(row, rgb)) / white for row, white in
           zip([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]], (0.95047, 1.0, 1.08883))]
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _seen(colour: str, vision: str) -> tuple[float, float, float]:
    linear = _linear(colour)
    if vision in _DICHROMACY:
        linear = [sum(w * c for w, c in zip(row, linear)) for row in _DICHROMACY[vision]]
    return _lab(linear)


def _difference(a: str, b: str, vision: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(_seen(a, vision), _seen(b, vision))) ** 0.5


def test_the_palette_tells_every_category_apart_in_every_common_colour_vision():
    """Each category of findings has its own colour (CIELAB difference >= 12 from every other) that
    stands out on white (contrast >= 3:1, as WCAG asks of graphics); for a person without red, green or blue
    cones, two colours that come closer than 10 differ in their underline (solid, double, dashed, ...)."""
    found = list(categories.of_findings().values())
    for c in found:
        luminance = sum(w * x for w, x in zip((0.2126, 0.7152, 0.0722), _linear(c.colour)))
        assert 1.05 / (luminance + 0.05) >= 3.0, f"{c.id} {c.colour} is too pale on white"
    for a, b in [(a, b) for i, a in enumerate(found) for b in found[i + 1:]]:
        assert _difference(a.colour, b.colour, "normal") >= 12, f"{a.id} and {b.id} look alike"
        for vision in _DICHROMACY:
            if _difference(a.colour, b.colour, vision) < 10:
                assert a.line != b.line, f"{a.id} and {b.id} look alike with {vision} and share a {a.line} underline"


def test_model_hints_are_set_apart_from_rule_findings():
    hint = categories.get("model_loaded")
    assert not hint.scored and hint.cue and hint.label.startswith("Hint")
    rules_on_words = [c for c in categories.of_findings().values() if c.scope == "words" and c.id != hint.id]
    assert hint.width == "1px" and all(c.width != "1px" for c in rules_on_words)  # the thinnest underline
    assert hint.cue not in {c.cue for c in rules_on_words}
