"""Wiring the stages for a run: inputs -> articles, URLs -> pages -> source documents."""
from __future__ import annotations

from collections import OrderedDict
from typing import IO, Iterator

from claims import Article, ArticleError, article_from_text, read_article

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


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def load_article(name: str, fetcher: Fetcher, stdin: IO | None = None) -> Article:
    """An article from a file path, "-" (stdin) or a URL (fetched); ArticleError if unreadable."""
    if not is_url(name):
        return read_article(name, stdin)
    page = fetcher.fetch(name)
    if not page.ok:
        raise ArticleError(f"{name}: {page.reason or page.status}")
    return article_from_text(page.text, name)


def load_articles(names: list[str], fetcher: Fetcher, stdin: IO | None = None) -> Iterator[Article | ArticleError]:
    """Each input in order: its Article, or the error that names it (the run goes on)."""
    for name in names:
        try:
            yield load_article(name, fetcher, stdin)
        except ArticleError as error:
            yield error
