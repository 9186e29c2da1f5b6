"""The editor round trip: entries in an earlier CSV/XLSX follow their claims into the next run."""
import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from verify.cli import Environment, ExitStatus, main
from verify.model import ClaimResult, Verdict
from verify.report import COLUMNS, PreviousClaim, carry_over

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"


def run(*argv):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def read_csv(path, encoding="utf-8-sig"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, rows, encoding="utf-8-sig", columns=COLUMNS):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def result(claim, key="", article="dir/a.txt", **kw):
    return ClaimResult(article=article, block="b1", claim_id="b1-c1", claim=claim, source_url="", source_status="ok",
                       verdict=Verdict.SUPPORTED, score=90, evidence="", reason="", claim_key=key, **kw)


def previous(claim, key="", article="old/a.txt", verdict="ok", note=""):
    return PreviousClaim(article, "b1-c1", claim, key, "supported", verdict, note)


def test_entries_follow_the_claim_key_and_fall_back_to_article_and_text():
    new = [result("一", "k1"), result("二", "k2-new"), result("三", "k3")]
    merged, gone = carry_over(new, [previous("一", "k1", note="n1"), previous("二", "k2-old", note="n2"),
                                    previous("消えた", "k9", note="n9")])
    assert [(r.editor_verdict, r.editor_note) for r in merged] == [("ok", "n1"), ("ok", "n2"), ("", "")]
    assert [g.claim for g in gone] == ["消えた"]


def test_a_repeated_claim_takes_each_earlier_row_once_in_order():
    merged, gone = carry_over([result("同じ", "k"), result("同じ", "k")],
                              [previous("同じ", "k", note="first"), previous("同じ", "k", note="second")])
    assert [r.editor_note for r in merged] == ["first", "second"] and gone == []


def test_claims_of_articles_outside_this_run_are_not_disappeared():
    _, gone = carry_over([result("一", "k1")], [previous("他", "k7", article="other.txt")])
    assert gone == []


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "run" / SEED.name
    path.parent.mkdir()
    shutil.copy(SEED, path)
    return path


def _edit(rows):
    by_id = {r["claim_id"]: r for r in rows}
    by_id["b1-c2"].update(editor_verdict="supported", editor_note="確認済み")
    by_id["b1-c3"].update(editor_verdict="partial", editor_note="=数字を確認")
    by_id["p3"].update(editor_verdict="not_found", editor_note="削除予定")
    return rows


def _drop_claim_b1_c3(article: Path) -> str:
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = lines.pop(16)  # line 17: the third claim of b1
    assert removed.startswith("✅")
    article.write_text("".join(lines), encoding="utf-8")
    return removed[1:].strip()


def test_csv_round_trip_carries_entries_and_reports_the_claim_that_disappeared(tmp_path, article):
    old, new, doc = tmp_path / "old.csv", tmp_path / "new.csv", tmp_path / "new.json"
    assert run("verify", article, "--cassette", CASSETTE, "--csv", old)[0] == ExitStatus.OK
    write_csv(old, _edit(read_csv(old)))
    removed = _drop_claim_b1_c3(article)
    code, stdout, stderr = run("verify", article, "--cassette", CASSETTE, "--previous", old, "--csv", new, "--json", doc)
    assert code == ExitStatus.OK, stderr
    rows = {r["claim"]: r for r in read_csv(new)}
    assert len(rows) == 8
    entries = {r["claim_id"]: (r["editor_verdict"], r["editor_note"]) for r in rows.values() if r["editor_verdict"]}
    assert entries == {"b1-c2": ("supported", "確認済み"), "p3": ("not_found", "削除予定")}
    assert f"claim b1-c3 disappeared: {removed} (editor: partial — =数字を確認)" in stderr
    gone = json.loads(doc.read_text(encoding="utf-8"))["disappeared"]
    assert [(g["claim"], g["editor_note"]) for g in gone] == [(removed, "=数字を確認")]
    assert "1 claim of the previous report disappeared" in stdout


def test_excel_saved_cp932_csv_without_claim_key_matches_by_article_and_text(tmp_path, article):
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    run("verify", article, "--cassette", CASSETTE, "--csv", old)
    columns = [c for c in COLUMNS if c != "claim_key"]
    write_csv(old, _edit(read_csv(old)), encoding="cp932", columns=columns)
    code, _, stderr = run("verify", article, "--cassette", CASSETTE, "--previous", old, "--csv", new)
    assert code == ExitStatus.OK, stderr
    notes = {r["claim_id"]: r["editor_note"] for r in read_csv(new) if r["editor_note"]}
    assert notes == {"b1-c2": "確認済み", "b1-c3": "'=数字を確認", "p3": "削除予定"}  # neutralised again


def test_xlsx_round_trip(tmp_path, article):
    openpyxl = pytest.importorskip("openpyxl")
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    run("verify", article, "--cassette", CASSETTE, "--xlsx", old)
    book = openpyxl.load_workbook(old)
    sheet = book["claims"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("claim_id")].value == "b2-c1":
            row[header.index("editor_verdict")].value = "contradicted"
            row[header.index("editor_note")].value = "20年ではなく30年?"
    book.save(old)
    code, _, stderr = run("verify", article, "--cassette", CASSETTE, "--previous", old, "--xlsx", new)
    assert code == ExitStatus.OK, stderr
    rows = list(openpyxl.load_workbook(new)["claims"].iter_rows(min_row=2, values_only=True))
    edited = [r for r in rows if r[header.index("editor_verdict")]]
    assert [(r[header.index("claim_id")], r[-1]) for r in edited] == [("b2-c1", "20年ではなく30年?")]


@pytest.mark.parametrize("content, message", [(None, "no such file"), ("a,b\n1,2\n", "not a claimcheck report"),
                                              (b"\x00\x81\xff", "not UTF-8")])
def test_unusable_previous_file_exits_2_before_the_run(tmp_path, content, message):
    old = tmp_path / "old.csv"
    if isinstance(content, str):
        old.write_text(content, encoding="utf-8")
    elif content is not None:
        old.write_bytes(content)
    code, stdout, stderr = run("verify", SEED, "--cassette", CASSETTE, "--previous", old)
    assert code == ExitStatus.ERROR and message in stderr and len(stderr.strip().splitlines()) == 1
    assert stdout == ""
