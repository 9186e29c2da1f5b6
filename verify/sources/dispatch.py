"""A fetched Page goes to the extractor of its site and becomes a SourceDoc (or says why not).

Each site module declares SITE, HOSTS and `extract(soup, html, url) -> SourceDoc`; adding a site
is adding its module and one line to SITES. Hosts nobody claims go to `generic`, and so do
pages on which a site module finds no text. Bot walls and soft 404s are told apart first (walls.py).
`extract` never raises: a page that breaks a parser is reported "empty", its reason the
internal error (model.internal_error_reason), so the run counts it and exits accordingly.
"""
from __future__ import annotations

import dataclasses
from types import ModuleType
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from ..model import OK, Page, SourceDoc, internal_error_reason

from . import generic, mainichi, reuters
from .walls import soft_404_reason, wall_reason, wall_script_reason

SITES: tuple[ModuleType, ...] = (mainichi, reuters)
_BY_HOST: dict[str, ModuleType] = {host: site for site in SITES for host in site.HOSTS}


class ExtractorUnavailable(Exception):
    """An extractor's library cannot be imported: claimcheck is not installed correctly."""


def check_extractors() -> None:
    """ExtractorUnavailable now, at startup, if a library an extractor needs cannot be imported.

    Otherwise the failure shows only page by page, as a quiet `empty` status on every page
    without its own module or JSON-LD (issue #11: trafilatura without lxml_html_clean).
    """
    try:
        import trafilatura  # noqa: F401 - generic.py imports it on first use; this is that import, early
    except Exception as error:  # noqa: BLE001 - ImportError, or whatever a broken dependency raises
        why = " ".join(f"{type(error).__name__}: {error}".split())
        raise ExtractorUnavailable(f"the generic extractor cannot import trafilatura ({why}); "
                                   "claimcheck is not installed correctly: install it again (README.md)") from None


def extractor_for(url: str) -> ModuleType:
    """The site module that handles `url`'s host, or `generic`."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return _BY_HOST.get(host, generic)


def extract(page: Page) -> SourceDoc:
    """Article text and metadata of a fetched page; failures become a status, never an exception."""
    carried = {
        "final_url": page.final_url,
        "archive_url": page.archive_url,
        "archive_date": page.archive_date,
    }
    if page.status != OK:
        return SourceDoc(page.url, status=page.status, reason=page.reason, **carried)
    site = _site_for(page)
    try:
        doc = _extract(page, site)
    except Exception as error:  # noqa: BLE001 - one bad page must not stop the run
        doc = SourceDoc(page.url, status="empty", site=site.SITE,
                        reason=f"{internal_error_reason(error)}; in the {site.SITE} extractor")
    return dataclasses.replace(doc, url=page.url, **carried)


def _site_for(page: Page) -> ModuleType:
    # The final URL decides (its host served the markup), unless it is not a known site,
    # e.g. an archive snapshot of a Mainichi page: then the cited URL does.
    for url in (page.final_url, page.url):
        site = extractor_for(url) if url else generic
        if site is not generic:
            return site
    return generic


def _extract(page: Page, site: ModuleType) -> SourceDoc:
    html, problem = (page.text, "") if page.text or not page.body else _decode(page)
    if problem:
        return SourceDoc(page.url, status="encoding", reason=problem, site=site.SITE)
    if not html.strip():
        return SourceDoc(page.url, status="empty", reason="empty: the page has no body",
                         site=site.SITE)
    soup = BeautifulSoup(html, "lxml")
    reason = wall_reason(page, soup, html)
    if reason:
        return SourceDoc(page.url, status="blocked", reason=reason, site=site.SITE)
    reason = soft_404_reason(page, soup)
    if reason:
        return SourceDoc(page.url, status="soft_404", reason=reason, site=site.SITE)
    doc = site.extract(soup, html, page.url)
    if not doc.paragraphs and doc.status == OK and site is not generic:
        # A template the site module does not know (a redesign, a special section): the
        # generic way may still find the text.
        fallback = generic.extract(soup, html, page.url)
        doc = fallback if fallback.paragraphs else doc
    if not doc.paragraphs and doc.status == OK:
        reason = wall_script_reason(html)
        if reason:
            return dataclasses.replace(doc, status="blocked", reason=reason)
        reason = f"empty: no article text found by the {site.SITE} extractor"
        return dataclasses.replace(doc, status="empty", reason=reason)
    return doc


def _decode(page: Page) -> tuple[str, str]:
    """(text, "") of a Page that carries bytes only, or ("", reason) when they are not text."""
    # Imported here: charset detection is needed only on this rare path (the fetch stage
    # normally decodes), and verify.fetch's encoding.py is the one place that knows the right order.
    from ..fetch import EncodingFailure, decode_body

    try:
        return decode_body(page.body, page.content_type)[0], ""
    except EncodingFailure as error:
        return "", f"encoding: {error}"
