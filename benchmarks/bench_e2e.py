"""End to end, offline: articles per second of `verify` over a generated corpus, the CPU time of
one cached article, and peak memory (RSS) as the number of articles grows.

Each run is a subprocess (benchmarks/e2e_child.py) so that its peak RSS is its own. Runs timed
in CPU seconds go two at a time (this machine's cores); runs whose point is wall time (the
politeness spacing) go alone.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import corpus as corpus_mod
from .timing import Figure, log

CACHED_TARGET_MS = 50.0
RSS_TARGET_MB = 500.0
FLAT = 1.10   # peak RSS at the largest size may be at most this times the smallest


@dataclass
class Job:
    name: str
    articles: int
    args: list[str]
    alone: bool = False


def _spawn(corpus: Path, job: Job) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "benchmarks.e2e_child", str(corpus), str(job.articles), *job.args]
    # Files, not pipes: a child that wrote more than a pipe holds would block until collected.
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in _collect
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, cwd=str(corpus_mod.ROOT))
    proc.bench_files = (out, err)
    return proc


def _collect(proc: subprocess.Popen, job: Job) -> dict:
    proc.wait()
    out, err = proc.bench_files
    out.seek(0)
    err.seek(0)
    stdout, stderr = out.read(), err.read()
    out.close()
    err.close()
    if proc.returncode:
        raise SystemExit(f"benchmarks: e2e run {job.name} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return json.loads(stdout.strip().splitlines()[-1])


def _run_jobs(corpus: Path, jobs: list[Job], slots: int = 2) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {}
    shared = sorted((j for j in jobs if not j.alone), key=lambda j: -j.articles)
    running: list[tuple[subprocess.Popen, Job]] = []
    while shared or running:
        while shared and len(running) < slots:
            job = shared.pop(0)
            log(f"e2e: {job.name} ({job.articles} articles) started")
            running.append((_spawn(corpus, job), job))
        while all(proc.poll() is None for proc, _ in running):
            time.sleep(0.5)
        proc, job = next((p, j) for p, j in running if p.poll() is not None)
        running.remove((proc, job))
        results.setdefault(job.name, []).append(_collect(proc, job))
        log(f"e2e: {job.name} done")
    for job in (j for j in jobs if j.alone):
        log(f"e2e: {job.name} ({job.articles} articles, alone: wall time matters)")
        results.setdefault(job.name, []).append(_collect(_spawn(corpus, job), job))
    return results



def _slope(run: dict) -> str:
    """RSS growth per 1,000 articles after the first fifth of the run (caches warming up)."""
    points = run.get("checkpoints") or []
    if len(points) < 3:
        return "–"
    start = points[max(0, len(points) // 5 - 1)]
    end = points[-1]
    if end[0] == start[0]:
        return "–"
    return f"{(end[1] - start[1]) / (end[0] - start[0]) * 1000:+.1f} MB per 1,000 articles"


def run(out: Path, sizes) -> list[Figure]:
    biggest = max(sizes.e2e_articles)
    first = sizes.e2e_articles[0]
    sample = min(100, first)
    log(f"e2e: corpus of {biggest} articles citing a pool of {sizes.pool} pages")
    corpus = corpus_mod.build(out / f"corpus-{biggest}-{sizes.pool}", biggest, sizes.pool)
    zero = ["--delay", "0"]
    jobs = [Job(f"stream-{n}", n, ["--mode", "verify", *zero]) for n in sizes.e2e_articles]
    jobs += [Job(f"stream-{first}", first, ["--mode", "verify", *zero]) for _ in range(sizes.e2e_repeat - 1)]
    jobs += [Job(f"keep-{first}", first, ["--mode", "keep", *zero]),
             Job(f"extract-{first}", first, ["--mode", "extract", *zero]),
             Job("cached", sizes.cached_articles, ["--mode", "cached", *zero]),
             Job("as-is", sample, ["--mode", "verify"], alone=True),
             Job("no-delay", sample, ["--mode", "verify", *zero], alone=True)]
    r = _run_jobs(corpus.root, jobs)

    def rates(name: str, key: str = "articles_per_cpu_s") -> list[float]:
        return [x[key] for x in r[name]]

    base = r[f"stream-{first}"][0]
    figures = [Figure(
        "e2e", f"verify {first:,} articles (library path, streamed)", "articles/CPU-s", rates(f"stream-{first}"),
        "read + replay + extract only (same articles)", rates(f"extract-{first}"),
        note=(f"wall {base['articles_per_s']:.1f} articles/s; {sizes.pool} distinct 5,000-char pages, 2 per "
              f"article; cassette load {base['cassette_load_s']:.1f} s; verdicts {base['counts']}"))]
    figures.append(Figure(
        "e2e", f"verify {sample} articles, Settings() as the CLI uses (wall)", "articles/s",
        rates("as-is", "articles_per_s"), "Settings(delay=0) (wall)", rates("no-delay", "articles_per_s"),
        note=(f"CPU {r['as-is'][0]['cpu_s']:.1f} s vs {r['no-delay'][0]['cpu_s']:.1f} s, wall "
              f"{r['as-is'][0]['wall_s']:.1f} s vs {r['no-delay'][0]['wall_s']:.1f} s; ≈ 1× means no per-host "
              f"politeness spacing during cassette replay")))
    cached = r["cached"][0]
    fig = Figure("e2e", "cached seed-shaped article (6 ✅ + 3 💡, 2 sources): CPU", "ms",
                 cached["cached_cpu_ms"], "difflib 1–3 windows, same claim × source pairs", cached["peer_cpu_ms"],
                 higher_is_better=False, target=f"< {CACHED_TARGET_MS:.0f} ms",
                 note=f"median of {sizes.cached_articles} articles, each verified once before (loader and caches warm)")
    fig.met = fig.median < CACHED_TARGET_MS
    figures.append(fig)

    small = r[f"stream-{first}"][0]
    for n in sizes.e2e_articles[1:]:
        big = r[f"stream-{n}"][0]
        fig = Figure("memory", f"peak RSS, {n:,} articles (streamed)", "MB", [big["peak_rss_mb"]],
                     f"peak RSS, {first:,} articles", [small["peak_rss_mb"]], higher_is_better=False,
                     note=(f"after imports {big['rss_imports_mb']:.0f} MB, after cassette load "
                           f"{big['rss_loaded_mb']:.0f} MB; {_slope(big)}; {big['articles_per_cpu_s']:.2f} articles/CPU-s"))
        if n >= 10000:
            fig.target = f"< {RSS_TARGET_MB:.0f} MB, flat"
            fig.met = big["peak_rss_mb"] < RSS_TARGET_MB and big["peak_rss_mb"] <= FLAT * small["peak_rss_mb"]
        else:
            fig.target = f"flat (≤ {FLAT:.2f}× of {first:,})"
            fig.met = big["peak_rss_mb"] <= FLAT * small["peak_rss_mb"]
        figures.append(fig)
    kept = r[f"keep-{first}"][0]
    figures.append(Figure(
        "memory", f"peak RSS, {first:,} articles, results kept (as `claimcheck verify` before its reports)", "MB",
        [kept["peak_rss_mb"]], f"streamed, {first:,} articles", [small["peak_rss_mb"]], higher_is_better=False,
        note=f"{kept['kept']:,} ClaimResults kept; {_slope(kept)}"))
    return figures
