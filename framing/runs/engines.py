"""Corpus engines: how articles reach the workers that audit them, and come back in input order.

An engine is made with the run's `jobs`, mode and (for Dask) scheduler, and maps a picklable
function over an iterator of items: a generator of the results in input order, with bounded
memory; closing it early (an error, Ctrl-C) stops the workers.
`shares_disk` says whether its workers surely share this disk: then they read the article files
themselves; otherwise the main process reads the files for them. (Corpus workers check for
themselves whether they see the output folder before writing there.)
ENGINES, by name, gives the CLI its --engine choices.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Iterator
from functools import partial

from framing.errors import InputError
from framing.runs import pool



class Engine:
    """The interface: map(work, items, window) -> a generator of the results, in input order, with
    at most `window` items in flight per worker."""

    name = ""
    shares_disk = True  # the workers share this disk (see the module's docstring)
    takes_scheduler = False  # the --scheduler option means something to it

    def __init__(self, jobs: int = 1, contextual: bool = False, scheduler: str | None = None):
        self.jobs, self.contextual, self.scheduler = jobs, contextual, scheduler

    def map(self, work: Callable, items: Iterator, window: int = pool.WINDOW_PER_JOB) -> Generator:
        raise NotImplementedError


class LocalEngine(Engine):
    """Processes on this machine: `jobs` workers (or this process for one job), models loaded once each."""

    name = "local"

    def map(self, work: Callable, items: Iterator, window: int = pool.WINDOW_PER_JOB) -> Generator:
        return pool.ordered_map(work, items, self.jobs, self.contextual, window)


class DaskEngine(Engine):
    """A Dask cluster: the one at `scheduler`, else a local one of `jobs` worker processes. Each
    item is a task (the caller batches its work: corpus sends BATCH articles), which may run on
    other machines."""

    name = "dask"
    shares_disk = False
    takes_scheduler = True

    def map(self, work: Callable, items: Iterator, window: int = pool.WINDOW_PER_JOB) -> Generator:
        try:
            from dask.distributed import Client, LocalCluster, as_completed  # the dask extra: only for this engine
        except ImportError:
            raise InputError("the Dask engine needs the extra: pip install 'framing[dask]'") from None
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(self.scheduler or cluster)
        task = partial(_task, work, self.contextual)
        try:
            window *= max(self.jobs, len(client.scheduler_info().get("workers", {})) or 1)
            while chunk := list(itertools.islice(items, window)):
                futures = client.map(task, client.scatter(chunk, hash=False), pure=False)  # see _task
                for _ in as_completed(futures):  # a task whose item was lost with its worker is cancelled:
                    pass  # it is sent again, the item in it
                again = {i: client.submit(task, chunk[i], pure=False) for i, f in enumerate(futures) if f.cancelled()}
                yield from client.gather([again.get(i, f) for i, f in enumerate(futures)])
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _task(work: Callable, contextual: bool, item):
    """A Dask task: one item (the worker's first task loads the models). The item is scattered to
    the workers beforehand and the task names it: the scheduler keeps the last messages it sent each
    worker (distributed.admin.low-level-log-length, 1,000), tasks' arguments included, so articles
    sent in the tasks stayed in its memory, 72 KB a batch of 700-word articles, up to 1,000 batches a
    worker."""
    pool.set_up_worker(contextual)
    return work(item)


ENGINES: dict[str, type[Engine]] = {e.name: e for e in (LocalEngine, DaskEngine)}  # --engine's choices, in order
