"""URL -> SourceDoc for a run: fetch, then extract, each URL once, with bounded memory.

A source that turns out dead or walled (some only after extraction: soft 404s, walls served
with a 200) is looked up in the web archive here, because only here are both the fetch
status and the extraction status known.
"""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from ..fetch import FALLBACK_STATUSES, FetchEvent, Fetcher, find_snapshot
from ..model import Page, SourceDoc
from .dispatch import extract

# Sources kept between articles of one run: many articles cite the same pages, but a run over
# an archive must not hold every page it ever read (memory stays flat).
SOURCE_MEMORY = 256


class SourceLoader:
    """url -> SourceDoc through the fetcher and the extractors, each URL fetched once per run."""

    def __init__(self, fetcher: Fetcher, keep: int = SOURCE_MEMORY):
        self.fetcher, self.keep = fetcher, keep
        self._docs: OrderedDict[str, SourceDoc] = OrderedDict()
        # url -> date the citing block was published: the archive snapshot to prefer.
        self._when: dict[str, str] = {}

    def __call__(self, url: str, when: str = "") -> SourceDoc:
        if url in self._docs:
            self._docs.move_to_end(url)
            return self._docs[url]
        if when:
            self._when.setdefault(url, when)
        return self._keep(url, self._finish(url, self.fetcher.fetch(url)))

    def prefetch(self, urls: Iterable[str] | Mapping[str, str]) -> None:
        """Fetch and extract every URL not yet in memory, concurrently; later calls hit memory.

        `urls` may map each URL to the date of the block citing it (ISO, "" if unknown), so an
        archive fallback picks the snapshot closest to when the summary was written.
        """
        if isinstance(urls, Mapping):
            for url, when in urls.items():
                if when:
                    self._when.setdefault(url, when)
        todo = [u for u in dict.fromkeys(urls) if u and u not in self._docs]
        # Never prefetch more than memory keeps: the first pages would be dropped before use.
        todo = todo[: self.keep]
        for url, page in self.fetcher.fetch_many(todo).items():
            self._keep(url, self._finish(url, page))

    def _keep(self, url: str, doc: SourceDoc) -> SourceDoc:
        self._docs[url] = doc
        if len(self._docs) > self.keep:
            self._docs.popitem(last=False)
        return doc

    def _finish(self, url: str, page: Page) -> SourceDoc:
        doc = extract(page)
        if doc.status != page.status:  # a wall or soft 404 seen only in the text (-v shows it)
            self._tell(FetchEvent("extracted", url, _host(url), doc.reason, outcome=doc.status))
        if doc.status in FALLBACK_STATUSES and self.fetcher.settings.archive:
            doc = self._from_archive(url, doc)
            found = f"snapshot {doc.archive_url} ({doc.archive_date})" if doc.archive_url else doc.reason.rsplit("; ", 1)[-1]
            self._tell(FetchEvent("archive", url, _host(url), found, outcome=doc.status))
        return doc

    def _tell(self, event: FetchEvent) -> None:
        """Pass an event to the fetcher's observer (-v); a stand-in fetcher may have none."""
        notify = getattr(self.fetcher, "notify", None)
        if notify is not None:
            notify(event)

    def _from_archive(self, url: str, doc: SourceDoc) -> SourceDoc:
        """The archived copy of a dead or walled source, or `doc` with why there is none."""
        settings = self.fetcher.settings
        snapshot, why = find_snapshot(self.fetcher.get_raw, settings.archive_endpoint, url,
                                      self._when.get(url, ""))
        if snapshot is None:
            return dataclasses.replace(doc, reason=f"{doc.reason}; archive: {why}")
        page = self.fetcher.fetch(snapshot.raw_url)
        # Extracted under the cited URL, so the cited site's extractor reads the snapshot.
        archived = extract(dataclasses.replace(page, url=url, archive_url=snapshot.url,
                                               archive_date=snapshot.date))
        if archived.readable:
            return archived
        return dataclasses.replace(doc, reason=f"{doc.reason}; archive snapshot {snapshot.url}: "
                                               f"{archived.reason or archived.status}")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
