"""What -v and -vv show of fetching, and what every run learns from it.

The fetch stage reports `FetchEvent`s to an observer (verify/fetch/events.py); this is the
command line's observer. With -v it logs each URL's story on stderr -- cache hits, robots.txt
refusals, retries and their waits, Retry-After pauses, redirects, archive lookups, the outcome --
and ends with a tally per host (requests, 429s, Retry-After pauses, blocks); -vv adds every
request and every robots.txt decision. Without -v it only counts, to notice a run in which no
host name could be resolved: that is a machine without network, and one line says so.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from typing import IO

from ..fetch import FetchEvent

_SHOWN_AT_V = {"cache", "retry", "retry_after", "redirect", "archive", "extracted", "done"}
TALLY_COLUMNS = ("requests", "cache hits", "429s", "Retry-After pauses", "blocked")


class FetchLog:
    """Thread-safe: the fetcher calls it from its worker threads."""

    def __init__(self, stream: IO[str] | None, verbosity: int = 0) -> None:
        self.stream, self.verbosity = stream, verbosity if stream is not None else 0
        self._lock = threading.Lock()
        self.hosts: dict[str, Counter] = defaultdict(Counter)
        self._blocked: dict[str, set[str]] = defaultdict(set)
        self.pages = 0        # pages fetched (DONE events)
        self.unresolved = 0   # of which failed because no name could be resolved

    def __call__(self, event: FetchEvent) -> None:
        with self._lock:
            self._count(event)
            if self.verbosity >= 2 or (self.verbosity == 1 and self._notable(event)):
                from ..report import printable  # a server's words (reasons, redirects) drive no terminal

                print(f"claimcheck: {printable(self._line(event))}", file=self.stream, flush=True)

    def _count(self, e: FetchEvent) -> None:
        tally = self.hosts[e.host]
        if e.kind == "request":
            tally["requests"] += 1
            tally["429s"] += e.status == 429
        elif e.kind == "cache":
            tally["cache hits"] += 1
        elif e.kind == "retry_after":
            tally["Retry-After pauses"] += 1
        elif e.kind in ("done", "extracted") and e.outcome == "blocked":
            self._blocked[e.host].add(e.url)
            tally["blocked"] = len(self._blocked[e.host])
        if e.kind == "done":
            self.pages += 1
            self.unresolved += e.unresolved

    @staticmethod
    def _notable(e: FetchEvent) -> bool:
        return e.kind in _SHOWN_AT_V or (e.kind == "robots" and e.detail != "allowed")

    @staticmethod
    def _line(e: FetchEvent) -> str:
        status = f" (HTTP {e.status})" if e.status is not None else ""
        if e.kind == "request":
            return f"request  {e.url}{status or ' (no answer)'} {e.detail} in {e.seconds:.2f} s"
        if e.kind == "cache":
            return f"cache    {e.url}{status} from the HTTP cache"
        if e.kind == "robots":
            return f"robots   {e.url} {e.detail} by robots.txt"
        if e.kind == "retry":
            return f"retry    {e.url} {e.detail}, in {e.seconds:.1f} s"
        if e.kind == "retry_after":
            return f"wait     {e.host} asked for {e.seconds:g} s of quiet (Retry-After, {e.detail})"
        if e.kind == "redirect":
            return f"redirect {e.url} -> {e.detail}{status}"
        if e.kind == "archive":
            return f"archive  {e.url}: {e.detail}"
        if e.kind == "extracted":
            return f"extract  {e.url}: {e.outcome}" + (f" ({e.detail})" if e.detail else "")
        if e.kind == "done":
            return f"fetched  {e.url}: {e.outcome}{status}" + (f" - {e.detail}" if e.detail and e.outcome != "ok" else "")
        return f"{e.kind} {e.url} {e.detail}"

    def no_network(self) -> bool:
        """Every page fetched failed because its host name could not be resolved."""
        return self.pages > 0 and self.unresolved == self.pages

    def print_tally(self) -> None:
        """The per-host tally, with -v, once fetching is over."""
        if self.verbosity < 1 or not self.hosts:
            return
        width = max(len("host"), *(len(h) for h in self.hosts))
        print(f"claimcheck: fetch tally per host\n  {'host':<{width}}  " + "  ".join(TALLY_COLUMNS),
              file=self.stream)
        for host in sorted(self.hosts):
            tally = self.hosts[host]
            cells = "  ".join(f"{tally[c]:>{len(c)}}" for c in TALLY_COLUMNS)
            print(f"  {host or '-':<{width}}  {cells}", file=self.stream)
