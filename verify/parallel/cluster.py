"""Past one machine: articles mapped over the workers of a Dask cluster (`--dask ADDRESS`).

The coordinator reads the articles and sends each, as one task, to the cluster; a worker loads
the cited pages from the store every worker can read -- the HTTP cache file on a shared path,
filled beforehand by `claimcheck fetch`, or a cassette -- and never from the network, so the one
polite fetcher stays the only client the news sites see. Results are gathered in article order.

A worker that dies mid-run (killed, out of memory, its machine gone) loses no claim: the
scheduler gives its tasks to another worker (Dask's `allowed-failures`). An article whose task
kills workers again and again, or raises, is reported `unverifiable` with `internal error: …`.

Dask is an optional extra (`pip install 'claimcheck[dask]'`): it is imported only here, and only
when --dask is given.
"""
from __future__ import annotations

import itertools
import uuid
from collections import deque
from collections.abc import Iterable, Iterator

from claims import Article

from ..model import ClaimResult
from ..pipeline import failed_article
from . import worker
from .worker import Store

INSTALL_HINT = "pip install 'claimcheck[dask]'"
CONNECT_TIMEOUT = "20s"


class ClusterError(Exception):
    """Dask is not installed, or the scheduler cannot be reached (the message says which)."""


class DaskCluster:
    """Articles verified on the workers of the Dask scheduler at `address`."""

    def __init__(self, address: str, store: Store, window: int | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError(f"--dask needs Dask distributed, which is not installed: {INSTALL_HINT}") from None
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(f"--dask {address}: cannot reach the Dask scheduler ({error})") from None
        self.store = store
        threads = sum(self.client.nthreads().values()) or 1
        # Enough tasks queued to keep every worker thread busy while results are gathered.
        self.window = window or 4 * threads
        self._run = uuid.uuid4().hex[:12]
        self._numbers = itertools.count()

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()

    def map(self, articles: Iterable[Article]) -> Iterator[list[ClaimResult]]:
        """The results of each article, in the order given."""
        items = iter(articles)
        pending: deque = deque()
        more = True
        while True:
            while more and len(pending) < self.window:
                article = next(items, None)
                if article is None:
                    more = False
                else:
                    pending.append((article, self._submit(article)))
            if not pending:
                return
            article, future = pending.popleft()
            yield self._gather(article, future)

    def _submit(self, article: Article):
        # pure=False and a key per task: two identical articles are two tasks, each reported.
        key = f"claimcheck-{self._run}-{next(self._numbers)}"
        return self.client.submit(worker.verify_from_store, article, self.store, key=key, pure=False, retries=1)

    def _gather(self, article: Article, future) -> list[ClaimResult]:
        try:
            return future.result()
        except Exception as error:  # noqa: BLE001 - KilledWorker, a bug: this article only
            return failed_article(article, f"internal error: on the Dask cluster: {type(error).__name__}: "
                                           f"{' '.join(str(error).split())[:200]}")
        finally:
            future.release()
