"""Turning results into reports: CSV for Excel, JSON, and the terminal table.

Column names are defined once here (COLUMNS) and documented in the README. Every cell built
from article or page text is hostile until neutralised: see `safe_cell`.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import IO, Iterable

from .model import ClaimResult, Verdict

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
    """One claim with its nested facts and evidence offsets (schema in the README)."""
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
