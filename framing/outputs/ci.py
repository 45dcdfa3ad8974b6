"""Findings for continuous integration: SARIF 2.1.0 (code scanning, editors' SARIF viewers) and
GitHub workflow commands (annotations on a pull request's files). Lines and columns count from 1,
columns in characters (SARIF `columnKind: unicodeCodePoints`), as framing's own offsets do."""

from __future__ import annotations

import json
from pathlib import Path

from framing import __version__, categories
from framing.audit import Audit

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"high": "error", "medium": "warning", "low": "note"}  # SARIF result levels by severity
GITHUB_COMMAND = {"high": "error", "medium": "warning", "low": "notice"}


def _region(audit: Audit, start: int, end: int) -> dict:
    doc = audit.document
    start_line, start_column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column,
            "charOffset": start, "charLength": end - start, "snippet": {"text": doc.text[start:end]}}


def _uri(source_name: str) -> str:
    """A file's address as SARIF wants it: an absolute path as a file: URI, a relative one as it is."""
    path = Path(source_name)
    return path.as_uri() if path.is_absolute() else path.as_posix()


def to_sarif(audit: Audit, source_name: str) -> str:
    """One SARIF log with one run: framing as the tool, each rule that fired with its explanation,
    each finding as a result at its span, the suggestions in the message."""
    rule_ids = list(dict.fromkeys(f.rule for f in audit.findings))
    first = {f.rule: f for f in reversed(audit.findings)}
    rules = [{"id": rule, "name": first[rule].category,
              "shortDescription": {"text": categories.get(first[rule].category).label},
              "fullDescription": {"text": first[rule].explanation or categories.get(first[rule].category).label},
              "defaultConfiguration": {"level": LEVEL[first[rule].severity]},
              "properties": {"dimension": first[rule].dimension}} for rule in rule_ids]
    results = []
    for f in audit.findings:
        message = f.message + (f" Instead: {'; '.join(f.suggestion)}." if f.suggestion else "")
        results.append({
            "ruleId": f.rule, "ruleIndex": rule_ids.index(f.rule), "level": LEVEL[f.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(source_name)},
                                                "region": _region(audit, f.start, f.end)}}],
            "properties": {"voice": f.voice, "severity": f.severity, "speaker": f.speaker, "findingId": f.id},
        })
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "framing", "version": __version__, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }]}
    return json.dumps(log, indent=1, ensure_ascii=False) + "\n"


def _escape(value: str, property_value: bool = False) -> str:
    """GitHub's escaping of a workflow command's data (and of a property's value)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def to_github(audit: Audit, source_name: str) -> str:
    """One `::warning file=...,line=...::message` line per finding (error, warning or notice by severity)."""
    lines = []
    for f in audit.findings:
        line, col = audit.document.line_col(f.start)
        end_line, end_col = audit.document.line_col(f.end)
        place = f"file={_escape(source_name, True)},line={line},col={col},endLine={end_line},endColumn={end_col}"
        title = _escape(f"framing {f.rule}", True)
        lines.append(f"::{GITHUB_COMMAND[f.severity]} {place},title={title}::{_escape(f.message)}")
    return "".join(line + "\n" for line in lines)
