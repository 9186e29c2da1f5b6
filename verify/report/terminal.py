"""What a run shows on the terminal: the table of claims (worst first), the summary, the progress bar.

rich draws all three; colours only on a terminal and never with NO_COLOR (the CLI decides and
passes `color`), and the progress bar only when stderr is a terminal.
"""
from __future__ import annotations

import contextlib
import re
from collections import Counter
from itertools import groupby
from typing import IO, Callable, Iterable, Iterator, Sequence

from ..model import ClaimResult
from .order import WORST_FIRST, articles_of, ordered
from .summary import ArticleCounts, Summary


# What a terminal would act on instead of showing (issue #11: a claim that sets the window title
# or clears the screen): escape sequences, 7- and 8-bit (ESC [ … / CSI …, ESC ] … BEL / OSC …,
# ESC P … ESC \\ and the other string controls, ESC and one character) ...
_SEQUENCE_RE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"                          # CSI: colours, cursor moves, clear screen
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC (titles, links), DCS, APC ...
    r"|\x1b[ -~]?"                                                 # any other ESC and what it escapes
)
# ... and single characters: C0 and C1 controls, DEL, and the bidirectional controls that make
# text read differently from how it is stored (Trojan Source: U+202E and friends), line separators.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print on a terminal, on one line: escape sequences removed, every other
    control character shown as U+FFFD (tabs and line breaks as spaces). Reports keep the raw text."""
    text = _SEQUENCE_RE.sub("", str(text))
    return _CONTROL_RE.sub(lambda m: " " if m.group(0) in "\t\n\r\u2028\u2029" else "\ufffd", text)


def counts(results: Iterable[ClaimResult]) -> Counter:
    return Counter(r.verdict.value for r in results)


def summary_line(results: list[ClaimResult]) -> str:
    """"6 claims: 1 contradicted, 1 partial, 0 not_found, 0 unverifiable, 4 supported" (worst first)."""
    c = counts(results)
    parts = ", ".join(f"{c.get(v.value, 0)} {v.value}" for v in WORST_FIRST)
    return f"{len(results)} claim{'s' * (len(results) != 1)}: {parts}"


_STYLE = {"supported": "green", "partial": "yellow", "contradicted": "bold red",
          "not_found": "magenta", "unverifiable": "dim"}


def _console(stream: IO[str], color: bool | None, width: int | None):
    from rich.console import Console

    return Console(file=stream, force_terminal=color, no_color=(color is False) or None,
                   width=width, highlight=False, soft_wrap=False)


def print_table(results: Sequence[ClaimResult], stream: IO[str], color: bool | None = None,
                width: int | None = None, order: str = "worst") -> None:
    """A table of every claim, worst first (order.py); with several articles, one table per
    article under its name, so a long path never widens the id column. Colours only on a
    terminal and never with NO_COLOR."""
    rows = ordered(results, order)
    print_tables(rows, stream, color, width, several=len(articles_of(rows)) > 1)


def print_tables(rows: Iterable[ClaimResult], stream: IO[str], color: bool | None = None,
                 width: int | None = None, several: bool = True) -> None:
    """print_table of `rows` already in the order shown (an iterable read once, such as a spill
    file's): one table per article, laid out one at a time, so memory never holds them all."""
    from rich.table import Table

    console = _console(stream, color, width or (None if color else 160))
    for article, group in groupby(rows, key=lambda r: r.article):
        table = Table(title=f"[bold]{_escape(article)}[/]" if several else None, title_justify="left",
                      show_lines=False, expand=True)
        for name, kwargs in (("id", {"no_wrap": True, "min_width": 6}), ("verdict", {"no_wrap": True, "min_width": 12}),
                             ("score", {"justify": "right"}), ("claim", {"ratio": 3, "overflow": "fold"}),
                             ("reason", {"ratio": 3, "overflow": "fold"}), ("source", {"ratio": 1, "overflow": "fold"})):
            table.add_column(name, **kwargs)
        for r in group:
            source = r.source_status if r.source_status != "ok" else (r.source_url.split("/")[2] if "://" in r.source_url else "")
            table.add_row(_escape(r.claim_id), f"[{_STYLE[r.verdict.value]}]{r.verdict.value}[/]", str(r.score),
                          _escape(r.claim), _escape(r.reason), _escape(source))
        console.print(table)


def _escape(text: str) -> str:
    """Shown as it is: no rich markup, no terminal control."""
    from rich.markup import escape

    return escape(printable(text))


def print_summary(summary: Summary, stream: IO[str], color: bool | None = None,
                  order: Sequence[str] | None = None, width: int | None = None) -> None:
    """The end of a run, readable at a glance: claims per verdict (worst first), per source
    status, articles read and failed, then one line per article (when there are several) in
    `order` (article names; default: as read) with its claims per verdict and failed sources."""
    from rich.table import Table

    console = _console(stream, color, width or (None if color else 160))
    overview = Table.grid(padding=(0, 2))
    overview.add_column(style="bold")
    overview.add_column()
    verdicts = " · ".join(f"[{_STYLE[v]}]{n} {v}[/]" if n else f"{n} {v}" for v, n in summary.verdicts.items())
    overview.add_row("verdicts", f"{_plural(summary.claims, 'claim')}: {verdicts}")
    statuses = " · ".join(f"{n} {_escape(s)}" for s, n in summary.statuses.items()) or "-"
    overview.add_row("claims by source", statuses)
    overview.add_row("articles", f"{summary.articles_ok} verified · {summary.articles_failed} failed"
                     + (f" · {_plural(len(summary.disappeared), 'claim')} of the previous report disappeared"
                        if summary.disappeared else ""))
    if summary.internal_errors:  # claims claimcheck failed to check: their rows say why
        overview.add_row("internal errors", f"[bold red]{_plural(summary.internal_errors, 'claim')}[/] unverifiable "
                         "because claimcheck failed on them (their reasons say where)")
    console.print(overview)
    if len(summary.articles) > 1:
        names = {a.article: a for a in summary.articles}
        shown = [names[n] for n in (order or names) if n in names]
        console.print()
        console.print(_per_article(shown, summary, console.width))
    for failure in summary.failures:
        console.print(f"failed: {_escape(failure)}")


# Room the count columns of the per-article table take; narrower terminals get one line each.
_COUNT_COLUMNS_WIDTH = 90


def _per_article(articles: Sequence[ArticleCounts], summary: Summary, width: int):
    """One row per article: a table of counts where it fits beside the names, else a line each."""
    from rich.table import Table

    longest = max(len(a.article) for a in articles)
    if width >= min(longest, 60) + _COUNT_COLUMNS_WIDTH:
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=False, pad_edge=False)
        table.add_column("article", overflow="fold")
        table.add_column("claims", justify="right")
        for verdict in summary.verdicts:
            table.add_column(verdict, justify="right")
        table.add_column("sources failed", justify="right")
        for a in articles:
            cells = [f"[{_STYLE[v]}]{n}[/]" if n else "·" for v, n in a.verdicts.items()]
            failed = f"{a.sources_failed or '·'} of {a.sources}" if a.sources else "-"
            table.add_row(_escape(a.article), str(a.claims), *cells, failed)
        return table
    lines = Table.grid(padding=(0, 2))
    lines.add_column(overflow="fold")
    for a in articles:
        counts = ", ".join(f"[{_STYLE[v]}]{n} {v}[/]" for v, n in a.verdicts.items() if n)
        failed = f"; {a.sources_failed} of {_plural(a.sources, 'source')} failed" if a.sources_failed else ""
        lines.add_row(f"[bold]{_escape(a.article)}[/]: {_plural(a.claims, 'claim')}: {counts}{failed}")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


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

    name = printable(name)
    return escape(name if len(name) <= width else "…" + name[-(width - 1):])
