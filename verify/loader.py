"""URL -> SourceDoc for a run: fetch, then extract, each URL once, with bounded memory."""
from __future__ import annotations

from collections import OrderedDict

from .fetch import Fetcher
from .model import SourceDoc
from .sources import extract

# Sources kept between articles of one run: many articles cite the same pages, but a run over
# an archive must not hold every page it ever read (memory stays flat).
SOURCE_MEMORY = 256


class SourceLoader:
    """url -> SourceDoc through the fetcher and the extractors, each URL fetched once per run."""

    def __init__(self, fetcher: Fetcher, keep: int = SOURCE_MEMORY):
        self.fetcher, self.keep = fetcher, keep
        self._docs: OrderedDict[str, SourceDoc] = OrderedDict()

    def __call__(self, url: str) -> SourceDoc:
        if url in self._docs:
            self._docs.move_to_end(url)
            return self._docs[url]
        doc = extract(self.fetcher.fetch(url))
        self._docs[url] = doc
        if len(self._docs) > self.keep:
            self._docs.popitem(last=False)
        return doc
