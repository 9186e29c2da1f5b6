"""The fetch stage: the only code that talks to the network.

`Fetcher.fetch(url)` always returns a `Page`; every failure becomes one of the statuses in
`model.SOURCE_STATUSES`, because a dead or blocked source makes a claim unverifiable, never
false, and one bad URL must not stop a run.
"""
from __future__ import annotations

import http.cookiejar
import logging
import time
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import requests
from requests.utils import requote_uri
from urllib3.exceptions import LocationParseError, ReadTimeoutError
# Raised by vcrpy when a replayed cassette has no recording of the request.
from vcr.errors import CannotOverwriteExistingCassetteException as _NotInCassette

from .config import Settings
from .encoding import EncodingFailure, decode_body
from .model import OK, Page

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
# Error pages are read only far enough to recognise a bot wall; their text is never used.
ERROR_BODY_BYTES = 64 * 1024
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Types that are HTML often enough (misconfigured servers) to keep if the body looks like it.
_MAYBE_HTML_TYPES = {"", "text/plain"}
_MAGIC = (
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF"), (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"), (b"\x1f\x8b", "gzip"), (b"RIFF", "RIFF"), (b"OggS", "Ogg"),
    (b"ID3", "MP3"), (b"\x00asm", "WebAssembly"), (b"\xd0\xcf\x11\xe0", "MS Office"),
)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16/32 text is full of NULs yet not binary
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--", b"<title")
_STRIPPED_HEADERS = {"set-cookie", "set-cookie2"}


class _PageTimeout(Exception):
    """The page_timeout wall clock ran out while reading."""


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """Refuse every cookie: bot-wall cookies (DataDome) poison later requests if kept."""

    def set_ok(self, cookie, request):  # noqa: ANN001 - cookiejar's signature
        return False


