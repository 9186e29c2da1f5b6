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
    """GET responses by URL in an SQLite file (thread-safe: requests-cache locks its writes)."""

    def __init__(self, path: Path, expiry: float) -> None:
        from requests_cache import SQLiteCache  # imported here: only runs with a cache pay for it

        path = Path(path).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.expiry = path, expiry
        self._store = SQLiteCache(str(path), wal=True)
        self._session = requests.Session()  # only to build keys; never sends anything

    def _key(self, url: str) -> str:
        # Keys ignore request headers, so a new version (User-Agent) reuses the cache.
        return self._store.create_key(self._session.prepare_request(requests.Request("GET", url)))

    def get(self, url: str, stale_ok: bool = False) -> Cached | None:
        """The stored response for `url`, or None (missing, or expired unless `stale_ok`)."""
        try:
            hit = self._store.get_response(self._key(url))
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
            self._store.save_response(response, self._key(url), expires)
        except Exception as exc:  # noqa: BLE001 - a full disk must not fail the page we already have
            log.warning("HTTP cache: could not store %s (%s)", url, exc)

    def close(self) -> None:
        self._store.close()


def open_cache(path: Path | None, expiry: float) -> HttpCache | None:
    """The cache at `path`, or None when there is none or it cannot be opened (run goes on)."""
    if path is None:
        return None
    try:
        return HttpCache(path, expiry)
    except Exception as exc:  # noqa: BLE001 - unwritable directory, locked or corrupt file
        log.warning("HTTP cache %s unusable, running without it (%s)", path, exc)
        return None
