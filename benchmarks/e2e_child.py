"""One end-to-end run in its own process (so peak RSS is this run's): prints a JSON line.

    python -m benchmarks.e2e_child CORPUS_DIR ARTICLES [--mode verify|keep|extract|cached]
        [--delay SECONDS]

The library path the CLI's `verify` takes: claims.read_article, then
verify.pipeline.verify_article with a SourceLoader over a Fetcher, inside
verify.fetch.replaying(cassette).

- verify:  results are counted and dropped (a streaming consumer: memory must stay flat);
- keep:    results are kept in a list, as `claimcheck verify` does before writing its reports;
- extract: read the article and load its sources only (the floor: replay + extraction);
- cached:  per article, verify once to warm the loader, then measure the CPU time of a second
           verify_article (sources fetched, extracted and, by the pipeline's own LRU, prepared).
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path


def rss_mb() -> float:
    """Current resident set size."""
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _difflib_article_ms(article, loader) -> float:
    """CPU ms of the difflib peer on the same work: each ✅ claim against its source, each 💡
    point against every source (sources already loaded)."""
    from .peers import DifflibWindows

    peer = DifflibWindows(prune=False)
    start = time.process_time()
    docs = {b.source_url: loader(b.source_url) for b in article.blocks if b.source_url}
    prepared = {url: peer.prepare_source(doc) for url, doc in docs.items() if doc.readable}
    for block in article.blocks:
        for claim in block.claims:
            if block.source_url in prepared:
                peer.match(peer.prepare_claim(claim.text), prepared[block.source_url])
    for point in article.points:
        for windows in prepared.values():
            peer.match(peer.prepare_claim(point.text), windows)
    return (time.process_time() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.e2e_child")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("articles", type=int)
    parser.add_argument("--mode", choices=("verify", "keep", "extract", "cached"), default="verify")
    parser.add_argument("--delay", type=float, help="Settings.delay (default: the CLI's default)")
    parser.add_argument("--every", type=int, default=100, help="RSS checkpoint every N articles")
    args = parser.parse_args(argv)

    from claims import read_article
    from verify.fetch import Fetcher, Settings, replaying
    from verify.pipeline import verify_article
    from verify.sources import SourceLoader

    from .corpus import Corpus

    corpus = Corpus(args.corpus, args.articles, 0)
    settings = Settings() if args.delay is None else dataclasses.replace(Settings(), delay=args.delay)
    out: dict = {"mode": args.mode, "articles": args.articles, "delay": settings.delay}
    with contextlib.ExitStack() as stack:
        # Warm the imports and the dictionary outside the measured loop, like a long run would.
        from verify.text import analyze

        analyze("準備", "A")
        out["rss_imports_mb"] = rss_mb()
        t0 = time.perf_counter()
        stack.enter_context(replaying(corpus.cassette))
        fetcher = stack.enter_context(Fetcher(settings))
        out["cassette_load_s"] = time.perf_counter() - t0
        out["rss_loaded_mb"] = rss_mb()
        loader = SourceLoader(fetcher)
        verdicts: Counter = Counter()
        kept: list = []
        checkpoints: list[tuple[int, float]] = []
        cpu_ms: list[float] = []
        peer_ms: list[float] = []
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for i, path in enumerate(corpus.article_paths(args.articles), start=1):
            article = read_article(str(path))
            if args.mode == "extract":
                for block in article.blocks:
                    if block.source_url:
                        verdicts[loader(block.source_url).status] += 1
            elif args.mode == "cached":
                verify_article(article, loader)
                start = time.process_time()
                results = verify_article(article, loader)
                cpu_ms.append((time.process_time() - start) * 1000)
                verdicts.update(r.verdict.value for r in results)
                peer_ms.append(_difflib_article_ms(article, loader))
            else:
                results = verify_article(article, loader)
                verdicts.update(r.verdict.value for r in results)
                if args.mode == "keep":
                    kept.extend(results)
            if i % args.every == 0:
                checkpoints.append((i, round(rss_mb(), 1)))
        out["wall_s"] = time.perf_counter() - wall0
        out["cpu_s"] = time.process_time() - cpu0
    out.update(articles_per_s=args.articles / out["wall_s"], articles_per_cpu_s=args.articles / out["cpu_s"],
               rss_end_mb=rss_mb(), peak_rss_mb=peak_mb(), checkpoints=checkpoints, counts=dict(verdicts),
               kept=len(kept))
    if cpu_ms:
        out["cached_cpu_ms_median"] = statistics.median(cpu_ms)
        out["cached_cpu_ms"] = cpu_ms
        out["peer_cpu_ms"] = peer_ms
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
