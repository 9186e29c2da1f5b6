"""Reports: spreadsheet cells that cannot run as formulas, JSON records."""
import csv
import io

import pytest

from verify.model import ClaimResult, Verdict
from verify.report import COLUMNS, summary_line, write_csv, write_json
from verify.report.csv_json import safe_cell


def result(**kw):
    base = dict(article="a.txt", block="b1", claim_id="b1-c1", claim="主張", source_url="https://x.jp/",
                source_status="ok", verdict=Verdict.SUPPORTED, score=80, evidence="根拠", reason="ok")
    base.update(kw)
    return ClaimResult(**base)


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx",
                                  '=HYPERLINK("http://evil","x")'])
def test_formula_cells_are_neutralised(cell):
    assert safe_cell(cell) == "'" + cell


def test_plain_text_and_numbers_untouched():
    assert safe_cell("北朝鮮") == "北朝鮮" and safe_cell(42) == 42


def test_csv_bytes_bom_crlf_and_no_live_formula(tmp_path):
    path = tmp_path / "r.csv"
    write_csv([result(claim="=cmd|' /C calc'!A0", evidence="@SUM(1)"),
               result(verdict=Verdict.UNVERIFIABLE, source_status="blocked", reason="blocked: 401")], str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == COLUMNS
    assert rows[0]["claim"].startswith("'=") and rows[0]["evidence"].startswith("'@")
    assert rows[1]["verdict"] == "unverifiable" and rows[1]["reason"] == "blocked: 401"


def test_json_lines_one_object_per_claim():
    out = io.StringIO()
    write_json([result(), result(claim_id="b1-c2")], out, lines=True)
    assert len(out.getvalue().strip().splitlines()) == 2


def test_summary_line_counts_every_verdict():
    line = summary_line([result(), result(verdict=Verdict.PARTIAL)])
    assert line == "2 claims: 0 contradicted, 1 partial, 0 not_found, 0 unverifiable, 1 supported"
