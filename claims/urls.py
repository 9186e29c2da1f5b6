"""Finding cited URLs in prose where the next sentence is glued straight onto them."""
from __future__ import annotations

import re

# RFC 3986 allows only these ASCII characters in a URL; the first character outside the set
# (in these articles: the Japanese sentence that follows) ends it. Non-ASCII paths appear
# percent-encoded in the articles we have seen, so a raw kana/kanji is never part of the URL.
_URL_CHARS = r"A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%"
URL_RE = re.compile(rf"https?://[{_URL_CHARS}]+", re.IGNORECASE)

# Characters that are legal in a URL but, at its very end, almost always belong to the
# surrounding prose ("…/page/." or "(see https://x.jp/a)").
_TRAILING = ".,;:!?'*"


def _trim(url: str) -> str:
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        elif last == "]" and url.count("[") < url.count("]"):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text: str) -> list[str]:
    """Every http(s) URL in `text`, cut where a character that cannot be in a URL begins."""
    found = []
    for match in URL_RE.finditer(text):
        url = _trim(match.group(0))
        if "://" in url and len(url) > len(url.split("://", 1)[0]) + 3:
            found.append(url)
    return found


def first_url(text: str) -> str:
    """The first URL in `text`, or ""."""
    urls = find_urls(text)
    return urls[0] if urls else ""
