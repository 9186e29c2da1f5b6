"""Pages that arrived with a 200 (or a readable body) but are not the article.

Two kinds: bot walls (DataDome, Cloudflare challenges) -> "blocked", and soft 404s (an error
page or the site's home page served in place of the article) -> "soft_404". Both are reasons a
claim cannot be checked, never evidence that it is false.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from ..model import Page

from .markup import clean_text

# Found only on the challenge pages themselves.
_WALL_PHRASES = (
    ("Please enable JS and disable any ad blocker", "DataDome"),
    ("window._cf_chl_opt", "Cloudflare challenge"),
    ("Enable JavaScript and cookies to continue", "Cloudflare challenge"),
)
# Also injected into ordinary article pages by the same vendors (Cloudflare adds a
# /cdn-cgi/challenge-platform/ script to normal pages), so they mean a wall only on a page
# where no article text was found: see `wall_script_reason`.
_WALL_SCRIPTS = (
    ("captcha-delivery.com", "DataDome"),
    ("challenge-platform", "Cloudflare challenge"),
)
_WALL_TITLES = re.compile(
    r"^(just a moment(\.\.\.|…)?"
    r"|attention required!? \| cloudflare"
    r"|please wait\.*( \| cloudflare)?)$",
    re.IGNORECASE,
)

_NOT_FOUND = re.compile(
    r"ページが見つかりません|お探しのページ|404 not found|page not found", re.IGNORECASE
)
_HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.php", "/top/"}


def wall_reason(page: Page, soup: BeautifulSoup, html: str) -> str:
    """Why the page is a bot wall ("blocked: DataDome ..."), or "" when it is not one."""
    title = clean_text(soup.title.get_text()) if soup.title else ""
    if _WALL_TITLES.match(title):
        return f"blocked: Cloudflare challenge page ({title!r})"
    for phrase, vendor in _WALL_PHRASES:
        if phrase in html:
            return f"blocked: {vendor} page ({phrase!r})"
    headers = {k.lower(): v for k, v in page.headers.items()}
    if "x-datadome" in headers and page.http_status in (401, 403):
        return f"blocked: DataDome (HTTP {page.http_status}, x-datadome header)"
    return ""


def wall_script_reason(html: str) -> str:
    """For a page with no article text: "blocked: ..." when it loads a bot-wall script."""
    for marker, vendor in _WALL_SCRIPTS:
        if marker in html:
            return f"blocked: {vendor} (page loads {marker} and has no article text)"
    return ""


def soft_404_reason(page: Page, soup: BeautifulSoup) -> str:
    """Why a readable page is really "not found" ("soft_404: ..."), or "" when it is not."""
    for label, tag in (("title", soup.title), ("h1", soup.find("h1"))):
        text = clean_text(tag.get_text()) if tag else ""
        hit = _NOT_FOUND.search(text)
        if hit:
            return f"soft_404: {label} says {hit.group(0)!r}"
    if page.final_url and _is_home(page.final_url) and not _is_home(page.url):
        return f"soft_404: redirected to the home page {page.final_url}"
    return ""


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.lower() in _HOME_PATHS and not parts.query
