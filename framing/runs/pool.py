"""Worker processes for batch and corpus: set-up, an in-order map with bounded memory, and the
progress line.

The CLI imports this module (through framing.runs.engines) to parse its arguments, so the audit
stack and multiprocessing are imported inside the functions that need them.
"""

from __future__ import annotations

import itertools
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator

WINDOW_PER_JOB = 32  # items in flight per worker process, unless the caller says: bounds the memory of a long run
STOP_GRACE = 5  # seconds a worker has to end after SIGTERM before SIGALRM ends it


def _stop(signum, frame) -> None:
    """SIGTERM in a worker: unwind (an atomic write in progress removes its temporary file). The
    SystemExit is printed and ignored when the signal lands in a finaliser (a __del__ that the
    garbage collector runs): the worker would then go on to wait for work on the pool's queue, whose
    lock terminate() holds, and the pool would wait for it for ever. SIGALRM's default action ends
    it in STOP_GRACE seconds if it is still there."""
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(STOP_GRACE)
    raise SystemExit(128 + signum)


def worker_signals() -> None:
    """A worker process leaves Ctrl-C to the main process (the terminal sends it to all of them;
    the main one then stops the pool), and on SIGTERM, which the pool's terminate() sends, exits
    quietly after its clean-ups: no traceback, no temporary file left."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)


def set_up_worker(contextual: bool = False) -> None:
    """What a worker does before its first article (a Dask worker too): load the models, in the
    contextual mode with one encoder thread (workers share the cores)."""
    from framing.api import prepare  # lazy: the audit stack (see the module's docstring)

    if contextual:
        from framing.models import contextual as encoder

        encoder.set_threads(1)
    prepare(contextual)


def pool_worker(contextual: bool = False) -> None:
    """A worker process's set-up: its signals, then the models."""
    worker_signals()
    set_up_worker(contextual)


def worker_pool(jobs: int, contextual: bool = False):
    """`jobs` worker processes that have loaded the models: forked, or, in the contextual mode, fresh
    (the encoder runtime's threads do not survive a fork)."""
    import multiprocessing  # lazy: ~9 ms, only for --jobs > 1

    context = multiprocessing.get_context("spawn" if contextual else "fork")
    return context.Pool(jobs, initializer=pool_worker, initargs=(contextual,))


def bounded_map(pool, func: Callable, items: Iterable, window: int, chunksize: int = 4) -> Iterator:
    """Map in input order, holding at most `window` items in memory at once."""
    items = iter(items)
    while chunk := list(itertools.islice(items, window)):
        yield from (pool.map(func, chunk, chunksize=chunksize) if pool else map(func, chunk))


def ordered_map(work: Callable, items: Iterable, jobs: int = 1, contextual: bool = False,
                window: int = WINDOW_PER_JOB) -> Generator:
    """work(item) for every item, in input order: here (one job, after loading the models here), or
    in `jobs` worker processes that load them once each, `window` items in flight per process, sent
    to them about 8 at a time (one at a time when the window is small: items are then large).
    `work` must be picklable (a module-level function or a partial of one)."""
    from framing.api import prepare  # lazy: the audit stack (see the module's docstring)

    if jobs == 1:
        prepare(contextual)
        yield from map(work, items)
        return
    # workers load the models themselves: this process keeps a row per article and should stay small
    pool = worker_pool(jobs, contextual)
    try:
        yield from bounded_map(pool, work, items, window * jobs, max(1, window // 8))
    except BaseException:  # an error, Ctrl-C, or the caller stopped early: no need to finish the window
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


class Progress:
    """A one-line progress report with rate (and ETA when the total is known) on stderr, only
    when stderr is a terminal."""

    def __init__(self, enabled: bool, total: int | None = None):
        self.enabled, self.total, self.done, self.start, self.last = enabled, total, 0, time.monotonic(), 0.0

    def step(self, articles: int = 1) -> None:
        self.done += articles
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
