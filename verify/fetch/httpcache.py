"""The persistent HTTP cache: one SQLite table of plain values, filled and read by the Fetcher.

A cache file may be shared (a team folder, a cluster), so it is untrusted input, and nothing read
from it can run code: a row is a URL, a status code, a reason phrase, the headers as a JSON list
of string pairs, the body as bytes and an expiry time, and a row that does not parse as exactly
that is a miss (the page is fetched again and the row replaced). requests-cache, used before,
stores responses with pickle, where a crafted row runs whatever it names (issue #11); the
tables it left in an older cache file are never read.

Only what the Fetcher accepted is stored: complete, capped bodies, with cookies removed.
Entries live for a fixed time (Settings.cache_expiry) whatever the page's Cache-Control says:
news sites mark article pages no-cache, yet a re-run of the same articles should not download
them again.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

import requests
from requests.structures import CaseInsensitiveDict

log = logging.getLogger(__name__)

# What is worth keeping: pages, redirects and dead links. Not 5xx/429 (temporary), not
# 401/403 (a bot wall may let the next run through).
CACHEABLE = frozenset({200, 203, 300, 301, 302, 303, 307, 308, 404, 410})
_COOKIE_HEADERS = frozenset({"set-cookie", "set-cookie2"})
TABLE = "claimcheck_pages_v1"
_SCHEMA = (f"CREATE TABLE IF NOT EXISTS {TABLE} (url TEXT PRIMARY KEY, status INTEGER NOT NULL, "
           "reason TEXT NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL, expires REAL NOT NULL)")


class Cached:
    """A stored response: what the Fetcher needs to classify it again."""

    def __init__(self, status: int, reason: str, headers: CaseInsensitiveDict, body: bytes) -> None:
        self.status, self.reason, self.headers, self.body = status, reason, headers, body


class HttpCache:
    """GET responses by URL in an SQLite file, safe to use from the Fetcher's threads.

    The file is opened on first use and created on first write, so a run that fetches nothing
    (or an --offline run with no cache yet) leaves no file behind. A file that cannot be
    opened (unwritable directory, not a database) turns the cache off for the run, with a
    warning: the pages are still fetched.
    """

    def __init__(self, path: Path, expiry: float) -> None:
        self.path, self.expiry = Path(path).expanduser(), expiry
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._refused = 0  # rows that did not parse, reported once at close
        self._lock = threading.Lock()

    def _open(self, create: bool) -> sqlite3.Connection | None:
        """The database (the caller holds the lock), or None."""
        if self._db is None and not self._broken and (create or self.path.exists()):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None, check_same_thread=False)
                try:
                    db.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a writing run
                    db.execute(_SCHEMA)
                except BaseException:
                    db.close()
                    raise
                self._db = db
            except (OSError, sqlite3.Error) as exc:
                self._broken = True
                log.warning("HTTP cache %s unusable, running without it (%s)", self.path, exc)
        return self._db

    def get(self, url: str, stale_ok: bool = False) -> Cached | None:
        """The stored response for `url`, or None (missing, unreadable, or expired unless `stale_ok`)."""
        with self._lock:
            db = self._open(create=False)
            if db is None:
                return None
            try:
                row = db.execute(f"SELECT status, reason, headers, body, expires FROM {TABLE} WHERE url = ?",
                                 (_key(url),)).fetchone()
            except sqlite3.Error as exc:  # a damaged file is a miss, not a failed run
                log.warning("HTTP cache: cannot read the entry for %s (%s)", url, exc)
                return None
        if row is None:
            return None
        hit = _parse(row)
        if hit is None:
            with self._lock:
                self._refused += 1
            return None
        cached, expires = hit
        if expires < time.time() and not stale_ok:
            return None
        return cached

    def put(self, url: str, response: requests.Response, body: bytes) -> None:
        """Store `response` (already read: `body` is its decoded content) if it is worth keeping."""
        if response.status_code not in CACHEABLE:
            return
        headers = [[k, v] for k, v in response.headers.items() if k.lower() not in _COOKIE_HEADERS]
        # The body is stored decoded: the encoding headers no longer describe it.
        headers = [[k, v] for k, v in headers if k.lower() not in ("content-encoding", "content-length")]
        values = (_key(url), response.status_code, response.reason or "", json.dumps(headers, ensure_ascii=False),
                  sqlite3.Binary(body), time.time() + self.expiry)
        with self._lock:
            db = self._open(create=True)
            if db is None:
                return
            try:
                db.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?)", values)
            except sqlite3.Error as exc:  # a full disk must not fail the page we already have
                log.warning("HTTP cache: could not store %s (%s)", url, exc)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            if self._refused:
                log.warning("HTTP cache %s: %d unreadable entr%s ignored; fetched again", self.path,
                            self._refused, "y" if self._refused == 1 else "ies")
                self._refused = 0


def _key(url: str) -> str:
    """The URL as requests sends it (IDNA host, quoted path), so spellings of one URL share a row."""
    try:
        return requests.Request("GET", url).prepare().url or url
    except Exception:  # noqa: BLE001 - an unpreparable URL is never fetched, so any key will do
        return url


def _parse(row: tuple) -> tuple[Cached, float] | None:
    """A row as (response, expiry time), or None unless every field is what `put` writes."""
    status, reason, headers, body, expires = row
    if not (type(status) is int and 100 <= status <= 599 and isinstance(reason, str)
            and isinstance(body, bytes) and isinstance(expires, (int, float)) and isinstance(headers, str)):
        return None
    try:
        pairs = json.loads(headers)
    except ValueError:
        return None
    if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
        return None
    return Cached(status, reason, CaseInsensitiveDict(pairs), body), float(expires)


def open_cache(path: Path | None, expiry: float) -> HttpCache | None:
    """The cache at `path` (opened when first needed), or None for no cache."""
    return None if path is None else HttpCache(path, expiry)
