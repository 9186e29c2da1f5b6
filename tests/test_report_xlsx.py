"""The XLSX report, read back with openpyxl: layout, fills, and no cell turned into a formula/link/number."""
import pytest

from verify.model import ClaimResult, Verdict
from verify.report import COLUMNS, PreviousClaim, Summary, write_xlsx

openpyxl = pytest.importorskip("openpyxl")


def result(**kw):
    base = dict(article="a.txt", block="b1", claim_id="b1-c1", claim="主張", source_url="https://x.jp/a",
                source_status="ok", verdict=Verdict.SUPPORTED, score=80, evidence="根拠", reason="ok")
    base.update(kw)
    return ClaimResult(**base)


@pytest.fixture
def book(tmp_path):
    results = [result(claim='=HYPERLINK("http://evil","x")', evidence="@SUM(1)", reason="+1"),
               result(claim_id="b1-c2", claim="12345", evidence="https://evil.example/x",
                      verdict=Verdict.CONTRADICTED, score=55),
               result(claim_id="b1-c3", claim="2025-01-01", verdict=Verdict.UNVERIFIABLE, source_status="blocked")]
    gone = PreviousClaim("a.txt", "b1-c9", "消えた主張", "k9", "partial", "wrong", "要修正")
    path = tmp_path / "r.xlsx"
    write_xlsx(results, str(path), Summary.of(results, disappeared=[gone]))
    return openpyxl.load_workbook(path)


def test_header_is_the_documented_columns_and_frozen(book):
    sheet = book["claims"]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")


def test_no_cell_becomes_a_formula_link_or_number(book):
    sheet = book["claims"]
    col = {name: i + 1 for i, name in enumerate(COLUMNS)}
    cells = [sheet.cell(row=r, column=c) for r in range(2, 5) for c in range(1, len(COLUMNS) + 1)]
    assert not any(c.data_type == "f" for c in cells)
    assert not any(c.hyperlink for c in cells)
    assert sheet.cell(2, col["claim"]).value == '\'=HYPERLINK("http://evil","x")'
    assert sheet.cell(2, col["evidence"]).value == "'@SUM(1)"
    assert sheet.cell(3, col["claim"]).value == "12345"          # text, not the number 12345
    assert sheet.cell(4, col["claim"]).value == "2025-01-01"     # text, not a date
    assert sheet.cell(3, col["score"]).value == 55                # the score is a real number


def test_a_fill_per_verdict_wrapped_text_and_widths(book):
    sheet = book["claims"]
    verdict = COLUMNS.index("verdict") + 1
    fills = {sheet.cell(r, verdict).value: sheet.cell(r, verdict).fill.fgColor.rgb for r in range(2, 5)}
    assert len(set(fills.values())) == 3 and fills["contradicted"].endswith("FFCDD2")
    claim = COLUMNS.index("claim") + 1
    assert sheet.cell(2, claim).alignment.wrap_text
    assert sheet.column_dimensions["D"].width >= 40  # the claim column
    assert sheet.column_dimensions["C"].width < 15   # claim_id stays narrow


def test_editor_columns_are_empty_and_last(book):
    sheet = book["claims"]
    assert COLUMNS[-2:] == ["editor_verdict", "editor_note"]
    assert [sheet.cell(2, len(COLUMNS) - 1).value, sheet.cell(2, len(COLUMNS)).value] in ([None, None], ["", ""])


def test_summary_and_disappeared_sheets(book):
    summary = {(r[0], r[1]): r[2] for r in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary[("verdict", "contradicted")] == 1 and summary[("source status", "blocked")] == 1
    rows = list(book["disappeared"].iter_rows(values_only=True))
    assert rows[1][:3] == ("a.txt", "b1-c9", "消えた主張") and rows[1][-1] == "要修正"
