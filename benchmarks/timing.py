"""Measuring: medians over repeated runs, peers interleaved in the same run, and the result table."""
from __future__ import annotations

import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One row of the results table: a median of repeated measurements and its peer's."""

    section: str
    name: str
    unit: str                     # "pairs/s", "ms", "MB" ...
    samples: list[float] = field(default_factory=list)
    peer: str = ""
    peer_samples: list[float] = field(default_factory=list)
    higher_is_better: bool = True
    target: str = ""              # e.g. "≥ 100× peer", "< 300 ms"
    met: bool | None = None
    note: str = ""                # accuracy or any context printed beside the figure

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def peer_median(self) -> float:
        return statistics.median(self.peer_samples) if self.peer_samples else float("nan")

    @property
    def ratio(self) -> float | None:
        """How many times better than the peer (speed: ours/peer; time or memory: peer/ours)."""
        if not self.peer_samples or not self.samples or self.median == 0 or self.peer_median == 0:
            return None
        return self.median / self.peer_median if self.higher_is_better else self.peer_median / self.median

    def as_dict(self) -> dict:
        return {"section": self.section, "name": self.name, "unit": self.unit, "median": self.median,
                "samples": self.samples, "peer": self.peer, "peer_median": self.peer_median,
                "peer_samples": self.peer_samples, "ratio": self.ratio, "target": self.target,
                "met": self.met, "note": self.note}


def interleaved(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, list[float]]:
    """Call every runner once per round, rotating the order, `repeat` rounds; samples per name.

    Rotating the order spreads drift (CPU frequency, a neighbour's load) over all of them,
    so the ratio of two medians compares runs made under the same conditions.
    """
    names = list(runs)
    samples: dict[str, list[float]] = {n: [] for n in names}
    for r in range(repeat):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            gc.collect()
            samples[name].append(runs[name]())
    return samples


def timed(fn: Callable[[], object]) -> float:
    """Wall seconds of one call."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    return {"nproc": nproc, "cpu": model or platform.processor() or "?",
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(terse=True)}


def _fmt(value: float) -> str:
    if math.isnan(value):
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def table(figures: list[Figure], markdown: bool = False) -> str:
    """The results as a fixed-width (or Markdown) table, one row per figure."""
    head = ["section", "figure", "median", "peer (same run)", "peer median", "ratio", "target", "met", "notes"]
    rows = []
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "–"
        met = {True: "yes", False: "NO", None: ""}[f.met]
        rows.append([f.section, f.name, f"{_fmt(f.median)} {f.unit}", f.peer or "–",
                     f"{_fmt(f.peer_median)} {f.unit}" if f.peer_samples else "–", ratio, f.target, met, f.note])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(_width(r[i]) for r in rows + [head]) for i in range(len(head))]
    out = ["  ".join(_pad(c, w) for c, w in zip(head, widths)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(out)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(message, file=sys.stderr, flush=True)
