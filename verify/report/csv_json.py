"""The CSV report (for Excel) and the JSON report, and the row both are made of.

Column names are defined once here (COLUMNS) and documented in docs/reports.md; the XLSX report
uses the same row. Every cell built from article or page text is hostile until neutralised:
see `safe_cell`.
"""
from __future__ import annotations

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
    import pandas as pd  # only reports need pandas; keep it off the startup path

    rows = [{k: safe_cell(v) for k, v in record(r).items()} for r in results]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.to_csv(out, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_json(results: Iterable[ClaimResult], out: IO[str], lines: bool = False, disappeared: Iterable = ()) -> None:
    """A JSON document {schema_version, claims: [...], disappeared: [...]}, or one claim per line with `lines`.

    `disappeared` (roundtrip.PreviousClaim rows) has no place in the one-claim-per-line form,
    whose every line is a claim of this run; it is on stderr there.
    """
    records = [json_record(r) for r in results]
    if lines:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        json.dump({"schema_version": SCHEMA_VERSION, "claims": records,
                   "disappeared": [d.to_json() for d in disappeared]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
