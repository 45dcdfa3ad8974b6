"""The audit as JSON-ready plain data (schema framing.audit/1, see docs/json-format.md)."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path

from framing import __version__
from framing.audit import BIASED_SENTENCE, Audit
from framing.analysis.genre import LABELS
from framing.resources import data_dir
from framing.text.document import QUOTED, REPORTER

SCHEMA = "framing.audit/1"
SCHEMA_FILE = "framing.audit.schema.json"  # its JSON Schema, in docs/ (framing/data/docs/ in a wheel)


def schema_path() -> Path:
    """The JSON Schema (draft 2020-12) that every JSON output of this version of framing is valid under."""
    return data_dir("docs") / SCHEMA_FILE


_LEAVES = (str, int, float, bool, type(None))


def plain(value):
    """Dataclasses, lists and dicts as JSON-ready data (like dataclasses.asdict, without deep copies)."""
    if isinstance(value, _LEAVES):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if is_dataclass(value):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


@cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _sentence(audit: Audit, s, bias_score: float | None) -> dict:
    quoted = audit.document.quoted_chars(s.start, s.end)
    return {
        "start": s.start, "end": s.end, "paragraph": s.paragraph, "is_title": s.is_title,
        "voice": {REPORTER: (s.end - s.start) - quoted, QUOTED: quoted},
        "bias_score": bias_score,
        "biased": None if bias_score is None else bias_score >= BIASED_SENTENCE,
    }


def to_dict(audit: Audit) -> dict:
    doc = audit.document
    return {
        "schema": SCHEMA,
        "tool": {"name": "framing", "version": __version__, "contextual": audit.contextual},
        "document": {
            "title": doc.title,
            "text": doc.text,
            "blocks": [{"start": b.start, "end": b.end, "kind": b.kind} for b in doc.blocks],
            "paragraphs": [{"start": b.start, "end": b.end} for b in doc.paragraphs],
            "sentences": [_sentence(audit, s, b) for s, b in zip(doc.sentences, audit.bias_scores)],
            "quotations": [{"start": q.start, "end": q.end, "depth": q.depth} for q in doc.quotations],
            "excluded": [{"start": b.start, "end": b.end, "reason": b.reason} for b in doc.excluded],
        },
        "findings": [dict(vars(f)) for f in audit.findings],  # flat dataclasses: no recursion needed
        "attributions": [_attribution(a) for a in audit.attributions],
        "sources": plain(audit.sources),
        "sourcing": _sourcing(audit),
        "readability": audit.readability,
        "scores": audit.scores,
        "genre": plain(audit.genre),
    }


def _attribution(attribution) -> dict:
    """An attribution as plain data; a quotation that no cue took has an empty cue, written `null`."""
    data = plain(attribution)
    if attribution.cue is not None and attribution.cue.end == attribution.cue.start:
        data["cue"] = None
    return data


def _sourcing(audit: Audit) -> dict | None:
    """The sides analysis; the principal actor is given by its id in `actors`, and a balance not judged is null."""
    if audit.sourcing is None:
        return None
    data = plain(audit.sourcing)
    data["principal_actor"] = audit.sourcing.principal_actor.id if audit.sourcing.principal_actor else None
    if not audit.sourcing.judged:
        data["balance_index"] = None  # not judged, never a balance of 0 or 1 from one voice
    return data


def to_json(audit: Audit, indent: int | None = None) -> str:
    """The audit as JSON text: compact by default (the C encoder; indent=2 is several times slower)."""
    return json.dumps(to_dict(audit), ensure_ascii=False, indent=indent)


COLOURS = {"high": "\033[1;31m", "medium": "\033[33m", "low": "\033[36m"}  # bold red, yellow, cyan
RESET = "\033[0m"


def _reads_as(audit: Audit) -> str:
    return f"; reads as {LABELS[audit.genre.label]}" if audit.genre else ""


def to_text(audit: Audit, path: str, colour: bool = False) -> str:
    """One finding per line, `path:line:col: severity category: message [rule]`, then a summary;
    `colour`: each severity in its terminal colour."""
    doc = audit.document
    lines = []
    for f in audit.findings:
        line, col = doc.line_col(f.start)
        severity = f"{COLOURS[f.severity]}{f.severity}{RESET}" if colour else f.severity
        lines.append(f"{path}:{line}:{col}: {severity} {f.category}: {f.message} [{f.rule}]")
    counts = {sev: sum(f.severity == sev for f in audit.findings) for sev in ("high", "medium", "low")}
    if audit.findings:
        summary = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
        lines.append(f"{path}: {len(audit.findings)} finding(s) ({summary}); overall score "
                     f"{audit.scores['overall']['score']:.2f}" + _reads_as(audit))
    else:
        lines.append(f"{path}: no findings")  # quiet when clean
    return "\n".join(lines) + "\n"
