"""The fetch stage: the only code that talks to the network.

`Fetcher.fetch(url)` always returns a `Page`; every failure becomes one of the statuses in
`model.SOURCE_STATUSES`, because a dead or blocked source makes a claim unverifiable, never
false, and one bad URL must not stop a run. `fetch_many` fetches in parallel across hosts
while every request waits its turn per host and robots.txt is obeyed (politeness.py); answers
are kept in the HTTP cache (httpcache.py) and every hop is checked against private addresses
(ssrf.py). Naming the outcome is classify.py's job.

Every page is bounded in wall-clock time: `Settings.page_timeout` (3x --timeout) for all of its
own work -- robots.txt, name lookups, connects, headers, bodies, redirect hops, retries and
their waits -- enforced by shutting its sockets down (wallclock.py). Waiting for a turn at a
busy host is not the page's own work and is not counted; `Settings.deadline` bounds that, and
cuts off requests still running when it passes.
"""
from __future__ import annotations

import http.cookiejar
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, zip_longest
from urllib.parse import urljoin, urlsplit

import requests
from requests.utils import requote_uri
from urllib3.exceptions import NameResolutionError, ReadTimeoutError

from ..model import Page, without_credentials
from . import cassette, events, wallclock
from .classify import (ERROR_BODY_BYTES, HTML_TYPES, MAYBE_HTML_TYPES, Exchange, PageTimeout,
                       bot_wall, exception_chain, fail, page_for, page_for_exception)
from .config import Settings
from .events import FetchEvent, Observer
from .httpcache import open_cache
from .politeness import DeadlinePassed, HostScheduler, RobotsRules, backoff, retry_after
from .ssrf import GuardedAdapter, UnsafeAddress, check_url
from .wallclock import Limit

CHUNK_BYTES = 64 * 1024
# robots.txt and archive API answers: small documents, whatever their Content-Type.
RAW_BODY_BYTES = 512 * 1024
_PAGE, _RAW, _ROBOTS = "page", "raw", "robots"


