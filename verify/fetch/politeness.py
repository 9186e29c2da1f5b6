"""Being a polite client: per-host concurrency and spacing, Retry-After, backoff, the run
deadline, and robots.txt.

Every request that reaches the network (pages, redirect hops, robots.txt, the archive) passes
through `HostScheduler.slot(host)`, so the limits hold whatever asked for the request. Cache
hits never take a slot: they cost the server nothing.

robots.txt is fetched once per site through the same session, cache and scheduler as pages,
and parsed with Protego (Scrapy's maintained parser: wildcards, longest-match precedence and
Crawl-delay, which urllib.robotparser gets wrong or lacks). A site whose robots.txt is missing,
refused (4xx), broken (5xx) or unreachable is treated as allowing everything: a fact-checker
reads one page per citation, and refusing to check a claim because a server hiccuped would
punish the reader, not the bot.
"""
from __future__ import annotations

import contextlib
import email.utils
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from protego import Protego


class DeadlinePassed(Exception):
    """The run's total deadline passed before this request could start (or, `in_flight`, while
    it was running: then its sockets were shut down)."""

    def __init__(self, in_flight: bool = False) -> None:
        super().__init__("the run's deadline passed" + (" during the request" if in_flight else ""))
        self.in_flight = in_flight


@dataclass
class _Host:
    semaphore: threading.Semaphore
    delay: float
    next_start: float = 0.0  # monotonic time before which no new request may start
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostScheduler:
    """At most `per_host` requests at once per host, and `delay` seconds between their starts;
    `hosts` maps a host name to its own (per_host, delay), either None for the common value."""

    def __init__(self, per_host: int, delay: float, deadline_at: float | None = None,
                 clock=time.monotonic, sleep=time.sleep,
                 hosts: dict[str, tuple[int | None, float | None]] | None = None) -> None:
        self.per_host, self.delay, self.deadline_at = per_host, delay, deadline_at
        self._own = {h.lower(): limits for h, limits in (hosts or {}).items()}
        self._clock, self._sleep = clock, sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                per_host, delay = self._own.get(host.lower(), (None, None))
                self._hosts[host] = _Host(threading.Semaphore(self.per_host if per_host is None else per_host),
                                          self.delay if delay is None else delay)
            return self._hosts[host]

    def expired(self) -> bool:
        return self.deadline_at is not None and self._clock() >= self.deadline_at

    @contextlib.contextmanager
    def slot(self, host: str, spaced: bool = True) -> Iterator[None]:
        """Hold one of `host`'s request slots for the duration of the block.

        `spaced=False` takes a slot without pushing back the host's next start: used for
        robots.txt, one small static file per host, which would otherwise add `delay` to
        every host's first page for no load worth sparing.
        Raises DeadlinePassed when the request could not start before the deadline.
        """
        h = self._host(host)
        wait_limit = None if self.deadline_at is None else max(0.0, self.deadline_at - self._clock())
        if not h.semaphore.acquire(timeout=wait_limit):
            raise DeadlinePassed
        try:
            with h.lock:
                now = self._clock()
                start = max(now, h.next_start)
                if self.deadline_at is not None and start >= self.deadline_at:
                    raise DeadlinePassed
                if spaced:
                    h.next_start = start + h.delay
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            h.semaphore.release()

    def pause(self, host: str, seconds: float) -> None:
        """Start nothing on `host` for `seconds` (Retry-After applies to the host, not one URL)."""
        h = self._host(host)
        with h.lock:
            h.next_start = max(h.next_start, self._clock() + seconds)

    def slow_down(self, host: str, delay: float) -> None:
        """Space `host`'s requests by at least `delay` (robots.txt Crawl-delay)."""
        h = self._host(host)
        with h.lock:
            h.delay = max(h.delay, delay)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None if unusable."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; obsolete forms parse without a zone
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff(attempt: int, base: float, rng: random.Random | None = None) -> float:
    """Wait before retry number `attempt` (0-based): base * 2**attempt, jittered down to half.

    The jitter keeps parallel workers that failed together from retrying together.
    """
    return base * (2 ** attempt) * (rng or random).uniform(0.5, 1.0)


# --- robots.txt ----------------------------------------------------------------------------

# Google reads the first 500 KiB and ignores the rest; so do we.
MAX_ROBOTS_BYTES = 500 * 1024

# (status or None when unreachable, body, settled) of a GET that followed redirects, given up
# on after the seconds passed (None: the getter's own limit). `settled` is False when the answer
# says nothing about the site: the fetch was cut short by the asking page's own time running out.
RawGetter = Callable[[str, "float | None"], tuple["int | None", bytes, bool]]


class RobotsRules:
    """Answers "may we fetch this URL?" for our user agent, one robots.txt per origin."""

    def __init__(self, get: RawGetter, user_agent: str,
                 on_crawl_delay: Callable[[str, float], None] | None = None) -> None:
        # Groups are matched on the product token ("claimcheck"), not the whole UA string.
        self.agent = user_agent.split("/", 1)[0].strip() or user_agent
        self._get, self._on_crawl_delay = get, on_crawl_delay
        self._rules: dict[str, Protego | None] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str, within: float | None = None) -> bool:
        """May we fetch `url`? `within`: seconds the robots.txt fetch may take, if one is needed
        (a robots.txt that takes longer is unreachable, so it allows everything)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # parallel pages of one site wait for a single robots.txt fetch
            if origin in self._rules:
                rules = self._rules[origin]
            else:
                status, body, settled = self._get(origin + "/robots.txt", within)
                found = status is not None and 200 <= status < 300
                rules = self._parse(body, parts.hostname or "") if found else None
                if settled:  # else the next page of the site asks again, with time of its own
                    self._rules[origin] = rules
        return rules is None or rules.can_fetch(url, self.agent)

    def _parse(self, body: bytes, host: str) -> Protego | None:
        try:
            rules = Protego.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
        except Exception:  # noqa: BLE001 - an unparsable file restricts nothing
            return None
        delay = rules.crawl_delay(self.agent)
        if delay and self._on_crawl_delay:
            self._on_crawl_delay(host, float(delay))
        return rules
