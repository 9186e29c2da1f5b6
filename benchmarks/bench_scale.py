"""Scale (issue #13), offline: the CLI with --jobs 1, --jobs 2 and on a Dask LocalCluster,
interleaved, with its reports compared byte for byte (section "scale"); the CLI's peak memory on
a big batch, one process and a pool (section "memory"); cassette replay per fetch.

Each figure is real `claimcheck` processes; a pool's memory is the PSS of the whole process tree
(/proc/PID/smaps_rollup), so pages shared after fork are counted once.
"""
from __future__ import annotations

import contextlib
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from . import corpus as corpus_mod
from .bench_e2e import FLAT, RSS_TARGET_MB
from .timing import Figure, log

def _pids(root: int) -> list[int]:
    """`root` and every process below it (the pool's workers)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return out


def _memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB; PSS shares a page between the processes that map it,
    so the PSS of a forked pool adds up to what the machine really spends."""
    rss = pss = 0.0
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Rss:", "Pss:")):
                kb = int(line.split()[1]) / 1024
                rss, pss = (kb, pss) if line.startswith("Rss:") else (rss, kb)
    return rss, pss


def _cli_run(args: list[str]) -> dict:
    """One `claimcheck` process (and its workers): wall, CPU, peak PSS of the tree, peak RSS of one."""
    from .bench_startup import _claimcheck

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    err = tempfile.TemporaryFile("w+")  # noqa: SIM115
    proc = subprocess.Popen(_claimcheck() + args, stdout=subprocess.DEVNULL, stderr=err, cwd=str(corpus_mod.ROOT))
    peak_pss = 0.0
    while proc.poll() is None:
        peak_pss = max(peak_pss, sum(_memory(p)[1] for p in _pids(proc.pid)))
        time.sleep(0.25)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    err.seek(0)
    if proc.returncode:
        raise SystemExit(f"benchmarks: claimcheck {' '.join(args)} exited {proc.returncode}:\n{err.read()[-2000:]}")
    return {"wall_s": wall, "cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "peak_pss_mb": peak_pss, "peak_rss_mb": after.ru_maxrss / 1024, "load": os.getloadavg()[0]}


def _listing(corpus, n: int, out: Path) -> Path:
    path = out / f"articles-{n}.txt"
    path.write_text("".join(f"{p}\n" for p in corpus.article_paths(n)), encoding="utf-8")
    return path


def _local_cluster():
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        log("scale: Dask is not installed (pip install 'claimcheck[dask]'): no LocalCluster figure")
        return None, None
    import logging

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return cluster, Client(cluster)


def run_scale(out: Path, sizes) -> list[Figure]:
    n, pool = sizes.scale_articles, sizes.pool
    biggest = max(n, *sizes.memory_articles)
    corpus = corpus_mod.build(out / f"corpus-{biggest}-{pool}", biggest, pool)
    work = out / "scale"
    work.mkdir(exist_ok=True)
    listing = _listing(corpus, n, work)
    # The deployment of docs/scaling.md: the pages are in the HTTP cache (what `claimcheck fetch`
    # leaves), verify runs --offline; Dask workers read the same cache file.
    cache = corpus_mod.fill_http_cache(corpus)
    base = ["verify", "--from", str(listing), "--offline", "--cache", str(cache)]
    cluster, client = _local_cluster()
    runs = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"]}
    if cluster is not None:
        runs["dask"] = ["--dask", cluster.scheduler_address]
    walls: dict[str, list[float]] = {k: [] for k in runs}
    cpus: dict[str, list[float]] = {k: [] for k in runs}
    loads: list[float] = []
    reports: dict[str, bytes] = {}  # every run's CSV + JSON must be the first run's
    for r in range(sizes.scale_repeat):
        names = list(runs)
        for name in names[r % len(names):] + names[:r % len(names)]:
            if name == "dask":
                client.restart()  # fresh workers: each run pays their start and cassette load
            files = [work / f"{name}.csv", work / f"{name}.json"]
            log(f"scale: {name}, {n} articles, round {r + 1}")
            got = _cli_run(base + runs[name] + ["--csv", str(files[0]), "--json", str(files[1])])
            walls[name].append(n / got["wall_s"])
            cpus[name].append(got["cpu_s"])
            loads.append(got["load"])
            log(f"scale: {name}: {n / got['wall_s']:.2f} articles/s, CPU {got['cpu_s']:.0f} s, load {got['load']:.1f}")
            content = b"".join(f.read_bytes() for f in files)
            if reports.setdefault("first", content) != content:
                raise SystemExit(f"benchmarks: the reports of {name} differ from the first run's")
    if client is not None:
        client.close()
        cluster.close()
    same = "CSV and JSON reports identical to --jobs 1's, byte for byte"
    note = (f"{n:,} distinct articles citing {pool} pages, from the HTTP cache (--offline); "
            f"load average {min(loads):.1f}–{max(loads):.1f} (the machine is shared)")
    fig = Figure("scale", f"claimcheck verify --jobs 2, {n:,} articles (wall)", "articles/s", walls["jobs2"],
                 "--jobs 1 (same run)", walls["jobs1"], target="≥ 1.7× --jobs 1",
                 note=f"{same}; CPU {statistics.median(cpus['jobs2']):.0f} s vs {statistics.median(cpus['jobs1']):.0f} s; {note}")
    fig.met = fig.ratio is not None and fig.ratio >= 1.7
    figures = [fig]
    if "dask" in runs:
        fig = Figure("scale", f"--dask, LocalCluster of 2 workers, {n:,} articles (wall)", "articles/s", walls["dask"],
                     "--jobs 2 (same run)", walls["jobs2"], target="time ≤ 1.25× --jobs 2 (ratio ≥ 0.80)",
                     note=f"{same}; workers restarted before each run; {note}")
        fig.met = fig.ratio is not None and fig.ratio >= 0.8
        figures.append(fig)
    return figures + _replay(out)


def run_memory(out: Path, sizes) -> list[Figure]:
    """Peak memory of `claimcheck verify` writing every report, at each size of memory_articles:
    one process (--jobs 1: its peak RSS) and a pool (--jobs 2: peak PSS of all its processes)."""
    corpus = corpus_mod.build(out / f"corpus-{max(sizes.scale_articles, *sizes.memory_articles)}-{sizes.pool}",
                              max(sizes.scale_articles, *sizes.memory_articles), sizes.pool)
    work = out / "scale"
    work.mkdir(exist_ok=True)
    cache = corpus_mod.fill_http_cache(corpus)
    measured: dict[tuple[int, int], dict] = {}
    for n in sizes.memory_articles:
        for jobs in (1, 2):
            log(f"scale: memory, claimcheck verify --jobs {jobs} of {n:,} articles, every report")
            reports = [x for kind in ("csv", "json", "html", "xlsx") for x in (f"--{kind}", str(work / f"mem-{n}.{kind}"))]
            measured[n, jobs] = got = _cli_run(["verify", "--from", str(_listing(corpus, n, work)), "--offline",
                                                "--cache", str(cache), "--jobs", str(jobs), *reports])
            log(f"scale: memory: peak RSS {got['peak_rss_mb']:.0f} MB, peak PSS of all {got['peak_pss_mb']:.0f} MB, "
                f"{n / got['wall_s']:.2f} articles/s")
    small, *bigger = sizes.memory_articles
    figures = []
    for n in bigger:
        one, base = measured[n, 1], measured[small, 1]
        fig = Figure("memory", f"claimcheck verify of {n:,} articles, CSV+JSON+HTML+XLSX, --jobs 1: peak RSS", "MB",
                     [one["peak_rss_mb"]], f"the same, {small:,} articles", [base["peak_rss_mb"]],
                     higher_is_better=False, target=f"< {RSS_TARGET_MB:.0f} MB, flat",
                     note=f"{n / one['wall_s']:.1f} articles/s; every claim written as it came, nothing kept")
        fig.met = one["peak_rss_mb"] < RSS_TARGET_MB and one["peak_rss_mb"] <= FLAT * base["peak_rss_mb"]
        two, base2 = measured[n, 2], measured[small, 2]
        pool = Figure("memory", "the same, --jobs 2: peak PSS of the coordinator and its 2 workers together", "MB",
                      [two["peak_pss_mb"]], f"the same, {small:,} articles", [base2["peak_pss_mb"]],
                      higher_is_better=False, target="flat",
                      note=(f"largest process peak RSS {two['peak_rss_mb']:.0f} MB; each worker holds its own "
                            f"tokenizer caches; {n / two['wall_s']:.1f} articles/s; sampled every 0.25 s"))
        pool.met = two["peak_pss_mb"] <= FLAT * base2["peak_pss_mb"]
        figures += [fig, pool]
    return figures


REPLAY_TARGET_MS = 2.0


def _replay(out: Path, pages: int = 3000, sample: int = 300) -> list[Figure]:
    """ms per replayed fetch from a cassette of `pages` pages: claimcheck's index vs vcrpy's scan."""
    import random

    from verify.fetch import Fetcher, Settings, replaying
    from verify.fetch import cassette as cassette_mod

    from .timing import interleaved

    corpus = corpus_mod.build(out / f"corpus-replay-{pages}", 1, pages, min_chars=400, quiet=True)
    urls = [corpus_mod.make_source(5, i, 400).url for i in range(pages)]
    warm, chosen = (lambda picked: (picked[:30], picked[30:]))(random.Random(1).sample(urls, sample + 30))
    indexed = cassette_mod._look_up_by_request

    def once(index: bool):
        def run() -> float:
            cassette_mod._look_up_by_request = indexed if index else (lambda cassette: None)
            try:
                with replaying(corpus.cassette), Fetcher(Settings(cache_path=None)) as fetcher:
                    for url in warm:  # each host's first request (robots.txt, a connection) is not replay
                        fetcher.fetch(url)
                    start = time.perf_counter()
                    for url in chosen:
                        assert fetcher.fetch(url).ok
                    return (time.perf_counter() - start) * 1000 / sample
            finally:
                cassette_mod._look_up_by_request = indexed
        return run

    log(f"scale: replay, {sample} fetches from a {pages:,}-page cassette, 3 interleaved rounds")
    ms = interleaved({"index": once(True), "scan": once(False)}, 3)
    fig = Figure("replay", f"cassette replay of a {pages:,}-page cassette, per fetch", "ms", ms["index"],
                 "vcrpy's own scan (index off)", ms["scan"], higher_is_better=False,
                 target=f"≤ {REPLAY_TARGET_MS:.0f} ms", note=(f"Fetcher.fetch under replaying(), {sample} pages after 30 others (each host's first "
                       "request, robots.txt, a connection); cassette load not timed"))
    fig.met = fig.median <= REPLAY_TARGET_MS
    return [fig]
