"""Readers shared by the site extractors: meta tags, JSON-LD, text clean-up, dates.

Site knowledge does not belong here; only what every extractor reads the same way.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo

from bs4 import BeautifulSoup, Tag

JST = timezone(timedelta(hours=9), "JST")

# Only ASCII whitespace is layout; U+3000 inside Japanese text (［東京　２４日　ロイター］)
# is content and must survive so that evidence offsets point at the original characters.
_LAYOUT_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_EDGE_SPACE = " \t\r\n\f\v\u3000\xa0"


def clean_text(text: str) -> str:
    """Collapse runs of layout whitespace into one space and trim both ends (incl. U+3000)."""
    return _LAYOUT_SPACE.sub(" ", text).strip(_EDGE_SPACE)


def meta_all(soup: BeautifulSoup, key: str, attr: str = "name") -> list[str]:
    """Non-empty contents of every <meta attr=key>, in page order, without repeats."""
    # Only <head> is searched: meta tags live there, and walking the whole tree for each of
    # the dozen look-ups per page costs more than parsing it.
    tags = (soup.head or soup).find_all("meta", attrs={attr: key})
    contents = (clean_text(tag.get("content") or "") for tag in tags)
    return list(dict.fromkeys(content for content in contents if content))


def meta(soup: BeautifulSoup, key: str, attr: str = "name") -> str:
    """Content of the first non-empty <meta attr=key>; "" when absent."""
    found = meta_all(soup, key, attr)
    return found[0] if found else ""


def meta_any(soup: BeautifulSoup, key: str) -> str:
    """`meta` by name= or property= (sites disagree on which one article:* uses)."""
    return meta(soup, key, "property") or meta(soup, key, "name")


def json_ld(soup: BeautifulSoup) -> Iterator[dict]:
    """Every JSON-LD object on the page, with lists and @graph flattened; bad blocks skipped."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        raw = script.string or script.get_text()
        try:
            # strict=False: many sites put raw newlines inside articleBody strings.
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def ld_types(obj: dict) -> set[str]:
    """The @type of a JSON-LD object as a set (it may be a string or a list)."""
    kind = obj.get("@type", ())
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def is_article(obj: dict) -> bool:
    """True for NewsArticle, Article, ReportageNewsArticle, BlogPosting and the like."""
    return any(t.endswith("Article") or t == "BlogPosting" for t in ld_types(obj))


def ld_articles(soup: BeautifulSoup) -> list[dict]:
    """The JSON-LD objects that describe an article."""
    return [obj for obj in json_ld(soup) if is_article(obj)]


def ld_string(objs: list[dict], key: str) -> str:
    """First non-empty string value of `key` among JSON-LD objects."""
    for obj in objs:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return clean_text(value)
    return ""


def ld_person_names(objs: list[dict]) -> str:
    """Names of Person authors in JSON-LD; organisations are the publisher, not a byline."""
    names: list[str] = []
    for obj in objs:
        authors = obj.get("author") or []
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and "Person" in ld_types(author):
                name = clean_text(str(author.get("name") or ""))
                if name and name not in names:
                    names.append(name)
    return ", ".join(names)


def first_text(scope: BeautifulSoup | Tag | None, *args: object, **kwargs: object) -> str:
    """Cleaned text of `scope.find(*args, **kwargs)`, "" when there is none.

    find() rather than CSS selectors: soupsieve compiles its grammar on first use (~0.2 s),
    which would double the cost of a short run.
    """
    found = scope.find(*args, **kwargs) if scope is not None else None
    return clean_text(found.get_text()) if found else ""


def iso_datetime(value: str, assume: tzinfo | None = None, to_utc: bool = False) -> str:
    """ISO 8601 string for a date found in markup, or "" when it cannot be read.

    `assume` is the zone of a value without an offset (Mainichi's firstcreate is JST); without
    it a naive value stays naive rather than being given a guessed offset. A bare date stays a
    bare date. `to_utc` converts aware values to UTC.
    """
    value = value.strip()
    if not value:
        return ""
    candidate = value.replace("/", "-")
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return ""
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", candidate):
        return parsed.date().isoformat()
    if parsed.tzinfo is None and assume is not None:
        parsed = parsed.replace(tzinfo=assume)
    if parsed.tzinfo is not None and to_utc:
        parsed = parsed.astimezone(timezone.utc)
    # Sub-second digits (Reuters' ".345Z") carry no meaning for a publication date.
    return parsed.isoformat(timespec="seconds")


def first_date(values: list[str], assume: tzinfo | None = None, to_utc: bool = False) -> str:
    """The first of several candidate date strings that parses."""
    for value in values:
        parsed = iso_datetime(value, assume, to_utc)
        if parsed:
            return parsed
    return ""
