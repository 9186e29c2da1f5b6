"""Reports written as results arrive (verify/report/stream.py): the same files as the one-shot
writers, built from a spill file instead of memory, and never half written."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from verify.model import ClaimResult, Fact, Verdict
from verify.report import (CsvWriter, ReportStream, Spill, Summary, Tally, UnwritableReport, articles_of, flagged,
                           ordered, print_table, print_tables, render_html, write_csv, write_json, write_xlsx)
from verify.report.spill import decode, encode


def result(i: int, article: str = "a.txt", **changes) -> ClaimResult:
    values = dict(
        article=article, block=f"b{i % 3 + 1}", claim_id=f"b{i % 3 + 1}-c{i}", claim=f"=条約が{i}年に発効\n改行",
        source_url=f"https://mainichi.jp/articles/{i}", source_status="ok" if i % 4 else "blocked",
        verdict=list(Verdict)[i % 5], score=i % 100, evidence=f"証拠 {i}「引用」\t", reason=f"reason {i}",
        claim_key=f"k{i}", line=i + 1, block_published="2025-01-17", source_title="題", source_published="2025-01-17",
        archive_url="", archive_date="", evidence_spans=((0, 3), (5, 9)),
        facts=(Fact("number", f"{i}年", "conflicting", "20年", (1, 4)), Fact("quote", "引用", "missing")),
        editor_verdict="", editor_note="")
    values.update(changes)
    return ClaimResult(**values)


def batch(articles: int = 4, per: int = 5) -> list[ClaimResult]:
    return [result(a * per + i, f"art{a}.txt") for a in range(articles) for i in range(per)]


def test_a_spilled_result_reads_back_equal_in_every_field():
    for r in [result(1), result(2, facts=(), evidence_spans=()), result(3, editor_verdict="ok", editor_note="x\ny")]:
        assert decode(encode(r)) == r
    with Spill() as spill:
        spill.add(batch())
        assert list(spill) == batch() and list(spill) == batch()  # read as often as needed
        spill.add([result(99)])
        assert list(spill)[-1] == result(99) and spill.count == 21


def _stream(tmp_path: Path, results: list[ClaimResult], chunks: int = 1, lines: bool = False) -> dict[str, Path]:
    paths = {name: tmp_path / f"stream.{name}" for name in ("csv", "json", "html", "xlsx")}
    with ReportStream({k: str(v) for k, v in paths.items()}, lines=lines, generated="GEN") as reports:
        step = max(1, len(results) // chunks)
        for start in range(0, len(results), step):
            reports.add(results[start:start + step])
        assert reports.finish(Summary.of(results)) == []
    return paths


def _cells(path: Path) -> dict:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_streamed_reports_are_the_one_shot_writers_files(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(CsvWriter, "CHUNK", chunk)
    results = batch(articles=30, per=9)
    paths = _stream(tmp_path, results, chunks=30)
    write_csv(results, str(tmp_path / "one.csv"))
    assert paths["csv"].read_bytes() == (tmp_path / "one.csv").read_bytes()
    json_doc = io.StringIO()
    write_json(results, json_doc)
    assert paths["json"].read_text(encoding="utf-8") == json_doc.getvalue()
    assert paths["html"].read_text(encoding="utf-8") == render_html(results, Summary.of(results), generated="GEN")
    assert paths["html"].read_text(encoding="utf-8").count('class="claim ') == len(results)
    write_xlsx(results, str(tmp_path / "one.xlsx"))
    assert _cells(paths["xlsx"]) == _cells(tmp_path / "one.xlsx")


def test_streamed_json_lines_are_one_claim_per_line(tmp_path):
    results = batch()
    paths = _stream(tmp_path, results, chunks=4, lines=True)
    one = io.StringIO()
    write_json(results, one, lines=True)
    assert paths["json"].read_text(encoding="utf-8") == one.getvalue()


def test_an_interrupted_run_leaves_earlier_reports_untouched_and_no_temporary_file(tmp_path):
    old = tmp_path / "r.csv"
    old.write_text("the report of yesterday")
    with pytest.raises(KeyboardInterrupt), ReportStream({"csv": str(old), "html": str(tmp_path / "r.html")}) as reports:
        reports.add(batch())
        raise KeyboardInterrupt
    assert old.read_text() == "the report of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_a_run_without_results_writes_no_report(tmp_path):
    with ReportStream({"csv": str(tmp_path / "r.csv"), "json": str(tmp_path / "r.json")}) as reports:
        assert reports.finish(Summary.of([])) == []
    assert list(tmp_path.iterdir()) == []


def test_a_report_that_cannot_be_written_is_known_before_the_run(tmp_path):
    with pytest.raises(UnwritableReport, match="no/such/dir/r.csv: cannot write"):
        ReportStream({"json": str(tmp_path / "ok.json"), "csv": str(tmp_path / "no/such/dir/r.csv")})
    assert list(tmp_path.iterdir()) == []  # the report opened first is removed too


def test_a_write_that_fails_mid_run_costs_that_report_only(tmp_path):
    with ReportStream({"csv": str(tmp_path / "r.csv"), "json": str(tmp_path / "r.json")}) as reports:
        reports.add(batch()[:3])
        csv_report = reports._reports["csv"]

        def full_disk(results):
            raise OSError(28, "No space left on device")
        csv_report.writer.add = full_disk
        reports.add(batch()[3:])
        assert reports.finish(Summary.of(batch())) == [
            f"{tmp_path / 'r.csv'}: cannot write (No space left on device); an earlier file there is unchanged"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def _printed(fn, *args, **kwargs) -> str:
    out = io.StringIO()
    fn(*args, out, **kwargs)
    return out.getvalue()


def _shuffled() -> list[ClaimResult]:
    """Several articles, their verdicts mixed, an article's claims coming in two runs."""
    rows = batch(articles=6, per=7)
    return rows[:20] + rows[30:] + rows[20:30]