class Fetcher:
    """Fetch web pages politely and turn every outcome into a `Page`."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.session = requests.Session()
        self.session.headers.update({
            "User-Agent": self.settings.user_agent,
            "Accept": self.settings.accept,
            "Accept-Language": self.settings.accept_language,
        })
        self.session.cookies.set_policy(_NoCookies())
        # Redirects are followed by hand (see fetch) so each hop is recorded and checked.
        self.session.max_redirects = self.settings.max_redirects
        # Cache seam: a later issue may swap in a requests-cache session here, but only
        # when no cassette is active (cassette.is_active()); see cassette.py for why.

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections."""
        self.session.close()

    def fetch_many(self, urls: Iterable[str]) -> dict[str, Page]:
        """Fetch each distinct URL once; map every given URL to its Page, in first-seen order."""
        unique = list(dict.fromkeys(urls))
        return dict(zip(unique, self._fetch_all(unique)))

    def _fetch_all(self, urls: list[str]) -> list[Page]:
        # Seam for the per-host concurrency issue (settings.per_host / delay): it replaces
        # this loop and must keep returning pages in the order of `urls`.
        return [self.fetch(url) for url in urls]

    def fetch(self, url: str) -> Page:
        """Fetch one URL. Never raises: failures come back as a Page with a failure status."""
        trail = [str(url).strip()]  # every URL visited; the last one is being fetched now
        try:
            return self._follow(url, trail)
        except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
            return _page_for_exception(url, exc, trail, self.settings)

    def _follow(self, url: str, trail: list[str]) -> Page:
        started = time.monotonic()
        while True:
            problem = _unsafe(trail[-1])
            if problem:
                return _fail(url, "unsafe_url", problem, final_url=trail[-1], redirects=tuple(trail[:-1]))
            left = self.settings.page_timeout - (time.monotonic() - started)
            if left <= 0:
                raise _PageTimeout
            timeout = (min(self.settings.connect_timeout, left), min(self.settings.read_timeout, left))
            response = self.session.get(trail[-1], allow_redirects=False, stream=True, timeout=timeout)
            try:
                target = self.session.get_redirect_target(response)
                if target is None:
                    return self._finish(url, response, tuple(trail[:-1]), started)
            finally:
                response.close()
            nxt = requote_uri(urljoin(response.url, target))
            if nxt in trail:
                return _fail(url, "redirect_loop", f"redirects back to {nxt}",
                             final_url=nxt, redirects=tuple(trail))
            trail.append(nxt)
            if len(trail) - 1 > self.settings.max_redirects:
                return _fail(url, "redirect_loop", f"more than {self.settings.max_redirects} redirects",
                             final_url=nxt, redirects=tuple(trail[:-1]))

    def _finish(self, url: str, response: requests.Response, hops: tuple[str, ...],
                started: float) -> Page:
        """Read the final (non-redirect) response and classify it."""
        code = response.status_code
        content_type = response.headers.get("Content-Type", "")
        media = content_type.split(";")[0].strip().lower()
        meta = dict(
            final_url=response.url, http_status=code, content_type=content_type, redirects=hops,
            headers={k: v for k, v in response.headers.items() if k.lower() not in _STRIPPED_HEADERS},
        )
        success = 200 <= code < 300
        cap = self.settings.max_bytes
        if success:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                return _fail(url, "too_large", f"Content-Length {declared} bytes > cap {cap}", **meta)
            if media not in _HTML_TYPES | _MAYBE_HTML_TYPES:
                # Decided by the header alone: no point downloading a 10 MB PDF to reject it.
                return _fail(url, "not_html", media, **meta)
        body, cut = self._read_body(response, cap if success else ERROR_BODY_BYTES, started)
        meta["body"] = body
        wall = _bot_wall(code, response.headers, body)
        if wall:
            return _fail(url, "blocked", wall, **meta)
        if code == 404:
            return _fail(url, "http_404", "page not found", **meta)
        if code == 410:
            return _fail(url, "http_410", "page gone", **meta)
        if not success:
            return _fail(url, "http_error", f"HTTP {code} {response.reason or ''}".strip(), **meta)
        if cut:
            return _fail(url, "too_large", f"body over the {cap}-byte cap", **meta)
        if not body.strip():
            return _fail(url, "empty", f"HTTP {code} with an empty body", **meta)
        kind = _binary_kind(body)
        if kind:
            return _fail(url, "not_html", f"binary body ({kind}) served as {media or 'no type'}", **meta)
        if media in _MAYBE_HTML_TYPES and not _looks_like_html(body):
            return _fail(url, "not_html", media or "no content type, body is not HTML", **meta)
        try:
            text, how = decode_body(body, content_type)
        except EncodingFailure as exc:
            return _fail(url, "encoding", str(exc), **meta)
        return Page(url=url, status=OK, text=text, encoding=how, **meta)

    def _read_body(self, response: requests.Response, limit: int,
                   started: float) -> tuple[bytes, bool]:
        """Up to `limit` bytes of the (decompressed) body, and whether there was more."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=CHUNK_BYTES):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return b"".join(chunks)[:limit], True
            if time.monotonic() - started > self.settings.page_timeout:
                raise _PageTimeout
        return b"".join(chunks), False


def _fail(url: str, status: str, detail: str, **fields: object) -> Page:
    # Reasons read "<status>: <detail>" so a CSV cell makes sense on its own.
    return Page(url=url, status=status, reason=f"{status}: {detail}", **fields)  # type: ignore[arg-type]


def _page_for_exception(url: str, exc: Exception, trail: list[str], settings: Settings) -> Page:
    """Map an exception raised while fetching to a failure Page."""
    where = dict(final_url=trail[-1], redirects=tuple(trail[:-1]))
    if isinstance(exc, _NotInCassette):
        return _fail(url, "not_in_cassette", "no recording of this URL in the cassette", **where)
    if isinstance(exc, _PageTimeout):
        return _fail(url, "timeout", f"page took longer than {settings.page_timeout:g} s", **where)
    if isinstance(exc, requests.Timeout) or (
        isinstance(exc, requests.ConnectionError)
        and any(isinstance(e, ReadTimeoutError) for e in _chain(exc))
    ):
        # A read timeout while streaming the body surfaces as ConnectionError in requests.
        which = "connect" if isinstance(exc, requests.ConnectTimeout) else "read"
        limit = settings.connect_timeout if which == "connect" else settings.read_timeout
        return _fail(url, "timeout", f"no answer within {limit:g} s ({which})", **where)
    if isinstance(exc, requests.TooManyRedirects):
        return _fail(url, "redirect_loop", f"more than {settings.max_redirects} redirects", **where)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema, LocationParseError, UnicodeError)):
        return _fail(url, "unsafe_url", f"invalid URL ({_clip(exc)})", **where)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return _fail(url, "encoding", "broken gzip/deflate/brotli body", **where)
    if isinstance(exc, requests.exceptions.SSLError):
        return _fail(url, "connection_error", f"TLS error ({_root_cause(exc)})", **where)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return _fail(url, "connection_error", f"connection broken mid-body ({_root_cause(exc)})", **where)
    if isinstance(exc, requests.RequestException):
        return _fail(url, "connection_error", f"could not connect ({_root_cause(exc)})", **where)
    # A bug of ours, not a property of the source: log it loudly, but keep the run going.
    log.exception("unexpected error fetching %s", url)
    return _fail(url, "connection_error", f"unexpected {type(exc).__name__}: {_clip(exc)}", **where)


def _unsafe(url: str) -> str | None:
    """Why a URL must not be fetched, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        return f"invalid URL ({_clip(exc)})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
    if not host:
        return "no host in URL"
    # Later issue (settings.allow_private): refuse private/loopback/link-local/metadata
    # addresses here, after resolving the host, on every hop.
    return None


