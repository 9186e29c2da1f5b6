"""www.reuters.com and jp.reuters.com (Arc XP / Fusion pages; see docs SOURCES.md).

The DOM comes first: Fusion's JSON omits the dateline paragraph-0
("［東京　２４日　ロイター］ - ..."), which often carries the key facts of the story.
The JSON is only the fallback when the DOM has no paragraphs. Characters are kept as served
(full-width digits included); the matcher normalises. `isAccessibleForFree: false` is no pay
wall here: the HTML holds the whole text.
"""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag

from ..model import SourceDoc

from .markup import (
    clean_text, first_date, first_text, ld_articles, ld_person_names, ld_string, meta, meta_all,
)

SITE = "reuters"
HOSTS = ("www.reuters.com", "reuters.com", "jp.reuters.com")

_TITLE_SUFFIX = re.compile(r"\s*\|\s*(Reuters|ロイター)\s*$")
# Reuters appends ", opens new tab" to outbound links; it is screen-reader text, not article.
_NEW_TAB = re.compile(r"^,?\s*opens new tab$", re.IGNORECASE)
_FUSION_START = "Fusion.globalContent="
_PARAGRAPH_ID = re.compile(r"^paragraph-")


def extract(soup: BeautifulSoup, html: str, url: str) -> SourceDoc:
    """Title, date, author and body paragraphs of a Reuters article page."""
    paragraphs = _dom_paragraphs(soup)
    fusion = None if paragraphs else _fusion_content(soup)
    if fusion is not None:
        paragraphs = _fusion_paragraphs(fusion)
    articles = ld_articles(soup)
    return SourceDoc(
        url=url,
        site=SITE,
        title=_title(soup, articles, fusion),
        published=_published(soup, articles, fusion),
        author=_author(soup, articles, fusion),
        paragraphs=tuple(paragraphs),
    )


def _dom_paragraphs(soup: BeautifulSoup) -> list[str]:
    # The tag changed from <p> (2023) to <div> (2024); data-testid stayed. Class names are
    # hashed per build, so they are never used.
    scope = soup.find(attrs={"data-testid": "ArticleBody"}) or soup
    texts = []
    for node in scope.find_all(attrs={"data-testid": _PARAGRAPH_ID}):
        if _in_promo(node):
            continue
        for span in node.find_all("span"):
            if _NEW_TAB.match(span.get_text().strip()):
                span.decompose()
        # get_text() without strip=True keeps the spaces around links.
        text = clean_text(node.get_text())
        if text:
            texts.append(text)
    return texts


def _in_promo(node: Tag) -> bool:
    for parent in node.parents:
        if "promo" in str(parent.get("data-testid") or "").lower():
            return True
    return False


def _fusion_content(soup: BeautifulSoup) -> dict | None:
    """`Fusion.globalContent` from script#fusion-metadata, or None when absent or unreadable."""
    script = soup.find("script", id="fusion-metadata")
    text = (script.string or script.get_text()) if script else ""
    start = text.find(_FUSION_START)
    if start < 0:
        return None
    try:
        # raw_decode stops at the end of the object; more JS statements follow it.
        content, _ = json.JSONDecoder(strict=False).raw_decode(text, start + len(_FUSION_START))
    except ValueError:
        return None
    if not isinstance(content, dict):
        return None
    result = content.get("result", content)
    return result if isinstance(result, dict) else None


def _fusion_paragraphs(fusion: dict) -> list[str]:
    texts = []
    for element in fusion.get("content_elements") or []:
        if isinstance(element, dict) and element.get("type") == "paragraph":
            markup = str(element.get("content") or "")
            # The wrapper keeps bs4 from mistaking a bare URL for a file name.
            text = clean_text(BeautifulSoup(f"<div>{markup}</div>", "lxml").get_text())
            if text:
                texts.append(text)
    return texts


def _title(soup: BeautifulSoup, articles: list[dict], fusion: dict | None) -> str:
    title = (first_text(soup, "h1", attrs={"data-testid": "Heading"})
             or meta(soup, "og:title", "property") or ld_string(articles, "headline")
             or clean_text(str((fusion or {}).get("title") or ""))
             or first_text(soup, "title"))
    return _TITLE_SUFFIX.sub("", title)


def _published(soup: BeautifulSoup, articles: list[dict], fusion: dict | None) -> str:
    # Never time[datetime]: related-story cards carry other stories' dates.
    return first_date(
        [
            meta(soup, "article:published_time"),
            meta(soup, "og:article:published_time", "property"),
            meta(soup, "article:published_time", "property"),
            ld_string(articles, "datePublished"),
            str((fusion or {}).get("display_time") or ""),
        ],
        to_utc=True,
    )


def _author(soup: BeautifulSoup, articles: list[dict], fusion: dict | None) -> str:
    names = meta_all(soup, "article:author")
    if names:
        return ", ".join(names)
    fusion_names = [clean_text(str(a.get("name") or ""))
                    for a in (fusion or {}).get("authors") or [] if isinstance(a, dict)]
    return (ld_person_names(articles)
            or ", ".join(name for name in fusion_names if name)
            or first_text(soup, "a", rel="author"))
