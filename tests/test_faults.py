"""Regression tests for the faults of issue 24: one bad input line never costs the others."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from framing.cli import main
from framing.runs import corpus

from conftest import EXAMPLES, ROOT

GOOD = (EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8")


def bad_lines(path):
    """Two good articles around a line that is not UTF-8, one with a lone surrogate and one that is not JSON."""
    good = [json.dumps({"id": name, "text": GOOD}).encode("utf-8") for name in ("first", "last")]
    path.write_bytes(b"\n".join([good[0], b'{"id": "latin1", "text": "caf\xe9"}',
                                 b'{"id": "surrogate", "text": "\\ud800 here"}', b"not json", good[1]]) + b"\n")
    return path


def test_batch_skips_each_bad_line_with_its_number(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(bad_lines(tmp_path / "in.jsonl")), "-o", str(out)]) == 0
    assert [json.loads(line)["id"] for line in out.open(encoding="utf-8")] == ["first", "last"]
    err = capsys.readouterr().err
    assert "line 2: skipped: not UTF-8" in err and "line 3: skipped: holds a lone surrogate" in err
    assert "line 4: skipped: not valid JSON" in err and "Traceback" not in err


def test_corpus_reports_each_bad_line_and_audits_the_rest(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["corpus", str(bad_lines(tmp_path / "in.jsonl")), "-o", str(out)]) == 0
    audited = [a["id"] for a in corpus.audits(out)]
    errors = [json.loads(line)["error"] for line in (out / "errors.jsonl").open(encoding="utf-8")]
    assert audited == ["first", "last"]
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 3", "line 4"]
    assert "not UTF-8" in errors[0] and "lone surrogate" in errors[1]


def test_corpus_takes_metadata_of_any_json_type_and_dollar_signs(tmp_path):
    """An outlet that is a number, a list or matplotlib's mathematics ('$x^2$') is text in the tables
    and charts; the last step no longer fails (and a rerun has nothing left to do)."""
    source = tmp_path / "in.jsonl"
    outlets = [5, ["a", "b"], "$x^2$ News", {"name": "Daily"}]
    source.write_text("".join(json.dumps({"id": f"n{i}", "text": GOOD, "outlet": o}) + "\n"
                              for i, o in enumerate(outlets)), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["corpus", str(source), "-o", str(out)]) == 0
    import csv
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["outlet"] for r in csv.DictReader(handle)] == ["5", '["a", "b"]', "$x^2$ News", '{"name": "Daily"}']
    assert "x^2" in (out / "index.html").read_text(encoding="utf-8")
    assert main(["corpus", str(source), "-o", str(out)]) == 0


def test_chart_labels_keep_dollar_signs_literal():
    from framing.outputs.charts import _label

    assert _label("$x^2$ News") == r"\$x^2\$ News" and _label("A" * 30).endswith("…")


def test_serve_answers_only_to_its_own_host_names_and_origins():
    """DNS rebinding (a foreign Host) gets 421, a cross-site POST 403, a lone surrogate 400; the
    local names, [::1] and an --allow-host name are served."""
    from starlette.testclient import TestClient

    from framing.runs import serve

    app = serve.create_app(("editor.example",))
    body = {"text": "The council said the road would reopen."}
    for host in ("127.0.0.1:8750", "localhost", "[::1]:8750", "editor.example"):
        assert TestClient(app, base_url=f"http://{host}").post("/api/audit", json=body).status_code == 200, host
    foreign = TestClient(app, base_url="http://attacker.example")
    assert foreign.get("/").status_code == 421 and foreign.post("/api/audit", json=body).status_code == 421
    local = TestClient(app, base_url="http://127.0.0.1:8750")
    assert local.post("/api/audit", json=body, headers={"Origin": "http://attacker.example"}).status_code == 403
    assert local.post("/api/audit", json=body, headers={"Origin": "http://127.0.0.1:8750"}).status_code == 200
    answer = local.post("/api/audit", content=b'{"text": "\\ud800 here"}', headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and "lone surrogate" in answer.json()["error"]


def test_corpus_folder_belongs_to_one_input(tmp_path, capsys):
    """Another input, the other mode or a folder of other files is refused in one line (nothing
    touched); the same input resumes; --force starts the folder again."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"text": GOOD}) + "\n", encoding="utf-8")  # ids from position: '#1'
    second.write_text(json.dumps({"text": GOOD.replace("Calder", "Marsh")}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["corpus", str(first), "-o", str(out)]) == 0
    before = [a["document"]["text"] for a in corpus.audits(out)]
    assert main(["corpus", str(second), "-o", str(out)]) == 2
    assert "holds the corpus of another input" in capsys.readouterr().err
    assert [a["document"]["text"] for a in corpus.audits(out)] == before
    assert main(["corpus", str(first), "-o", str(out), "--fast"]) == 2
    assert main(["corpus", str(first), "-o", str(out)]) == 0  # resumes: nothing left to do
    assert "0 audited, 1 already done" in capsys.readouterr().err
    assert main(["corpus", str(second), "-o", str(out), "--force"]) == 0
    texts = "".join(a["document"]["text"] for a in corpus.audits(out))
    assert "Marsh" in texts and "Calder" not in texts

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "audits.jsonl").write_text("my own notes\n", encoding="utf-8")
    assert main(["corpus", str(first), "-o", str(mine)]) == 2
    assert "holds no framing corpus" in capsys.readouterr().err
    assert (mine / "audits.jsonl").read_text(encoding="utf-8") == "my own notes\n"


