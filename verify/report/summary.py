"""What a whole run amounts to: counts per verdict and source status, articles read or failed,
claims flagged by --fail-on.

The terminal, HTML and XLSX reports show the same `Summary`, so the numbers agree everywhere.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import OK, SOURCE_STATUSES, ClaimResult, Verdict
from .order import RANK, WORST_FIRST

if TYPE_CHECKING:
    from .roundtrip import PreviousClaim

# Source statuses that are no failure: read (a pay wall's teaser is read too), or nothing cited.
_NOT_FAILED = frozenset({OK, "paywalled", "no_citation"})


@dataclass(frozen=True)
class ArticleCounts:
    """One article's line of the summary: claims per verdict, and how many of its sources failed."""

    article: str
    claims: int
    verdicts: dict[str, int]  # worst first, every verdict
    sources: int              # distinct sources its claims were checked against
    sources_failed: int       # of which could not be read (dead, blocked, timeout, ...)

    @classmethod
    def of(cls, article: str, results: Sequence[ClaimResult]) -> "ArticleCounts":
        counts = Counter(r.verdict.value for r in results)
        sources = {r.source_url: r.source_status for r in results if r.source_url}
        return cls(article, len(results), {v.value: counts.get(v.value, 0) for v in WORST_FIRST},
                   len(sources), sum(status not in _NOT_FAILED for status in sources.values()))


@dataclass(frozen=True)
class Summary:
    """Counts of one run: verdicts worst first, statuses in their documented order, and per article."""

    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    articles_ok: int = 0
    failures: tuple[str, ...] = ()           # one message per input that could not be read
    internal_errors: int = 0                 # claims claimcheck failed to check (ClaimResult.internal_error)
    disappeared: tuple["PreviousClaim", ...] = ()
    articles: tuple[ArticleCounts, ...] = ()  # one per article with claims, in the order read

    @classmethod
    def of(cls, results: Sequence[ClaimResult], loaded: Sequence[str] | None = None,
           failed: Iterable[object] = (), disappeared: Iterable["PreviousClaim"] = ()) -> "Summary":
        """`loaded`: the inputs read (default: the articles of `results`); `failed`: the errors of
        the inputs that could not be read."""
        if loaded is None:
            loaded = list({r.article: None for r in results})
        return cls.of_tally(Tally(results), loaded, failed, disappeared)

    @classmethod
    def of_tally(cls, tally: "Tally", loaded: Sequence[str], failed: Iterable[object] = (),
                 disappeared: Iterable["PreviousClaim"] = ()) -> "Summary":
        """The same, from the counts kept as results arrived (a batch too big to hold)."""
        # Statuses in the order docs/fetching.md lists them (model.SOURCE_STATUSES), any unknown one after.
        order = list(SOURCE_STATUSES) + sorted(set(tally.statuses) - set(SOURCE_STATUSES))
        return cls(
            claims=tally.claims,
            verdicts={v.value: tally.verdicts.get(v.value, 0) for v in WORST_FIRST},
            statuses={s: tally.statuses[s] for s in order if tally.statuses.get(s)},
            articles_ok=len(loaded),
            failures=tuple(str(e) for e in failed),
            internal_errors=tally.internal_errors,
            disappeared=tuple(disappeared),
            articles=tuple(tally.article_counts()),
        )

    def article(self, name: str) -> ArticleCounts | None:
        return next((a for a in self.articles if a.article == name), None)

    @property
    def articles_failed(self) -> int:
        return len(self.failures)


class Tally:
    """What a Summary counts, kept as results arrive (the results themselves are not): claims per
    verdict and per source status, per article, and per verdict that stands (--fail-on)."""

    def __init__(self, results: Iterable[ClaimResult] = ()):
        self.claims = 0
        self.verdicts: Counter = Counter()
        self.statuses: Counter = Counter()
        self.standing: Counter = Counter()  # effective_verdict: an editor's where they gave one
        self.internal_errors = 0  # claims claimcheck itself failed on (exit 3)
        # article -> (claims per verdict, its sources' statuses), in the order first seen
        self._articles: dict[str, tuple[Counter, dict[str, str]]] = {}
        self.add(results)

    def add(self, results: Iterable[ClaimResult]) -> None:
        for r in results:
            self.claims += 1
            self.verdicts[r.verdict.value] += 1
            self.statuses[r.source_status] += 1
            self.standing[effective_verdict(r)] += 1
            self.internal_errors += bool(r.internal_error)
            verdicts, sources = self._articles.setdefault(r.article, (Counter(), {}))
            verdicts[r.verdict.value] += 1
            if r.source_url:
                sources[r.source_url] = r.source_status

    def article_counts(self) -> list[ArticleCounts]:
        """ArticleCounts.of for each article, without its results."""
        return [ArticleCounts(name, sum(verdicts.values()), {v.value: verdicts.get(v.value, 0) for v in WORST_FIRST},
                              len(sources), sum(status not in _NOT_FAILED for status in sources.values()))
                for name, (verdicts, sources) in self._articles.items()]

    def worst(self, article: str) -> int:
        """The rank (order.RANK) of the article's worst verdict."""
        return min(RANK[Verdict(v)] for v, n in self._articles[article][0].items() if n)

    def flagged(self, verdicts: frozenset[str]) -> dict[str, int]:
        """How many claims' standing verdict is each one --fail-on names (those that occur)."""
        return {v: self.standing[v] for v in sorted(verdicts) if self.standing.get(v)}


def effective_verdict(result: ClaimResult) -> str:
    """The verdict that stands: the editor's, when they wrote one of the verdict names in
    `editor_verdict` (carried over by --previous), else claimcheck's. Other words an editor
    writes ("要確認", "ok?") are notes, and claimcheck's verdict stands."""
    editor = result.editor_verdict.strip().lower()
    return editor if editor in _VERDICT_NAMES else result.verdict.value


_VERDICT_NAMES = frozenset(v.value for v in WORST_FIRST)


def flagged(results: Iterable[ClaimResult], verdicts: frozenset[str]) -> list[ClaimResult]:
    """The claims whose verdict (an editor's where they gave one: `effective_verdict`) is one
    --fail-on names: a claim reviewed as supported no longer fails a CI run."""
    return [r for r in results if effective_verdict(r) in verdicts]
