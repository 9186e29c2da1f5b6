"""End to end, offline: articles per second of `verify` over a generated corpus, the CPU time of
one cached article, and peak memory (RSS) as the number of articles grows; and (`corners`) the
hostile inputs of issue #11 that once took minutes, each one real `claimcheck` run.

Each run is a subprocess (benchmarks/e2e_child.py) so that its peak RSS is its own. Runs timed
in CPU seconds go two at a time (this machine's cores); runs whose point is wall time (the
politeness spacing) go alone.
"""
from __future__ import annotations

import json
import os
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


# Hostile inputs of issue #11, each the wall time and peak RSS of one `claimcheck` process, with
# the figure measured before the fix (same machine, commit a8fea1a) in the note.
CORNER_TARGET_S = 10.0
_CITE = "さらに読む ⇒どこか出典/画像元: "


def _corner_inputs(folder: Path, seed: Path, page_url: str) -> list[tuple[str, list[str], str]]:
    """(figure name, claimcheck arguments, before) for each corner; writes the files it needs."""
    folder.mkdir(parents=True, exist_ok=True)
    head = "題\n公開日:2025/01/04\n✅ 何かが起きた。\n" + _CITE
    (folder / "parens.txt").write_text(head + "https://example.org/a" + ")" * 200_000 + "\n", encoding="utf-8")
    for depth in (10_000, 20_000):
        (folder / f"deep{depth}.html").write_text(
            "<!doctype html><html><body>" + "<div>" * depth + "<p>題</p><p>公開日:2025/01/04</p><p>✅ 何かが起きた。</p>"
            f"<p>{_CITE}https://example.org/a</p>" + "</div>" * depth + "</body></html>", encoding="utf-8")
    point = "💡 日米は" + "軍事、" * 5_000 + "経済などで協力する。"
    (folder / "list.txt").write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n" + (point + "\n") * 3,
                                     encoding="utf-8")
    (folder / "big.txt").write_text("大きなページ\n公開日:2025/01/04\n✅ 東京都で5人が集まった。\n✅ 大阪府で8人が帰った。\n"
                                    f"{_CITE}{page_url}\n", encoding="utf-8")
    cassette = str(corpus_mod.ROOT / "tests" / "fixtures" / "cassettes" / "devset.yaml")
    live = ["--allow-private", "--no-cache", "--ignore-robots", "--delay", "0", "--timeout", "60"]
    return [
        ("extract: a URL followed by 200,000 ')'", ["extract", str(folder / "parens.txt")], "27.6 s"),
        ("extract: a saved article nested 10,000 <div>s deep", ["extract", str(folder / "deep10000.html")], "8.1 s"),
        ("extract: a saved article nested 20,000 <div>s deep", ["extract", str(folder / "deep20000.html")], "26.8 s"),
        ("verify: the demo article + 3 💡 points of 15,000 characters (「軍事、」 × 5,000)",
         ["verify", str(folder / "list.txt"), "--cassette", cassette], "178 s"),
        ("verify: 2 claims against a 9.9 MB page of short sentences", ["verify", str(folder / "big.txt"), *live],
         "168 s, 5.2 GB RSS"),
    ]


def _big_page(folder: Path) -> Path:
    """A 9.9 MB page of short sentences, 20 to a paragraph."""
    paragraphs, size, i = [], 0, 0
    while size < 9_800_000:
        paragraphs.append("<p>" + "".join(f"東京都で{i + k}人が集まった。" for k in range(20)) + "</p>")
        size += len(paragraphs[-1].encode())
        i += 20
    page = folder / "big.html"
    page.write_text("<html><head><title>大きなページ</title></head><body><article>" + "\n".join(paragraphs)
                    + "</article></body></html>", encoding="utf-8")
    return page


def _timed_process(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one `python -m verify ARGS`."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "verify", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=str(corpus_mod.ROOT))
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode


def corners(out: Path) -> list[Figure]:
    """Wall time and peak RSS of each hostile input, one `claimcheck` process each."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    folder = out / "corners"
    folder.mkdir(parents=True, exist_ok=True)
    _big_page(folder)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seed = corpus_mod.ROOT / "tests" / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
    figures = []
    try:
        for name, args, before in _corner_inputs(folder, seed, f"http://127.0.0.1:{server.server_port}/big.html"):
            log(f"corners: {name}")
            wall, rss, code = _timed_process(args)
            fig = Figure("corners", name, "s", [wall], higher_is_better=False, target=f"< {CORNER_TARGET_S:.0f} s",
                         note=f"before issue #11: {before}; now peak RSS {rss:.0f} MB; exit {code}")
            fig.met = wall < CORNER_TARGET_S and code == 0
            figures.append(fig)
    finally:
        server.shutdown()
    return figures
