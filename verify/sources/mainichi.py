"""mainichi.jp article pages (server-rendered desktop template; see docs SOURCES.md).

Members-only articles serve their teaser normally, then notice paragraphs; the notices are
dropped and the document is marked paywalled/truncated so a claim whose evidence lies past the
wall is reported unverifiable rather than not found.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..model import OK, SourceDoc

from .markup import (
    JST, clean_text, first_date, first_text, ld_articles, ld_string, meta,
)

SITE = "mainichi"
HOSTS = ("mainichi.jp", "www.mainichi.jp")

_TITLE_SUFFIX = re.compile(r"\s*[|\-]\s*毎日新聞\s*$")
_NUMBER = r"([0-9０-９,，]+)"
_REMAINING = re.compile(
    rf"^残り\s*{_NUMBER}\s*文字\s*[（(]\s*全文\s*{_NUMBER}\s*文字\s*[）)]$")
_PAYWALL_NOTICE = re.compile(r"^この記事は(有料|会員限定)記事です。?$")
# Inside the body but not article text: ads (aside.ad-articledetail-*) and photo captions
# (div.articledetail-image-left and its figure).
_NOT_TEXT_TAGS = ("aside", "figure", "figcaption")
_NOT_TEXT_CLASS = re.compile(r"articledetail-image|ad-articledetail")


def extract(soup: BeautifulSoup, html: str, url: str) -> SourceDoc:
    """Title, date, author and body paragraphs of a mainichi.jp article page."""
    head = soup.find(id="articledetail-title")
    articles = ld_articles(soup)
    body = soup.find(id="articledetail-body")
    paragraphs, notice, total = _paragraphs(body) if body else ([], False, None)

    mustpay = body is not None and "is-mustpay" in (body.get("class") or [])
    status, reason, truncated = OK, "", False
    if mustpay or notice:
        visible = sum(len(p) for p in paragraphs)
        total = total or _count(first_text(head, class_="articletag-count"))
        status, truncated = "paywalled", True
        reason = (f"paywalled: {visible} of {total} characters visible" if total
                  else f"paywalled: {visible} characters visible")
    return SourceDoc(
        url=url,
        status=status,
        reason=reason,
        site=SITE,
        title=_title(soup, head, articles),
        published=_published(soup, articles),
        author=(first_text(head, "a", class_="articletag-author")
                or meta(soup, "cXenseParse:author")),
        paragraphs=tuple(paragraphs),
        truncated=truncated,
    )


def _paragraphs(body: Tag) -> tuple[list[str], bool, int | None]:
    """Body paragraphs, whether a pay-wall notice was dropped, and the full length it gives."""
    blocks = body.find_all(["p", "h2"], recursive=False)
    if not blocks:
        # Layout fallback: paragraphs wrapped in a container. Remove ads and captions first
        # so their <p> do not count as text.
        for junk in body.find_all(_NOT_TEXT_TAGS) + body.find_all(class_=_NOT_TEXT_CLASS):
            junk.decompose()
        blocks = body.find_all(["p", "h2"])
    texts: list[str] = []
    notice, total = False, None
    for block in blocks:
        text = clean_text(block.get_text())
        counts = _REMAINING.match(text)
        if counts:
            notice, total = True, _count(counts.group(2))
        elif _PAYWALL_NOTICE.match(text):
            notice = True
        elif text:
            texts.append(text)
    return texts, notice, total


def _count(text: str) -> int | None:
    """First number in `text` ("2,941文字" -> 2941); full-width digits are read too."""
    found = re.search(r"\d+", re.sub(r"[,，]", "", text))  # \d matches ０-９ as well
    return int(found.group(0)) if found else None


def _title(soup: BeautifulSoup, head: Tag | None, articles: list[dict]) -> str:
    title = (first_text(head, "h1", class_="title-page") or first_text(head, "h1")
             or meta(soup, "title") or meta(soup, "og:title", "property")
             or ld_string(articles, "headline") or first_text(soup, "title"))
    return _TITLE_SUFFIX.sub("", title)


def _published(soup: BeautifulSoup, articles: list[dict]) -> str:
    # There is no article:published_time on Mainichi; firstcreate is JST without an offset.
    return first_date(
        [
            ld_string(articles, "datePublished"),
            meta(soup, "cXenseParse:recs:publishtime"),
            meta(soup, "firstcreate"),
        ],
        assume=JST,
    )
