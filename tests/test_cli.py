"""The command line: formats, exit codes, errors as one line, safe output."""

import argparse
import json
import subprocess
import sys

import pytest

from framing.cli import main
from framing.text.ingest import MAX_INPUT_BYTES

from conftest import EXAMPLES

LOADED = str(EXAMPLES / "harbour-loaded.txt")
BALANCED = str(EXAMPLES / "harbour-balanced.txt")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "framing", *args], capture_output=True, text=True, input=stdin)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("framing ")


def test_text_format_one_finding_per_line(capsys):
    assert main(["audit", LOADED]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) > 5
    path, line, col, rest = lines[0].split(":", 3)
    assert path == LOADED and line.isdigit() and col.isdigit()
    assert rest.strip().split()[0] in ("low", "medium", "high") and rest.rstrip().endswith("]")
    assert "finding(s)" in lines[-1]


def test_clean_text_prints_only_a_summary(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Monday. It approved the budget.", encoding="utf-8")
    assert main(["audit", str(clean)]) == 0
    assert capsys.readouterr().out == f"{clean}: no findings\n"


def test_fail_on_sets_exit_code(capsys):
    assert main(["audit", LOADED, "--fail-on", "high"]) == 1
    assert main(["audit", BALANCED, "--fail-on", "medium"]) == 0  # nothing above low remains


def test_json_output(tmp_path):
    out = tmp_path / "a.json"
    assert main(["audit", LOADED, "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "framing.audit/1" and data["tool"]["version"]
    text = data["document"]["text"]
    for f in data["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert {"id", "detector", "rule", "category", "severity", "voice", "score", "message",
                "explanation", "suggestion"} <= set(f)
    assert {"loaded_language", "unattributed", "sourcing", "overall"} <= set(data["scores"])
    assert data["readability"]["words"] > 50
    assert all("cue" in a and "source" in a and "content" in a for a in data["attributions"])


def test_stdin_and_bom():
    result = run("audit", "-", "--format", "json", stdin="\ufeffThe so-called plan failed.")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["document"]["text"].startswith("The so-called")
    assert data["findings"][0]["text"] == "so-called"


@pytest.mark.parametrize("content, message", [
    (b"", "empty input"),
    (b"   \n\n ", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    (b"caf\xe9 au lait", "not UTF-8"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("audit", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_oversize_input_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_INPUT_BYTES // 5 + 10))
    result = run("audit", str(big))
    assert result.returncode == 2 and "input limit" in result.stderr


def test_missing_file_and_usage_errors():
    assert run("audit", "/no/such/file.txt").returncode == 2
    result = run("audit", LOADED, "--format", "pdf")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert run().returncode == 2


def test_never_writes_over_the_input(tmp_path):
    article = tmp_path / "a.html"
    original = (EXAMPLES / "bus-lanes.html").read_text(encoding="utf-8")
    article.write_text(original, encoding="utf-8")
    result = run("audit", str(article), "-o", str(article))
    assert result.returncode == 2 and "overwrite" in result.stderr
    assert article.read_text(encoding="utf-8") == original


def test_several_inputs_write_into_a_folder(tmp_path):
    assert main(["audit", LOADED, BALANCED, "-o", str(tmp_path), "--format", "json"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["harbour-balanced.json", "harbour-loaded.json"]


def test_html_input_is_extracted(capsys):
    assert main(["audit", str(EXAMPLES / "bus-lanes.html"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["document"]["title"] == "Council Votes to Extend Bus Lanes on Mill Road"
    assert "<p>" not in data["document"]["text"] and "Copyright" not in data["document"]["text"]
    assert any(f["text"] == "claimed" for f in data["findings"])


def test_a_claim_that_links_its_source_in_a_web_page_is_attributed(tmp_path, capsys):
    """An HTML page keeps its links as Markdown links: the sentence that links its source is no
    unattributed claim, the same sentence without the link is, and no word of a web address is audited."""
    filler = "<p>The harbour board met on Monday to discuss the ferry timetable and the fees for the coming year.</p>" * 6

    def claims(sentence):
        page = tmp_path / "page.html"
        page.write_text(f"<html><head><title>Ferry fees</title></head><body><article><h1>Ferry fees</h1><p>{sentence}</p>"
                        f"{filler}</article></body></html>", encoding="utf-8")
        assert main(["audit", str(page), "--fast", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        return [f["text"] for f in data["findings"] if f["dimension"] == "unattributed"], data["findings"]

    linked, findings = claims('The new ferry service will obviously fail within a year, on the '
                              '<a href="https://example.org/shocking-terror-report">port\'s own figures</a>.')
    assert not linked and not [f for f in findings if "example.org" in f["text"] or f["text"] in ("shocking", "terror")]
    unlinked, _ = claims("The new ferry service will obviously fail within a year, on the port's own figures.")
    assert unlinked == ["The new ferry service will obviously fail within a year, on the port's own figures."]


def test_batch_keeps_order_and_skips_bad_lines(tmp_path):
    loaded = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    lines = [json.dumps({"id": "a", "text": loaded}), "{not json", json.dumps({"id": "b", "text": ""}),
             json.dumps({"id": "c", "text": "A plain sentence.", "title": "T"})]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for jobs in ("1", "2"):
        result = run("batch", str(src), "-o", str(out), "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        assert "line 2" in result.stderr and "line 3" in result.stderr
        records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in records] == ["a", "c"]
        assert records[0]["schema"] == "framing.audit/1" and records[0]["findings"]
        assert records[1]["document"]["title"] == "T"


def test_markdown_heading_is_the_title(tmp_path, capsys):
    article = tmp_path / "draft.md"
    article.write_text("# Port Deal Signed\n\nThe so-called reform was signed on Monday.\n", encoding="utf-8")
    assert main(["audit", str(article), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["document"]["title"] == "Port Deal Signed"
    assert [f["text"] for f in data["findings"]] == ["so-called"]


def test_compare_writes_one_page_and_refuses_to_overwrite_an_input(tmp_path):
    out = tmp_path / "compare.html"
    a, b = str(EXAMPLES / "harbour-loaded.txt"), str(EXAMPLES / "harbour-balanced.txt")
    assert main(["compare", a, b, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Reckless Plan" in html and "Approves Container Terminal" in html
    before = (EXAMPLES / "harbour-loaded.txt").read_bytes()
    assert main(["compare", a, b, "-o", a]) == 2
    assert (EXAMPLES / "harbour-loaded.txt").read_bytes() == before


def test_hints_only_when_asked(capsys, monkeypatch):
    import json

    from framing.detectors import model

    monkeypatch.setattr(model, "HINT_THRESHOLD", 0.6)  # low enough for the example to have hints

    main(["audit", LOADED, "--format", "json", "--fast", "--hints"])  # the threshold above is the fast mode's
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    main(["audit", LOADED, "--format", "json", "--fast"])
    default = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    main(["audit", LOADED, "--format", "json", "--fast", "--no-hints"])
    without = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "model.loaded" in rules and without == default == rules - {"model.loaded"}


def test_house_rules_from_the_drafts_folder_and_the_options_over_them(tmp_path, capsys):
    (tmp_path / ".framing.toml").write_text('ignore = ["emotive.slam"]\nfail_on = "high"\n')
    draft = tmp_path / "draft.md"
    draft.write_text("Harbour plan.\n\nThe mayor slammed the plan.\n\n"
                     "<!-- framing: ignore emotive.massacre -- the inquiry's own word -->\nIt was a massacre.\n\n"
                     "Nothing here. framing-ignore doubt -- unused\n", encoding="utf-8")
    assert main(["audit", str(draft), "--format", "json", "--list-suppressions"]) == 0  # nothing high is left
    out = capsys.readouterr()
    rules = {f["rule"] for f in json.loads(out.out)["findings"]}
    assert "emotive.slam" not in rules and "emotive.massacre" not in rules
    assert "line 8: unused suppression of doubt" in out.err and "ignore emotive.massacre -- the inquiry's own word [silenced 1]" in out.err
    assert main(["audit", str(draft), "--format", "json", "--ignore", "doubt"]) == 0  # an option replaces the config's list
    assert "emotive.slam" in {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert main(["audit", str(draft), "--select", "emotive.slam", "--ignore", "", "--fail-on", "medium"]) == 1
    capsys.readouterr()
    assert main(["audit", str(draft), "--min-severity", "high", "--format", "json"]) == 0
    assert all(f["severity"] == "high" for f in json.loads(capsys.readouterr().out)["findings"])
    (tmp_path / "strict.toml").write_text('min_severity = "low"\nfail_on = "medium"\n')
    assert main(["audit", str(draft), "--config", str(tmp_path / "strict.toml")]) == 1  # slam counts again


def test_an_unexpected_error_is_one_line_and_exit_3_unless_debugging(monkeypatch, capsys):
    from framing import api

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "audit_text", broken)
    assert main(["audit", LOADED]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: ZeroDivisionError" in err and "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "audit", LOADED])


def test_framing_alone_lists_its_commands(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert all(command in err for command in ("audit", "batch", "corpus", "serve", "lsp", "compare"))


def test_output_folders_are_made_and_an_unknown_suffix_is_refused(tmp_path, capsys):
    nested = tmp_path / "a" / "b" / "report.json"
    assert main(["audit", LOADED, "-o", str(nested)]) == 0 and json.loads(nested.read_text())["findings"]
    folder = tmp_path / "new" / "out"
    assert main(["audit", LOADED, str(EXAMPLES / "harbour-balanced.txt"), "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["harbour-balanced.txt", "harbour-loaded.txt"]
    assert main(["audit", LOADED, "-o", str(tmp_path / "out.xyz")]) == 2
    assert "no output format has the suffix '.xyz'" in capsys.readouterr().err
    assert not (tmp_path / "out.xyz").exists()


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch, capsys):
    from framing import cli
    from framing.outputs.formats import JSON, TEXT

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._colour(TEXT, None) and not cli._colour(TEXT, "out.txt") and not cli._colour(JSON, None)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._colour(TEXT, None)
    monkeypatch.delenv("NO_COLOR")
    main(["audit", LOADED])
    assert "\033[1;31mhigh\033[0m" in capsys.readouterr().out


def test_audit_help_shows_examples(capsys):
    with pytest.raises(SystemExit):
        main(["audit", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_a_page_with_too_little_article_text_is_warned_about_or_refused(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Harbour</title></head><body><nav>Home News Sport</nav>"
                    "<article><h1>Harbour plan</h1><p>The council approved the plan on Monday.</p></article>"
                    "</body></html>", encoding="utf-8")
    assert main(["audit", str(page)]) == 0
    assert "warning" in capsys.readouterr().err
    assert main(["audit", str(page), "--strict"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "words of article text" in err
    assert main(["audit", str(EXAMPLES / "bus-lanes.html"), "--strict"]) == 0  # a real article passes


def test_every_argument_has_help_and_the_main_commands_examples():
    from framing.cli import _parser

    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    missing = [f"{name} {a.dest}" for name, sub in commands.items() for a in sub._actions
               if a.dest != "help" and not a.help]
    assert not missing
    assert all(commands[name].epilog and "framing " + name in commands[name].epilog
               for name in ("audit", "compare", "serve", "corpus", "batch"))


@pytest.mark.parametrize("argv", [["train"], ["train", "--contextual"], ["evaluate", "babe"], ["evaluate", "polnear"]])
@pytest.mark.parametrize("module", ["sklearn", "pycrfsuite"])
def test_training_without_the_fit_extra_is_one_line_exit_2(argv, module, tmp_path, monkeypatch, capsys):
    """scikit-learn and python-crfsuite are the extra `fit`, not a runtime dependency."""
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it fails
    assert main(argv + ["--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'framing[fit]'" in err and argv[0] in err, err
