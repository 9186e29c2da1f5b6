"""The persistent HTTP cache: requests-cache's SQLite store, filled and read by the Fetcher.

Why not requests-cache's CachedSession: it stores a response by reading `response.content`
in full before the caller sees a byte, so a 50 MB page or a gzip bomb would be inflated in
memory before our size cap runs. It also crashes on responses served by vcrpy (vcrpy#881).
So the Fetcher keeps the transport and stores only what it accepted: complete, capped bodies,
with cookies removed. Entries live for a fixed time (Settings.cache_expiry) whatever the
page's Cache-Control says: news sites mark article pages no-cache, yet a re-run of the same
articles should not download them again.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

log = logging.getLogger(__name__)

# What is worth keeping: pages, redirects and dead links. Not 5xx/429 (temporary), not
# 401/403 (a bot wall may let the next run through).
CACHEABLE = frozenset({200, 203, 300, 301, 302, 303, 307, 308, 404, 410})
_COOKIE_HEADERS = ("Set-Cookie", "Set-Cookie2")


class Cached:
    """A stored response: what the Fetcher needs to classify it again."""

    def __init__(self, status: int, reason: str, headers: requests.structures.CaseInsensitiveDict,
                 body: bytes) -> None:
        self.status, self.reason, self.headers, self.body = status, reason, headers, body


class HttpCache:
    """GET responses by URL in an SQLite file (thread-safe: requests-cache locks its writes).

    The file is opened on first use and created on first write, so a run that fetches nothing
    (or an --offline run with no cache yet) leaves no file behind. A file that cannot be
    opened (unwritable directory, corrupt database) turns the cache off for the run, with a
    warning: the pages are still fetched.
    """

    def __init__(self, path: Path, expiry: float) -> None:
        self.path, self.expiry = Path(path).expanduser(), expiry
        self._backend = None
        self._broken = False
        self._lock = threading.Lock()
        self._session = requests.Session()  # only to build keys; never sends anything

    def _store(self, create: bool):  # noqa: ANN202 - requests_cache.SQLiteCache, imported late
        with self._lock:
            if self._backend is None and not self._broken and (create or self.path.exists()):
                # Imported here: runs without a cache do not pay for requests-cache.
                from requests_cache import SQLiteCache

                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    self._backend = SQLiteCache(str(self.path), wal=True)
                except Exception as exc:  # noqa: BLE001 - see the class docstring
                    self._broken = True
                    log.warning("HTTP cache %s unusable, running without it (%s)", self.path, exc)
            return self._backend

    def _key(self, store, url: str) -> str:  # noqa: ANN001
        # Keys ignore request headers, so a new version (User-Agent) reuses the cache.
        return store.create_key(self._session.prepare_request(requests.Request("GET", url)))

    def get(self, url: str, stale_ok: bool = False) -> Cached | None:
        """The stored response for `url`, or None (missing, or expired unless `stale_ok`)."""
        store = self._store(create=False)
        if store is None:
            return None
        try:
            hit = store.get_response(self._key(store, url))
        except Exception as exc:  # noqa: BLE001 - a damaged entry is a miss, not a failed run
            log.warning("HTTP cache: unreadable entry for %s (%s)", url, exc)
            return None
        if hit is None or (hit.is_expired and not stale_ok):
            return None
        return Cached(hit.status_code, hit.reason or "", hit.headers, hit.content or b"")

    def put(self, url: str, response: requests.Response, body: bytes) -> None:
        """Store `response` (already read: `body` is its decoded content) if it is worth keeping."""
        if response.status_code not in CACHEABLE:
            return
        store = self._store(create=True)
        if store is None:
            return
        # The live body stream is closed first: requests-cache would otherwise read the rest of
        # it, unbounded, to keep a raw copy.
        response.close()
        response._content, response._content_consumed = body, True
        # Cookies go from every copy requests-cache keeps: headers, raw headers, cookie jar.
        for headers in (response.headers, getattr(response.raw, "headers", None)):
            for name in _COOKIE_HEADERS:
                if headers is not None and name in headers:
                    del headers[name]
        response.cookies.clear()
        expires = datetime.now(timezone.utc) + timedelta(seconds=self.expiry)
        try:
            store.save_response(response, self._key(store, url), expires)
        except Exception as exc:  # noqa: BLE001 - a full disk must not fail the page we already have
            log.warning("HTTP cache: could not store %s (%s)", url, exc)

    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                self._backend.close()
                self._backend = None


def open_cache(path: Path | None, expiry: float) -> HttpCache | None:
    """The cache at `path` (opened when first needed), or None for no cache."""
    return None if path is None else HttpCache(path, expiry)
