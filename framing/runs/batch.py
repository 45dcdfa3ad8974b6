"""`framing batch`: audit a JSONL stream of articles, in order, with bounded memory."""

from __future__ import annotations

import json
import sys
import time
from typing import IO, Iterator

from framing.api import audit_text
from framing.errors import InputError
from framing.outputs.formats import JSON

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
    return line_number, record, ""


def audit_record(item: tuple[int, dict | None, str], contextual: bool = False) -> tuple[int, str | None, str]:
    """Worker: (line number, output JSON line or None, error message)."""
    line_number, record, error = item
    if record is None:
        return line_number, None, error
    try:
        audit = audit_text(record["text"], record.get("title"), readability=OUTPUT.readability, contextual=contextual)
    except InputError as exc:
        return line_number, None, str(exc)
    return line_number, OUTPUT.record(audit, {"id": record.get("id")}), ""


def _records(stream: IO[str]) -> Iterator[tuple[int, dict | None, str]]:
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield _parse(number, line)


def bounded_map(pool, func, items: Iterator, window: int) -> Iterator:
    """Map in input order, holding at most `window` articles in memory at once."""
    import itertools

    while chunk := list(itertools.islice(items, window)):
        yield from (pool.map(func, chunk, chunksize=4) if pool else map(func, chunk))


class Progress:
    """A one-line progress report with rate (and ETA when the total is known) on stderr, only
    when stderr is a terminal."""

    def __init__(self, enabled: bool, total: int | None = None):
        self.enabled, self.total, self.done, self.start, self.last = enabled, total, 0, time.monotonic(), 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.2 or self.done == self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            line = f"\r{self.done} articles, {rate:.1f}/s"
            if self.total:
                eta = (self.total - self.done) / max(rate, 1e-9)
                line = f"\r{self.done}/{self.total} articles, {rate:.1f}/s, ETA {int(eta) // 60}:{int(eta) % 60:02d}"
            sys.stderr.write(line)
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def contextual_worker() -> None:
    """A contextual worker's set-up: one torch thread (workers share the cores), then the models."""
    import torch

    from framing.api import prepare

    torch.set_num_threads(1)
    prepare(contextual=True)


def worker_pool(jobs: int, contextual: bool = False):
    """`jobs` worker processes that have loaded the models: forked, or, in the contextual mode, fresh
    (torch's threads do not survive a fork)."""
    import multiprocessing

    from framing.api import prepare

    if contextual:
        return multiprocessing.get_context("spawn").Pool(jobs, initializer=contextual_worker)
    return multiprocessing.get_context("fork").Pool(jobs, initializer=prepare)


def run(in_stream: IO[str], out_stream: IO[str], jobs: int = 1, progress: bool = False,
        contextual: bool = False) -> tuple[int, int]:
    """Audit every line (`contextual`: in the contextual mode); write results in input order.
    Returns (audited, skipped)."""
    from functools import partial

    from framing.api import prepare

    audited = skipped = 0
    meter = Progress(progress)
    pool = None
    if contextual:
        from framing.models.contextual import check_installed

        check_installed()  # a missing extra or model is one error here, not a failure in every worker
    if jobs > 1:
        pool = worker_pool(jobs, contextual)
    else:
        prepare(contextual)
    results = bounded_map(pool, partial(audit_record, contextual=contextual), _records(in_stream), window=32 * jobs)
    try:
        for line_number, output, error in results:
            if output is None:
                skipped += 1
                print(f"framing batch: line {line_number}: skipped: {error}", file=sys.stderr)
            else:
                audited += 1
                out_stream.write(output + "\n")
            meter.step()
    finally:
        meter.close()
        if pool is not None:
            pool.close()
            pool.join()
    return audited, skipped
