"""Any other news site: JSON-LD articleBody when the page carries it, else trafilatura.

Many Japanese sites publish the whole text as NewsArticle.articleBody; it is exact and cheap,
so it wins over boilerplate removal, which is slower and guesses.
"""
from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup

from ..model import SourceDoc

from .markup import (
    JST,
    clean_text, first_date, first_text, ld_articles, ld_person_names, ld_string, meta, meta_any,
)

SITE = "generic"
HOSTS: tuple[str, ...] = ()  # the fallback for every host no site module claims

_BLOCK_END = re.compile(r"<br\s*/?>|</(p|div|h[1-6]|li)>", re.IGNORECASE)
_TITLE_SEPARATORS = " |-–—:：｜"
# Below this, what trafilatura found on a page is a menu or a button label, not an article
# (the shortest Japanese news items run to 100 characters and more).
_MIN_GUESSED_CHARS = 40


def extract(soup: BeautifulSoup, html: str, url: str) -> SourceDoc:
    """Title, date, author and body paragraphs of an article on a site without its own module."""
    articles = ld_articles(soup)
    title = _title(soup, articles)
    paragraphs = _json_ld_paragraphs(articles) or _trafilatura_paragraphs(html, url)
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1>; the title has its own field
    return SourceDoc(
        url=url,
        site=SITE,
        title=title,
        published=_published(soup, articles),
        author=(ld_person_names(articles) or meta(soup, "author")
                or meta_any(soup, "article:author")),
        paragraphs=tuple(paragraphs),
    )


def _json_ld_paragraphs(articles: list[dict]) -> list[str]:
    body = _article_body(articles)
    if "<" in body or "&" in body:
        # Some sites put HTML in articleBody: end each block with a newline, then drop tags.
        body = BeautifulSoup(f"<div>{_BLOCK_END.sub(chr(10), body)}</div>", "lxml").get_text()
    return [text for text in (clean_text(line) for line in body.splitlines()) if text]


def _article_body(articles: list[dict]) -> str:
    # Not markup.ld_string: that collapses the newlines that separate the paragraphs.
    for obj in articles:
        value = obj.get("articleBody")
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _trafilatura_paragraphs(html: str, url: str) -> list[str]:
    # Imported here: trafilatura pulls in htmldate, courlan, justext and more, which cost
    # hundreds of milliseconds at startup and are needed only for sites without a module.
    import trafilatura

    # Precision first: in its default mode trafilatura falls back to its baseline on short
    # articles and returns one run-on paragraph that starts with the date line and ends with
    # share buttons. Recall only when precision finds nothing.
    for mode in ({"favor_precision": True}, {"favor_recall": True}):
        text = trafilatura.extract(
            html,
            url=url or None,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=False,
            **mode,
        )
        lines = [line for line in (clean_text(raw) for raw in (text or "").splitlines()) if line]
        if sum(map(len, lines)) >= _MIN_GUESSED_CHARS:
            return lines
    return []


def _title(soup: BeautifulSoup, articles: list[dict]) -> str:
    title = (meta(soup, "og:title", "property") or ld_string(articles, "headline")
             or first_text(soup, "h1") or first_text(soup, "title"))
    return _strip_site_name(title, meta(soup, "og:site_name", "property"))


def _strip_site_name(title: str, site_name: str) -> str:
    """Drop a trailing " | Site" when the page names its site; other titles are left alone."""
    if site_name and title.endswith(site_name) and title != site_name:
        head = title[: -len(site_name)]
        if head and head[-1] in _TITLE_SEPARATORS:
            return head.rstrip(_TITLE_SEPARATORS)
    return title


def _published(soup: BeautifulSoup, articles: list[dict]) -> str:
    # time[datetime] only inside <article>: sidebars and related lists carry other dates.
    article = soup.find("article")
    stamp = article.find("time", attrs={"datetime": True}) if article else None
    return first_date([
        ld_string(articles, "datePublished"),
        meta_any(soup, "article:published_time"),
        meta_any(soup, "og:article:published_time"),
        str(stamp["datetime"]) if stamp else "",
        _visible_date(soup),
    ], assume=JST)


_VISIBLE_DATE_RE = re.compile(
    r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?"
    r"(?:\D{0,3}?(\d{1,2})\s*[時:]\s*(\d{2}))?"
)


def _visible_date(soup: BeautifulSoup) -> str:
    """A date printed beside the headline ([2025年3月18日22時15分]); old Japanese templates have no meta.

    Only the headline's own block is read: sidebars and related lists print other dates.
    """
    heading = soup.find("h1")
    block = heading.parent if heading is not None and heading.parent is not None else None
    if block is None:
        return ""
    text = unicodedata.normalize("NFKC", block.get_text(" "))[:400]
    found = _VISIBLE_DATE_RE.search(text)
    if not found:
        return ""
    year, month, day, hour, minute = found.groups()
    if hour is None:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}T{int(hour):02d}:{int(minute):02d}:00"