TOTAL = {"batch": 1500, "corpus": 300}  # articles: enough to be stopped mid-run


def _started(out, command: str) -> bool:
    """The run is auditing: corpus has finished an article, batch has a temporary output with lines."""
    if command == "corpus":
        return any((out / "parts").glob("*.audits.jsonl"))
    return any(p.stat().st_size > 0 for p in out.parent.glob(f".{out.name}.*.tmp"))


def _as_in_a_terminal() -> None:
    """A command typed in a terminal takes Ctrl-C; one started in the background of a script ignores it
    (POSIX shells set SIGINT to ignored there, and children inherit that), as pytest may be."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("command, jobs, stop", [
    ("batch", 2, signal.SIGINT), ("batch", 1, signal.SIGTERM), ("batch", 2, signal.SIGTERM),
    ("corpus", 2, signal.SIGINT), ("corpus", 2, signal.SIGTERM)])
def test_ctrl_c_and_sigterm_stop_a_run_cleanly(tmp_path, command, jobs, stop):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and SIGTERM (to the main
    process, as `kill` sends it) stop batch and corpus mid-run within 2 s: exit 130 / 143, one line
    on stderr, no worker traceback, no temporary file; batch's earlier output is untouched and
    corpus resumes exactly where it stopped."""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{i}", "text": GOOD}) + "\n" for i in range(TOTAL[command])), encoding="utf-8")
    out = tmp_path / ("out" if command == "corpus" else "out.jsonl")
    if command == "batch":
        out.write_text("earlier output\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "framing", command, str(source), "-o", str(out), "--jobs", str(jobs)],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # SIGABRT dumps where a hung run waits
                               preexec_fn=_as_in_a_terminal)
    deadline = time.monotonic() + 120
    while not _started(out, command) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before the signal"
    time.sleep(0.3)
    sent = time.monotonic()
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)
    else:
        process.send_signal(stop)
    try:
        err = process.communicate(timeout=10)[1]
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        try:
            where = process.communicate(timeout=5)[1][-4000:]
        except subprocess.TimeoutExpired:
            where = "(no traceback)"
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"the run did not stop; where its main process waited:\n{where}")
    assert time.monotonic() - sent < 2
    assert process.returncode == (130 if stop == signal.SIGINT else 143)
    assert err.strip().splitlines() == [f"framing: {'interrupted' if stop == signal.SIGINT else 'terminated'}"]
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    if command == "batch":
        assert out.read_text(encoding="utf-8") == "earlier output\n"
        return
    done = corpus.finished_ids(out)
    assert 0 < len(done) < TOTAL[command]
    summary = corpus.run(source, out, jobs=2)
    assert (summary.skipped, summary.audited) == (len(done), TOTAL[command] - len(done))
    assert [a["id"] for a in corpus.audits(out)] == [f"a{i}" for i in range(TOTAL[command])]


