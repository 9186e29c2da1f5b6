"""Every output of a run: the terminal table and summary, the CSV, JSON, HTML, XLSX and Parquet
reports, and the editor round trip (an earlier report's editor columns carried into a new run). Report files
are written beside their target and renamed over it (files.py), so none is ever left half written.

Each format is one module; all show the same rows (csv_json.COLUMNS) and the same `Summary`.
`ReportStream` writes them all as a run's results arrive (stream.py), with memory flat whatever
the batch. Nothing here decides a verdict: reports only show `model.ClaimResult`s.
"""
from .csv_json import COLUMNS, CsvWriter, JsonWriter, write_csv, write_json
from .files import UnwritableReport, check_writable, replacing
from .html_page import render_html, write_html, write_page
from .order import ORDERS, WORST_FIRST, articles_of, ordered
from .parquet import write_parquet
from .roundtrip import CarryOver, PreviousClaim, RoundTripError, carry_over, describe, read_previous
from .spill import Spill
from .stream import REPORTS, STDOUT, ReportStream
from .summary import ArticleCounts, Summary, Tally, effective_verdict, flagged
from .terminal import print_summary, print_table, print_tables, printable, progress, summary_line
from .xlsx_workbook import write_xlsx

__all__ = [
    "COLUMNS", "ORDERS", "REPORTS", "STDOUT", "WORST_FIRST", "ArticleCounts", "CarryOver", "CsvWriter", "JsonWriter",
    "PreviousClaim", "ReportStream", "RoundTripError", "Spill", "Summary", "Tally", "UnwritableReport",
    "articles_of", "carry_over", "check_writable", "describe", "effective_verdict", "flagged", "ordered",
    "print_summary", "print_table", "print_tables", "printable", "progress", "read_previous", "render_html",
    "replacing", "summary_line", "write_csv", "write_html", "write_json", "write_page", "write_parquet", "write_xlsx",
]
