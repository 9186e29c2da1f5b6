"""Turning a saved HTML copy of a summary article back into the lines the text parser reads."""
from __future__ import annotations

import re

from .urls import URL_RE

# Elements that end a line when rendered; everything else is inline and must not split a
# claim in two (a ✅ line often has <strong> or <a> inside it).
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head", "nav")  # nav: menus, never claims


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith("<") and bool(re.search(r"<(!doctype html|html|body|div|p|article)\b", head))


def html_to_text(html: str) -> str:
    """Visible text of an article page, one line per block element, cited links made explicit."""
    from bs4 import BeautifulSoup  # imported here: plain-text articles never need it

    soup = BeautifulSoup(html, "lxml")
    title = _title(soup)
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    # A citation written as <a href="https://…">毎日新聞</a> shows the outlet, not the URL;
    # append the href so the parser sees the URL the reader would follow.
    for link in soup.find_all("a", href=True):
        href = link["href"].strip()
        if URL_RE.fullmatch(href) and href not in link.get_text():
            link.append(" " + href + " ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    root = soup.body or soup
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in root.get_text().split("\n"))
    # The parser takes the first line as the title: make it the page's, not its menu's first word.
    return "\n".join(([title] if title else []) + [line for line in lines if line])


def _title(soup) -> str:  # noqa: ANN001 - a BeautifulSoup document
    """The article's title: its <h1> (taken out of the body, so it is not read twice), else <title>."""
    h1 = soup.find("h1")
    if h1 is not None:
        text = _one_line(h1.get_text(" "))
        if text:
            h1.decompose()
            return text
    return _one_line(soup.title.get_text(" ")) if soup.title is not None else ""


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
