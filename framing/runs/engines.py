"""Corpus engines: how articles reach the workers that audit them, and come back in input order.

An engine is made with the run's `jobs`, mode and (for Dask) scheduler, and maps a picklable
function over an iterator of items: a generator of the results in input order, with bounded
memory; closing it early (an error, Ctrl-C) stops the workers.
`writes_reports` says whether its workers share this disk: then they read the article files and
write the reports themselves; otherwise the main process reads the files and writes the reports.
ENGINES, by name, gives the CLI its --engine choices.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Iterator
from functools import partial

from framing.errors import InputError
from framing.runs import pool

TASK_SIZE = 8  # articles per Dask task: amortises the scheduler's per-task cost


class Engine:
    """The interface: map(work, items) -> a generator of the results, in input order."""

    name = ""
    writes_reports = True  # the workers share this disk (see the module's docstring)
    takes_scheduler = False  # the --scheduler option means something to it

    def __init__(self, jobs: int = 1, contextual: bool = False, scheduler: str | None = None):
        self.jobs, self.contextual, self.scheduler = jobs, contextual, scheduler

    def map(self, work: Callable, items: Iterator) -> Generator:
        raise NotImplementedError


class LocalEngine(Engine):
    """Processes on this machine: `jobs` workers (or this process for one job), models loaded once each."""

    name = "local"

    def map(self, work: Callable, items: Iterator) -> Generator:
        return pool.ordered_map(work, items, self.jobs, self.contextual)


class DaskEngine(Engine):
    """A Dask cluster: the one at `scheduler`, else a local one of `jobs` worker processes. Items
    travel to workers as tasks of TASK_SIZE, which may run on other machines."""

    name = "dask"
    writes_reports = False
    takes_scheduler = True

    def map(self, work: Callable, items: Iterator) -> Generator:
        try:
            from dask.distributed import Client, LocalCluster  # the dask extra: only for this engine
        except ImportError:
            raise InputError("the Dask engine needs the extra: pip install 'framing[dask]'") from None
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(self.scheduler or cluster)
        task = partial(_task, work, self.contextual)
        try:
            window = pool.WINDOW_PER_JOB * max(self.jobs, len(client.scheduler_info().get("workers", {})) or 1)
            tasks = iter(lambda: list(itertools.islice(items, TASK_SIZE)), [])
            while chunk := list(itertools.islice(tasks, max(1, window // TASK_SIZE))):
                futures = client.map(task, chunk, pure=False)
                for results in client.gather(futures):
                    yield from results
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _task(work: Callable, contextual: bool, items: list) -> list:
    """A Dask task: several items (the worker's first task loads the models)."""
    pool.set_up_worker(contextual)
    return [work(item) for item in items]


ENGINES: dict[str, type[Engine]] = {e.name: e for e in (LocalEngine, DaskEngine)}  # --engine's choices, in order
