"""What runs inside a worker process: a local pool's (`match_article`) or a Dask worker's
(`verify_from_store`). Both end in `verify_article`, so a worker's results are the ones the
coordinating process would have made itself, byte for byte.

A worker loads the tokenizer once, when it starts (`start`), not per article; a Dask worker
also opens its HTTP cache or cassette once and keeps it for every article it is given.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

from claims import Article

from ..fetch import Settings, replaying
from ..model import ClaimResult, SourceDoc
from ..pipeline import verify_article
from ..sources import SourceLoader


def start() -> None:
    """A pool worker's initializer: the coordinator alone answers Ctrl-C and SIGTERM (it stops
    the workers itself), and the tokenizer is loaded before the first article arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the CLI's handler
    warm()


def warm() -> None:
    """Load the Sudachi dictionary and the matcher's imports now (once per process)."""
    from ..text import analyze

    analyze("準備", "A")


def ready() -> bool:
    return True


def match_article(article: Article, docs: dict[str, SourceDoc]) -> list[ClaimResult]:
    """Every claim of `article`, against the sources the coordinator fetched and extracted."""
    return verify_article(article, docs.__getitem__)


@dataclass(frozen=True)
class Store:
    """Where a Dask worker reads the cited pages: the HTTP cache of `settings` (offline: a worker
    never fetches, the coordinator's politeness is the only one there is) or a cassette."""

    settings: Settings
    cassette: str | None = None


_OPEN: dict[str, "_Opened"] = {}  # by repr(store): Settings holds dicts (per-host rules), unhashable
_OPEN_LOCK = threading.Lock()


class _Opened:
    """A store opened in this worker process: the cassette replay (entered for good) and a
    SourceLoader per thread (a Dask worker may run several tasks at once)."""

    def __init__(self, store: Store):
        from ..fetch import Fetcher

        self.cassette = store.cassette
        self._stack = contextlib.ExitStack()
        if store.cassette:
            self._stack.enter_context(replaying(Path(store.cassette)))
        self._fetcher = self._stack.enter_context(Fetcher(store.settings))
        self._local = threading.local()

    def close(self) -> None:
        self._stack.close()

    def loader(self) -> SourceLoader:
        loader = getattr(self._local, "loader", None)
        if loader is None:
            loader = self._local.loader = SourceLoader(self._fetcher)
        return loader


def verify_from_store(article: Article, store: Store) -> list[ClaimResult]:
    """A Dask task: load the article's sources from the shared cache or cassette, then verify."""
    with _OPEN_LOCK:
        opened = _OPEN.get(repr(store))
        if opened is None:
            warm()
            # A cassette replays for the whole process (vcrpy patches the HTTP classes), so it
            # cannot stay open beside another store: the one opened before is closed first.
            if store.cassette or any(o.cassette for o in _OPEN.values()):
                for old in _OPEN.values():
                    old.close()
                _OPEN.clear()
            opened = _OPEN[repr(store)] = _Opened(store)
    loader = opened.loader()
    cited: dict[str, str] = {}
    for block in article.blocks:
        if block.source_url:
            cited.setdefault(block.source_url, block.published)
    loader.prefetch(cited)
    return verify_article(article, loader)
