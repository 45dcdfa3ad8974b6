"""`framing serve`: the JSON API (status codes, limits, schema) and the live editor in Chromium."""

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from starlette.testclient import TestClient

from framing.runs import serve
from framing.cli import main
from framing.outputs.serialize import SCHEMA

from conftest import AXE, DERNA, EXAMPLES, OFF_SCREEN, SCREENSHOTS, missing

LOADED = "Council Votes on Plan\n\nThe so-called mayor slammed the plan on Tuesday, said Jane Roe."


@pytest.fixture(scope="module")
def client():
    return TestClient(serve.create_app(), base_url="http://127.0.0.1:8750")


def test_audit_api_returns_the_audit_json(client):
    response = client.post("/api/audit", json={"text": LOADED, "title": None})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert data["schema"] == SCHEMA
    assert {"document", "findings", "attributions", "sources", "sourcing", "scores"} <= set(data)
    assert any(f["text"] == "so-called" for f in data["findings"])


def test_title_is_used(client):
    data = client.post("/api/audit", json={"text": "The mayor said the plan was good.", "title": "My title"}).json()
    assert data["document"]["title"] == "My title"


@pytest.mark.parametrize("body, message", [
    (b"{not json", "must be JSON"),
    (b'"just a string"', "needs a string field 'text'"),
    (b'{"text": 42}', "needs a string field 'text'"),
    (b'{"text": "a", "title": 3}', "'title' must be a string"),
    (b'{"text": "   "}', "empty"),
    (b"\xff\xfe", "must be JSON"),
])
def test_malformed_requests_get_400_with_a_message(client, body, message):
    response = client.post("/api/audit", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_oversize_body_gets_413(client):
    big = json.dumps({"text": "word " * (serve.MAX_BODY_BYTES // 5 + 10)})
    response = client.post("/api/audit", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "over" in response.json()["error"]


def test_render_gives_offsets_into_the_draft(client):
    result = client.post("/api/render", json={"text": LOADED}).json()
    assert result["text"] == LOADED
    words = {LOADED[m["start"]:m["end"]]: m for m in result["marks"]}
    assert words["so-called"]["category"] == "doubt" and words["so-called"]["kind"] == "word"
    assert all(m["severity"] in ("low", "medium", "high") for m in result["marks"])


def test_render_marks_carry_their_notes_and_the_excluded_lines(client):
    text = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    result = client.post("/api/render", json={"text": text}).json()
    marks = {text[m["start"]:m["end"]]: m for m in result["marks"]}
    ruin = marks["Ruin"]
    assert ruin["rule"] == "emotive.ruin" and ruin["message"] and ruin["explanation"] and ruin["suggestion"][0] == "harm"
    assert f'data-findings="{ruin["id"]}"' in result["html"]  # the audit pane's mark of the same finding
    assert ruin["replacement"] == "Harm" and marks["rammed through"]["replacement"] == "passed"
    assert marks["Reckless"]["replacement"] is None  # "risky (according to ...)": not plain words
    assert marks["heavy-handed"]["replacement"] is None  # "describe the measures": an instruction
    assert marks["so-called"]["replacement"] is None  # "(delete)"
    assert marks["will only"]["replacement"] == "could"  # the hyperbole is 'will only', not the verb after it
    assert marks["Critics say"]["replacement"] is None  # not a lexicon word: "name a critic"
    excluded = [text[b["start"]:b["end"]] for b in result["excluded"]]
    assert "Related: Calder Bay Festival Returns This Summer" in excluded and excluded[0].startswith("(Author:")


@pytest.mark.parametrize("text, markdown", [
    ("Plan Approved\n\nThe so-called plan passed. framing-ignore doubt.so-called -- the council's own name", False),
    ("# Plan Approved\n\n<!-- framing: ignore doubt.so-called -- the council's own name -->\n"
     "The so-called plan passed.", True),
])
def test_suppressions_in_the_draft_silence_findings(client, text, markdown):
    rules = lambda body: [f["rule"] for f in client.post("/api/audit", json=body).json()["findings"]]  # noqa: E731
    assert "doubt.so-called" not in rules({"text": text, "markdown": markdown})
    assert "doubt.so-called" in rules({"text": re.sub(r"<!--.*?-->\n| framing-ignore.*", "", text)})  # without it
    render = client.post("/api/render", json={"text": text, "markdown": markdown}).json()
    assert not [m for m in render["marks"] if m["rule"] == "doubt.so-called"]


def test_the_editor_lists_suppressions_that_silence_nothing(client):
    text = ("Plan Approved\n\nThe plan passed. framing-ignore doubt.so-called -- the council's own name\n\n"
            "The so-called deal was signed. framing-ignore hyperbole.total\n")
    html = client.post("/api/render", json={"text": text}).json()["html"]
    notes = re.findall(r"<li>(line \d+: [^<]*)</li>", html)
    assert notes == ["line 3: unused suppression of doubt.so-called",
                     "line 5: suppression of hyperbole.total gives no reason (write: -- why); it silences nothing"]
    clean = client.post("/api/render", json={"text": "Plan Approved\n\nThe plan passed.\n"}).json()["html"]
    assert "suppression-notes" not in clean


def test_markdown_must_be_a_boolean(client):
    response = client.post("/api/audit", json={"text": "A plan.", "markdown": "yes"})
    assert response.status_code == 400 and "'markdown'" in response.json()["error"]


def test_render_escapes_hostile_text(client):
    hostile = 'A <script>alert(1)</script> plan\n\nThe so-called mayor said "<img src=x onerror=alert(2)>".'
    html = client.post("/api/render", json={"text": hostile}).json()["html"]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and 'class="f ' in html


def test_report_download_is_a_full_report(client):
    response = client.post("/api/report", json={"text": LOADED})
    assert response.status_code == 200 and response.text.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in response.text


def test_examples_and_extract(client):
    names = client.get("/api/examples").json()
    assert {"harbour-loaded", "harbour-balanced", "bus-lanes"} <= set(names)
    assert "Reckless Plan" in client.get("/api/examples/harbour-loaded").json()["text"]
    assert client.get("/api/examples/nope").status_code == 404
    page = (EXAMPLES / "bus-lanes.html").read_bytes()
    text = client.post("/api/extract", content=page, headers={"x-filename": "bus-lanes.html"}).json()["text"]
    assert "Mill Road" in text and "<p>" not in text
    binary = client.post("/api/extract", content=b"\x00\x01\x02", headers={"x-filename": "x.txt"})
    assert binary.status_code == 400 and "binary" in binary.json()["error"]


def test_page_has_a_strict_csp_and_no_draft_is_stored(client, tmp_path, monkeypatch):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "unsafe-eval" not in csp
    assert response.headers["cache-control"] == "no-store"
    monkeypatch.chdir(tmp_path)
    client.post("/api/audit", json={"text": LOADED})
    assert list(tmp_path.iterdir()) == []


def test_loopback_detection():
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1") and serve.is_loopback("localhost")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("192.168.1.5")


def test_a_taken_port_is_a_one_line_error(capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: cannot listen on") and err.count("\n") == 1


# ---- the live editor in a real browser ---------------------------------------------------------

@contextmanager
def running(app):
    """uvicorn serving `app` on a free loopback port, in a thread of this process: its URL."""
    import uvicorn

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    serve.warm_up()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server():
    with running(serve.create_app()) as url:
        yield url


def post(url: str, body: dict) -> tuple[int, dict | str]:
    """POST JSON with the standard library: (status, the JSON answer or the text)."""
    request = urllib.request.Request(url, json.dumps(body).encode("utf-8"), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


BIG = ((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8") + "\n\n") * 300  # about 1 MiB


def test_a_large_draft_does_not_hold_up_other_clients():
    """Audits run in worker processes off the event loop: a small draft is answered while a large
    one is still being audited."""
    with running(serve.create_app(workers=2, seconds=5)) as url:
        large = {}
        worker = threading.Thread(target=lambda: large.update(answer=post(url + "api/audit", {"text": BIG})))
        worker.start()
        time.sleep(0.5)
        status, _ = post(url + "api/audit", {"text": LOADED})
        assert status == 200 and worker.is_alive()
        worker.join()
        assert large["answer"][0] in (200, 504)


def test_an_audit_over_the_time_limit_gets_504_and_its_worker_is_stopped():
    import multiprocessing

    before = set(multiprocessing.active_children())
    with running(serve.create_app(workers=1, seconds=0.5)) as url:
        status, answer = post(url + "api/render", {"text": BIG})
        assert status == 504 and "longer than the 0.5 s limit" in answer["error"]
        assert len(set(multiprocessing.active_children()) - before) == 1  # its worker stopped, a fresh one in place
        assert post(url + "api/render", {"text": LOADED})[0] == 200  # which serves the next draft


def test_a_draft_over_the_input_limit_gets_413(client):
    from framing.text.ingest import MAX_INPUT_BYTES

    answer = client.post("/api/audit", json={"text": "é" * (MAX_INPUT_BYTES // 2 + 1)})  # 2 bytes each in UTF-8
    assert answer.status_code == 413 and "5 MiB input limit" in answer.json()["error"]


@pytest.fixture
def editor(browser, server):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((server, "data:")) else errors.append(f"request to {r.url}"))
    page.goto(server)
    yield page, errors
    page.close()


def test_typing_a_loaded_word_shows_its_highlight_and_note(editor):
    from playwright.sync_api import expect

    page, errors = editor
    page.locator("#draft").type("Port Plan Approved\n\nThe so-called plan was approved on Tuesday.")
    mark = page.locator("#audit mark.f.cat-doubt").first
    expect(mark).to_be_visible(timeout=5000)
    mark.click()
    expect(mark.locator(".note")).to_be_visible()
    assert "so-called" in mark.locator(".note").inner_text()
    in_draft = page.locator("#backdrop mark[data-categories~='doubt']")  # highlighted in the draft itself
    expect(in_draft).to_have_text("so-called")
    box, mark_box = page.locator("#draft").bounding_box(), in_draft.bounding_box()
    assert box["x"] < mark_box["x"] < box["x"] + box["width"] and box["y"] < mark_box["y"] < box["y"] + box["height"]
    page.locator("#draft").fill("Port Plan Approved\n\nThe plan was approved on Tuesday.")
    expect(page.locator("#audit mark.f.cat-doubt")).to_have_count(0, timeout=5000)
    expect(in_draft).to_have_count(0)
    assert errors == []


def test_pasting_derna_shows_its_sources_panel(editor):
    from playwright.sync_api import expect

    if not DERNA.exists():
        pytest.skip("the shared Derna example is not here")
    page, errors = editor
    page.locator("#draft").fill(DERNA.read_text(encoding="utf-8"))
    table = page.locator("#audit table").first
    expect(table).to_contain_text("Ahmad Al-Masmari", timeout=5000)
    expect(table).to_contain_text("Martin Kobler")
    expect(page.locator("#audit")).to_contain_text("Khalifa Haftar")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "serve-derna.png"))  # for review only: third-party text
    assert errors == []


def test_examples_menu_loads_an_example(editor):
    from playwright.sync_api import expect

    page, errors = editor
    page.select_option("#examples", "harbour-loaded")
    expect(page.locator("#audit mark.f").first).to_be_visible(timeout=5000)
    expect(page.locator("#status")).to_contain_text("finding(s)")
    page.set_viewport_size({"width": 1300, "height": 1150})
    _click(page, page.locator("#backdrop mark[data-categories~='emotive']").nth(1))  # 'Ruin': its note open
    expect(page.locator("#draft-note")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "serve.png"))  # the README's screenshot
    assert errors == []


def test_on_a_phone_the_toolbar_and_the_draft_fit_the_window(editor):
    """At 360 px the toolbar wraps and the panes stack; the audit's wide sources table scrolls in its
    pane instead of widening the page, which cut the draft off at the right."""
    from playwright.sync_api import expect

    page, errors = editor
    page.set_viewport_size({"width": 360, "height": 800})
    page.select_option("#examples", "harbour-loaded")
    expect(page.locator("#audit mark.f").first).to_be_visible(timeout=5000)
    assert page.evaluate(OFF_SCREEN) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == []


def test_draft_highlights_line_up_with_the_text(editor):
    """The backdrop's marks sit exactly under the words of the textarea (same wrapping, same widths)."""
    from playwright.sync_api import expect

    page, errors = editor
    page.select_option("#examples", "harbour-loaded")
    expect(page.locator("#backdrop mark").first).to_be_visible(timeout=5000)
    # the widths of the backdrop's text and of the same text measured in the textarea's font agree
    mismatch = page.evaluate("""() => {
        const area = document.getElementById('draft'), back = document.getElementById('backdrop');
        return [area.scrollHeight, back.scrollHeight, area.clientWidth, back.clientWidth]; }""")
    assert abs(mismatch[0] - mismatch[1]) <= 2 and mismatch[2] == mismatch[3]
    last = page.locator("#backdrop mark").last
    assert last.evaluate("m => getComputedStyle(m).fontWeight") == page.locator("#draft").evaluate(
        "t => getComputedStyle(t).fontWeight")
    assert errors == []


def test_highlights_after_an_emoji_sit_on_their_words(editor):
    """The server's offsets count code points; the browser's strings count UTF-16 units, two per
    emoji: the marks are sent in UTF-16 units, so they do not shift by one per emoji."""
    from playwright.sync_api import expect

    page, errors = editor
    page.locator("#draft").fill("Port Plan 🚢 Approved\n\n🙂🙂 The so-called plan was approved on Tuesday. 👍")
    in_draft = page.locator("#backdrop mark[data-categories~='doubt']")
    expect(in_draft).to_have_text("so-called", timeout=5000)
    assert errors == []


def test_a_request_waiting_for_the_only_worker_gets_its_replacement():
    """With one worker busy past the limit, a request queued behind it is served by the fresh
    worker that replaces it, not refused."""
    with running(serve.create_app(workers=1, seconds=2)) as url:
        slow = {}
        worker = threading.Thread(target=lambda: slow.update(answer=post(url + "api/audit", {"text": BIG})))
        worker.start()
        time.sleep(1)
        status, _ = post(url + "api/audit", {"text": LOADED})  # waits for the worker, which is stopped at 2 s
        worker.join()
        assert slow["answer"][0] == 504 and status == 200


# ---- notes, the pane following the caret, one palette, suggestions and suppressions (issue 26) --

PLAN = "Port Plan Approved\n\nThe so-called plan was rammed through on Tuesday, said Jane Roe."


def _draft(page, text: str, markdown: bool = False, category: str = "doubt"):
    """The draft typed in, once its audit has painted the highlights: the highlight of `category`."""
    from playwright.sync_api import expect

    if markdown:
        page.check("#markdown")
    page.locator("#draft").fill(text)
    mark = page.locator(f"#backdrop mark[data-categories~='{category}']")
    expect(mark).to_have_count(1, timeout=5000)
    return mark


def _click(page, locator):
    """A click on the draft where `locator` (a highlight in the backdrop under it) is."""
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _caret(page, offset: int):
    page.locator("#draft").evaluate("(t, i) => { t.focus(); t.setSelectionRange(i, i); }", offset)


def test_a_highlight_in_the_draft_opens_its_note_by_click_and_by_keyboard(editor):
    from playwright.sync_api import expect

    page, errors = editor
    mark = _draft(page, PLAN)
    note = page.locator("#draft-note")
    _click(page, mark)
    expect(note).to_be_visible()
    expect(note.locator(".what")).to_contain_text("so-called")
    expect(note.locator(".alt")).to_contain_text("Instead: (delete)")
    note_box, mark_box = note.bounding_box(), mark.bounding_box()
    assert 0 <= note_box["y"] - (mark_box["y"] + mark_box["height"]) < 20  # right under the highlight
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    _caret(page, PLAN.index("rammed") - 1)  # then by keyboard alone: the caret moved into the highlight
    page.keyboard.press("ArrowRight")
    expect(note.locator(".what")).to_contain_text("rammed through")
    expect(page.locator("#audit mark.f.current")).to_contain_text("rammed through")  # the pane's own note
    page.keyboard.press("Tab")  # the note's buttons come next in the tab order
    assert page.evaluate("document.activeElement.textContent") == "Apply “passed”"
    assert errors == []


def test_the_audit_pane_follows_the_caret(editor):
    from playwright.sync_api import expect

    page, errors = editor
    page.select_option("#examples", "harbour-loaded")
    expect(page.locator("#backdrop mark").first).to_be_visible(timeout=5000)
    pane = page.locator("#audit")
    assert pane.evaluate("p => p.scrollTop") == 0
    page.locator("#draft").focus()
    page.keyboard.press("Control+End")
    current, in_draft = page.locator("#audit mark.f.current"), page.locator("#backdrop mark.current")
    expect(in_draft).to_have_text("will never be")  # the finding nearest the caret
    expect(current).to_have_attribute("data-findings", in_draft.get_attribute("data-findings"))
    top, pane_box = current.bounding_box()["y"], pane.bounding_box()
    assert pane.evaluate("p => p.scrollTop") > 0 and pane_box["y"] <= top <= pane_box["y"] + pane_box["height"]
    page.keyboard.press("Control+Home")
    expect(in_draft).to_have_text("Reckless")
    expect(current).to_contain_text("Reckless")
    assert pane.evaluate("p => p.scrollTop") == 0
    assert errors == []


def test_draft_highlights_use_the_registry_colours_like_the_report(editor):
    from playwright.sync_api import expect

    from framing import categories

    page, errors = editor
    page.select_option("#examples", "harbour-loaded")
    expect(page.locator("#backdrop mark").first).to_be_visible(timeout=5000)
    style = "m => { const s = getComputedStyle(m); return [s.borderBottomColor, s.borderBottomStyle, s.backgroundColor]; }"
    registry = categories.of_findings()
    for key in ("doubt", "emotive", "reporting_verb"):
        colour = registry[key].colour
        rgb = f"rgb({int(colour[1:3], 16)}, {int(colour[3:5], 16)}, {int(colour[5:7], 16)})"
        in_draft = page.locator(f"#backdrop mark[data-categories~='{key}']").first.evaluate(style)
        in_report = page.locator(f"#audit mark.f[data-categories~='{key}']").first.evaluate(style)
        assert in_draft[0] == rgb and in_draft[1] == registry[key].line and in_draft == in_report
    claim = page.locator("#backdrop mark[data-categories='unattributed_claim']").first
    assert registry["unattributed_claim"].line in claim.evaluate("m => getComputedStyle(m).textDecorationStyle")
    assert errors == []


def test_excluded_lines_are_greyed_in_the_draft(editor):
    from playwright.sync_api import expect

    page, errors = editor
    page.select_option("#examples", "harbour-loaded")
    greyed = page.locator("#backdrop .excluded", has_text="Related: Calder Bay Festival Returns This Summer")
    expect(greyed).to_have_count(1, timeout=5000)
    background = "e => getComputedStyle(e).backgroundColor"
    assert greyed.evaluate(background) == page.locator("#audit p.excluded").first.evaluate(background)
    assert greyed.evaluate(background) != page.locator("#backdrop").evaluate(background)
    expect(page.locator("#backdrop .excluded").first).to_contain_text("(Author: framing project.")  # the byline
    assert errors == []


def test_apply_suggestion_replaces_the_words_and_the_finding_goes(editor):
    from playwright.sync_api import expect

    page, errors = editor
    _click(page, _draft(page, PLAN, category="emotive"))
    page.locator("#draft-note button.apply").click()
    fixed = PLAN.replace("rammed through", "passed")
    expect(page.locator("#draft")).to_have_value(fixed)
    expect(page.locator("#backdrop mark[data-categories~='emotive']")).to_have_count(0, timeout=5000)
    expect(page.locator("#audit mark.f.cat-emotive")).to_have_count(0)
    assert page.locator("#draft").evaluate("t => t.selectionStart") == fixed.index("passed") + len("passed")
    page.keyboard.press("Control+z")  # the textarea's own undo takes it back
    expect(page.locator("#draft")).to_have_value(PLAN)
    expect(page.locator("#backdrop mark[data-categories~='emotive']")).to_have_count(1, timeout=5000)
    assert page.locator("#draft-note button.apply").count() == 0 or not page.locator("#draft-note").is_visible()
    assert errors == []


@pytest.mark.parametrize("markdown, text, expected", [
    (False, PLAN, PLAN + " framing-ignore doubt.so-called -- the council's own name"),
    (True, "# Port Plan Approved\n\nThe so-called plan was approved on Tuesday.",
     "# Port Plan Approved\n\n<!-- framing: ignore doubt.so-called -- the council's own name -->\n"
     "The so-called plan was approved on Tuesday."),
])
def test_ignore_with_a_reason_writes_the_suppression_and_the_finding_goes(editor, server, markdown, text, expected):
    from playwright.sync_api import expect

    page, errors = editor
    _click(page, _draft(page, text, markdown))
    note = page.locator("#draft-note")
    note.locator("button.ignore").click()
    reason = note.get_by_label("Reason")
    expect(reason).to_be_focused()
    reason.fill("the council's own name")
    reason.press("Enter")
    expect(page.locator("#draft")).to_have_value(expected)
    expect(page.locator("#backdrop mark[data-categories~='doubt']")).to_have_count(0, timeout=5000)
    expect(page.locator("#audit mark.f.cat-doubt")).to_have_count(0)
    status, answer = post(server + "api/audit", {"text": expected, "markdown": markdown})
    assert status == 200 and "doubt.so-called" not in [f["rule"] for f in json.loads(answer)["findings"]]
    assert errors == []


def test_a_second_suppression_on_a_line_joins_the_first(editor):
    from playwright.sync_api import expect

    page, errors = editor
    _click(page, _draft(page, PLAN + " framing-ignore doubt.so-called -- the council's own name", category="emotive"))
    page.locator("#draft-note button.ignore").click()
    page.locator("#draft-note").get_by_label("Reason").fill("quoting the minutes")
    page.locator("#draft-note").get_by_role("button", name="Ignore", exact=True).click()
    expect(page.locator("#draft")).to_have_value(
        PLAN + " framing-ignore doubt.so-called, emotive.ram-through -- the council's own name; quoting the minutes")
    expect(page.locator("#backdrop mark[data-categories~='emotive']")).to_have_count(0, timeout=5000)
    assert errors == []


def test_the_editor_has_no_serious_accessibility_violations(browser, server):
    from playwright.sync_api import expect

    if not AXE.exists():
        missing(f"axe-core is not installed at {AXE}")
    context = browser.new_context(bypass_csp=True, viewport={"width": 1300, "height": 1000})  # only to inject axe
    page = context.new_page()
    page.goto(server)
    _click(page, _draft(page, PLAN, category="emotive"))
    page.locator("#draft-note button.ignore").click()  # a note open with both buttons, its reason field shown
    expect(page.locator("#draft-note input")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))""")
    context.close()
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
