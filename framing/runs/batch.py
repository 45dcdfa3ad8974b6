"""`framing batch`: audit a JSONL stream of articles, in order, with bounded memory."""

from __future__ import annotations

import json
import sys
from contextlib import closing
from functools import partial
from typing import IO, Iterator

from framing.api import audit_text
from framing.errors import InputError, printable
from framing.text.ingest import check_size
from framing.models.contextual import check_installed
from framing.outputs.formats import JSON
from framing.runs.lines import LONE_SURROGATE, NOT_UTF8, has_lone_surrogate, utf8_lines
from framing.runs.pool import Progress, ordered_map

OUTPUT = JSON  # the format of the output lines (one record each)


def _parse(line_number: int, line: str) -> tuple[int, dict | None, str]:
    """(line number, article or None, error message)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return line_number, None, f"not valid JSON ({exc.msg})"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        return line_number, None, "needs an object with a non-empty string 'text'"
    if "title" in record and not isinstance(record["title"], (str, type(None))):
        return line_number, None, "'title' must be a string"
    if has_lone_surrogate(record["text"], record.get("title"), record.get("id")):
        return line_number, None, LONE_SURROGATE
    try:
        check_size(record["text"], "'text'")  # here, before it travels to a worker
    except InputError as exc:
        return line_number, None, str(exc)
    return line_number, record, ""


def audit_record(item: tuple[int, dict | None, str], contextual: bool = True) -> tuple[int, str | None, str]:
    """Worker: (line number, output JSON line or None, error message); every failure is an error
    message, never an exception."""
    line_number, record, error = item
    if record is None:
        return line_number, None, error
    try:
        audit = audit_text(record["text"], record.get("title"), readability=OUTPUT.readability, contextual=contextual)
    except InputError as exc:
        return line_number, None, str(exc)
    except Exception as exc:  # a bad article must not stop a run of thousands
        return line_number, None, f"internal error: {type(exc).__name__}: {exc}"
    return line_number, OUTPUT.record(audit, {"id": record.get("id")}), ""


def _records(stream: IO[bytes]) -> Iterator[tuple[int, dict | None, str]]:
    """The input's lines, parsed; an id seen before is warned about (and audited again)."""
    seen: dict[str, int] = {}  # id, as text (1 and "1" are one id) -> its first line
    for number, line in utf8_lines(stream):
        if line is None:
            yield number, None, NOT_UTF8
        elif line.strip():
            item = _parse(number, line)
            if item[1] is not None and item[1].get("id") is not None:
                given = item[1]["id"]
                first = seen.setdefault(given if isinstance(given, str) else json.dumps(given, ensure_ascii=False), number)
                if first != number:
                    _say(f"line {number}: warning: id {given!r} is also on line {first} (ids are text: 1 and \"1\" are one id)")
            yield item


def _say(message: str) -> None:
    print(printable(f"framing batch: {message}"), file=sys.stderr)


def run(in_stream: IO[bytes], out_stream: IO[str], jobs: int = 1, progress: bool = False,
        contextual: bool = True) -> tuple[int, int]:
    """Audit every line (`contextual`: in the contextual mode); write results in input order.
    Returns (audited, skipped)."""
    audited = skipped = 0
    meter = Progress(progress)
    if contextual:
        check_installed()  # a missing extra or model is one error here, not a failure in every worker
    results = ordered_map(partial(audit_record, contextual=contextual), _records(in_stream), jobs, contextual)
    with closing(results):  # on an error, the workers stop now
        try:
            for line_number, output, error in results:
                if output is None:
                    skipped += 1
                    _say(f"line {line_number}: skipped: {error}")
                else:
                    audited += 1
                    out_stream.write(output + "\n")
                meter.step()
        finally:
            meter.close()
    return audited, skipped
