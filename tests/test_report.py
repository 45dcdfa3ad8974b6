"""The HTML report: self-contained, deterministic, escaped."""

import base64
import hashlib
import re
from html import unescape

from framing import categories
from framing.api import audit_text
from framing.outputs.report import render

from conftest import EXAMPLES

HOSTILE = ('Title <script>alert(1)</script>\n\nThe so-called mayor said "</textarea><img src=x onerror=alert(2)>" '
           'and " onmouseover="alert(3) was clearly a thug.')


def test_same_report_twice_is_identical_bytes():
    text = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    assert render(audit_text(text), "x.txt") == render(audit_text(text), "x.txt")


def test_report_is_self_contained_with_inline_svg():
    html = render(audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")), "x.txt")
    assert "<svg" in html and html.count("<svg") >= 2
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "<script src" not in html
    # one inline script, allowed by its hash in the page's CSP and nothing else
    [script] = re.findall(r"<script>(.*?)</script>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in html
    assert "unsafe-inline'" not in html.split("script-src", 1)[1].split('"', 1)[0]
    assert not re.search(r"\son\w+\s*=", html)  # no inline event handlers


def test_every_finding_is_highlighted_with_its_explanation():
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    html = render(audit, "x.txt")
    article_level = {key for key, c in categories.of_findings().items() if c.scope == "article"}
    for f in audit.findings:
        if f.category in article_level:  # in the summary and the table, not on words
            assert f'<tr id="{f.id}">' in html and not re.search(rf'data-findings="[^"]*\b{f.id}\b', html)
        else:
            assert re.search(rf'data-findings="[^"]*\b{f.id}\b', html)
    assert any(f.category in article_level for f in audit.findings)
    assert 'tabindex="0"' in html and "Instead:" in html


def _visible_text(html: str) -> str:
    """What a reader sees of a page: its text, without tags, attributes, styles or scripts."""
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", "", html, flags=re.S)))


def test_categories_show_their_labels_and_keep_their_ids_in_data():
    """The findings table and the comparison's loaded terms name a category as the legend does ('One-sided
    sourcing'), never by its id ('one_sided_sourcing'), which stays in data attributes."""
    from framing.outputs.report import render_compare

    read = lambda name: audit_text((EXAMPLES / name).read_text(encoding="utf-8"))  # noqa: E731
    loaded, balanced = read("harbour-loaded.txt"), read("harbour-balanced.txt")
    registry = categories.of_findings()
    report = render(loaded, "x.txt")
    for key in {f.category for f in loaded.findings}:
        assert f'<td data-category="{key}">{registry[key].label}</td>' in report
    compared = render_compare([loaded, balanced], ["a", "b"])
    assert '<li data-category="emotive">“heavy-handed” (Emotive wording)' in compared
    ids = [key for key in registry if "_" in key]  # the ids no reader would take for a word
    assert "one_sided_sourcing" in {f.category for f in loaded.findings}
    for html in (report, compared):
        assert [key for key in ids if key in _visible_text(html)] == []


def test_hostile_text_is_escaped():
    audit = audit_text(HOSTILE)
    html = render(audit, '<b>"name"</b>.txt')
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "</textarea>" not in html
    assert 'onmouseover="alert' not in html
    assert "<b>&#34;name" not in html and "&lt;b&gt;" in html


def test_hostile_text_is_escaped_in_the_compare_view():
    from framing.outputs.report import render_compare

    html = render_compare([audit_text(HOSTILE), audit_text(HOSTILE.replace("thug", "man"))], ["<i>a</i>", '"b".txt'])
    assert "<script>alert(1)" not in html and "<img src=x" not in html and 'onmouseover="alert' not in html
    assert "<i>a</i>" not in html and "&lt;i&gt;a&lt;/i&gt;" in html


def test_excluded_lines_are_greyed(derna_audit):
    html = render(derna_audit, "derna.txt")
    assert re.search(r'<p class="excluded" data-reason="related headline">\s*Pentagon Prepared', html)
    assert re.search(r'data-findings="[^"]+">spew more terror', html) or "spew more terror" in html


def test_committed_example_reports_are_fresh():
    """reports/ holds `make example` output; regenerate it when this fails."""
    from framing.text.ingest import read_article

    from conftest import ROOT

    for example in sorted(EXAMPLES.iterdir()):
        committed = ROOT / "reports" / f"{example.stem}.html"
        fresh = render(audit_text(read_article(str(example))), example.name)
        assert committed.exists() and committed.read_text(encoding="utf-8") == fresh, f"run `make example`: {committed}"
    from framing.outputs.report import render_compare

    pair = [EXAMPLES / "harbour-loaded.txt", EXAMPLES / "harbour-balanced.txt"]
    fresh = render_compare([audit_text(read_article(str(p))) for p in pair], [p.name for p in pair])
    committed = ROOT / "reports" / "compare-harbour.html"
    assert committed.exists() and committed.read_text(encoding="utf-8") == fresh, f"run `make example`: {committed}"


def test_svg_ids_are_unique_across_the_charts_of_one_page(derna_audit):
    """Inline SVGs share one id space: a referenced id defined twice draws the wrong shapes."""
    html = render(derna_audit, "derna.txt")
    ids = re.findall(r'\bid="([^"]+)"', html)
    duplicated = {i for i in ids if ids.count(i) > 1}
    referenced = set(re.findall(r"url\(#([^)]+)\)", html)) | set(re.findall(r'href="#([^"]+)"', html))
    assert not duplicated & referenced, f"charts share referenced ids: {sorted(duplicated & referenced)[:5]}"


def test_headline_counts_claims_apart_from_vague_attributions():
    from framing.outputs.report import build_context

    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    claims = sum(f.rule == "unattributed_claim" for f in audit.findings)
    vague = sum(f.category == "vague_attribution" for f in audit.findings)
    headline = build_context(audit)["headline"]
    assert claims and vague
    assert f"{claims} unattributed claim(s)" in headline and f"{vague} vague attribution(s)" in headline


def test_headline_names_one_sided_sourcing_only_when_found():
    from framing.outputs.report import build_context

    loaded = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    balanced = audit_text((EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"))
    assert f"one-sided sourcing (balance {loaded.sourcing.balance_index:.2f} of 1)" in build_context(loaded)["headline"]
    assert "one-sided sourcing (balance" not in build_context(balanced)["headline"]

    one_sided = [f.id for f in loaded.findings if f.category == "one_sided_sourcing"]
    marked = {i for block in build_context(loaded)["blocks"] for segment in block["segments"] for i in segment["findings"]}
    assert one_sided and not marked & set(one_sided)  # the summary's, not the headline's words


def test_a_700_word_report_stays_under_160_kb_with_its_hatches_written_once():
    """matplotlib writes a hatch into every pattern that fills with it (a dotted one is 68 KB of
    curves); charts.py writes each once and shares it."""
    parts = [(EXAMPLES / n).read_text(encoding="utf-8") for n in ("harbour-loaded.txt", "harbour-balanced.txt")]
    body = "\n\n".join(p.split("\n\n", 2)[2] for p in parts)
    text = parts[0].split("\n\n", 1)[0] + "\n\n" + "\n\n".join([body] * 3)
    text = text[:[m.end() for m in re.finditer(r"\S+", text)][699]]  # 700 words, as bench/run.py's article
    html = render(audit_text(text), "long.txt")
    assert len(html.encode("utf-8")) < 160_000  # 150 KB before the plainer version, a second copy of the text
    patterns = re.findall(r"<pattern .*?</pattern>", html, re.S)
    assert patterns and all("<use xlink:href=" in p and "<path" not in p for p in patterns)
    assert "<circle" in html  # the dotted hatch as circles, not eight curves a dot


def test_one_word_count_in_the_scores_and_the_readability():
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8") + "\n\nA dash — here.\n")
    words = audit.readability["words"]
    assert all(f"in {words} words" in v["explanation"] for k, v in audit.scores.items() if k in ("loaded_language", "unattributed"))


def test_sentences_are_numbered_in_the_margin_as_in_the_chart(derna_audit):
    """The article's margin numbers and the sentence chart's labels are the same; the title is T, not 1;
    a sentence that is all quotation is drawn apart (pale blue, as quotes in the article), a narrated one is not."""
    from framing.outputs.report import build_context

    context = build_context(derna_audit, "derna.txt")
    html = render(derna_audit, "derna.txt")
    margin = re.findall(r'class="sn" title="sentence (\d+)">\1<', html)
    rows = context["sentence_bias"]
    assert rows[0]["n"] == "T" and margin == [r["n"] for r in rows[1:]] == [str(i) for i in range(1, len(margin) + 1)]
    assert not re.search(r'<p class="title">\s*<span class="sn"', html)
    chart_labels = re.findall(r">([T\d]+)</text>", context["chart_sentences"])
    assert {"T", margin[-1]} <= set(chart_labels)
    quoted = {r["text"].split()[0]: r["quoted"] for r in rows}
    assert quoted["“We"] is True and quoted["Clashes"] is False
    assert context["chart_sentences"].count("fill: #eef3f8") == sum(r["quoted"] for r in rows) > 0


def test_a_lesson_page_hides_the_audit_and_wraps_the_words():
    """framing audit --class: the verdict, scores, legend, charts and tables sit in hidden answers; each word
    of the title and body is a span with its sentence's label; a highlight says which of the writer's
    findings a student can find there (quoted speech and hints are not asked for)."""
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    html = render(audit, "harbour-loaded.txt", lesson=True)
    assert '<body class="lesson" data-one-sided="yes">' in html and 'id="check"' in html
    assert html.count('class="answer" hidden') == 3 and html.index('class="answer" hidden') < html.index('<p class="verdict"')
    assert re.search(r'<span class="w" data-s="T">Reckless</span>', html)
    assert re.search(r'<span class="w" data-s="1">The</span>', html)
    asked = set()
    for ids in re.findall(r'data-loaded="([^"]*)"', html):
        asked.update(ids.split())
    notes = {f.id: f for f in audit.findings}
    assert asked and all(notes[i].voice == "reporter" and notes[i].dimension == "loaded_language" for i in asked)
    quoted = {f.id for f in audit.findings if f.voice == "quoted" and f.dimension == "loaded_language"}
    assert quoted and not quoted & asked
    assert 'class="w"' not in render(audit, "harbour-loaded.txt") and "lesson-tools" not in render(audit, "x.txt")


def test_class_mode_needs_an_html_output(tmp_path, capsys):
    from framing.cli import main

    assert main(["audit", str(EXAMPLES / "harbour-loaded.txt"), "--class"]) == 2
    assert main(["audit", str(EXAMPLES / "harbour-loaded.txt"), "--class", "-o", str(tmp_path / "x.json")]) == 2
    assert capsys.readouterr().err.count("--class writes an HTML lesson page") == 2
    assert main(["audit", str(EXAMPLES / "harbour-loaded.txt"), "--class", "-o", str(tmp_path / "lesson.html")]) == 0
    assert "lesson-tools" in (tmp_path / "lesson.html").read_text(encoding="utf-8")
