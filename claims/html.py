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
    root = soup.body or soup
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in _visible_text(root).split("\n"))
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


_BREAK = object()  # a line break at a block element's edge (text may hold "\n" of its own)


def _visible_text(root) -> str:
    """The text under `root` with a line break around every block element.

    One walk with an explicit stack, reading the tree without changing it: bs4's
    insert_before/insert_after look for the last descendant each time, which made a page
    nested 20,000 <div>s deep take half a minute, and recursion would overflow (issue #11).
    A citation written as <a href="https://…">毎日新聞</a> shows the outlet, not the URL, so the
    href is added after the link text: the parser sees the URL the reader would follow.
    """
    from bs4 import CData, NavigableString, Tag

    # The strings get_text() would show: no comments, doctypes or processing instructions.
    wanted = root.interesting_string_types or (NavigableString, CData)
    wanted = (wanted,) if isinstance(wanted, type) else tuple(wanted)
    parts: list = []
    stack: list = [(root, iter(root.contents), 0)]
    while stack:
        tag, children, start = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tag is not root:
                _leave(tag, parts, start)
            continue
        if isinstance(child, Tag):
            if child.name in _DROP_TAGS:
                continue
            if child.name in _BLOCK_TAGS:
                parts.append(_BREAK)
            stack.append((child, iter(child.contents), len(parts)))
        elif type(child) in wanted:
            parts.append(str(child))
    return "".join("\n" if part is _BREAK else part for part in parts)


def _leave(tag, parts: list, start: int) -> None:
    if tag.name == "a":
        href = tag.get("href")
        href = href.strip() if isinstance(href, str) else ""
        shown = "".join(p for p in parts[start:] if p is not _BREAK)
        if href and URL_RE.fullmatch(href) and href not in shown:
            parts.append(" " + href + " ")
    if tag.name in _BLOCK_TAGS:
        parts.append(_BREAK)
