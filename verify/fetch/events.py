"""What the fetcher tells an observer: one `FetchEvent` per thing it did for a URL.

The fetch stage never prints; the command line passes an observer (`Fetcher(observer=...)`)
that logs events with -v/-vv and tallies them per host. Observers are called from the fetch
threads, so they must be thread-safe, and an observer that raises is logged and ignored: a
log line is never worth a page. No event carries a request header's value.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

CACHE_HIT = "cache"        # answered from the HTTP cache: no request
REQUEST = "request"        # one request went out; `status` is the HTTP answer (None: no answer)
ROBOTS = "robots"          # robots.txt's decision on a URL (`detail`: allowed / disallowed)
RETRY = "retry"            # a request will be tried again after `seconds` (`detail`: why)
RETRY_AFTER = "retry_after"  # the host asked for quiet (Retry-After): nothing starts there for `seconds`
REDIRECT = "redirect"      # `url` redirects to `detail`
ARCHIVE = "archive"        # the web-archive lookup for a dead or blocked page (`detail`: what it found)
DONE = "done"              # the page's outcome: `outcome` is its source status, `detail` the reason
EXTRACTED = "extracted"    # what extraction made of it (`outcome`: ok, blocked, soft_404, ...)
KINDS = (CACHE_HIT, REQUEST, ROBOTS, RETRY, RETRY_AFTER, REDIRECT, ARCHIVE, DONE, EXTRACTED)


@dataclass(frozen=True)
class FetchEvent:
    kind: str               # one of KINDS
    url: str                # the URL it is about, without credentials
    host: str = ""
    detail: str = ""
    status: int | None = None   # HTTP status of a response
    seconds: float = 0.0        # a wait, or how long a request took
    outcome: str = ""           # DONE / EXTRACTED: the source status
    unresolved: bool = False    # DONE: the host name could not be resolved (no network, or a typo)


Observer = Callable[[FetchEvent], None]


def notify(observer: Observer | None, event: FetchEvent) -> None:
    """Give `event` to `observer`, if any; an observer's failure never reaches the fetch."""
    if observer is None:
        return
    try:
        observer(event)
    except Exception:  # noqa: BLE001 - see the module's docstring
        log.exception("fetch observer failed on %s", event.kind)
