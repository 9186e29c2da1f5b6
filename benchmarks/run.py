"""Run the benchmark suite and print one table: medians, the peer measured in the same run, ratios.

    python -m benchmarks            # default sizes (~10 min on 2 cores)
    python -m benchmarks --quick    # smoke run (~3 min): small sizes, below the issue's corpus size
    python -m benchmarks --full     # adds the 10,000-article memory runs
    python -m benchmarks --only matching,startup

Generated corpora and results (results.json, results.md) go to --out (default out/bench, gitignored).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .corpus import ROOT
from .timing import Figure, log, machine, table

SECTIONS = ("matching", "extraction", "e2e", "startup", "structure", "corners", "scale", "memory")


@dataclass(frozen=True)
class Sizes:
    sources: int          # matching: sources (× 6 claims)
    match_repeat: int
    pages: int            # extraction: pages per layout
    extract_repeat: int
    e2e_articles: tuple[int, ...]  # memory runs; the first also gives articles/s
    e2e_repeat: int       # runs of the first size for the articles/s median
    pool: int             # distinct cited pages in the corpus
    cached_articles: int  # articles timed for the cached-article CPU figure
    startup_repeat: int
    scale_articles: int = 1000    # scale: the batch timed with --jobs 1, --jobs 2 and Dask
    scale_repeat: int = 2         # interleaved rounds of those three
    memory_articles: tuple[int, ...] = (1000, 3000)  # scale: the CLI's peak memory, first = peer


QUICK = Sizes(8, 3, 8, 3, (100, 300), 1, 200, 10, 5, 200, 1, (100, 300))
DEFAULT = Sizes(40, 5, 30, 5, (1000, 3000), 1, 500, 40, 15)
FULL = Sizes(40, 5, 30, 5, (1000, 3000, 10000), 3, 500, 40, 15, 1000, 3, (1000, 10000))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes: a smoke run, not the issue's figures")
    size.add_argument("--full", action="store_true", help="memory at 10,000 articles too; 3 runs for articles/s")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench", help="where corpora and results go")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL if args.full else DEFAULT
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.time()
    figures: list[Figure] = []
    if "matching" in wanted:
        from . import bench_matching

        figures += bench_matching.run(sizes.sources, sizes.match_repeat)
    if "extraction" in wanted:
        from . import bench_extraction

        figures += bench_extraction.run(sizes.pages, sizes.extract_repeat)
    if "e2e" in wanted:
        from . import bench_e2e

        figures += bench_e2e.run(args.out, sizes)
    if "startup" in wanted:
        from . import bench_startup

        figures += bench_startup.run(args.out, sizes.startup_repeat)
    if "scale" in wanted:
        from . import bench_scale

        figures += bench_scale.run_scale(args.out, sizes)
    if "memory" in wanted:
        from . import bench_scale

        figures += bench_scale.run_memory(args.out, sizes)
    if "structure" in wanted:
        from . import accuracy

        figures += accuracy.structure_ablation(sizes.startup_repeat)
    if "corners" in wanted:
        from . import bench_e2e

        figures += bench_e2e.corners(args.out)

    info = machine()
    head = (f"machine: {info['nproc']} × {info['cpu']}; {info['implementation']} {info['python']}; "
            f"{info['platform']}; sizes: {'quick' if args.quick else 'full' if args.full else 'default'}; "
            f"{time.time() - started:.0f} s")
    print(head)
    print(table(figures, markdown=args.markdown))
    (args.out / "results.json").write_text(json.dumps(
        {"machine": info, "sizes": sizes.__dict__, "figures": [f.as_dict() for f in figures]},
        ensure_ascii=False, indent=2), encoding="utf-8")
    (args.out / "results.md").write_text(head + "\n\n" + table(figures, markdown=True) + "\n", encoding="utf-8")
    log(f"results: {args.out / 'results.json'}, {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
