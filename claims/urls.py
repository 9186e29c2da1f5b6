"""Finding cited URLs in prose where the next sentence is glued straight onto them."""
from __future__ import annotations

import re

# RFC 3986 allows only these ASCII characters in a URL; the first character outside the set
# (in these articles: the Japanese sentence that follows) ends it. Non-ASCII paths appear
# percent-encoded in the articles we have seen, so a raw kana/kanji is never part of the URL.
_URL_CHARS = r"A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%"
# A host may be internationalised (https://日本語.jp/): any letters up to a dot and an ASCII
# top-level domain. After the host only ASCII counts, so a glued sentence still ends the URL.
_IDN_HOST = r"(?:[^\s/?#:@.,、。「」（）()\[\]<>\"']+\.)+[A-Za-z]{2,63}(?![A-Za-z0-9\-])"
URL_RE = re.compile(rf"https?://(?:{_IDN_HOST}|[{_URL_CHARS}])[{_URL_CHARS}]*", re.IGNORECASE)

# Article URLs of the sites summaries cite most, path and query after the host. A summary often
# glues the next sentence to its URL; when that sentence starts with an ASCII letter or digit
# (…/123000c3月からは…) the characters alone cannot tell where the URL ends, but the site's own
# URL shape can: the candidate is cut back to the longest prefix of that shape.
SITE_SHAPES = {
    "mainichi.jp": r"/(?:premier/[a-z]+/)?articles/\d{8}/[a-z0-9]{2,4}/\d{2,3}[a-z]?/\d{3}/\d{3}000c",
    "jp.reuters.com": r"/(?:[a-z0-9-]+/)*[A-Za-z0-9-]*-\d{4}-\d{2}-\d{2}/",
    "www.reuters.com": r"/(?:[a-z0-9-]+/)*[a-z0-9-]*-\d{4}-\d{2}-\d{2}/",
    "www3.nhk.or.jp": r"/(?:news/html/\d{8}/k\d{14}\.html|lnews/[a-z]+/\d{8}/\d{10}\.html|[a-z]+-news/\d{8}/\d{10}\.html)",
    "www.nikkei.com": r"/article/DG[A-Z0-9]{20,40}/",
    "www.asahi.com": r"/articles/[A-Z0-9]{12,24}\.html",
    "www.yomiuri.co.jp": r"/(?:[a-z0-9-]+/)*\d{8}-OYT[0-9A-Z]{6}/",
    "www.sankei.com": r"/article/\d{8}-[A-Z0-9]{26}/",
    "www.jiji.com": r"/jc/article\?k=\d{13}&g=[a-z]{3}",
    "news.yahoo.co.jp": r"/(?:articles|pickup)/[0-9a-f]{40}|/pickup/\d{7}",
    # regional papers on the same publishing system: /articles/-/<id>, ids of six or seven digits
    "www.jomo-news.co.jp": r"/articles/-/\d{6}",
    "www.chugoku-np.co.jp": r"/articles/-/\d{6}",
    "www.fukuishimbun.co.jp": r"/articles/-/\d{7}",
    "newsdig.tbs.co.jp": r"/articles/-/\d{6,7}",
    "www.hokkaido-np.co.jp": r"/article/\d{6,7}/",
    "www.tokyo-np.co.jp": r"/article/\d{6}",
    "www.minpo.jp": r"/news/moredetail/\d{13}",
}
_SHAPE_RES = {host: re.compile(shape) for host, shape in SITE_SHAPES.items()}
# Any site: a path that ends in a file name (.html) ends there, unless a query or fragment follows.
_FILE_EXTENSIONS = ("shtml", "html", "htm", "php", "aspx", "asp", "cgi", "jsp")
_EXTENSION_RE = re.compile(r"\.(" + "|".join(_FILE_EXTENSIONS) + ")", re.IGNORECASE)


# An article id of digits followed straight by capitals (…/article/461738PB…, …/1187342/MR): the
# capitals start the next sentence (PB商品は…), as no site mixes them into a numeric id.
_GLUED_CAPITALS_RE = re.compile(r"/\d{4,}/?([A-Z]{2,})$")


def _after_file_name(url: str) -> int:
    """End of the first file name in the path (…/page.html) when prose is glued after it, else 0."""
    path_start = url.find("/", url.find("://") + 3)
    if path_start < 0:
        return 0
    for m in _EXTENSION_RE.finditer(url, path_start):
        if "?" in url[:m.start()] or "#" in url[:m.start()]:
            return 0
        end = m.end()
        longer = any(ext.startswith(m.group(1).lower()) and len(ext) > len(m.group(1))
                     and url[m.start() + 1:m.start() + 1 + len(ext)].lower() == ext for ext in _FILE_EXTENSIONS)
        if not longer and end < len(url) and url[end] not in "?#/.":
            return end
    return 0


# Characters that are legal in a URL but, at its very end, almost always belong to the
# surrounding prose ("…/page/." or "(see https://x.jp/a)").
_TRAILING = ".,;:!?'*"


def _trim(url: str) -> str:
    """`url` without the prose punctuation glued to its end.

    A closing bracket stays when it closes one opened inside the URL (Foo_(bar)). The counts
    are kept as the end moves left, not recounted: a URL followed by 200,000 `)` would
    otherwise take minutes (issue #11).
    """
    opened = {")": url.count("("), "]": url.count("[")}
    closed = {")": url.count(")"), "]": url.count("]")}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in closed and opened[last] < closed[last]:
            closed[last] -= 1
            end -= 1
        else:
            break
    return url[:end]


def fit_to_shape(url: str) -> tuple[str, str]:
    """(url, note): `url` cut back to its site's article URL shape when prose is glued to it.

    The note says what was cut, for `claimcheck extract`; "" when nothing was.
    """
    head, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    shape = _SHAPE_RES.get(host.lower())
    if shape is not None:
        found = shape.match(slash + path)
        if found and found.end() < len(slash + path):
            kept = f"{head}://{host}{(slash + path)[:found.end()]}"
            return kept, f"cut to {host}'s article URL shape (dropped {url[len(kept):]!r})"
        if found:
            return url, ""
    end = _after_file_name(url)
    if end:
        return url[:end], f"cut after the file name (dropped {url[end:]!r})"
    glued = _GLUED_CAPITALS_RE.search(url)
    if glued and "?" not in url and "#" not in url:
        return url[:glued.start(1)], f"cut before glued capitals (dropped {glued.group(1)!r})"
    return url, ""


def find_urls(text: str) -> list[str]:
    """Every http(s) URL in `text`, cut where a character that cannot be in a URL begins, or
    where its site's article URL shape ends."""
    return [url for url, _ in cited_urls(text)]


def cited_urls(text: str) -> list[tuple[str, str]]:
    """(url, note) for every URL in `text`; the note says when a glued tail was cut off."""
    found = []
    for match in URL_RE.finditer(text):
        url = _trim(match.group(0))
        if "://" in url and len(url) > len(url.split("://", 1)[0]) + 3:
            found.append(fit_to_shape(url))
    return found


def first_url(text: str) -> str:
    """The first URL in `text`, or ""."""
    urls = find_urls(text)
    return urls[0] if urls else ""