def over_limit() -> str:
    """A text of 5 MiB and 2 bytes in UTF-8 (under 5 MiB in characters: 'é' is 2 bytes), cheap to audit."""
    from framing.text.ingest import MAX_INPUT_BYTES

    return "é" * (MAX_INPUT_BYTES // 2 + 1)


def test_the_library_call_refuses_a_text_over_the_limit():
    from framing.api import audit_text
    from framing.errors import InputError, TooLarge

    with pytest.raises(InputError, match="larger than the 5 MiB input limit") as raised:
        audit_text(over_limit())
    assert isinstance(raised.value, TooLarge)


def test_batch_and_corpus_skip_a_line_over_the_limit_with_its_number(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n"
                              for name, text in (("first", GOOD), ("huge", over_limit()), ("last", GOOD))),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "-o", str(out)]) == 0
    assert [json.loads(line)["id"] for line in out.open(encoding="utf-8")] == ["first", "last"]
    assert "line 2: skipped: 'text': larger than the 5 MiB input limit" in capsys.readouterr().err
    assert main(["corpus", str(source), "-o", str(tmp_path / "corpus")]) == 0
    errors = [json.loads(line) for line in (tmp_path / "corpus" / "errors.jsonl").open(encoding="utf-8")]
    assert errors == [{"id": "huge", "error": "line 2: 'text': larger than the 5 MiB input limit"}]


def test_a_corpus_rerun_keeps_each_error_once_and_counts_exactly(tmp_path):
    """errors.jsonl holds each failing article once, however often the run is repeated; every article
    is counted once as audited, already done or failed (a duplicate of a finished id is a failure,
    not 'already done': no more 'done' than articles). Ids are text: 1 and "1" are one id."""
    source = tmp_path / "in.jsonl"
    lines = [{"id": "a", "text": GOOD}, {"id": "b", "text": GOOD}, {"id": "a", "text": GOOD}, {"id": 1, "text": GOOD},
             {"id": "1", "text": GOOD}, {"id": "empty", "text": ""}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines) + "not json\n", encoding="utf-8")
    out = tmp_path / "out"
    first = corpus.run(source, out)
    assert (first.audited, first.skipped, first.failed) == (3, 0, 4)
    errors = (out / "errors.jsonl").read_text(encoding="utf-8")
    for _ in range(2):
        again = corpus.run(source, out)
        assert (again.audited, again.skipped, again.failed) == (0, 3, 4)
        assert (out / "errors.jsonl").read_text(encoding="utf-8") == errors
    found = [json.loads(line) for line in errors.splitlines()]
    assert [e["error"].split(":")[0] for e in found] == ["line 3", "line 5", "line 6", "line 7"]
    assert "duplicate id, first at line 1" in found[0]["error"] and "first at line 4" in found[1]["error"]
    assert [a["id"] for a in corpus.audits(out)] == ["a", "b", "1"]


