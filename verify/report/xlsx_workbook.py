"""The XLSX report: the CSV's columns in a workbook an editor can sort, filter and annotate.

Nothing from an article or a page may become a formula, a number or a hyperlink by accident:
the workbook is opened with every string conversion off, every text cell is written with
write_string, and formula-like text is neutralised as in the CSV (`csv_json.safe_cell`), so the
cell stays text even after an editor retypes it.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..model import ClaimResult, Verdict
from .csv_json import COLUMNS, record, safe_cell
from .summary import Summary

# Columns an editor reads get room and wrap; ids and codes stay narrow. Excel width units.
_WIDTHS = {"article": 22, "block": 7, "claim_id": 8, "claim": 50, "source_url": 30, "source_status": 14,
           "verdict": 13, "score": 6, "evidence": 60, "reason": 40, "claim_key": 14, "source_title": 30,
           "source_published": 20, "archive_url": 24, "editor_verdict": 14, "editor_note": 36}
_WRAPPED = {"claim", "evidence", "reason", "source_title", "editor_note"}
_FILLS = {Verdict.SUPPORTED.value: "#C8E6C9", Verdict.PARTIAL.value: "#FFE0B2",
          Verdict.CONTRADICTED.value: "#FFCDD2", Verdict.NOT_FOUND.value: "#E1BEE7",
          Verdict.UNVERIFIABLE.value: "#E0E0E0"}
_MAX_CELL = 32767  # Excel's limit on the characters of one cell


def _text(value: object) -> str:
    text = str(safe_cell("" if value is None else str(value)))
    return text if len(text) <= _MAX_CELL else text[:_MAX_CELL - 1] + "…"


def write_xlsx(results: Iterable[ClaimResult], path: str, summary: Summary | None = None) -> None:
    """Write sheet "claims" (one row per claim), "summary", and "disappeared" when --previous found any.

    Rows go to disk as they are written (xlsxwriter's constant_memory), so `results` may be any
    iterable read once, such as a spill file; give `summary` then.
    """
    import xlsxwriter

    if summary is None:
        results = list(results)
        summary = Summary.of(results)
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False, "constant_memory": True})
    try:
        _claims_sheet(book, results)
        _summary_sheet(book, summary)
        if summary.disappeared:
            _rows_sheet(book, "disappeared", ["article", "claim_id", "claim", "claim_key", "verdict",
                                              "editor_verdict", "editor_note"],
                        ([getattr(d, c) for c in ("article", "claim_id", "claim", "claim_key", "verdict",
                                                  "editor_verdict", "editor_note")] for d in summary.disappeared))
    finally:
        try:
            book.close()  # xlsxwriter writes the file only here
        except xlsxwriter.exceptions.FileCreateError as error:
            # Callers handle OSError for every report; xlsxwriter wraps it in its own exception.
            cause = error.__context__ if isinstance(error.__context__, OSError) else None
            raise OSError(getattr(cause, "errno", None), getattr(cause, "strerror", None) or str(error)) from None


def _claims_sheet(book, results: Iterable[ClaimResult]) -> None:
    sheet = book.add_worksheet("claims")
    header = book.add_format({"bold": True, "bg_color": "#37474F", "font_color": "#FFFFFF",
                              "text_wrap": True, "valign": "top", "border": 1})
    plain = book.add_format({"valign": "top"})
    wrapped = book.add_format({"valign": "top", "text_wrap": True})
    fills = {v: book.add_format({"valign": "top", "bg_color": c, "bold": True}) for v, c in _FILLS.items()}
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, header)
        sheet.set_column(col, col, _WIDTHS.get(name, 15), wrapped if name in _WRAPPED else plain)
    last = 1
    for row, result in enumerate(results, start=1):
        last = row
        for col, (name, value) in enumerate(record(result).items()):
            if name == "score":
                sheet.write_number(row, col, int(value), plain)
            elif name == "verdict":
                sheet.write_string(row, col, _text(value), fills.get(str(value), plain))
            else:
                sheet.write_string(row, col, _text(value), wrapped if name in _WRAPPED else plain)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    # A drop-down of the verdicts for the editor, which still accepts any other word.
    col = COLUMNS.index("editor_verdict")
    sheet.data_validation(1, col, max(last, 1000), col, {
        "validate": "list", "source": [v.value for v in Verdict], "error_type": "information",
        "show_error": False})


def _summary_sheet(book, s: Summary) -> None:
    rows: list[list[object]] = [["verdict", v, n] for v, n in s.verdicts.items()]
    rows += [["source status", k, n] for k, n in s.statuses.items()]
    rows += [["articles", "verified", s.articles_ok], ["articles", "failed", s.articles_failed],
             ["claims", "disappeared", len(s.disappeared)]]
    if s.internal_errors:
        rows.append(["claims", "internal errors", s.internal_errors])
    rows += [["failed", f, ""] for f in s.failures]
    _rows_sheet(book, "summary", ["what", "value", "claims"], rows, widths=(14, 60, 8))


def _rows_sheet(book, name: str, header: list[str], rows: Iterable[list[object]],
                widths: Sequence[int] | None = None) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "bottom": 1})
    wrapped = book.add_format({"valign": "top", "text_wrap": True})
    for col, title in enumerate(header):
        sheet.write_string(0, col, title, bold)
        sheet.set_column(col, col, (widths[col] if widths else _WIDTHS.get(title, 15)), wrapped)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, _text(value))
    sheet.freeze_panes(1, 0)
