"""The CSV report (for Excel) and the JSON report, and the row both are made of.

Column names are defined once here (COLUMNS) and documented in docs/reports.md; the XLSX report
uses the same row. Every cell built from article or page text is hostile until neutralised:
see `safe_cell`.
"""
from __future__ import annotations

import io
import json
from typing import IO, Iterable

from ..model import ClaimResult

SCHEMA_VERSION = 1

COLUMNS = [
    "article", "block", "claim_id", "claim", "source_url", "source_status", "verdict", "score",
    "evidence", "reason", "claim_key", "source_title", "source_published", "archive_url",
    "editor_verdict", "editor_note",  # left empty for editors; carried over by --previous
]

# Spreadsheets run a cell starting with these as a formula (CWE-1236): = + - @, tab, CR.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet will show as text: a leading formula character gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def record(result: ClaimResult) -> dict[str, object]:
    """The flat row of one result (raw values; neutralise at write time)."""
    return {
        "article": result.article, "block": result.block, "claim_id": result.claim_id,
        "claim": result.claim, "source_url": result.source_url,
        "source_status": result.source_status, "verdict": result.verdict.value,
        "score": result.score, "evidence": result.evidence, "reason": result.reason,
        "claim_key": result.claim_key, "source_title": result.source_title,
        "source_published": result.source_published, "archive_url": result.archive_url,
        "editor_verdict": result.editor_verdict, "editor_note": result.editor_note,
    }


def json_record(result: ClaimResult) -> dict[str, object]:
    """One claim with its nested facts and evidence offsets (docs/reports.md, docs/claims.schema.json)."""
    row = record(result)
    row.update({
        "schema_version": SCHEMA_VERSION,
        "line": result.line,
        "block_published": result.block_published,
        "archive_date": result.archive_date,
        "evidence_spans": [{"start": a, "end": b} for a, b in result.evidence_spans],
        "facts": [
            {"kind": f.kind, "text": f.text, "status": f.status, "source": f.source,
             "span": {"start": f.span[0], "end": f.span[1]} if f.span else None}
            for f in result.facts
        ],
    })
    return row


def write_csv(results: Iterable[ClaimResult], out: IO[bytes] | str) -> None:
    """CSV in UTF-8 with BOM (Japanese Excel opens it as UTF-8), formula cells neutralised."""
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8-sig", newline="") as text:
            _csv_to(results, text)
        return
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        _csv_to(results, text)
    finally:
        text.detach()  # the caller's stream stays open


def _csv_to(results: Iterable[ClaimResult], text: IO[str]) -> None:
    writer = CsvWriter(text)
    writer.add(results)
    writer.close()


class CsvWriter:
    """The CSV report written as results arrive, CHUNK rows at a time: the same bytes as one
    table of every row (`out`: a text stream opened with encoding utf-8-sig and newline="")."""

    CHUNK = 1000

    def __init__(self, out: IO[str]):
        self._out, self._rows, self._header = out, [], True

    def add(self, results: Iterable[ClaimResult]) -> None:
        self._rows.extend({k: safe_cell(v) for k, v in record(r).items()} for r in results)
        if len(self._rows) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        import pandas as pd  # only reports need pandas; keep it off the startup path

        frame = pd.DataFrame(self._rows, columns=COLUMNS)
        frame.to_csv(self._out, index=False, header=self._header, lineterminator="\r\n")
        self._rows, self._header = [], False

    def close(self) -> None:
        if self._rows or self._header:
            self._flush()


def write_json(results: Iterable[ClaimResult], out: IO[str], lines: bool = False, disappeared: Iterable = ()) -> None:
    """A JSON document {schema_version, claims: [...], disappeared: [...]}, or one claim per line with `lines`.

    `disappeared` (roundtrip.PreviousClaim rows) has no place in the one-claim-per-line form,
    whose every line is a claim of this run; it is on stderr there.
    """
    writer = JsonWriter(out, lines)
    writer.add(results)
    writer.close(disappeared)


class JsonWriter:
    """The JSON report written as results arrive: one line per claim (`lines`), or the document
    with its claims streamed -- the same bytes as json.dump(document, indent=2)."""

    def __init__(self, out: IO[str], lines: bool = False):
        self._out, self._lines, self._count, self._started = out, lines, 0, False

    def _start(self) -> None:
        # Written with the first claim, not before: a run that ends with none (stdout: `--json -`) shows nothing.
        if not self._started and not self._lines:
            self._out.write('{\n  "schema_version": %d,\n  "claims": [' % SCHEMA_VERSION)
        self._started = True

    def add(self, results: Iterable[ClaimResult]) -> None:
        for result in results:
            self._start()
            if self._lines:
                self._out.write(json.dumps(json_record(result), ensure_ascii=False) + "\n")
                continue
            self._out.write(",\n" if self._count else "\n")
            self._out.write(_indented(json.dumps(json_record(result), ensure_ascii=False, indent=2), 4))
            self._count += 1

    def close(self, disappeared: Iterable = ()) -> None:
        self._start()
        if self._lines:
            return
        self._out.write("\n  ]" if self._count else "]")
        rows = json.dumps([d.to_json() for d in disappeared], ensure_ascii=False, indent=2)
        self._out.write(',\n  "disappeared": ' + _indented(rows, 2, first=False) + "\n}\n")


def _indented(text: str, spaces: int, first: bool = True) -> str:
    """`text` one nesting level deeper; JSON strings hold no raw newline, so lines are safe to shift."""
    pad = " " * spaces
    lines = text.split("\n")
    return "\n".join((pad + line) if (i or first) else line for i, line in enumerate(lines))
