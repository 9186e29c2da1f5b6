"""Accuracy of each matcher on the labelled set, printed beside its speed.

Uses `verify.evaluate.evaluate` on tests/labelled (labels.csv, articles/, its cassette) when
both exist; otherwise falls back to the dev set (/work/shared/devset) and a minimal scoring
loop with the same rule: supported <-> verdict supported; not_supported <-> partial,
contradicted or not_found; unverifiable <-> unverifiable.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from verify.model import SourceDoc, Verdict

from .corpus import ROOT
from .peers import Matcher

LABELLED = ROOT / "tests" / "labelled"
LABELLED_CASSETTES = (LABELLED / "cassettes" / "labelled.yaml", ROOT / "cassettes" / "labelled.yaml")
DEVSET = Path("/work/shared/devset")


@dataclass(frozen=True)
class LabelledSet:
    name: str
    labels: Path
    cassette: Path
    articles: Path
    harness: str          # "verify.evaluate" or "benchmarks fallback loop"


def labelled_set() -> LabelledSet:
    cassette = next((c for c in LABELLED_CASSETTES if c.is_file()), None)
    import importlib.util

    have_harness = importlib.util.find_spec("verify.evaluate") is not None
    if cassette and (LABELLED / "labels.csv").is_file() and have_harness:
        return LabelledSet("tests/labelled", LABELLED / "labels.csv", cassette, LABELLED / "articles",
                           "verify.evaluate")
    return LabelledSet("dev set (fallback)", DEVSET / "labels.csv", DEVSET / "cassette.yaml",
                       DEVSET / "articles", "benchmarks fallback loop")


def label_of(verdict: Verdict) -> str:
    if verdict is Verdict.SUPPORTED:
        return "supported"
    return "unverifiable" if verdict is Verdict.UNVERIFIABLE else "not_supported"


@dataclass
class Accuracy:
    correct: int
    total: int
    rows: list[dict]

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.share:.1%} ({self.correct}/{self.total})"


def _rows(data: LabelledSet, matcher: Matcher | None) -> list[dict]:
    """label, claim, verdict for every labelled claim."""
    if data.harness == "verify.evaluate":
        from verify.evaluate import evaluate

        call = None if matcher is None else _as_verdict(matcher)
        scores = evaluate(data.labels, data.cassette, data.articles, matcher=call)
        return [{"label": r["label"], "claim": r["claim"], "verdict": r["verdict"]} for r in scores.rows]
    return _fallback_rows(data, matcher)


def _as_verdict(matcher: Matcher):
    def call(claim: str, doc: SourceDoc) -> Verdict:
        result = matcher(claim, doc)
        return getattr(result, "verdict", result)  # a Verdict, or a Match-like with .verdict
    return call


def _fallback_rows(data: LabelledSet, matcher: Matcher | None) -> list[dict]:
    from claims import read_article
    from verify.fetch import Fetcher, replaying
    from verify.pipeline import verify_article
    from verify.sources import SourceLoader

    with open(data.labels, encoding="utf-8-sig", newline="") as f:
        labels = list(csv.DictReader(f))
    verdicts: dict[tuple[str, str], Verdict] = {}
    with replaying(data.cassette), Fetcher() as fetcher:
        loader = SourceLoader(fetcher)
        for name in dict.fromkeys(row["article"] for row in labels):
            article = read_article(str(data.articles / name))
            if matcher is None:
                for res in verify_article(article, loader):
                    verdicts[(name, res.claim)] = res.verdict
                continue
            for block in article.blocks:
                doc = loader(block.source_url) if block.source_url else SourceDoc("", status="no_citation")
                for claim in block.claims:
                    verdicts[(name, claim.text)] = matcher(claim.text, doc) if doc.readable else Verdict.UNVERIFIABLE
    return [{"label": r["label"], "claim": r["claim"], "verdict": verdicts[(r["article"], r["claim"])].value}
            for r in labels]


def accuracy(matcher: Matcher | None, data: LabelledSet | None = None) -> Accuracy:
    """Accuracy of `matcher` (None: claimcheck's whole pipeline) on the labelled set."""
    rows = _rows(data or labelled_set(), matcher)
    correct = sum(label_of(Verdict(r["verdict"])) == r["label"] for r in rows)
    return Accuracy(correct, len(rows), rows)


class _Recorder(Matcher):
    """Calls every claim supported, remembering the peer's score: the sweep decides afterwards."""

    def __init__(self, score):
        self.score, self.seen = score, {}

    def __call__(self, claim: str, doc: SourceDoc) -> Verdict:
        self.seen[claim] = self.score(claim, doc)
        return Verdict.SUPPORTED


def best_threshold(score, thresholds, data: LabelledSet | None = None) -> tuple[float, Accuracy]:
    """The cut-off with the best accuracy on the labelled set itself (optimistic for the peer)."""
    recorder = _Recorder(score)
    rows = _rows(data or labelled_set(), recorder)
    best: tuple[float, Accuracy] | None = None
    for t in thresholds:
        correct = 0
        for r in rows:
            if r["verdict"] == Verdict.UNVERIFIABLE.value:
                correct += r["label"] == "unverifiable"
            else:
                predicted = "supported" if recorder.seen[r["claim"]] >= t else "not_supported"
                correct += predicted == r["label"]
        if best is None or correct > best[1].correct:
            best = (t, Accuracy(correct, len(rows), []))
    return best


# ---- what each check of what a claim says happened costs, and what it buys (issue 10) ----------

SETS = ("labelled", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9")
# Each variant turns one group of checks off (verify/match/elements.py and links.py).
VARIANTS = {
    "all checks": (),
    "without acts and modality": ("_check_acts",),
    "without modifiers": ("_check_modifiers", "_inserted_words"),
    "without roles": ("_check_roles",),
    "without causes and speakers": ("check_links",),
    "without any of them": ("_check_acts", "_check_modifiers", "_inserted_words", "_check_roles", "check_links"),
}


def _switched_off(names: tuple[str, ...]):
    """Context manager: the named checks of verify.match.elements return no facts."""
    from contextlib import contextmanager

    from verify.match import elements

    @contextmanager
    def off():
        saved = {n: getattr(elements, n) for n in names}
        try:
            for n in names:
                setattr(elements, n, lambda *a, **k: [])
            yield
        finally:
            for n, f in saved.items():
                setattr(elements, n, f)
    return off()


def _all_sets() -> tuple[int, int, int]:
    """(correct, total, false supported) over every labelled set in the repository."""
    from verify.evaluate import evaluate

    correct = total = false_supported = 0
    for name in SETS:
        labels = ROOT / "tests" / name / "labels.csv"
        if labels.is_file():
            s = evaluate(labels, ROOT / "cassettes" / f"{name}.yaml")
            correct, total, false_supported = correct + s.correct, total + s.total, false_supported + s.false_supported
    return correct, total, false_supported


def _seed_cpu_ms(repeat: int) -> list[float]:
    """CPU per verify_article of the seed article, its two sources fetched and prepared once."""
    import time

    from claims import read_article
    from verify.fetch import Fetcher, replaying
    from verify.match import prepare_source_cached
    from verify.pipeline import verify_article
    from verify.sources import SourceLoader
    from verify.text import analyze

    article = read_article(str(ROOT / "claims" / "examples" / "000_8a0206ff2ce473fd.txt"))
    samples = []
    with replaying(ROOT / "cassettes" / "demo.yaml"), Fetcher() as fetcher:
        loader = SourceLoader(fetcher)
        verify_article(article, loader)
        for _ in range(repeat):
            analyze.cache_clear()  # every claim and sentence analysed again: the cost of a new article
            prepare_source_cached.__globals__["_RECENT"].clear()
            start = time.process_time()
            verify_article(article, loader)
            samples.append(1000 * (time.process_time() - start))
    return samples


def structure_ablation(repeat: int):
    """One figure per variant: CPU of the seed article, with accuracy over every labelled set."""
    from .timing import Figure

    figures = []
    base_ms = None
    for label, names in VARIANTS.items():
        with _switched_off(names):
            ms = _seed_cpu_ms(repeat)
            correct, total, false_supported = _all_sets()
        if base_ms is None:
            base_ms = ms
        figures.append(Figure(
            "structure", f"seed article CPU, {label}", "ms", ms, "all checks", base_ms, higher_is_better=False,
            target="< 150 ms" if not names else "",
            met=(sorted(ms)[len(ms) // 2] < 150) if not names else None,
            note=f"accuracy {correct}/{total} = {correct / total:.1%}, false supported {false_supported}"))
    return figures
