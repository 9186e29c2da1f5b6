"""robots.txt: fetched once per site, through the same session, cache and politeness as pages.

Parsed with Protego (Scrapy's maintained parser: wildcards, longest-match precedence and
Crawl-delay, which urllib.robotparser gets wrong or lacks). A site whose robots.txt is
missing, refused (4xx), broken (5xx) or unreachable is treated as allowing everything: a
fact-checker reads one page per citation, and refusing to check a claim because a server
hiccuped would punish the reader, not the bot.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

# Google reads the first 500 KiB and ignores the rest; so do we.
MAX_ROBOTS_BYTES = 500 * 1024

# (status or None when unreachable, body) of a GET that followed redirects.
RawGetter = Callable[[str], tuple["int | None", bytes]]


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

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # parallel pages of one site wait for a single robots.txt fetch
            if origin not in self._rules:
                self._rules[origin] = self._load(origin, parts.hostname or "")
        rules = self._rules[origin]
        return rules is None or rules.can_fetch(url, self.agent)

    def _load(self, origin: str, host: str) -> Protego | None:
        status, body = self._get(origin + "/robots.txt")
        if status is None or not 200 <= status < 300:
            return None
        try:
            rules = Protego.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
        except Exception:  # noqa: BLE001 - an unparsable file restricts nothing
            return None
        delay = rules.crawl_delay(self.agent)
        if delay and self._on_crawl_delay:
            self._on_crawl_delay(host, float(delay))
        return rules
