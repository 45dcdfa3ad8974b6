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
    audited = [json.loads(line)["id"] for line in (out / "audits.jsonl").open(encoding="utf-8")]
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
    before = (out / "audits.jsonl").read_bytes()
    assert main(["corpus", str(second), "-o", str(out)]) == 2
    assert "holds the corpus of another input" in capsys.readouterr().err
    assert (out / "audits.jsonl").read_bytes() == before
    assert main(["corpus", str(first), "-o", str(out), "--contextual"]) == 2
    assert main(["corpus", str(first), "-o", str(out)]) == 0  # resumes: nothing left to do
    assert "0 audited, 1 already done" in capsys.readouterr().err
    assert main(["corpus", str(second), "-o", str(out), "--force"]) == 0
    assert "Marsh" in (out / "audits.jsonl").read_text(encoding="utf-8")
    assert "Calder" not in (out / "audits.jsonl").read_text(encoding="utf-8")

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
        audits = out / "audits.jsonl"
        return audits.exists() and audits.stat().st_size > 0
    return any(p.stat().st_size > 0 for p in out.parent.glob(f".{out.name}.*.tmp"))


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
                               cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
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
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("the run did not stop")
    assert time.monotonic() - sent < 2
    assert process.returncode == (130 if stop == signal.SIGINT else 143)
    assert err.strip().splitlines() == [f"framing: {'interrupted' if stop == signal.SIGINT else 'terminated'}"]
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    if command == "batch":
        assert out.read_text(encoding="utf-8") == "earlier output\n"
        return
    done = corpus.finished_ids(out / "audits.jsonl")
    assert 0 < len(done) < TOTAL[command]
    summary = corpus.run(source, out, jobs=2)
    assert (summary.skipped, summary.audited) == (len(done), TOTAL[command] - len(done))
    ids = [json.loads(line)["id"] for line in (out / "audits.jsonl").open(encoding="utf-8")]
    assert ids == [f"a{i}" for i in range(TOTAL[command])]


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
