"""Name what a fetch produced: a response or an exception becomes a Page with one status.

Split from fetcher.py so the transport (politeness, cache, retries) and the vocabulary of
outcomes can each be read on their own. Every status used here is in model.SOURCE_STATUSES.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

import requests
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import LocationParseError, ReadTimeoutError

from ..model import OK, Page
from .config import Settings
from .encoding import EncodingFailure, decode_body
from .ssrf import UnsafeAddress

log = logging.getLogger(__name__)

# Error pages are read only far enough to recognise a bot wall; their text is never used.
ERROR_BODY_BYTES = 64 * 1024
HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Types that are HTML often enough (misconfigured servers) to keep if the body looks like it.
MAYBE_HTML_TYPES = {"", "text/plain"}
_MAGIC = (
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF"), (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"), (b"\x1f\x8b", "gzip"), (b"RIFF", "RIFF"), (b"OggS", "Ogg"),
    (b"ID3", "MP3"), (b"\x00asm", "WebAssembly"), (b"\xd0\xcf\x11\xe0", "MS Office"),
)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16/32 text is full of NULs yet not binary
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--", b"<title")
_STRIPPED_HEADERS = {"set-cookie", "set-cookie2"}


class PageTimeout(Exception):
    """The page's wall-clock limit (Settings.page_timeout) ran out."""


@dataclass
class Exchange:
    """One HTTP response, read as far as its kind deserves, from the network or the cache."""

    url: str
    status: int
    reason: str = ""
    headers: CaseInsensitiveDict = field(default_factory=CaseInsensitiveDict)
    body: bytes = b""
    cut: bool = False     # a 2xx body passed the size cap (declared or counted): not kept
    note: str = ""        # why retrying stopped early, for the report

    @property
    def is_redirect(self) -> bool:  # read by requests' get_redirect_target
        return "location" in self.headers and self.status in requests.sessions.REDIRECT_STATI

    @property
    def media(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


def fail(url: str, status: str, detail: str, **fields: object) -> Page:
    # Reasons read "<status>: <detail>" so a CSV cell makes sense on its own.
    return Page(url=url, status=status, reason=f"{status}: {detail}", **fields)  # type: ignore[arg-type]


def page_for(url: str, ex: Exchange, hops: tuple[str, ...], max_bytes: int) -> Page:
    """Classify the final (non-redirect) response of a page."""
    code, media = ex.status, ex.media
    content_type = ex.headers.get("Content-Type", "")
    meta = dict(
        final_url=ex.url, http_status=code, content_type=content_type, redirects=hops,
        headers={k: v for k, v in ex.headers.items() if k.lower() not in _STRIPPED_HEADERS},
    )
    success = 200 <= code < 300
    if success:
        declared = ex.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            return fail(url, "too_large", f"Content-Length {declared} bytes > cap {max_bytes}", **meta)
        if media not in HTML_TYPES | MAYBE_HTML_TYPES:
            # Decided by the header alone: no point downloading a 10 MB PDF to reject it.
            return fail(url, "not_html", media, **meta)
    meta["body"] = ex.body
    wall = bot_wall(code, ex.headers, ex.body)
    if wall:
        return fail(url, "blocked", wall, **meta)
    if code == 404:
        return fail(url, "http_404", "page not found", **meta)
    if code == 410:
        return fail(url, "http_410", "page gone", **meta)
    if not success:
        detail = f"HTTP {code} {ex.reason or ''}".strip() + (f" ({ex.note})" if ex.note else "")
        return fail(url, "http_error", detail, **meta)
    if ex.cut:
        return fail(url, "too_large", f"body over the {max_bytes}-byte cap", **meta)
    if not ex.body.strip():
        return fail(url, "empty", f"HTTP {code} with an empty body", **meta)
    kind = binary_kind(ex.body)
    if kind:
        return fail(url, "not_html", f"binary body ({kind}) served as {media or 'no type'}", **meta)
    if media in MAYBE_HTML_TYPES and not looks_like_html(ex.body):
        return fail(url, "not_html", media or "no content type, body is not HTML", **meta)
    try:
        text, how = decode_body(ex.body, content_type)
    except EncodingFailure as exc:
        return fail(url, "encoding", str(exc), **meta)
    return Page(url=url, status=OK, text=text, encoding=how, **meta)


def page_for_exception(url: str, exc: Exception, trail: list[str], settings: Settings) -> Page:
    """Map an exception raised while fetching to a failure Page."""
    where = dict(final_url=trail[-1], redirects=tuple(trail[:-1]))
    chain = exception_chain(exc)
    if _not_in_cassette(exc):
        return fail(url, "not_in_cassette", "no recording of this URL in the cassette", **where)
    if isinstance(exc, PageTimeout):
        return fail(url, "timeout", f"no complete answer within the page's {settings.page_timeout:g} s "
                    "wall-clock limit (connect, headers and body)", **where)
    unsafe = next((e for e in chain if isinstance(e, UnsafeAddress)), None)
    if unsafe is not None:
        return fail(url, "unsafe_url", str(unsafe), **where)
    if isinstance(exc, requests.Timeout) or (
        isinstance(exc, requests.ConnectionError) and any(isinstance(e, ReadTimeoutError) for e in chain)
    ):
        # A read timeout while streaming the body surfaces as ConnectionError in requests.
        which = "connect" if isinstance(exc, requests.ConnectTimeout) else "read"
        limit = settings.connect_timeout if which == "connect" else settings.read_timeout
        return fail(url, "timeout", f"no answer within {limit:g} s ({which})", **where)
    if isinstance(exc, requests.TooManyRedirects):
        return fail(url, "redirect_loop", f"more than {settings.max_redirects} redirects", **where)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema, LocationParseError, UnicodeError)):
        return fail(url, "unsafe_url", f"invalid URL ({clip(exc)})", **where)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return fail(url, "encoding", f"broken gzip/deflate/brotli body ({root_cause(exc)})", **where)
    if isinstance(exc, requests.exceptions.SSLError):
        return fail(url, "connection_error", f"TLS error ({root_cause(exc)})", **where)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return fail(url, "connection_error", f"connection broken mid-body ({root_cause(exc)})", **where)
    if isinstance(exc, requests.RequestException):
        return fail(url, "connection_error", f"could not connect ({root_cause(exc)})", **where)
    # A bug of ours, not a property of the source: log it loudly, but keep the run going.
    log.exception("unexpected error fetching %s", url)
    return fail(url, "connection_error", f"unexpected {type(exc).__name__}: {clip(exc)}", **where)


