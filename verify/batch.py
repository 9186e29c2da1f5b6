"""What a whole run amounts to: counts per verdict and source status, articles read or failed,
claims flagged by --fail-on; and the two terminal displays of a batch (progress, summary table).

The HTML and XLSX reports show the same `Summary`, so the numbers agree everywhere.
"""
from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from .model import SOURCE_STATUSES, ClaimResult, Verdict

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
        # Statuses in the order the README lists them, any unknown one after.
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


def print_summary(summary: Summary, stream: IO[str], color: bool | None = None) -> None:
    """The final table of a run: claims per verdict and per source status, articles ok/failed."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=stream, force_terminal=color, no_color=(color is False) or None,
                      width=None if color else 100, highlight=False)
    table = Table(title="summary", title_justify="left", show_header=True, expand=False)
    table.add_column("verdict")
    table.add_column("claims", justify="right")
    table.add_column("source status")
    table.add_column("claims", justify="right")
    table.add_column("articles")
    table.add_column("", justify="right")
    left = list(summary.verdicts.items())
    middle = list(summary.statuses.items())
    right = [("ok", summary.articles_ok), ("failed", summary.articles_failed)]
    if summary.disappeared:
        right.append(("claims disappeared", len(summary.disappeared)))
    for i in range(max(len(left), len(middle), len(right))):
        row: list[str] = []
        for column in (left, middle, right):
            name, count = column[i] if i < len(column) else ("", "")
            row += [escape(str(name)), str(count)]
        table.add_row(*row)
    console.print(table)
    for failure in summary.failures:
        console.print(f"failed: {escape(failure)}")


@contextlib.contextmanager
def progress(total: int, terminal: IO[str] | None, no_color: bool = False) -> Iterator[Callable[[str | None], None] | None]:
    """A progress bar on `terminal` while `total` inputs are read; None (not a terminal): no bar.

    Yields the hook to call with each input about to be read (None when all are done), or None
    when there is no bar. Piped or redirected stderr gets nothing: a log file full of redraws
    helps nobody.
    """
    if terminal is None or total < 1:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=terminal, force_terminal=True, no_color=no_color or None)
    bar = Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"), console=console, transient=True)
    task = bar.add_task("", total=total)
    started = False

    def on_next(name: str | None) -> None:
        nonlocal started
        if started:  # the previous input is finished with
            bar.advance(task)
        started = True
        bar.update(task, description=_short(name or ""))

    with bar:
        yield on_next


def _short(name: str, width: int = 40) -> str:
    from rich.markup import escape

    return escape(name if len(name) <= width else "…" + name[-(width - 1):])
