"""The Parquet report (`--parquet FILE`): the CSV's columns for batches no spreadsheet holds,
read by pandas, DuckDB, Spark or Dask itself.

Written as results arrive, CHUNK rows to a row group, so memory stays flat. Values are raw (no
formula quote: Parquet is not opened by a spreadsheet); `score` is an integer column, the rest
text. fastparquet comes with the optional extra (`pip install 'claimcheck[dask]'`).
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import ClaimResult
from .csv_json import COLUMNS, record

INSTALL_HINT = "pip install 'claimcheck[dask]'"


class ParquetUnavailable(Exception):
    """fastparquet is not installed."""


def check_parquet() -> None:
    """ParquetUnavailable now, before a run, rather than after it."""
    try:
        import fastparquet  # noqa: F401
    except ImportError:
        raise ParquetUnavailable(f"--parquet needs fastparquet, which is not installed: {INSTALL_HINT}") from None


class ParquetWriter:
    """Rows appended to the Parquet file at `path`, a row group per CHUNK rows."""

    CHUNK = 5000

    def __init__(self, path: str):
        self.path, self._rows, self._groups = path, [], 0

    def add(self, results: Iterable[ClaimResult]) -> None:
        self._rows.extend(record(r) for r in results)
        if len(self._rows) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        import fastparquet
        import pandas as pd

        frame = pd.DataFrame(self._rows, columns=COLUMNS)
        frame = frame.astype({c: "int64" if c == "score" else object for c in COLUMNS})
        fastparquet.write(self.path, frame, compression="GZIP", append=self._groups > 0,
                          object_encoding="utf8", stats=False)
        self._rows, self._groups = [], self._groups + 1

    def close(self) -> None:
        if self._rows or not self._groups:
            self._flush()


def write_parquet(results: Iterable[ClaimResult], path: str) -> None:
    """Every result into one Parquet file."""
    writer = ParquetWriter(path)
    writer.add(results)
    writer.close()