def _not_in_cassette(exc: Exception) -> bool:
    """vcrpy's answer for a request the replayed cassette has no recording of.

    vcrpy is imported only when a cassette is used (cassette.py); while it is not loaded, no
    exception can be one of its, and a run without a cassette does not pay for importing it.
    """
    errors = sys.modules.get("vcr.errors")
    return errors is not None and isinstance(exc, errors.CannotOverwriteExistingCassetteException)


def bot_wall(code: int, headers: CaseInsensitiveDict, body: bytes) -> str:
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


def binary_kind(body: bytes) -> str:
    """What binary format the body is, or "" if it may be text."""
    for magic, name in _MAGIC:
        if body.startswith(magic):
            return name
    if b"\x00" in body[:1024] and not body.startswith(_UNICODE_BOMS):
        return "NUL bytes"
    return ""


def looks_like_html(body: bytes) -> bool:
    start = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(_HTML_START)


def exception_chain(exc: BaseException) -> list[BaseException]:
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


def root_cause(exc: BaseException) -> str:
    """A short cause such as "Connection refused" instead of urllib3's nested repr."""
    causes = [e.strerror for e in exception_chain(exc) if isinstance(e, OSError) and e.strerror]
    if causes:
        return causes[0]
    inner = [e for e in exception_chain(exc)[1:] if str(e)]
    return clip(inner[-1], 100) if inner else type(exc).__name__


def clip(exc: BaseException, limit: int = 160) -> str:
    """Exception text short enough for a report cell (URLs in messages can be huge)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