def test_batch_warns_about_duplicate_ids_with_their_line_numbers(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": GOOD}) + "\n" for i in ("x", 1, "x", "1")), encoding="utf-8")
    assert main(["batch", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "line 3: warning: id 'x' is also on line 1" in err and "line 4: warning: id '1' is also on line 2" in err
    assert "4 audited" in err  # warned, not dropped: batch keeps one output line per input line


def test_escape_sequences_in_ids_and_names_never_reach_the_terminal(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    hostile = "\x1b]0;owned\x07\x1b[2J\u202eevil\nnext"
    source.write_text(json.dumps({"id": hostile, "text": ""}) + "\n" + json.dumps({"id": hostile, "text": GOOD}) +
                      "\n" + json.dumps({"id": hostile, "text": GOOD}) + "\n", encoding="utf-8")
    assert main(["corpus", str(source), "-o", str(tmp_path / "out")]) == 0
    assert main(["batch", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert main(["audit", str(tmp_path / "missing\x1b[31m.txt")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b]0;owned\\x07" in err and "\\u202e" in err and "evil\\nnext" in err


def test_utf16_with_a_byte_order_mark_is_read_or_refused_by_name(tmp_path, capsys):
    """A UTF-16 article (either byte order, with its BOM) is audited as its UTF-8 copy; a UTF-16 JSONL
    or CSV is refused in one line that says UTF-16 (was: 'looks like a binary file', or every line
    'not valid JSON'); a CSV row that is not UTF-8 is that row's error (was: a traceback)."""
    from framing.text.ingest import read_article

    text = "Council Votes\n\nThe so-called mayor slammed the plan, said Jane Roe. 🙂\n"
    for encoding in ("utf-16", "utf-16-be", "utf-16-le"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes((b"\xfe\xff" if encoding == "utf-16-be" else b"\xff\xfe" if encoding == "utf-16-le" else b"")
                         + text.encode(encoding))
        assert read_article(str(path)) == text
    jsonl, table = tmp_path / "in.jsonl", tmp_path / "in.csv"
    jsonl.write_bytes((json.dumps({"id": "a", "text": GOOD}) + "\n").encode("utf-16"))
    table.write_bytes('id,text\na,"The mayor said so."\n'.encode("utf-16"))
    assert main(["batch", str(jsonl), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert main(["corpus", str(jsonl), "-o", str(tmp_path / "one")]) == 2
    assert main(["corpus", str(table), "-o", str(tmp_path / "two")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all("UTF-16 text; this input must be UTF-8" in line for line in err)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b'id,text\nbad,"caf\xe9 society"\ngood,"' + GOOD.encode("utf-8").replace(b'"', b'""') + b'"\n')
    summary = corpus.run(latin, tmp_path / "three")
    assert (summary.audited, summary.failed) == (1, 1)
    assert "row 1: not UTF-8 text" in (tmp_path / "three" / "errors.jsonl").read_text(encoding="utf-8")


def test_ids_from_position_carry_the_input_hash(tmp_path):
    import hashlib

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps({"id": "#1", "text": GOOD}) + "\n", encoding="utf-8")
    corpus.run(source, tmp_path / "out")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    ids = [a["id"] for a in corpus.audits(tmp_path / "out")]
    assert ids == [f"#1@{digest}", "#1"]  # another input's line 1 is another article; a given '#1' is no clash


def test_inputs_with_one_stem_get_distinct_output_files(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ok.txt").write_text(GOOD.replace("Calder", folder.upper() + "-Calder"), encoding="utf-8")
    (tmp_path / "a" / "ok.md").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    inputs = [str(tmp_path / "a" / "ok.txt"), str(tmp_path / "b" / "ok.txt"), str(tmp_path / "a" / "ok.md")]
    assert main(["audit", *inputs, "-o", str(out), "--format", "json"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["ok-2.json", "ok-3.json", "ok.json"]
    assert "A-Calder" in (out / "ok.json").read_text(encoding="utf-8")
    assert "B-Calder" in (out / "ok-2.json").read_text(encoding="utf-8")


def test_html_input_on_a_broken_install_is_a_clean_error_everywhere(tmp_path, monkeypatch, capsys):
    """Without what trafilatura needs (as after a plain install before lxml_html_clean was declared):
    audit exits 2 with one line, corpus records the article's error and goes on, /api/extract
    answers a JSON error, never a traceback."""
    from starlette.testclient import TestClient

    from framing.runs import serve

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` raises ImportError
    page = EXAMPLES / "bus-lanes.html"
    assert main(["audit", str(page)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HTML input needs trafilatura and lxml_html_clean" in err
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "page.html").write_bytes(page.read_bytes())
    (archive / "plain.txt").write_text(GOOD, encoding="utf-8")
    summary = corpus.run(archive, tmp_path / "out")
    assert (summary.audited, summary.failed) == (1, 1)
    answer = TestClient(serve.create_app(), base_url="http://127.0.0.1:8750").post(
        "/api/extract", content=page.read_bytes(), headers={"X-Filename": "page.html"})
    assert answer.status_code == 400 and "lxml_html_clean" in answer.json()["error"]


def test_an_unexpected_error_costs_one_article_not_the_batch_or_the_server(tmp_path, monkeypatch, capsys):
    from starlette.testclient import TestClient

    from framing.runs import batch, serve

    def fails(text, *args, **kwargs):
        raise RuntimeError("boom")

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": GOOD}) + "\n" for i in ("a", "b")), encoding="utf-8")
    monkeypatch.setattr(batch, "audit_text", fails)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "line 1: skipped: internal error: RuntimeError: boom" in err and "Traceback" not in err
    monkeypatch.setitem(serve.TASKS, "extract", fails)
    answer = TestClient(serve.create_app(), base_url="http://127.0.0.1:8750").post(
        "/api/extract", content=b"hello", headers={"X-Filename": "a.txt"})
    assert answer.status_code == 500 and answer.json() == {"error": "internal error (RuntimeError)"}
