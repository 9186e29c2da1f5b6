"""Reading a run's inputs (files, stdin, URLs) into articles; one bad input never stops the rest."""
from __future__ import annotations

from typing import IO, Iterator

from claims import Article, ArticleError, article_from_text, read_article

from .fetch import Fetcher

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