@pytest.mark.parametrize("order", ["worst", "article"])
def test_the_spill_shows_results_in_the_order_of_the_table_and_page(order):
    results = _shuffled()
    with ReportStream({}, order=order) as reports:
        for i in range(0, len(results), 5):
            reports.add(results[i:i + 5])
        rows, articles = reports.shown()
        rows = list(rows)
    assert rows == ordered(results, order)
    assert articles == articles_of(ordered(results, order))


@pytest.mark.parametrize("color", [False, True])
def test_the_table_printed_from_the_spill_is_print_tables(color):
    results = _shuffled()
    with ReportStream({}) as reports:
        reports.add(results)
        rows, _ = reports.shown()
        assert _printed(print_tables, rows, color=color) == _printed(print_table, results, color=color)


def test_a_summary_from_counts_is_the_summary_of_the_results():
    results = _shuffled() + [result(1, "art9.txt", editor_verdict="supported", verdict=Verdict.CONTRADICTED)]
    tally = Tally()
    for i in range(0, len(results), 4):
        tally.add(results[i:i + 4])
    names = articles_of(results)
    assert Summary.of_tally(tally, names) == Summary.of(results, names)
    assert tally.flagged(frozenset({"contradicted", "partial"})) == {
        "contradicted": len([r for r in flagged(results, frozenset({"contradicted"}))]),
        "partial": len(flagged(results, frozenset({"partial"})))}


def test_parquet_holds_every_row(tmp_path):
    pytest.importorskip("fastparquet", reason="the Parquet report needs the dask extra: pip install 'claimcheck[dask]'")
    import fastparquet

    from verify.report.parquet import ParquetWriter

    results = batch(articles=20, per=9)
    ParquetWriter.CHUNK = 50
    try:
        with ReportStream({"parquet": str(tmp_path / "r.parquet")}) as reports:
            for start in range(0, len(results), 9):
                reports.add(results[start:start + 9])
            assert reports.finish(Summary.of(results)) == []
    finally:
        ParquetWriter.CHUNK = 5000
    frame = fastparquet.ParquetFile(str(tmp_path / "r.parquet")).to_pandas()
    assert list(frame["claim_id"]) == [r.claim_id for r in results]
    assert list(frame["claim"]) == [r.claim for r in results]  # raw: no formula quote in Parquet
    assert list(frame["score"]) == [r.score for r in results]
    assert list(frame["verdict"]) == [r.verdict.value for r in results]
