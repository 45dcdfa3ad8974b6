"""The HTML reports in a real browser: Debian's headless Chromium driven by playwright, from file://.

`make test` installs Chromium and axe-core; without them these tests skip, except under CI,
where they fail. Screenshots go to test-output/screenshots/ for a reviewer to look at.
"""

from pathlib import Path

import pytest

from framing.api import audit_text
from framing.outputs.report import render, render_compare

from conftest import AXE, DERNA, EXAMPLES, OFF_SCREEN, SCREENSHOTS, missing

@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The Derna report (when ../shared is here), the loaded example's report and the compare view."""
    folder = tmp_path_factory.mktemp("reports")
    read = lambda name: (EXAMPLES / name).read_text(encoding="utf-8")  # noqa: E731
    out = {"loaded": folder / "loaded.html", "compare": folder / "compare.html", "lesson": folder / "lesson.html"}
    out["loaded"].write_text(render(audit_text(read("harbour-loaded.txt")), "harbour-loaded.txt"), encoding="utf-8")
    out["lesson"].write_text(render(audit_text(read("harbour-loaded.txt")), "harbour-loaded.txt", lesson=True),
                             encoding="utf-8")
    out["compare"].write_text(render_compare([audit_text(read("harbour-loaded.txt")), audit_text(read("harbour-balanced.txt"))],
                                             ["harbour-loaded.txt", "harbour-balanced.txt"]), encoding="utf-8")
    out["compare3"] = folder / "compare3.html"  # three articles: three pairs, three columns
    out["compare3"].write_text(render_compare([audit_text(read(n)) for n in ("harbour-loaded.txt", "harbour-balanced.txt", "harbour-loaded.txt")],
                                              ["harbour-loaded.txt", "harbour-balanced.txt", "copy.txt"]), encoding="utf-8")
    if DERNA.exists():
        out["derna"] = folder / "derna.html"
        out["derna"].write_text(render(audit_text(DERNA.read_text(encoding="utf-8")), DERNA.name), encoding="utf-8")
    return out


