"""What a run shows on the terminal: the table of claims, the summary table, the progress bar.

rich draws all three; colours only on a terminal and never with NO_COLOR (the CLI decides and
passes `color`), and the progress bar only when stderr is a terminal.
"""
from __future__ import annotations

import contextlib
from collections import Counter
from typing import IO, Callable, Iterable, Iterator

from ..model import ClaimResult, Verdict
from .summary import Summary


def counts(results: Iterable[ClaimResult]) -> Counter:
    return Counter(r.verdict.value for r in results)


def summary_line(results: list[ClaimResult]) -> str:
    """"6 claims: 4 supported, 1 partial, 1 contradicted, 0 not_found, 0 unverifiable"."""
    c = counts(results)
    parts = ", ".join(f"{c.get(v.value, 0)} {v.value}" for v in Verdict)
    return f"{len(results)} claim{'s' * (len(results) != 1)}: {parts}"


_STYLE = {"supported": "green", "partial": "yellow", "contradicted": "bold red",
          "not_found": "magenta", "unverifiable": "dim"}


def print_table(results: list[ClaimResult], stream: IO[str], color: bool | None = None, width: int | None = None) -> None:
    """A readable table of every claim; colours only on a terminal and never with NO_COLOR."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, force_terminal=color, no_color=(color is False) or None,
                      width=width or (None if color else 160), highlight=False, soft_wrap=False)
    table = Table(show_lines=False, expand=False)
    for name, kwargs in (("id", {"no_wrap": True}), ("verdict", {"no_wrap": True}),
                         ("score", {"justify": "right"}), ("claim", {"ratio": 3, "overflow": "fold"}),
                         ("reason", {"ratio": 3, "overflow": "fold"}), ("source", {"ratio": 1, "overflow": "fold"})):
        table.add_column(name, **kwargs)
    previous_article = None
    for r in results:
        if r.article != previous_article and len({x.article for x in results}) > 1:
            table.add_row(f"[bold]{_escape(r.article)}[/]", "", "", "", "", "")
            previous_article = r.article
        source = r.source_status if r.source_status != "ok" else (r.source_url.split("/")[2] if "://" in r.source_url else "")
        table.add_row(r.claim_id, f"[{_STYLE[r.verdict.value]}]{r.verdict.value}[/]", str(r.score),
                      _escape(r.claim), _escape(r.reason), _escape(source))
    console.print(table)
    console.print(summary_line(results))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


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
