"""What a whole run amounts to: counts per verdict and source status, articles read or failed,
claims flagged by --fail-on.

The terminal, HTML and XLSX reports show the same `Summary`, so the numbers agree everywhere.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import OK, SOURCE_STATUSES, ClaimResult
from .order import WORST_FIRST

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
        verdicts = Counter(r.verdict.value for r in results)
        statuses = Counter(r.source_status for r in results)
        # Statuses in the order docs/fetching.md lists them (model.SOURCE_STATUSES), any unknown one after.
        order = list(SOURCE_STATUSES) + sorted(set(statuses) - set(SOURCE_STATUSES))
        articles = len(loaded) if loaded is not None else len({r.article for r in results})
        return cls(
            claims=len(results),
            verdicts={v.value: verdicts.get(v.value, 0) for v in WORST_FIRST},
            statuses={s: statuses[s] for s in order if statuses.get(s)},
            articles_ok=articles,
            failures=tuple(str(e) for e in failed),
            internal_errors=sum(r.internal_error for r in results),
            disappeared=tuple(disappeared),
            articles=tuple(ArticleCounts.of(a, rows) for a, rows in _by_article(results).items()),
        )

    def article(self, name: str) -> ArticleCounts | None:
        return next((a for a in self.articles if a.article == name), None)

    @property
    def articles_failed(self) -> int:
        return len(self.failures)


def _by_article(results: Iterable[ClaimResult]) -> dict[str, list[ClaimResult]]:
    grouped: dict[str, list[ClaimResult]] = {}
    for r in results:
        grouped.setdefault(r.article, []).append(r)
    return grouped


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