class Page:
    """A page opened from file:// with its console errors and every request it made recorded."""

    def __init__(self, browser, path: Path, **context):
        self.context = browser.new_context(viewport={"width": 1100, "height": 900}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened = []

    def opener(path: Path, **context) -> Page:
        page = Page(browser, path, **context)
        opened.append(page)
        return page

    yield opener
    for page in opened:
        page.close()


def _page_names(pages):
    return [name for name in ("derna", "loaded", "compare") if name in pages]


@pytest.mark.parametrize("name", ["derna", "loaded", "compare", "compare3", "lesson"])
def test_no_console_errors_and_no_network(pages, open_page, name):
    if name not in pages:
        pytest.skip("the shared Derna example is not here")
    page = open_page(pages[name])
    page.page.wait_for_load_state("load")
    assert page.errors == []
    assert [r for r in page.requests if r != page.url] == []  # everything is inline
    assert page.page.locator("html.js").count() == 1  # the hashed script ran under the page's CSP


@pytest.mark.parametrize("name", ["derna", "loaded"])
def test_every_note_opens_by_click_and_by_keyboard(pages, open_page, name):
    if name not in pages:
        pytest.skip("the shared Derna example is not here")
    page = open_page(pages[name]).page
    marks = page.locator("article mark.f")
    assert marks.count() > 5
    for i in range(marks.count()):
        mark = marks.nth(i)
        note = mark.locator(".note")
        assert not note.is_visible()
        mark.click()
        assert note.is_visible(), f"note {i} did not open on click"
        assert mark.get_attribute("aria-expanded") == "true"
        assert note.inner_text().strip()
        # overlapping findings open as one note that lists each of them, never notes stacked on each other
        assert page.locator("article .note:visible").count() == 1
        assert note.locator(".what").count() == len(mark.get_attribute("data-findings").split())
        page.keyboard.press("Escape")
        assert not note.is_visible()
        mark.focus()
        page.keyboard.press("Enter")
        assert note.is_visible(), f"note {i} did not open with Enter"
        page.keyboard.press("Escape")


def test_tab_reaches_the_highlights(pages, open_page):
    page = open_page(pages["loaded"]).page
    first = page.locator("article mark.f").first
    for _ in range(60):  # past the filters' check boxes
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article mark.f')"):
            break
    assert page.evaluate("document.activeElement.matches('article mark.f')")
    page.keyboard.press(" ")
    assert page.locator("article mark.f.open .note").first.is_visible()
    assert first.count() == 1


def test_category_and_voice_filters_hide_and_show_highlights(pages, open_page):
    page = open_page(pages["loaded"]).page
    boxes = page.locator("#filters input[data-filter^='cat:']")
    assert page.locator("#filters").is_visible() and boxes.count() >= 3
    for i in range(boxes.count()):
        box = boxes.nth(i)
        category = box.get_attribute("data-filter").removeprefix("cat:")
        only_this = page.locator(f"article mark.f[data-categories='{category}']")
        box.uncheck()
        for j in range(only_this.count()):
            style = only_this.nth(j).evaluate("m => getComputedStyle(m).borderBottomStyle")
            assert "off" in only_this.nth(j).get_attribute("class") and style == "none", category
        box.check()
        for j in range(only_this.count()):
            assert "off" not in only_this.nth(j).get_attribute("class")
    quoted = page.locator("article mark.f[data-voice='quoted']")
    assert quoted.count() > 0
    page.locator("#filters input[data-filter='voice:quoted']").uncheck()
    assert page.locator("article mark.f.off[data-voice='quoted']").count() == quoted.count()
    assert page.locator("article mark.f.off[data-voice='reporter']").count() == 0
    for i in range(boxes.count()):
        boxes.nth(i).uncheck()
    assert page.locator("article mark.f:not(.off)").count() == 0


def test_compare_view_renders_both_articles(pages, open_page):
    page = open_page(pages["compare"]).page
    columns = page.locator(".columns > section")
    assert columns.count() == 2
    marked = []
    for i, title in enumerate(("Reckless Plan", "Approves Container Terminal")):
        column = columns.nth(i)
        assert title in column.locator("h2").first.inner_text()
        marked.append(column.locator("article mark.f").count())
        assert column.locator(".scores .score").count() == 4
    assert marked[0] > marked[1]  # the loaded draft is marked up, the balanced one (nearly) quiet
    duplicated = page.evaluate("""() => { const seen = {}, dup = [];
        document.querySelectorAll('[id]').forEach(e => { if (seen[e.id]) dup.push(e.id); seen[e.id] = 1; });
        return dup; }""")
    assert duplicated == []
    mark = columns.nth(0).locator("article mark.f").first
    mark.click()
    assert mark.locator(".note").is_visible()


def test_compare_view_shows_the_comparison_tables(pages, open_page):
    page = open_page(pages["compare"]).page
    scores = page.locator("section[aria-labelledby='cmp-scores'] tbody tr")
    assert scores.count() == 4 and "where B uses 0" in scores.first.inner_text()
    sources = page.locator("section[aria-labelledby='cmp-sources'] tbody tr")
    assert "Victor Hale" in sources.first.inner_text() and "not cited" not in sources.first.inner_text()
    assert page.locator("section[aria-labelledby='cmp-sources'] .only").count() >= 2
    assert "thugs" in page.locator("section[aria-labelledby='cmp-actors']").inner_text()
    shared = page.locator("section[aria-labelledby='cmp-content'] tbody tr")
    assert shared.count() >= 1 and shared.first.is_visible()
    only = page.locator("section[aria-labelledby='cmp-content'] details", has=page.locator("summary", has_text="Only in")).first
    assert not only.locator("tbody tr").first.is_visible()
    only.locator("summary").click()  # the sentences only one article carries open on demand
    assert only.locator("tbody tr").first.is_visible()


def test_compare_view_of_three_articles(pages, open_page):
    page = open_page(pages["compare3"]).page
    assert page.locator(".columns > section").count() == 3
    assert page.locator("section[aria-labelledby='cmp-content'] h3").all_inner_texts() == ["A and B", "A and C", "B and C"]
    assert page.locator("section[aria-labelledby='cmp-scores'] thead th").count() == 5  # dimension, A, B, C, why
    copy = page.locator("#pair-AC + p").inner_text()
    assert "0 sentence(s) only in A, 0 only in C" in copy  # an article and its copy share every sentence


def test_print_shows_notes_as_footnotes(pages, open_page):
    page = open_page(pages["loaded"]).page
    page.emulate_media(media="print")
    assert page.locator("sup.ref").first.is_visible()
    assert page.locator("#findings-table").is_visible()
    assert not page.locator("#filters").is_visible()
    number = page.locator("sup.ref").first.inner_text().split(",")[0]
    assert page.locator(f"#findings-table tbody tr:nth-child({number})").is_visible()


@pytest.mark.parametrize("name", ["derna", "compare", "compare3", "lesson"])
def test_no_serious_accessibility_violations(pages, open_page, name):
    if name not in pages:
        pytest.skip("the shared Derna example is not here")
    if not AXE.exists():
        missing(f"axe-core is not installed at {AXE}")
    assert _serious_violations(open_page(pages[name], bypass_csp=True).page) == []  # bypass only to inject axe itself


def _serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))""")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_screenshots_for_review(pages, open_page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in _page_names(pages):
        page = open_page(pages[name]).page
        if name != "compare":
            page.set_viewport_size({"width": 1100, "height": 1400})
            page.locator("article p.body mark.f.sev-high").first.click()  # show one open note
        target = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(target), full_page=name == "compare")
        assert target.stat().st_size > 10_000
        if name == "compare":  # the README's: the comparison's first tables
            page.set_viewport_size({"width": 1100, "height": 1200})
            page.screenshot(path=str(SCREENSHOTS / "compare-top.png"))


def test_an_open_note_stays_inside_the_window(pages, open_page):
    page = open_page(pages["loaded"]).page
    page.set_viewport_size({"width": 700, "height": 900})
    marks = page.locator("article mark.f")
    for i in range(marks.count()):
        marks.nth(i).click()
        box = marks.nth(i).locator(".note").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 700, f"note {i} runs off the window"
        page.keyboard.press("Escape")


@pytest.mark.parametrize("name", ["loaded", "lesson", "compare3"])
def test_on_a_phone_no_control_runs_off_the_window(pages, open_page, name):
    """At 360 px the filters, the disclosures and the lesson's buttons wrap inside the window
    (the lesson checked, too: its results add controls)."""
    page = open_page(pages[name]).page
    page.set_viewport_size({"width": 360, "height": 800})
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate(OFF_SCREEN) == []
    if name == "lesson":
        page.locator("#check").click()
        assert page.evaluate(OFF_SCREEN) == []


@pytest.mark.parametrize("name", ["derna", "lesson", "compare3"])
def test_on_a_phone_wide_tables_scroll_in_their_box_not_the_page(pages, open_page, name):
    """At 360 px the findings, sources and comparison tables scroll sideways inside a box a keyboard can focus
    (axe's scrollable-region-focusable), and the page itself is no wider than the window (the lesson checked:
    Check shows its tables)."""
    if name not in pages:
        pytest.skip("the shared Derna example is not here")
    if not AXE.exists():
        missing(f"axe-core is not installed at {AXE}")
    page = open_page(pages[name], bypass_csp=True).page  # bypass only to inject axe itself
    page.set_viewport_size({"width": 360, "height": 800})
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    if name == "lesson":
        page.click("#check")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    boxes = page.locator(".table-scroll")
    assert boxes.count() >= 2
    assert any(box.evaluate("b => b.scrollWidth > b.clientWidth") for box in boxes.all())  # one does scroll
    assert _serious_violations(page) == []


def test_class_mode_hides_the_audit_until_the_students_check(pages, open_page):
    """framing audit --class: no highlight, note or score shows while students mark; a click marks a word
    (or, with the claim tool, its whole sentence); Check shows the audit and what they found, missed and
    marked beyond it; printed, it is a worksheet."""
    page = open_page(pages["lesson"]).page
    assert page.locator(".answer").count() >= 3 and all(not a.is_visible() for a in page.locator(".answer").all())
    reckless = page.locator("p.title span.w", has_text="Reckless")
    reckless.click()
    assert page.locator("article .note:visible").count() == 0  # the audit stays hidden
    assert "picked-loaded" in reckless.get_attribute("class")
    page.locator("p.body span.w", has_text="fishing").first.click()  # no finding there
    page.check("input[name=tool][value=unattributed]")
    page.locator("p.body span.w[data-s='11']").first.click()
    marked = page.locator("span.w.picked-unattributed")
    assert marked.count() == page.locator("p.body span.w[data-s='11']").count() > 3  # the whole sentence
    page.emulate_media(media="print")
    assert page.locator(".worksheet").is_visible() and not page.locator(".lesson-tools").is_visible()
    page.emulate_media(media="screen")
    page.check("input[name=one-sided][value=yes]")
    page.click("#check")
    results = page.locator("#lesson-results").inner_text()
    loaded = page.locator("mark.f[data-loaded]:not([data-loaded=''])")
    assert loaded.count() > 5 and page.locator(".answer").first.is_visible()
    audit = audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    writer = [f for f in audit.findings if f.voice == "reporter" and f.category != "model_loaded"]
    loaded_total = sum(f.dimension == "loaded_language" for f in writer)
    unattributed_total = sum(f.dimension == "unattributed" for f in writer)
    assert f"Loaded words: you found 1 of the {loaded_total} " in results and "“fishing”" in results
    assert f"Unattributed claims and vague attributions: you found 1 of the {unattributed_total} " in results
    assert "“Ruin”" in results  # a flagged word nobody marked
    assert "will only wreak havoc on the fishing" in results  # a claim cut by its words' marks keeps its spaces
    assert "you said yes; framing says yes" in results
    assert page.locator("span.w.beyond", has_text="fishing").count() == 1
    assert page.locator("mark.missed-loaded").count() > 0 and page.locator("mark.missed-loaded span.w.picked-loaded").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1100, "height": 1300})
    page.locator("#lesson-results").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "lesson.png"))  # the README's
    mark = page.locator("p.body mark.f").first
    mark.click()
    assert mark.locator(".note").is_visible()  # after the check, notes open as in the report
