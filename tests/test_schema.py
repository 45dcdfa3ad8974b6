"""Every JSON output of framing is valid under its JSON Schema, docs/framing.audit.schema.json
(framing.audit/1, docs/json-format.md), and the schema rejects an output that drifts from it."""

import copy
import io
import json

import pytest
from jsonschema import Draft202012Validator

from framing.api import audit_text
from framing.cli import main
from framing.outputs.serialize import SCHEMA, schema_path, to_dict
from framing.runs import batch, corpus

from conftest import DERNA, EXAMPLES, ROOT

ARTICLES = sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html"))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator, data) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]


def assert_valid(validator, data) -> None:
    found = errors(validator, data)
    assert not found, "\n".join(found[:10])


@pytest.fixture(scope="module")
def loaded_audit() -> dict:
    """A rich audit (findings, attributions, sources, sides, the writer's stance) as parsed JSON."""
    return json.loads(json.dumps(to_dict(audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")))))


def test_the_schema_is_docs_file_and_names_the_format(validator):
    assert schema_path() == ROOT / "docs" / "framing.audit.schema.json"  # in a wheel: framing/data/docs/
    assert validator.schema["title"] == SCHEMA and validator.schema["properties"]["schema"] == {"const": SCHEMA}


@pytest.mark.parametrize("options", [[], ["--hints"]], ids=["plain", "hints"])  # hints: model.loaded findings
@pytest.mark.parametrize("path", ARTICLES + [DERNA], ids=lambda p: p.name)
def test_framing_audit_json_of_every_example_is_valid(path, options, validator, capsys):
    if not path.exists():
        pytest.skip(f"the shared Derna example is not here ({path})")
    assert main(["audit", str(path), "--format", "json", *options]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] or path.name == "harbour-balanced.txt"  # something to validate beyond the frame
    assert_valid(validator, data)


def test_a_markdown_draft_is_valid(validator, tmp_path, capsys):
    """Front matter, a comment, code and a table: what a Markdown reader leaves out must be in the schema."""
    draft = tmp_path / "draft.md"
    draft.write_text("---\nslug: plan\n---\n\n# Council **Slams** Plan\n\n<!-- check the 30% figure -->\n\n"
                     "The so-called plan, said [Jane Roe](https://example.org), is a disgrace.\n\n"
                     "```\nslammed\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    assert main(["audit", str(draft), "--format", "json"]) == 0
    assert_valid(validator, json.loads(capsys.readouterr().out))


def test_an_article_with_no_body_text_is_valid(validator):
    """A byline alone leaves nothing to measure: readability keeps its keys, the indices null."""
    data = to_dict(audit_text("By Jane Roe"))
    assert data["readability"]["words"] == 0 and data["readability"]["flesch_reading_ease"] is None
    assert_valid(validator, data)


def test_batch_lines_are_valid_with_their_id_first(validator, tmp_path):
    article = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    lines = [{"id": "a", "text": article}, {"id": 7, "text": "The mayor said the plan was good.", "title": "T"},
             {"text": "By Jane Roe"}]
    out = io.StringIO()
    assert batch.run(io.BytesIO("".join(json.dumps(x) + "\n" for x in lines).encode()), out) == (3, 0)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(next(iter(r)), r["id"]) for r in records] == [("id", "a"), ("id", 7), ("id", None)]
    for record in records:
        assert_valid(validator, record)


def test_corpus_audits_are_valid(validator, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x1", "text": (EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"),
                                  "outlet": "Bay Times", "date": "2024-05-01", "pages": 3}) + "\n"
                      + json.dumps({"text": "By Jane Roe"}) + "\n", encoding="utf-8")
    assert corpus.run(source, tmp_path / "out").audited == 2
    records = [json.loads(line) for part in sorted((tmp_path / "out" / "parts").glob("*.audits.jsonl"))
               for line in part.read_text(encoding="utf-8").splitlines()]
    assert records[0]["metadata"] == {"outlet": "Bay Times", "date": "2024-05-01", "pages": "3"}
    for record in records:
        assert list(record)[:2] == ["id", "metadata"]
        assert_valid(validator, record)


def test_server_api_audit_is_valid(validator):
    from starlette.testclient import TestClient

    from framing.runs import serve

    client = TestClient(serve.create_app(workers=1), base_url="http://127.0.0.1:8750")
    response = client.post("/api/audit", json={"text": "Council Votes\n\nThe so-called mayor slammed the plan, "
                                                       "said Jane Roe. \"It is a disgrace,\" she said."})
    assert response.status_code == 200
    assert_valid(validator, response.json())


def test_contextual_audit_is_valid(validator):
    from framing.errors import InputError
    from framing.models.contextual import check_installed

    try:
        check_installed()
    except InputError as exc:
        pytest.skip(f"the contextual mode is not installed: {exc}")
    data = json.loads(json.dumps(to_dict(audit_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"),
                                                    contextual=True))))
    assert data["tool"]["contextual"] is True
    assert_valid(validator, data)


def _first_sentence_with_a_score(data):
    return next(s for s in data["document"]["sentences"] if s["bias_score"] is not None)


DRIFTS = {
    "unknown severity": lambda d: d["findings"][0].update(severity="critical"),
    "missing key": lambda d: d["scores"].pop("overall"),
    "unknown key in a closed object": lambda d: d["findings"][0].update(confidence=0.5),
    "unknown top-level key": lambda d: d.update(warnings=[]),
    "empty cue instead of null": lambda d: d["attributions"][0].update(cue={"start": 5, "end": 5, "text": ""}),
    "unknown attribution kind": lambda d: d["attributions"][0].update(kind="reported"),
    "score as text": lambda d: d["scores"]["sourcing"].update(score="not judged"),
    "biased without a score": lambda d: _first_sentence_with_a_score(d).update(bias_score=None),
    "sourcing without judged": lambda d: d["sourcing"].pop("judged"),
    "unknown writer label": lambda d: next(iter(d["sourcing"]["writer"].values())).update(label="hostile"),
    "side summary under the wrong side": lambda d: d["sourcing"]["sides"]["critical"].update(side="supportive"),
    "metadata that is not text": lambda d: d.update(id="a", metadata={"pages": 3}),
}


@pytest.mark.parametrize("drift", DRIFTS, ids=list(DRIFTS))
def test_the_schema_rejects_a_drifted_output(drift, validator, loaded_audit):
    assert_valid(validator, loaded_audit)
    drifted = copy.deepcopy(loaded_audit)
    DRIFTS[drift](drifted)
    assert errors(validator, drifted), f"{drift} passed the schema"


def test_the_schema_enums_follow_the_code(validator):
    """A value the code adds to a vocabulary must reach the schema, even before an example shows it."""
    from framing.analysis.sourcing import SIDES, WEIGHT
    from framing.audit import DIMENSIONS
    from framing.findings import SEVERITY_RANK

    defs = validator.schema["$defs"]
    assert set(defs["finding"]["properties"]["severity"]["enum"]) == set(SEVERITY_RANK)
    assert set(defs["finding"]["properties"]["dimension"]["enum"]) == set(DIMENSIONS)
    assert defs["side"]["enum"] == list(SIDES) == list(defs["sourcing"]["properties"]["sides"]["properties"])
    assert set(defs["evidence"]["properties"]["kind"]["enum"]) == set(WEIGHT)
