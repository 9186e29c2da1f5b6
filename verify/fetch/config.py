"""Every setting of the fetch stage, in one frozen dataclass.

Nothing else in the package should hard-code a timeout, a size cap or a header: take a
`Settings` (or `Settings()` for the defaults) and pass it down. The command line maps its
options onto these fields (cli/commands.py, _settings); the defaults are what an unconfigured run uses.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .. import package_version

# The Wayback Machine availability API. Read when a Settings is made, so tests can point it
# at a local server (and make sure no test ever reaches the real archive).
ARCHIVE_ENDPOINT = "https://archive.org/wayback/available"
PROJECT_URL = "https://github.com/claimcheck/claimcheck"


def default_user_agent(contact: str = "") -> str:
    """An honest User-Agent: who we are, where to read about us, that we are a bot, and (when
    the newsroom running us says so: `contact` in claimcheck.toml) whom a site can write to."""
    reach = f"; contact: {contact.strip()}" if contact.strip() else ""
    return f"claimcheck/{package_version()} (+{PROJECT_URL}; fact-checking bot{reach})"


@dataclass(frozen=True)
class HostRule:
    """What one host gets that others do not: politeness of its own, and a subscriber's headers
    (cookies included) for members-only pages. The headers go to this exact host only: never to
    another host, not on a redirect to one, and never into a log, a report or a cache key."""

    delay: float | None = None      # seconds between two requests to this host (None: Settings.delay)
    per_host: int | None = None     # requests at once to this host (None: Settings.per_host)
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def __repr__(self) -> str:  # a Settings in a traceback or a log shows no secret
        names = ", ".join(name for name, _ in self.headers)
        return f"HostRule(delay={self.delay!r}, per_host={self.per_host!r}, headers=[{names}])"


def default_cache_path() -> Path:
    """Where the HTTP cache lives by default (per-user cache directory)."""
    return platformdirs.user_cache_path("claimcheck") / "http-cache.sqlite"


@dataclass(frozen=True)
class Settings:
    """Fetch settings. All durations are in seconds, all sizes in bytes."""

    # Time to open the TCP/TLS connection. Short: a host that does not answer a SYN in
    # 10 s is down, and waiting longer only slows the whole run.
    connect_timeout: float = 10.0
    # Longest silence allowed between two reads of the response.
    read_timeout: float = 30.0
    # Wall-clock cap on one page, body included. read_timeout alone does not bound a server
    # that drips one byte every few seconds; this does.
    page_timeout: float = 90.0
    # Bodies past this are abandoned ("too_large"). Counted after gzip decoding, so it also
    # bounds decompression bombs. News pages are 50 KB-2 MB; 10 MB leaves ample room.
    max_bytes: int = 10 * 1024 * 1024
    # Hops followed before giving up ("redirect_loop"). Browsers allow about 20; real
    # article redirects (http->https, www, AMP, tracking) take 1-4.
    max_redirects: int = 10
    user_agent: str = field(default_factory=default_user_agent)
    accept: str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
    # The sources are Japanese; asking for ja keeps sites from redirecting to an English
    # edition. English is the fallback for the few international pages.
    accept_language: str = "ja,en;q=0.7"

    # --- Politeness (politeness.py) ---
    # Simultaneous requests to one host. Two is what browsers' early HTTP/1.1 advice and
    # most crawler defaults settle on: parallel enough, never a burst.
    per_host: int = 2
    # Pause between the starts of two requests to the same host. robots.txt Crawl-delay
    # can only lengthen it.
    delay: float = 1.0
    # Extra attempts after a connection error (refused, reset, connect timeout), a 5xx or a
    # 429 -- never after another 4xx, and never after a read timeout: a server that stayed
    # silent for read_timeout will most likely do so again, and page_timeout bounds it all.
    retries: int = 2
    # First backoff wait; doubles each attempt, with jitter so parallel runs do not retry
    # in lockstep.
    backoff: float = 1.0
    # Longest Retry-After (429/503) or Crawl-delay honoured; a server asking for more is
    # given up on for this run rather than stalling it.
    retry_after_cap: float = 60.0
    # Total seconds for the whole run; pages not started in time get status "deadline".
    deadline: float | None = None
    # Threads for Fetcher.fetch_many. The per-host limit is what protects servers; this
    # only bounds how many hosts are worked on at once.
    workers: int = 8
    # Obey robots.txt (fetched once per host). Off only with --ignore-robots.
    robots: bool = True

    # Per-host exceptions, by lower-case host name (exact: www.example.jp is another host):
    # politeness and request headers (HostRule). From claimcheck.toml's [hosts] tables.
    hosts: Mapping[str, HostRule] = field(default_factory=dict)

    # --- HTTP cache (httpcache.py) ---
    # SQLite file of plain values (never pickles: a cache may be shared), or None for no
    # cache. Never used while a vcrpy cassette is active (see cassette.py).
    cache_path: Path | None = field(default_factory=default_cache_path)
    # How long a cached page is reused. Fixed, because news sites send no-cache/max-age=0
    # on article pages that do not change, and a re-run should not re-download them.
    cache_expiry: float = 7 * 24 * 3600.0
    # Fetch again and overwrite the cache (--refresh).
    refresh: bool = False
    # Serve only from the cache; anything missing becomes "not_cached" (--offline).
    offline: bool = False

    # --- Archive fallback (archive.py) ---
    # For dead (404/410/soft 404) or blocked sources, read the Wayback Machine snapshot
    # closest to the block's publication date instead.
    archive: bool = True
    archive_endpoint: str = field(default_factory=lambda: ARCHIVE_ENDPOINT)

    # --- Safety (ssrf.py) ---
    # Allow private, loopback and link-local addresses (tests against 127.0.0.1 need it;
    # production keeps it off so a cited URL cannot probe the local network).
    allow_private: bool = False

    def __post_init__(self) -> None:
        # Fail at construction, with the field name, rather than deep inside requests.
        for name in ("connect_timeout", "read_timeout", "page_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"Settings.{name} must be > 0, got {getattr(self, name)!r}")
        for name in ("max_bytes", "per_host", "workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"Settings.{name} must be >= 1, got {getattr(self, name)!r}")
        for name in ("max_redirects", "retries", "delay", "backoff", "retry_after_cap", "cache_expiry"):
            if getattr(self, name) < 0:
                raise ValueError(f"Settings.{name} must be >= 0, got {getattr(self, name)!r}")
        if self.deadline is not None and not self.deadline > 0:
            raise ValueError(f"Settings.deadline must be > 0 or None, got {self.deadline!r}")
        if not self.user_agent.strip():
            raise ValueError("Settings.user_agent must not be empty")
        for host, rule in self.hosts.items():
            if (rule.delay is not None and rule.delay < 0) or (rule.per_host is not None and rule.per_host < 1):
                raise ValueError(f"Settings.hosts[{host!r}]: delay must be >= 0 and per_host >= 1")

    def rule(self, host: str) -> HostRule | None:
        """The HostRule of `host` (any case), or None."""
        return self.hosts.get(host.lower().rstrip(".")) if self.hosts else None

    @property
    def timeout(self) -> tuple[float, float]:
        """The (connect, read) pair in the form requests expects."""
        return (self.connect_timeout, self.read_timeout)
