"""Record the pages of a run into a vcrpy cassette, and replay them offline.

Replaying makes a run reproducible (tests, CI, re-checking an old report): no request can
reach the network, and a URL that was not recorded comes back as status "not_in_cassette".

Create the `Fetcher` inside the `with` block: vcrpy patches connection classes when the
block starts, and a keep-alive connection opened earlier would bypass it.

The HTTP cache is never used together with a cassette (the Fetcher checks `is_active()`): a
warm cache would hide requests from a recording cassette, so the recording would silently miss
pages, and a replay must answer from the cassette alone.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # vcrpy is imported by the functions that use it: a live run never loads it
    import vcr.cassette

# Request headers that could carry a credential into a file that gets committed.
FILTERED_REQUEST_HEADERS = ("authorization", "proxy-authorization", "cookie", "x-api-key")
# Response headers dropped before saving: a stored bot-wall cookie (DataDome) would be a
# secret in the repo and would make the recorded session look unlike a fresh one.
STRIPPED_RESPONSE_HEADERS = frozenset({"set-cookie", "set-cookie2"})

_active = 0
_replaying = 0  # of which replays: no server behind them, so nothing to be polite to
_lock = threading.Lock()


class CassetteError(ValueError):
    """A cassette file is missing or unreadable."""


def is_active() -> bool:
    """True while a `replaying` or `recording` block is open (the HTTP cache must stay off)."""
    return _active > 0


def is_replaying() -> bool:
    """True while a `replaying` block is open (politeness waits and retries are pointless)."""
    return _replaying > 0


@contextlib.contextmanager
def replaying(path: str | os.PathLike[str]) -> Iterator[vcr.cassette.Cassette]:
    """Serve every request from the cassette at `path`; nothing reaches the network.

    Raises CassetteError if the file is missing or not a valid cassette. Requests for URLs
    not in it raise vcrpy's CannotOverwriteExistingCassetteException, which
    `Fetcher.fetch` reports as status "not_in_cassette".
    """
    import vcr

    path = Path(path)
    _check(path)
    config = vcr.VCR(
        record_mode="none",               # never record, never touch the network
        match_on=("method", "uri"),       # headers (User-Agent, version) may differ per run
        decode_compressed_response=True,
    )
    # Playback repeats: a source cited twice, or a second run in one process, fetches again.
    with _marked(replay=True), config.use_cassette(str(path), allow_playback_repeats=True) as cassette:
        _look_up_by_request(cassette)
        yield cassette


@contextlib.contextmanager
def recording(path: str | os.PathLike[str], secret_headers: tuple[str, ...] = ()) -> Iterator[vcr.cassette.Cassette]:
    """Fetch from the network and save every interaction of this block to `path`; request
    headers named in `secret_headers` (Settings.hosts' headers) are dropped like cookies.

    Record mode "all" into a fresh temporary file that replaces `path` when the block
    ends, so the cassette holds exactly this run. "new_episodes" was rejected: it keeps the
    old answer for URLs already recorded (a re-recording would never refresh a page), and
    "all" on top of an existing file appends duplicates of which the stale one replays
    first. The old file survives until the new one is complete, so an interrupted
    recording loses nothing.
    """
    import vcr

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.recording")
    partial.unlink(missing_ok=True)
    config = vcr.VCR(
        record_mode="all",
        match_on=("method", "uri"),
        # Otherwise vcrpy stores gzip/brotli bodies decoded yet still labelled compressed.
        decode_compressed_response=True,
        # request headers only, hence the hook below
        filter_headers=tuple(dict.fromkeys([*FILTERED_REQUEST_HEADERS, *(h.lower() for h in secret_headers)])),
        before_record_response=_strip_cookies,
    )
    try:
        with _marked(), config.use_cassette(str(partial)) as cassette:
            yield cassette
        if not partial.exists():  # vcrpy writes nothing when no request was made
            partial.write_text("interactions: []\nversion: 1\n", encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _look_up_by_request(cassette: vcr.cassette.Cassette) -> None:
    """Find a request's recordings through an index instead of vcrpy's scan of every one.

    vcrpy compares each request with every recorded interaction, twice (`can_play_response_for`,
    then `play_response`), so replay cost grew with the cassette: ~18 ms a page at 3,000 pages.
    The index key (method, host, path without a trailing slash) is coarser than vcrpy's method
    and uri matchers, so every interaction that matches is among the candidates, in recorded
    order, and vcrpy's own matchers then decide: the same answers as the scan. A request with no
    candidate is still scanned, so the index can never make a recorded page "not_in_cassette".
    """
    from vcr import matchers

    if set(getattr(cassette, "_match_on", ())) != {matchers.method, matchers.uri}:
        return  # other matchers may fold what the key does not
    scan = cassette._responses
    index: dict[tuple[str, str, str], list[int]] = {}
    indexed = [0]  # interactions already in the index; a cassette only grows
    lock = threading.Lock()

    def responses(request):  # noqa: ANN001, ANN202 - vcrpy's Cassette._responses, per instance
        data = cassette.data
        with lock:
            for i in range(indexed[0], len(data)):
                index.setdefault(_request_key(data[i][0]), []).append(i)
            indexed[0] = len(data)
        filtered = cassette._before_record_request(request)
        candidates = index.get(_request_key(filtered))
        if not candidates:
            yield from scan(request)
            return
        for i in candidates:
            stored, response = data[i]
            if matchers.requests_match(filtered, stored, cassette._match_on):
                yield i, response

    cassette._responses = responses


def _request_key(request) -> tuple[str, str, str]:  # noqa: ANN001 - a vcr.request.Request
    url = request.parsed_uri
    return request.method, url.hostname or "", url.path.rstrip("/")


def _strip_cookies(response: dict) -> dict:
    """vcrpy before_record_response hook: drop cookie-setting headers."""
    headers = response.get("headers") or {}
    response["headers"] = {k: v for k, v in headers.items() if k.lower() not in STRIPPED_RESPONSE_HEADERS}
    return response


def _check(path: Path) -> None:
    """Fail early with one clear line naming the file and the problem: vcrpy would treat a missing
    file as an empty cassette, and reads a recording's fields only when its URL is replayed, so a
    bad one would fail with a traceback in the middle of the run."""
    from vcr.persisters.filesystem import FilesystemPersister
    from vcr.serializers import yamlserializer

    if not path.is_file():
        raise CassetteError(f"{path}: cassette file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CassetteError(f"{path}: not a valid cassette (not UTF-8 text)") from None
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read the cassette ({exc.strerror or exc})") from None
    if not text.strip():
        raise CassetteError(f"{path}: cassette file is empty")
    try:
        data = yamlserializer.deserialize(text)
        problem = _bad_cassette(data)
        if not problem:
            FilesystemPersister.load_cassette(path, yamlserializer)  # whatever else vcrpy refuses
    except Exception as exc:  # yaml errors, old formats: all mean "not a cassette"
        problem = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    if problem:
        raise CassetteError(f"{path}: not a valid cassette ({problem})")


def _bad_cassette(data: object) -> str:
    """What keeps `data` (the parsed YAML) from being a vcrpy cassette, or ""."""
    if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
        return f"the file holds {_kind(data)}, not a mapping with a list of 'interactions'"
    if data.get("version") != 1:
        return f"version {_shown(data.get('version'))}: only version 1 cassettes can be read"
    for number, interaction in enumerate(data["interactions"], start=1):
        if not isinstance(interaction, dict) or not all(isinstance(interaction.get(k), dict)
                                                        for k in ("request", "response")):
            return f"interaction {number} is {_kind(interaction)}, not a mapping of request and response"
        request = interaction["request"]
        for key in ("uri", "method"):
            if not isinstance(request.get(key), str):
                return f"interaction {number}: request {key} is {_kind(request.get(key))}, not text"
        problem = _bad_response(interaction["response"])
        if problem:
            return f"interaction {number}: {problem}"
    return ""


def _bad_response(response: object) -> str:
    """What is wrong with one recorded response, or "". vcrpy reads these fields only when the
    URL is replayed, and then fails with a traceback in the middle of the run."""
    if not isinstance(response, dict):
        return f"response is {_kind(response)}, not a mapping"
    status = response.get("status")
    if not isinstance(status, dict):
        return f"response status is {_kind(status)}, not a mapping of code and message"
    code = status.get("code")
    if type(code) is not int or not 100 <= code <= 599:
        return f"response status code {_shown(code)} is not an HTTP status"
    if not isinstance(status.get("message", ""), str):
        return f"response status message is {_kind(status.get('message'))}, not text"
    headers = response.get("headers")
    if not isinstance(headers, dict):
        return f"response headers are {_kind(headers)}, not a mapping"
    for name, value in headers.items():
        values = value if isinstance(value, list) else [value]
        if not isinstance(name, str) or not all(isinstance(v, str) for v in values):
            return f"response header {_shown(name)} is {_kind(value)}, not text"
    body = response.get("body")
    if not isinstance(body, dict) or not isinstance(body.get("string"), (str, bytes)):
        inner = body.get("string") if isinstance(body, dict) else body
        return f"response body is {_kind(inner)}, not text or bytes under 'string'"
    return ""


def _kind(value: object) -> str:
    return "missing" if value is None else f"{type(value).__name__} {_shown(value)}"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


@contextlib.contextmanager
def _marked(replay: bool = False) -> Iterator[None]:
    global _active, _replaying
    with _lock:
        _active += 1
        _replaying += replay
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            _replaying -= replay
