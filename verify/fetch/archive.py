"""Archive fallback: when a cited page is dead or walled, read its Wayback Machine snapshot.

The availability API (`Settings.archive_endpoint`) names the snapshot closest to a date; we
ask for the block's publication date, so the text is the one the summary was written from,
not a later correction. The snapshot is fetched in its `id_` form: the page as archived,
without the Wayback toolbar and without rewritten links, so the cited site's own extractor
reads it as it would the live page.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..model import without_credentials

# Source statuses worth a look in the archive: the page existed and is gone, or a wall
# stands in front of it. Timeouts and 5xx are passing trouble: a re-run does better.
FALLBACK_STATUSES = frozenset({"http_404", "http_410", "blocked", "soft_404"})
MAX_API_BYTES = 256 * 1024

# /web/<14-digit timestamp><optional modifier like im_ or id_>/<original URL>
_SNAPSHOT_PATH = re.compile(r"/web/(\d{4,14})(?:[a-z]{2}_)?/")

# (status, body, "") or (None, b"", why it could not be had)
RawGetter = Callable[[str], tuple["int | None", bytes, str]]


@dataclass(frozen=True)
class Snapshot:
    url: str        # the snapshot as the API names it (what a reader would open)
    raw_url: str    # the same snapshot, id_ form (what we fetch)
    date: str       # YYYY-MM-DD of the capture


def availability_url(endpoint: str, url: str, when: str = "") -> str:
    """The API query for the snapshot of `url` closest to `when` (ISO date) or the newest one."""
    params = {"url": without_credentials(url)}  # a cited URL's password is nobody else's business
    stamp = timestamp(when)
    if stamp:
        params["timestamp"] = stamp
    return f"{endpoint}?{urlencode(params)}"


def timestamp(when: str) -> str:
    """"2025-01-04" (or 2025/1/4) -> "20250104"; "" when `when` is not a date."""
    m = re.match(r"\s*(\d{4})\D(\d{1,2})\D(\d{1,2})", when or "")
    return f"{m.group(1)}{int(m.group(2)):02d}{int(m.group(3)):02d}" if m else ""


def parse_availability(body: bytes) -> Snapshot | None:
    """The closest usable snapshot in an availability API answer, or None."""
    try:
        data = json.loads(body.decode("utf-8"))
        closest = data["archived_snapshots"]["closest"]
        url, stamp = str(closest["url"]), str(closest["timestamp"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    # A snapshot of the 404 page itself is no better than the live 404.
    if not closest.get("available", True) or str(closest.get("status", "200")) != "200":
        return None
    if not re.fullmatch(r"\d{8,14}", stamp):
        return None
    url = _https_for_archive(url)
    return Snapshot(url=url, raw_url=raw_snapshot_url(url), date=f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}")


def raw_snapshot_url(url: str) -> str:
    """.../web/20250104123456/https://x/ -> .../web/20250104123456id_/https://x/"""
    return _SNAPSHOT_PATH.sub(lambda m: f"/web/{m.group(1)}id_/", url, count=1)


def _https_for_archive(url: str) -> str:
    # The API answers with http:// links that only redirect to https://: skip the hop.
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "http" and (host == "archive.org" or host.endswith(".archive.org")):
        return urlunsplit(("https", *parts[1:]))
    return url


def find_snapshot(get: RawGetter, endpoint: str, url: str, when: str = "") -> tuple[Snapshot | None, str]:
    """(snapshot, "") or (None, why there is none), asking the availability API through `get`."""
    status, body, problem = get(availability_url(endpoint, url, when))
    if status is None:
        # The status word is enough in a report cell ("connection_error", "not_in_cassette").
        return None, f"archive unreachable ({problem.split(':', 1)[0]})"
    if status != 200:
        return None, f"archive answered HTTP {status}"
    snapshot = parse_availability(body[:MAX_API_BYTES])
    return (snapshot, "") if snapshot else (None, "no snapshot in the archive")
