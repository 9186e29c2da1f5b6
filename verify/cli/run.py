"""A batch run: this process reads the articles and fetches their sources, politely; matching
runs here (`--jobs 1`), on a pool of processes (`--jobs N`), or on a Dask cluster (`--dask`);
each article's results are handed on in article order as they come, never all kept.

`claimcheck fetch` is the first half alone: the sources into the HTTP cache, no matching.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

from claims import Article, ArticleError

from ..fetch import Fetcher, Settings, replaying
from ..model import ClaimResult, SourceDoc, internal_error_reason, without_credentials
from ..parallel import DaskCluster, ProcessPool, Store, default_jobs, match_article
from ..sources import SourceLoader
from .environment import Environment
from .inputs import Batch, is_url, load_articles

# What claims/ notes on a block whose 出典 line has no URL it could read (Block.url_note).
NO_URL_NOTE = "出典 line without a URL"


class Inline:
    """Matching in this process (`--jobs 1`, or a batch of one article)."""

    def __enter__(self) -> Inline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    @staticmethod
    def map(work) -> Iterator[list[ClaimResult]]:
        for article, docs in work:
            yield match_article(article, docs)


def jobs_for(args: argparse.Namespace, batch: Batch) -> int:
    """Processes to match on: --jobs (default: the cores), never more than there are inputs."""
    return max(1, min(getattr(args, "jobs", None) or default_jobs(), len(batch)))


def run_batch(batch: Batch, args: argparse.Namespace, env: Environment, settings: Settings,
              take: Callable[[list[ClaimResult]], None], observer=None) -> int:
    """Verify every input of `batch`, giving `take` each article's results in order; the number
    of inputs that could not be read. ClusterError when --dask cannot be used."""
    cassette = getattr(args, "cassette", None)
    address = getattr(args, "dask", None)
    failed = [0]
    # The engine first: a process pool forks before the fetcher starts any thread.
    if address:
        engine = DaskCluster(address, _store(settings, cassette))
    else:
        jobs = jobs_for(args, batch)
        engine = ProcessPool(jobs) if jobs > 1 else Inline()
    # Under --dask this process fetches only articles given as URLs: no cassette to load otherwise.
    replay = cassette and not (address and not any(isinstance(e, str) and is_url(e) for e in batch))
    with engine, (replaying(cassette) if replay else contextlib.nullcontext()), \
            Fetcher(settings, observer=observer) as fetcher:
        articles = _articles(batch, fetcher, env, failed)
        if address:
            work = articles  # the workers load the sources from the shared cache or cassette
        else:
            work = _with_sources(articles, SourceLoader(fetcher))
        for results in engine.map(work):
            for result in results:
                if result.internal_error:  # the claim is in the report; say so now, not only there
                    env.error(f"{result.article} {result.claim_id} 「{_short(result.claim)}」: {result.reason}")
            take(results)
    return failed[0]


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _store(settings: Settings, cassette: str | None) -> Store:
    """What Dask workers read the pages from: this run's cache or cassette, by absolute path,
    offline (a worker never fetches: this process's politeness is the only one there is). A
    subscriber's per-host headers and cookies stay here: a worker sends no request."""
    cache = settings.cache_path.expanduser().resolve() if settings.cache_path else None
    offline = dataclasses.replace(settings, cache_path=cache, offline=True, refresh=False, hosts={})
    return Store(offline, str(Path(cassette).resolve()) if cassette else None)


def _articles(batch: Batch, fetcher: Fetcher, env: Environment, failed: list[int]) -> Iterator[Article]:
    for item in load_articles(batch, fetcher, env.stdin):
        if isinstance(item, ArticleError):
            env.error(str(item))
            failed[0] += 1
            continue
        warn_unread_citations(item, env)
        yield item


def _with_sources(articles: Iterator[Article], loader: SourceLoader):
    """Each article with its cited sources, fetched (all at once, in parallel across hosts) and
    extracted here: what a worker needs to match it."""
    for article in articles:
        cited = cited_urls(article)
        try:
            loader.prefetch(cited)
        except Exception:  # noqa: BLE001 - each page is loaded again below, its error on its claims
            pass
        yield article, {url: _loaded(loader, url, when) for url, when in cited.items()}


def _loaded(loader: SourceLoader, url: str, when: str) -> SourceDoc:
    """The page, or, when loading it failed, an unreadable page whose reason is the error: one
    page must not stop the batch (its claims become `unverifiable`, internal error)."""
    try:
        return loader(url, when)
    except Exception as error:  # noqa: BLE001
        return SourceDoc(url, status="empty", reason=internal_error_reason(error))


def cited_urls(article: Article) -> dict[str, str]:
    """Each URL the article cites, with the date of the first block citing it (for the archive)."""
    dates: dict[str, str] = {}
    for block in article.blocks:
        if block.source_url:
            dates.setdefault(block.source_url, block.published)
    return dates


def warn_unread_citations(article, env: Environment) -> None:
    """One stderr line per block that has a 出典 line but no URL read from it: its claims would
    otherwise quietly become uncited (checked against the article's other sources only)."""
    for block in article.blocks:
        if getattr(block, "url_note", "") == NO_URL_NOTE and not block.source_url:
            heading = block.heading if len(block.heading) <= 30 else block.heading[:29] + "…"
            env.warn(f"{article.name}: block {block.id}{f' 「{heading}」' if heading else ''}: "
                     "出典 line without a URL that could be read; its claims are checked against the "
                     "article's other sources")


def warm_cache(batch: Batch, env: Environment, settings: Settings, observer=None) -> tuple[int, dict[str, int]]:
    """`claimcheck fetch`: every cited source fetched, extracted (so a dead or walled page's
    archive snapshot is fetched too) and left in the HTTP cache; one line per URL on stdout as
    each article's sources are done. (inputs that failed, sources per status)."""
    failed, statuses, seen = [0], {}, set()
    with Fetcher(settings, observer=observer) as fetcher:
        loader = SourceLoader(fetcher)
        for article in _articles(batch, fetcher, env, failed):
            cited = {url: when for url, when in cited_urls(article).items() if url not in seen}
            seen.update(cited)
            loader.prefetch(cited)
            for url, when in cited.items():
                doc = loader(url, when)
                statuses[doc.status] = statuses.get(doc.status, 0) + 1
                archived = f"  (archive snapshot {doc.archive_date})" if doc.archive_url else ""
                if not env.quiet:
                    print(f"{doc.status:<18} {without_credentials(url)}{archived}", file=env.stdout, flush=True)
    return failed[0], statuses


