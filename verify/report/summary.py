"""What a whole run amounts to: counts per verdict and source status, articles read or failed,
claims flagged by --fail-on.

The terminal, HTML and XLSX reports show the same `Summary`, so the numbers agree everywhere.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import SOURCE_STATUSES, ClaimResult, Verdict

if TYPE_CHECKING:
    from .roundtrip import PreviousClaim

@dataclass(frozen=True)
class Summary:
    """Counts of one run, in the documented order of verdicts and statuses."""

    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    articles_ok: int = 0
    failures: tuple[str, ...] = ()           # one message per input that could not be read
    disappeared: tuple["PreviousClaim", ...] = ()

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
            verdicts={v.value: verdicts.get(v.value, 0) for v in Verdict},
            statuses={s: statuses[s] for s in order if statuses.get(s)},
            articles_ok=articles,
            failures=tuple(str(e) for e in failed),
            disappeared=tuple(disappeared),
        )

    @property
    def articles_failed(self) -> int:
        return len(self.failures)


def flagged(results: Iterable[ClaimResult], verdicts: frozenset[str]) -> list[ClaimResult]:
    """The claims whose verdict is one --fail-on names."""
    return [r for r in results if r.verdict.value in verdicts]
