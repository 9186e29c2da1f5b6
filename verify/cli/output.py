"""Where a run's output goes: report files (or stdout for `-`), the terminal table and summary,
and the `wrote FILE (N claims)` lines.

stdout carries one thing at a time: the table and summary, or a report sent there with `-`
(then the table and summary go to stderr, so `--json - | jq` reads pure JSON), or with -q
nothing but such a report. Errors always go to stderr.

Every report path is tried before the run starts (`check_destinations`), so `--csv
/nonexistent/r.csv` costs a second, not a batch. At the end each report file is written on its
own (report.replacing: beside the target, synced, renamed over it; CSV and JSON written as
results arrive): one that still fails is named on stderr, the others are written, and the
earlier file at that path stays as it was.
"""
from __future__ import annotations

import argparse
from typing import IO

from .environment import Environment
from .parser import UsageError

STDOUT = "-"
FORMATS = ("csv", "json", "html", "xlsx", "parquet")  # the report options, in the order they are written


def check_destinations(args: argparse.Namespace) -> None:
    """Refuse, before anything runs, what cannot be written: two reports on stdout, a workbook
    there (UsageError), a report path that cannot be written (report.UnwritableReport)."""
    from ..report import check_writable

    on_stdout = [f"--{f}" for f in FORMATS if getattr(args, f, None) == STDOUT]
    for binary, what in (("--xlsx", "a workbook"), ("--parquet", "a Parquet file")):
        if binary in on_stdout:
            raise UsageError(f"{binary} -: {what} is binary; name a file")
    if len(on_stdout) > 1:
        raise UsageError(f"{' and '.join(on_stdout)}: only one report can go to stdout")
    for option in FORMATS:
        path = getattr(args, option, None)
        if path and path != STDOUT:
            check_writable(path)


def terminal(args: argparse.Namespace, env: Environment) -> tuple[IO[str] | None, bool]:
    """(stream for the table and summary, colour?): stdout, stderr when a report took stdout, or
    None with -q. Colour only on a terminal and never with NO_COLOR."""
    if env.quiet:
        return None, False
    if any(getattr(args, f, None) == STDOUT for f in FORMATS):
        return env.stderr, env.stderr_isatty and not env.no_color
    return env.stdout, env.stdout_isatty and not env.no_color


def open_reports(args: argparse.Namespace, env: Environment):
    """The run's ReportStream: every report asked for, opened now, written as results arrive."""
    from ..report import ReportStream

    paths = {f: path for f in FORMATS if (path := getattr(args, f, None))}
    return ReportStream(paths, lines=bool(getattr(args, "nl", False)), order=getattr(args, "order", "worst"),
                        stdout=env.stdout)


def show_stream(reports, summary, args: argparse.Namespace, env: Environment) -> None:
    """The table of claims and the summary, worst first unless --order article, read back from
    the run's spill file."""
    from ..report import print_summary, print_tables

    out, color = terminal(args, env)
    if out is None:
        return
    rows, articles = reports.shown(getattr(args, "order", "worst"))
    if summary.claims:
        print_tables(rows, out, color=color, several=len(articles) > 1)
    print_summary(summary, out, color=color, order=articles)


def announce(reports, summary, args: argparse.Namespace, env: Environment) -> None:
    """A `wrote FILE (N claims)` line for each report file, where the table went."""
    out, _ = terminal(args, env)
    if out is None:
        return
    for path in reports.written():
        print(f"wrote {path} ({summary.claims} claim{'s' * (summary.claims != 1)})", file=out)
