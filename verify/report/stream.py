"""Every report of a run, written as the results arrive, so memory stays flat whatever the batch.

The CSV, JSON (both forms) and Parquet reports are written row by row as each article's results
come in. The HTML page, the workbook and the terminal table need the run's summary first (it
heads them) and are built at the end from the spill file (spill.py), not from results held in
memory. Each report file is written beside its target and renamed over it only when the run
is over (files.replacing): an interrupted or failed run leaves every earlier report as it was.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import IO

from ..model import ClaimResult, internal_error_reason
from .csv_json import CsvWriter, JsonWriter
from .files import UnwritableReport, replacing
from .order import RANK
from .spill import Spill
from .summary import Summary, Tally

# The report options, in the order their files are written.
REPORTS = ("csv", "json", "html", "xlsx", "parquet")


class _Discard(Exception):
    """Thrown into a report's `replacing` to remove its temporary file."""


STDOUT = "-"


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so nothing later (the exit's own flush) writes to the closed pipe."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class _Report:
    """One report file: opened beside its target now, renamed over it by `commit`; or stdout
    (`-`), written as it goes."""

    def __init__(self, path: str, open_file: Callable[[str], object], stdout: IO[str] | None = None):
        self.path, self.error, self._stdout = path, "", stdout
        self.crashed = False  # failed otherwise than by the file system: claimcheck's own error
        self.closed = False   # stdout's reader went away (a pipe into head)
        self._replacing = None if path == STDOUT else replacing(path)
        try:
            self.temporary = self._replacing.__enter__() if self._replacing else STDOUT
        except OSError as error:
            raise UnwritableReport(f"{path}: cannot write ({error.strerror or error})") from None
        self._handle = None
        self._detach = None
        try:
            self.writer = open_file(self)
        except BaseException:
            self.discard()
            raise

    def open_text(self, encoding: str = "utf-8", newline: str | None = None) -> IO[str]:
        if self._replacing is None:
            return self._stdout_text(encoding)
        self._handle = open(self.temporary, "w", encoding=encoding, newline=newline)
        return self._handle

    def _stdout_text(self, encoding: str) -> IO[str]:
        """stdout as the file would be: a CSV gets its BOM and CRLF bytes (`> out.csv` is `--csv out.csv`)."""
        buffer = getattr(self._stdout, "buffer", None)
        if encoding != "utf-8-sig":
            return self._stdout
        if buffer is None:  # a text-only stream (tests): the BOM as a character
            self._stdout.write("\ufeff")
            return self._stdout
        self._stdout.flush()
        text = io.TextIOWrapper(buffer, encoding=encoding, newline="", write_through=True)
        self._detach = text.detach
        return text

    def attempt(self, step: Callable[[], None]) -> None:
        """Run a write step; a failure (a full disk, a writer's bug) abandons this report, not
        the run nor the other reports."""
        if self.error or self.closed:
            return
        try:
            step()
        except BrokenPipeError:
            if self.path != STDOUT:
                raise
            # the reader of `--json - | head` stopped reading: what it wanted, not an error
            self.closed = True
            _quiet_stdout()
        except OSError as error:
            self.error = f"{self.path}: cannot write ({error.strerror or error}); an earlier file there is unchanged"
            self.discard()
        except Exception as error:  # noqa: BLE001 - a writer's bug must not cost the other reports
            self.error, self.crashed = f"{self.path}: not written: {internal_error_reason(error)}", True
            self.discard()

    def commit(self) -> None:
        if self._handle is not None:
            self._handle.close()
        if self._detach is not None:
            self._detach()  # stdout stays open
            self._detach = None
        if self._replacing is not None:
            self._replacing.__exit__(None, None, None)
        elif self._stdout is not None:
            self._stdout.flush()

    def discard(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
        if self._detach is not None:
            self._detach()
            self._detach = None
        if self._replacing is not None:
            with contextlib.suppress(OSError):
                self._replacing.__exit__(_Discard, _Discard(), None)


class ReportStream:
    """The reports asked for (`paths`: option -> file), fed with each article's results by `add`
    and completed by `finish`. A context manager: leaving it without `finish` (an error, Ctrl-C)
    removes every temporary file and leaves earlier reports untouched."""

    def __init__(self, paths: dict[str, str], lines: bool = False, generated: str | None = None,
                 order: str = "worst", stdout: IO[str] | None = None):
        self.tally = Tally()
        self.spill = Spill()
        self._lines, self._order, self._stdout = lines, order, stdout
        self._generated = generated  # when the HTML page was made: the end of the run unless given
        self._reports: dict[str, _Report] = {}
        self._done = False
        if paths.get("parquet") == STDOUT:
            raise UnwritableReport("--parquet -: a Parquet file is binary; name a file")
        if paths.get("parquet"):
            from .parquet import ParquetUnavailable, check_parquet

            try:
                check_parquet()
            except ParquetUnavailable as error:
                raise UnwritableReport(str(error)) from None
        try:
            for option in REPORTS:
                if paths.get(option):
                    self._reports[option] = _Report(paths[option], getattr(self, f"_open_{option}"), stdout)
        except BaseException:
            self._abandon()
            raise

    # --- what each report writes as results arrive ---
    def _open_csv(self, report: _Report):
        return CsvWriter(report.open_text("utf-8-sig", newline=""))

    def _open_json(self, report: _Report):
        return JsonWriter(report.open_text(), self._lines)

    def _open_parquet(self, report: _Report):
        from .parquet import ParquetWriter

        return ParquetWriter(report.temporary)

    def _open_html(self, report: _Report):
        return None  # written from the spill at the end

    _open_xlsx = _open_html

    def add(self, results: Iterable[ClaimResult]) -> None:
        """One article's results (any number of calls, in article order)."""
        results = list(results)
        self.tally.add(results)
        self.spill.add(results)
        for report in self._reports.values():
            if report.writer is not None:
                report.attempt(lambda: report.writer.add(results))

    def finish(self, summary: Summary) -> list[str]:
        """Complete every report (none when the run has no result) and rename it into place;
        the reasons of those that could not be written, one line each."""
        from .html_page import write_page
        from .xlsx_workbook import write_xlsx

        self._done = True
        if not self.tally.claims:
            self._abandon()
            return []
        for option, report in self._reports.items():
            if option == "json":
                report.attempt(lambda: report.writer.close(summary.disappeared))
            elif option in ("csv", "parquet"):
                report.attempt(report.writer.close)
            elif option == "html":
                made = self._generated
                if made is None:
                    made = datetime.now().astimezone().isoformat(timespec="seconds")
                report.attempt(lambda: write_page(*self.shown(), report.open_text(), summary, made, self._order))
            elif option == "xlsx":
                report.attempt(lambda: write_xlsx(self.spill, report.temporary, summary))
            if not report.error:
                report.attempt(report.commit)
        return [r.error for r in self._reports.values() if r.error]

    @property
    def unwritable(self) -> bool:
        """A report the file system refused (exit 2)."""
        return any(r.error and not r.crashed for r in self._reports.values())

    @property
    def crashed(self) -> bool:
        """A report a writer failed on (exit 3)."""
        return any(r.crashed for r in self._reports.values())

    def written(self) -> list[str]:
        """The report files written (not stdout), in the order of REPORTS."""
        return [r.path for r in self._reports.values() if not r.error and r.path != STDOUT] if self._done else []

    def shown(self, order: str | None = None) -> tuple[Iterator[ClaimResult], list[str]]:
        """The results in the order the terminal table and the HTML page show them (order.py),
        read from the spill file, and the articles in that order."""
        order = order or self._order
        names = self.spill.articles()
        if order == "article":
            return iter(self.spill), names
        names = sorted(names, key=self.tally.worst)  # stable: ties keep the order read

        def rows() -> Iterator[ClaimResult]:
            for name in names:
                yield from sorted(self.spill.article(name), key=lambda r: RANK[r.verdict])
        return rows(), names

    def _abandon(self) -> None:
        for report in self._reports.values():
            if not report.error:
                report.discard()
        self._reports = {}

    def close(self) -> None:
        if not self._done:
            self._abandon()
        self.spill.close()

    def __enter__(self) -> ReportStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
