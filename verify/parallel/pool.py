"""Matching on every core of this machine: a process pool fed by the coordinating process.

The coordinator reads each article and loads its sources (fetching stays there: per-host
politeness is one budget for the whole run, not one per worker), then hands the article and its
sources to the pool. A few articles are in flight at once (`window`), so the coordinator fetches
the next ones while the workers match; results come back in article order whatever order the
workers finish in.

A worker that dies (the OOM killer, a crash in a native library) costs no claim: the pool is
started again and the articles that were in flight are matched again, one at a time, so the
one that kills a worker twice is known; its claims are reported `unverifiable` with
`internal error: …` as their reason, and the run goes on.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from claims import Article

from ..model import ClaimResult, SourceDoc
from ..pipeline import failed_article
from . import worker

Work = tuple[Article, dict[str, SourceDoc]]  # an article and its cited sources, url -> SourceDoc

WORKER_DIED = "internal error: the worker process matching this article died, twice"


def default_jobs() -> int:
    """The cores this process may run on (what `--jobs` defaults to)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context():
    # fork: a worker starts in milliseconds with the coordinator's imports. The pool forks before
    # the fetcher starts any thread (see ProcessPool.__init__), which is what makes fork safe;
    # elsewhere (macOS, Windows) a worker is a fresh interpreter.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ProcessPool:
    """`jobs` worker processes matching articles; use as a context manager."""

    def __init__(self, jobs: int, window: int | None = None):
        self.jobs = max(1, jobs)
        # Results leave in article order, so one slow article holds the ones behind it: enough
        # in flight that the other workers keep busy meanwhile (Dask's map uses 4 per thread too).
        self.window = window or 4 * self.jobs
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=worker.start)
        # With fork every worker is started by the first submit: now, while this process has no
        # other thread (the fetcher's come later) whose locks a child could inherit held.
        pool.submit(worker.ready)
        return pool

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self._pool.shutdown(wait=True)
        else:  # Ctrl-C, SIGTERM, an error: stop the workers now, not after their articles
            _stop(self._pool)

    def map(self, work: Iterable[Work]) -> Iterator[list[ClaimResult]]:
        """The results of each article of `work`, in the order given."""
        items = iter(work)
        pending: deque[tuple[Work, Future]] = deque()
        more = True
        while True:
            while more and len(pending) < self.window:
                item = next(items, None)
                if item is None:
                    more = False
                else:
                    pending.append((item, self._submit(item)))
            if not pending:
                return
            item, future = pending[0]
            try:
                results = future.result()
            except BrokenProcessPool:
                stuck = [i for i, _ in pending]
                pending.clear()
                self._restart()
                for again in stuck:
                    yield self._alone(again)
                continue
            pending.popleft()
            yield results

    def _submit(self, item: Work) -> Future:
        """The article handed to a worker; when the pool broke since the last look (a worker
        died while this was being read), a future that says so, handled like any other."""
        try:
            return self._pool.submit(worker.match_article, *item)
        except BrokenProcessPool as error:
            broken: Future = Future()
            broken.set_exception(error)
            return broken

    def _alone(self, item: Work) -> list[ClaimResult]:
        """One article with nothing else in flight: a worker that dies now died of this one."""
        for _ in range(2):
            try:
                return self._pool.submit(worker.match_article, *item).result()
            except BrokenProcessPool:
                self._restart()
        return failed_article(item[0], WORKER_DIED, item[1])

    def _restart(self) -> None:
        _stop(self._pool)
        self._pool = self._start()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers at once (Python 3.14 has terminate_workers for this)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