class _Stop(Exception):
    """A hop that must not or cannot be requested; carries the failure status."""

    def __init__(self, status: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """Refuse every cookie: bot-wall cookies (DataDome) poison later requests if kept."""

    def set_ok(self, cookie, request):  # noqa: ANN001 - cookiejar's signature
        return False


def _no_auth(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """Passed as `auth`: requests then takes credentials neither from the URL nor from ~/.netrc."""
    request.headers.pop("Authorization", None)
    return request


@dataclass
class _Clock:
    """A page's own time: its wall-clock budget, less the time spent waiting for a turn at a host."""

    budget: float
    started: float = field(default_factory=time.monotonic)
    waited: float = 0.0

    def left(self) -> float:
        return self.budget - (time.monotonic() - self.started - self.waited)


class Fetcher:
    """Fetch web pages politely and turn every outcome into a `Page`."""

    def __init__(self, settings: Settings | None = None, observer: Observer | None = None) -> None:
        s = self.settings = settings or Settings()
        self.observer = observer  # told what happens to each URL (events.py); None: nobody
        # Under a cassette vcrpy answers: no DNS to check, no cache (it would hide requests
        # from a recording). A replay also has no server to be polite to, and a retry would
        # only replay the same answer.
        self._cassette = cassette.is_active()
        self._replay = replay = cassette.is_replaying()
        self._retries = 0 if replay else s.retries
        self.session = requests.Session()
        self.session.headers.update({
            "User-Agent": s.user_agent, "Accept": s.accept, "Accept-Language": s.accept_language,
        })
        self.session.cookies.set_policy(_NoCookies())
        # Redirects are followed by hand (see _follow) so each hop is recorded and checked.
        self.session.max_redirects = s.max_redirects
        if not self._cassette:
            # vcrpy patches urllib3's own connection classes, which the guard replaces: under
            # a recording only the per-hop check (check_url) protects, and only the checks
            # between body chunks bound a page's time.
            for prefix in ("http://", "https://"):
                self.session.mount(prefix, GuardedAdapter(s.allow_private, pool_maxsize=max(10, s.per_host)))
        self.cache = None if self._cassette else open_cache(s.cache_path, s.cache_expiry)
        deadline_at = time.monotonic() + s.deadline if s.deadline else None
        # A replay has no server to be polite to: no spacing, per host or otherwise.
        spacing = {} if replay else {h: (r.per_host, r.delay) for h, r in s.hosts.items()}
        self.scheduler = HostScheduler(s.per_host, 0.0 if replay else s.delay, deadline_at, hosts=spacing)
        crawl_delay = None if replay else (
            lambda host, delay: self.scheduler.slow_down(host, min(delay, s.retry_after_cap)))
        self.robots = RobotsRules(self._robots_txt, s.user_agent, crawl_delay)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections and the cache file."""
        self.session.close()
        if self.cache is not None:
            self.cache.close()

    def fetch_many(self, urls: Iterable[str]) -> dict[str, Page]:
        """Fetch each distinct URL once, in parallel across hosts; map every URL to its Page."""
        unique = list(dict.fromkeys(urls))
        if len(unique) < 2 or self._cassette:
            # Replay gains nothing from threads, and a recording in article order is a
            # cassette that diffs cleanly.
            return {url: self.fetch(url) for url in unique}
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in unique:
            by_host[_host(url)].append(url)
        # Interleave hosts so the workers spread over them instead of queueing on one.
        order = [u for u in chain.from_iterable(zip_longest(*by_host.values())) if u is not None]
        workers = min(self.settings.workers, len(order), self.settings.per_host * len(by_host))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            pages = dict(zip(order, pool.map(self.fetch, order)))
        return {url: pages[url] for url in unique}

    def notify(self, event: FetchEvent) -> None:
        """Tell the observer (the loader reports archive lookups and extraction through this)."""
        events.notify(self.observer, event)

    def fetch(self, url: str) -> Page:
        """Fetch one URL. Never raises: failures come back as a Page with a failure status."""
        # Every URL visited; the last one is being fetched now. Credentials are never sent.
        trail = [without_credentials(str(url).strip())]
        unresolved = False
        try:
            if self.scheduler.expired():
                raise DeadlinePassed
            ex = self._follow(trail, _PAGE, self.settings.page_timeout)
            page = page_for(url, ex, tuple(trail[:-1]), self.settings.max_bytes)
        except _Stop as stop:
            page = fail(url, stop.status, stop.detail, final_url=trail[-1], redirects=tuple(trail[:-1]))
        except DeadlinePassed as passed:
            when = "while this page was being fetched" if passed.in_flight else "before this page could be fetched"
            page = fail(url, "deadline", f"the run's {self.settings.deadline:g} s deadline passed {when}",
                        final_url=trail[-1], redirects=tuple(trail[:-1]))
        except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
            unresolved = any(isinstance(e, NameResolutionError) for e in exception_chain(exc))
            page = page_for_exception(url, exc, trail, self.settings)
        if self.observer is not None:
            self.notify(FetchEvent(events.DONE, trail[0], _host(trail[0]), page.reason, page.http_status,
                                   outcome=page.status, unresolved=unresolved))
        return page

    def get_raw(self, url: str, purpose: str = _RAW, within: float | None = None) -> tuple[int | None, bytes, str]:
        """(status, body, "") of a small document (robots.txt, archive API), redirects followed;
        (None, b"", why) when it could not be had. A robots.txt gets at most one read timeout,
        and no more than `within` seconds: what is left of the page that asked for it."""
        trail = [without_credentials(url)]
        s = self.settings
        budget = min(s.read_timeout, s.page_timeout if within is None else within) if purpose == _ROBOTS \
            else s.page_timeout
        try:
            ex = self._follow(trail, purpose, budget)
        except _Stop as stop:
            return None, b"", f"{stop.status}: {stop.detail}"
        except DeadlinePassed:
            return None, b"", "deadline: the run's deadline passed"
        except Exception as exc:  # noqa: BLE001 - callers treat every failure as "unreachable"
            return None, b"", page_for_exception(url, exc, trail, self.settings).reason
        return ex.status, ex.body, ""

    def _robots_txt(self, url: str, within: float | None) -> tuple[int | None, bytes, bool]:
        """robots.txt for RobotsRules: (status, body, settled). A fetch cut short by the asking
        page's own limit (shorter than robots.txt's) is not settled: it says nothing of the site."""
        status, body, why = self.get_raw(url, _ROBOTS, within)
        cut = status is None and within is not None and within < self.settings.read_timeout \
            and why.startswith(("timeout:", "deadline:"))
        return status, body, not cut

    def _follow(self, trail: list[str], purpose: str, budget: float) -> Exchange:
        clock = _Clock(budget)
        while True:
            hop = trail[-1]
            # A replay resolves nothing; a recording goes to the real network and is checked.
            problem = check_url(hop, self.settings.allow_private or self._replay, resolve_names=not self._replay,
                                within=max(0.001, min(self.settings.connect_timeout, clock.left())))
            if problem:
                raise _Stop("unsafe_url", problem)
            if purpose != _ROBOTS and self.settings.robots:
                allowed = self.robots.allowed(hop, clock.left())
                self.notify(FetchEvent(events.ROBOTS, hop, _host(hop), "allowed" if allowed else "disallowed"))
                if not allowed:
                    raise _Stop("robots_disallowed", f"robots.txt of {urlsplit(hop).netloc} disallows this URL")
            ex = self._exchange(hop, purpose, clock)
            target = self.session.get_redirect_target(ex)
            if target is None:
                return ex
            nxt = without_credentials(requote_uri(urljoin(hop, target)))
            self.notify(FetchEvent(events.REDIRECT, hop, _host(hop), nxt, ex.status))
            if nxt in trail:
                trail.append(nxt)
                raise _Stop("redirect_loop", f"redirects back to {nxt}")
            trail.append(nxt)
            if len(trail) - 1 > self.settings.max_redirects:
                raise _Stop("redirect_loop", f"more than {self.settings.max_redirects} redirects")

    def _exchange(self, url: str, purpose: str, clock: _Clock) -> Exchange:
        """One request: from the cache, or from the network with politeness and retries."""
        s = self.settings
        if self.cache is not None and not s.refresh:
            hit = self.cache.get(url, stale_ok=s.offline)
            if hit is not None:
                self.notify(FetchEvent(events.CACHE_HIT, url, _host(url), status=hit.status))
                return Exchange(url, hit.status, hit.reason, hit.headers, hit.body)
        if s.offline and not self._cassette:
            raise _Stop("not_cached", "--offline and this URL is not in the HTTP cache")
        host = _host(url)
        # A robots.txt that fails means "allow all": retrying it would only delay every page.
        attempts = 1 if purpose == _ROBOTS else self._retries + 1
        for attempt in range(attempts):
            if clock.left() <= 0:
                raise PageTimeout
            try:
                ex, response = self._attempt(url, purpose, host, clock)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                wait = self._retry_wait(exc, attempt, attempt + 1 == attempts, clock)
                if wait is None:
                    raise
                why = type(exc).__name__
            else:
                wait = self._retry_wait(ex, attempt, attempt + 1 == attempts, clock, host)
                if wait is None:
                    if self.cache is not None and not ex.cut:
                        self.cache.put(url, response, ex.body)
                    return ex
                why = f"HTTP {ex.status}"
            self.notify(FetchEvent(events.RETRY, url, host, f"{why}; attempt {attempt + 2} of {attempts}",
                                   seconds=wait))
            time.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _attempt(self, url: str, purpose: str, host: str, clock: _Clock) -> tuple[Exchange, requests.Response]:
        """One request on the network, in its turn at the host, under the page's wall-clock
        limit and the run's deadline: past either, its sockets are shut down (wallclock.py)."""
        s = self.settings
        asked = time.monotonic()
        with self.scheduler.slot(host, spaced=purpose != _ROBOTS):
            clock.waited += time.monotonic() - asked
            left = clock.left()
            if left <= 0:
                raise PageTimeout
            started = time.monotonic()
            with wallclock.limited(left, self.scheduler.deadline_at) as limit:
                try:
                    response = self.session.get(url, allow_redirects=False, stream=True, auth=_no_auth,
                                                headers=self._headers_for(host),
                                                timeout=(min(s.connect_timeout, left), min(s.read_timeout, left)))
                    try:
                        ex = self._read(url, response, purpose, limit)
                    finally:
                        response.close()
                except Exception as exc:
                    self.notify(FetchEvent(events.REQUEST, url, host, f"{purpose}: {type(exc).__name__}",
                                           seconds=time.monotonic() - started))
                    _stop_if_over(limit, exc, passed=True)
                    raise
                self.notify(FetchEvent(events.REQUEST, url, host, purpose, ex.status,
                                       seconds=time.monotonic() - started))
                # A body that ended because its socket was shut down may look complete.
                _stop_if_over(limit)
        return ex, response

    def _retry_wait(self, outcome: Exchange | Exception, attempt: int, last: bool, clock: _Clock,
                    host: str = "") -> float | None:
        """Seconds to wait before trying again, or None to stop here."""
        s = self.settings
        if last:
            return None
        if isinstance(outcome, Exception):
            chain_ = exception_chain(outcome)
            # A read timeout tends to repeat itself; a refused address, an unknown name or a bad
            # certificate always will.
            if isinstance(outcome, requests.exceptions.SSLError) or any(
                    isinstance(e, (ReadTimeoutError, UnsafeAddress, NameResolutionError)) for e in chain_):
                return None
            wait = backoff(attempt, s.backoff)
        else:
            code = outcome.status
            if not (code == 429 or 500 <= code <= 599) or bot_wall(code, outcome.headers, outcome.body):
                return None
            asked = retry_after(outcome.headers.get("Retry-After")) if code in (429, 503) else None
            if asked is not None and asked > s.retry_after_cap:
                outcome.note = f"Retry-After {asked:g} s is over the {s.retry_after_cap:g} s cap"
                return None
            wait = asked if asked is not None else backoff(attempt, s.backoff)
            if asked is not None:
                self.scheduler.pause(host, asked)  # the whole host asked for quiet
                self.notify(FetchEvent(events.RETRY_AFTER, outcome.url, host, f"HTTP {code}", code, asked))
        if wait >= clock.left():
            return None
        deadline = self.scheduler.deadline_at
        if deadline is not None and time.monotonic() + wait >= deadline:
            return None
        return wait

    def _headers_for(self, host: str) -> dict[str, str] | None:
        """The request headers configured for exactly this host (a subscriber's cookie), else None.

        Asked per request, and redirects are followed by hand one hop at a time (_follow), so a
        redirect to another host never carries them; they are not part of the cache key (the URL).
        """
        rule = self.settings.rule(host)
        return dict(rule.headers) if rule is not None and rule.headers else None

    def _read(self, url: str, response: requests.Response, purpose: str, wall: Limit) -> Exchange:
        """Read as much of the body as its kind deserves (nothing for a PDF or a redirect)."""
        ex = Exchange(url, response.status_code, response.reason or "", response.headers)
        if self.session.get_redirect_target(response) is not None:
            return ex
        code, cap = ex.status, self.settings.max_bytes
        if purpose != _PAGE:
            limit = RAW_BODY_BYTES
        elif not 200 <= code < 300:
            limit = ERROR_BODY_BYTES
        else:
            declared = ex.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                ex.cut = True
                return ex
            if ex.media not in HTML_TYPES | MAYBE_HTML_TYPES:
                return ex
            limit = cap
        ex.body, over = self._read_body(response, limit, wall)
        # Only a 2xx page past the cap is "too large"; error pages and raw documents are
        # read as far as needed by design.
        ex.cut = over and purpose == _PAGE and 200 <= code < 300
        return ex

    def _read_body(self, response: requests.Response, limit: int, wall: Limit) -> tuple[bytes, bool]:
        """Up to `limit` bytes of the decoded body, and whether there was more.

        Counted after decompression, chunk by chunk (urllib3 inflates at most about a chunk
        per read), so a small gzip bomb stops at the cap instead of filling memory.
        """
        buf = bytearray()
        for chunk in response.iter_content(chunk_size=CHUNK_BYTES):
            buf += chunk
            if len(buf) > limit:
                del buf[limit:]
                return bytes(buf), True
            # Where no socket is watched (a recording), this check between chunks is the bound.
            _stop_if_over(wall, passed=True)
        return bytes(buf), False


def _stop_if_over(limit: Limit, cause: BaseException | None = None, passed: bool = False) -> None:
    """Raise PageTimeout or DeadlinePassed when `limit` fired (or, with `passed`, is past)."""
    over = limit.fired or (limit.why if passed and limit.remaining() <= 0 else "")
    if over == wallclock.DEADLINE:
        raise DeadlinePassed(in_flight=True) from cause
    if over:
        raise PageTimeout from cause


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
