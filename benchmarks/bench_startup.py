"""Startup: wall time of `claimcheck --help` and of verifying one article, each in a new process.

Peers: `python -c pass` (the interpreter alone, same venv) for --help; `claimcheck extract` of
the same article (start, read and parse, no fetching or matching) for the one-article verify.
"""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import corpus as corpus_mod
from .timing import Figure, interleaved, log

HELP_TARGET_S = 0.3


def _claimcheck() -> list[str]:
    script = Path(sys.executable).with_name("claimcheck")
    if script.is_file():
        return [str(script)]
    found = shutil.which("claimcheck")
    return [found] if found else [sys.executable, "-m", "verify"]


def _wall(cmd: list[str], cpu: list[float]):
    def once() -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0,):
            raise SystemExit(f"benchmarks: {' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return wall
    return once


def run(out: Path, repeat: int) -> list[Figure]:
    one = corpus_mod.build(out / "corpus-one", articles=1, pages=2, quiet=True)
    article, cassette = str(one.article_path(0)), str(one.cassette)
    cc = _claimcheck()
    cmds = {
        "help": cc + ["--help"],
        "python": [sys.executable, "-c", "pass"],
        "verify": cc + ["verify", article, "--cassette", cassette],
        "extract": cc + ["extract", article],
    }
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    runs = {k: _wall(c, cpu[k]) for k, c in cmds.items()}
    for fn in runs.values():  # warm the page cache and .pyc files
        fn()
    for values in cpu.values():
        values.clear()
    log(f"startup: {repeat} interleaved rounds of {len(cmds)} commands")
    samples = interleaved(runs, repeat)
    ms = {k: [v * 1000 for v in vs] for k, vs in samples.items()}
    cpu_ms = {k: sorted(v * 1000 for v in vs)[len(vs) // 2] for k, vs in cpu.items()}
    help_fig = Figure("startup", "claimcheck --help (wall)", "ms", ms["help"], "python -c pass", ms["python"],
                      higher_is_better=False, target=f"< {HELP_TARGET_S * 1000:.0f} ms",
                      note=f"CPU {cpu_ms['help']:.0f} ms vs {cpu_ms['python']:.0f} ms")
    help_fig.met = help_fig.median < HELP_TARGET_S * 1000
    verify_fig = Figure("startup", "claimcheck verify, one seed-shaped article (wall)", "ms", ms["verify"],
                        "claimcheck extract (same article)", ms["extract"], higher_is_better=False,
                        note=(f"CPU {cpu_ms['verify']:.0f} ms vs {cpu_ms['extract']:.0f} ms; 6 ✅ + 3 💡 claims, "
                              "2 sources of ~5,000 chars, 2-page cassette"))
    return [help_fig, verify_fig]