def _bot_wall(code: int, headers: requests.structures.CaseInsensitiveDict, body: bytes) -> str:
    """Name the bot wall or access denial this response is, or ""."""
    head = body[:ERROR_BODY_BYTES].lower()
    # DataDome's challenge page loads its captcha from this domain whatever the status.
    if b"captcha-delivery.com" in head:
        return f"DataDome bot wall (HTTP {code})"
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return f"Cloudflare challenge (HTTP {code})"
    if code >= 400:
        # x-datadome also appears on pages the wall let through, so only with an error code;
        # Cloudflare injects challenge-platform scripts into normal pages for the same reason.
        if "x-datadome" in headers:
            return f"DataDome bot wall (HTTP {code})"
        if b"/cdn-cgi/challenge-platform/" in head or b"<title>just a moment...</title>" in head:
            return f"Cloudflare challenge (HTTP {code})"
    if code in (401, 403):
        return f"access denied (HTTP {code})"
    return ""


def _binary_kind(body: bytes) -> str:
    """What binary format the body is, or "" if it may be text."""
    for magic, name in _MAGIC:
        if body.startswith(magic):
            return name
    if b"\x00" in body[:1024] and not body.startswith(_UNICODE_BOMS):
        return "NUL bytes"
    return ""


def _looks_like_html(body: bytes) -> bool:
    start = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(_HTML_START)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it wraps (urllib3 nests them in args, .reason and __cause__)."""
    found: list[BaseException] = []
    todo = [exc]
    while todo and len(found) < 20:
        current = todo.pop(0)
        if any(current is seen for seen in found):
            continue
        found.append(current)
        inner = [*getattr(current, "args", ()), getattr(current, "reason", None),
                 current.__cause__, current.__context__]
        todo.extend(e for e in inner if isinstance(e, BaseException))
    return found


def _root_cause(exc: BaseException) -> str:
    """A short cause such as "Connection refused" instead of urllib3's nested repr."""
    causes = [e.strerror for e in _chain(exc) if isinstance(e, OSError) and e.strerror]
    return causes[0] if causes else type(exc).__name__


def _clip(exc: BaseException, limit: int = 160) -> str:
    """Exception text short enough for a report cell (URLs in messages can be huge)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
