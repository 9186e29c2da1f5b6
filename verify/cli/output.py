"""Where a run's output goes: report files (or stdout for `-`), the terminal table and summary,
and the `wrote FILE (N claims)` lines.

stdout carries one thing at a time: the table and summary, or a report sent there with `-`
(then the table and summary go to stderr, so `--json - | jq` reads pure JSON), or with -q
nothing but such a report. Errors always go to stderr.

Every report path is tried before the run starts (`check_destinations`), so `--csv
/nonexistent/r.csv` costs a second, not a batch. At the end each report file is written on its
own (report.replacing: beside the target, synced, renamed over it): one that still fails is
named on stderr, the others are written, and the earlier file at that path stays as it was.
"""
from __future__ import annotations

import argparse
import io
from typing import IO, Sequence

from ..model import ClaimResult, internal_error_reason
from .environment import Environment, ExitStatus
from .parser import UsageError

STDOUT = "-"
FORMATS = ("csv", "json", "html", "xlsx")  # the report options, in the order they are written


def check_destinations(args: argparse.Namespace) -> None:
    """Refuse, before anything runs, what cannot be written: two reports on stdout, a workbook
    there (UsageError), a report path that cannot be written (report.UnwritableReport)."""
    from ..report import check_writable

    on_stdout = [f"--{f}" for f in FORMATS if getattr(args, f, None) == STDOUT]
    if "--xlsx" in on_stdout:
        raise UsageError("--xlsx -: a workbook is binary; name a file")
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


def show(results: Sequence[ClaimResult], summary, args: argparse.Namespace, env: Environment) -> None:
    """The table of claims and the summary, worst first unless --order article."""
    from ..report import articles_of, ordered, print_summary, print_table

    out, color = terminal(args, env)
    if out is None:
        return
    order = getattr(args, "order", "worst")
    if results:
        print_table(results, out, color=color, order=order)
    if summary is not None:
        print_summary(summary, out, color=color, order=articles_of(ordered(results, order)))


def write_reports(results: Sequence[ClaimResult], args: argparse.Namespace, env: Environment,
                  summary=None) -> tuple[ExitStatus, list[str]]:
    """Every report asked for: (OK, or why one was not written; the files written).

    ERROR (2) when a report could not be written (unwritable, full disk), INTERNAL_ERROR (3) when
    a writer failed otherwise; either way the other reports are written. The command writes the
    files before it prints the table: a batch's reports must not depend on the terminal still
    being there (a closed pipe, a dropped SSH session).
    """
    if not results:
        return ExitStatus.OK, []
    status, written = ExitStatus.OK, []
    for option in FORMATS:
        path = getattr(args, option, None)
        if not path:
            continue
        try:
            _write(_WRITERS[option], results, path, args, summary, env)
        except OSError as error:
            env.error(f"{path}: cannot write ({error.strerror or error}); an earlier file there is unchanged")
            status = ExitStatus.ERROR
            continue
        except Exception as error:  # noqa: BLE001 - a writer's bug must not cost the other reports
            env.error(f"{path}: not written: {internal_error_reason(error)}")
            status = status if status == ExitStatus.ERROR else ExitStatus.INTERNAL_ERROR
            continue
        if path != STDOUT:
            written.append(path)
    return status, written


def announce(written: Sequence[str], claims: int, args: argparse.Namespace, env: Environment) -> None:
    """A `wrote FILE (N claims)` line for each report file, where the table went."""
    out, _ = terminal(args, env)
    if out is None:
        return
    for path in written:
        print(f"wrote {path} ({claims} claim{'s' * (claims != 1)})", file=out)


def _write(writer, results, path: str, args, summary, env) -> None:
    """A report file through report.replacing (whole or not at all); stdout as it is."""
    from ..report import replacing

    if path == STDOUT:
        writer(results, path, args, summary, env)
        return
    with replacing(path) as temporary:
        writer(results, temporary, args, summary, env)


def _write_csv(results, path, args, summary, env) -> None:
    from ..report import write_csv

    if path != STDOUT:
        write_csv(results, path)
        return
    data = io.BytesIO()
    write_csv(results, data)  # the same bytes as the file: BOM, CRLF (`> out.csv` is `--csv out.csv`)
    raw = data.getvalue()
    buffer = getattr(env.stdout, "buffer", None)
    if buffer is not None:
        env.stdout.flush()
        buffer.write(raw)
        buffer.flush()
    else:
        env.stdout.write(raw.decode("utf-8"))


def _write_json(results, path, args, summary, env) -> None:
    from ..report import write_json

    disappeared = summary.disappeared if summary else ()
    if path == STDOUT:
        write_json(results, env.stdout, lines=args.nl, disappeared=disappeared)
        return
    with open(path, "w", encoding="utf-8") as out:
        write_json(results, out, lines=args.nl, disappeared=disappeared)


def _write_html(results, path, args, summary, env) -> None:
    from datetime import datetime

    from ..report import write_html

    generated = datetime.now().astimezone().isoformat(timespec="seconds")
    order = getattr(args, "order", "worst")
    if path == STDOUT:
        write_html(results, env.stdout, summary, generated=generated, order=order)
        return
    with open(path, "w", encoding="utf-8") as out:
        write_html(results, out, summary, generated=generated, order=order)


def _write_xlsx(results, path, args, summary, env) -> None:
    from ..report import write_xlsx

    write_xlsx(results, path, summary)


_WRITERS = {"csv": _write_csv, "json": _write_json, "html": _write_html, "xlsx": _write_xlsx}
