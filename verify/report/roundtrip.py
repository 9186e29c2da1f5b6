"""The editor round trip: an earlier report's editor_verdict/editor_note carried into a new run.

Editors review a CSV or XLSX report and fill in two columns. When the articles are verified
again (`--previous OLD.csv`), their entries follow the claims they were written for: by
claim_key (stable across runs), else by article file name + claim text (a report whose
claim_key column was lost). Claims of the re-verified articles that are no longer there are
returned as `disappeared`, so an editor's work is never dropped silently.
"""
from __future__ import annotations

import csv
import dataclasses
import io
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

from claims import article_identity

from ..model import ClaimResult

EDITOR_COLUMNS = ("editor_verdict", "editor_note")
# Legacy encodings too: Japanese Excel saves "CSV (comma delimited)" in cp932.
_CSV_ENCODINGS = ("utf-8-sig", "cp932")
_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")  # what csv_json.safe_cell writes


class RoundTripError(ValueError):
    """The --previous file cannot be used (the message names the file and the problem)."""


@dataclass(frozen=True)
class PreviousClaim:
    """One row of an earlier report, as far as the round trip needs it."""

    article: str
    claim_id: str
    claim: str
    claim_key: str
    verdict: str = ""
    editor_verdict: str = ""
    editor_note: str = ""

    def to_json(self) -> dict[str, str]:
        return dataclasses.asdict(self)


def read_previous(path: str) -> list[PreviousClaim]:
    """The rows of an earlier CSV or XLSX report; RoundTripError if it is not one."""
    try:
        if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            rows = _xlsx_rows(path)
        else:
            rows = _csv_rows(Path(path).read_bytes(), path)
    except FileNotFoundError:
        raise RoundTripError(f"{path}: no such file (--previous)") from None
    except OSError as error:
        raise RoundTripError(f"{path}: cannot read ({error.strerror or error})") from None
    if not rows or not ({"claim_key"} <= set(rows[0]) or {"article", "claim"} <= set(rows[0])):
        raise RoundTripError(f"{path}: not a claimcheck report (no claim_key or article+claim columns)")
    return [PreviousClaim(**{name: _text(row.get(name)) for name in _FIELDS}) for row in rows]


_FIELDS = [f.name for f in dataclasses.fields(PreviousClaim)]


def _text(value: object) -> str:
    """A cell as the report first wrote it: None -> "", numbers -> text, formula quote removed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else (str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
    return text[1:] if text.startswith(_NEUTRALISED) else text


def _csv_rows(data: bytes, path: str) -> list[dict[str, str]]:
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RoundTripError(f"{path}: not UTF-8 or Shift_JIS text")
    try:
        return list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise RoundTripError(f"{path}: not a CSV file ({error})") from None


def _xlsx_rows(path: str) -> list[dict[str, object]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RoundTripError(f"{path}: not an XLSX workbook ({error})") from None
    try:
        sheet = book["claims"] if "claims" in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, ())]
        return [dict(zip(header, row)) for row in rows if any(v not in (None, "") for v in row)]
    finally:
        book.close()


def carry_over(results: list[ClaimResult], previous: list[PreviousClaim]) -> tuple[list[ClaimResult], list[PreviousClaim]]:
    """(results with the editors' entries filled in, claims of these articles that disappeared).

    Each earlier row is used once: an article repeating a claim word for word has two claims
    with one key, matched in order. Articles that are not in this run are not judged, so a
    partial re-run does not report the other articles' claims as disappeared.
    """
    carry = CarryOver(previous)
    merged = [carry(result) for result in results]
    return merged, carry.disappeared()


class CarryOver:
    """carry_over one result at a time, as a run's results arrive; `disappeared()` at the end."""

    def __init__(self, previous: list[PreviousClaim]):
        self._previous = previous
        self._by_key: dict[str, deque[PreviousClaim]] = defaultdict(deque)
        self._by_text: dict[tuple[str, str], deque[PreviousClaim]] = defaultdict(deque)
        for row in previous:
            if row.claim_key:
                self._by_key[row.claim_key].append(row)
            self._by_text[(article_identity(row.article), row.claim)].append(row)
        self._used: set[int] = set()
        self._articles: set[str] = set()

    def _take(self, queue: deque[PreviousClaim] | None) -> PreviousClaim | None:
        while queue:
            row = queue.popleft()
            if id(row) not in self._used:
                self._used.add(id(row))
                return row
        return None

    def __call__(self, result: ClaimResult) -> ClaimResult:
        identity = article_identity(result.article)
        self._articles.add(identity)
        row = self._take(self._by_key.get(result.claim_key)) if result.claim_key else None
        row = row or self._take(self._by_text.get((identity, result.claim)))
        if row and (row.editor_verdict or row.editor_note):
            result = dataclasses.replace(result, editor_verdict=row.editor_verdict, editor_note=row.editor_note)
        return result

    def disappeared(self) -> list[PreviousClaim]:
        return [row for row in self._previous
                if id(row) not in self._used and article_identity(row.article) in self._articles]


def describe(row: PreviousClaim) -> str:
    """The stderr line for a claim that disappeared."""
    note = f" (editor: {' — '.join(x for x in (row.editor_verdict, row.editor_note) if x)})" \
        if row.editor_verdict or row.editor_note else ""
    return f"{row.article}: claim {row.claim_id or row.claim_key} disappeared: {row.claim}{note}"
