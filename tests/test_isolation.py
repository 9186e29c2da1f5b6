"""No input crashes the batch: a failure on one claim or one page makes that claim `unverifiable`
with `internal error: …` as its reason, a stderr line names it, the summary counts it, the run
exits 3, and every other claim is still verified and reported (issue #11)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from run_helpers import run_cli, time_limit

import verify.pipeline
from claims import parse_text
from verify.cli import ExitStatus
from verify.model import SourceDoc, Verdict
from verify.pipeline import MAX_CLAIM_CHARS, MAX_SOURCE_SENTENCES, verify_article

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")
BAD_CLAIM = "中国とロシアが共同で軍事演習を実施した。"


def _rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _seed_with(tmp_path, claim: str) -> Path:
    """The seed article with `claim` added as a fourth ✅ claim of its first block."""
    lines = SEED_TEXT.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("✅")) + 1
    path = tmp_path / "seed_plus.txt"
    path.write_text("\n".join(lines[:at] + [f"✅ {claim}"] + lines[at:]) + "\n", encoding="utf-8")
    return path


def _fail_for(text: str, real):
    def matcher(claim, source):
        if claim.text == text:
            raise RuntimeError("injected fault")
        return real(claim, source)
    return matcher


def test_a_claim_that_breaks_the_matcher_is_unverifiable_and_the_rest_are_verified(tmp_path, monkeypatch):
    monkeypatch.setattr(verify.pipeline, "match", _fail_for(BAD_CLAIM, verify.pipeline.match))
    out = tmp_path / "out.csv"
    run = run_cli("verify", _seed_with(tmp_path, BAD_CLAIM), "--cassette", CASSETTE, "--csv", out)
    assert run.code == ExitStatus.INTERNAL_ERROR == 3
    rows = _rows(out)
    bad = [r for r in rows if r["claim"] == BAD_CLAIM]
    assert len(rows) == 10 and len(bad) == 1
    assert bad[0]["verdict"] == "unverifiable" and bad[0]["source_status"] == "ok"
    assert bad[0]["reason"].startswith("internal error: RuntimeError: injected fault (at ")
    assert all(r["verdict"] == "supported" for r in rows if r["block"] != "points" and r is not bad[0])
    # one line naming the article and the claim, and one closing line; no traceback
    assert f"seed_plus.txt {bad[0]['claim_id']} 「中国とロシア" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 2
    assert "internal errors" in run.stdout  # the summary table counts them


def test_a_page_that_breaks_its_extractor_makes_only_its_claims_unverifiable(tmp_path, monkeypatch):
    from verify.sources import mainichi

    def broken(soup, html, url):
        raise KeyError("no such node")
    monkeypatch.setattr(mainichi, "extract", broken)
    out = tmp_path / "out.csv"
    run = run_cli("verify", SEED, "--cassette", CASSETTE, "--csv", out)
    assert run.code == ExitStatus.INTERNAL_ERROR, run.stderr
    rows = {r["claim_id"]: r for r in _rows(out)}
    for cid in ("b1-c1", "b1-c2", "b1-c3"):
        assert rows[cid]["verdict"] == "unverifiable" and rows[cid]["source_status"] == "empty"
        assert rows[cid]["reason"].startswith("internal error: KeyError: 'no such node'")
        assert "mainichi extractor" in rows[cid]["reason"]
    assert [rows[c]["verdict"] for c in ("b2-c1", "b2-c2", "b2-c3")] == ["supported"] * 3
    assert run.stderr.count("internal error") == 4 and "Traceback" not in run.stderr


def test_a_page_that_cannot_be_prepared_fails_its_claims_and_spares_the_points(monkeypatch):
    a, b = "https://a.example.jp/1", "https://b.example.jp/2"
    article = parse_text(f"題\n💡 売上高は過去最高を更新した。\n公開日:2025/05/08\n✅ 日銀が利上げした。\n"
                         f"さらに読む ⇒A出典/画像元: {a}続く。\n公開日:2025/05/08\n✅ 売上高は過去最高を更新した。\n"
                         f"さらに読む ⇒B出典/画像元: {b}続く。\n", "t.txt")
    docs = {a: SourceDoc(a, paragraphs=("日銀は利上げを決めた。",)),
            b: SourceDoc(b, paragraphs=("売上高は過去最高を更新した。",))}
    real = verify.pipeline.prepare_source_cached

    def prepare(doc):
        if doc.url == a:
            raise ValueError("could not convert string to float: '3万'")
        return real(doc)
    monkeypatch.setattr(verify.pipeline, "prepare_source_cached", prepare)
    results = {r.claim_id: r for r in verify_article(article, docs.__getitem__)}
    assert results["b1-c1"].verdict is Verdict.UNVERIFIABLE and results["b1-c1"].internal_error
    assert "ValueError" in results["b1-c1"].reason
    assert results["b2-c1"].verdict is Verdict.SUPPORTED and not results["b2-c1"].internal_error
    assert results["p1"].verdict is Verdict.SUPPORTED and results["p1"].source_url == b


_ONE_CLAIM = parse_text("題\n公開日:2025/05/08\n✅ 日銀が利上げした。\n"
                        "さらに読む ⇒A出典/画像元: https://a.example.jp/1続く。\n", "t.txt")


def test_a_source_getter_that_raises_makes_its_claims_unverifiable():
    article = _ONE_CLAIM

    def get(url):
        raise OSError("disk on fire")
    [result] = verify_article(article, get)
    assert result.verdict is Verdict.UNVERIFIABLE and result.internal_error
    assert result.reason.startswith("internal error: OSError: disk on fire")


def test_an_internal_error_never_shows_the_credentials_of_a_url_it_quotes():
    article = _ONE_CLAIM

    def get(url):
        raise ValueError("no route to https://editor:hunter2@a.example.jp/1 (via http://x:y@proxy.jp/)")
    [result] = verify_article(article, get)
    assert "hunter2" not in result.reason and "x:y@" not in result.reason
    assert "https://a.example.jp/1" in result.reason and "http://proxy.jp/" in result.reason


@pytest.mark.parametrize("where", ["claim", "page"])
def test_a_number_like_2man3man_never_takes_the_run_down(tmp_path, local_server, where):
    # 「2万3万」 once raised ValueError in the number parser. Fixed or not, the run must finish
    # with every claim reported; while it fails, the claim is an internal error (exit 3).
    odd = "参加者は2万3万人に達した。"
    page = ("<html><head><title>条約</title></head><body><article><p>ロシアとイランは17日、条約に署名した。"
            + (odd if where == "page" else "") + "両国は軍事協力を強化する。</p></article></body></html>")
    url = local_server.route("/p", page)
    article = tmp_path / "a.txt"
    claims = ["ロシアとイランは条約に署名した。", odd if where == "claim" else "両国は軍事協力を強化する。"]
    article.write_text("題\n公開日:2025/01/17\n" + "".join(f"✅ {c}\n" for c in claims)
                       + f"さらに読む ⇒どこか出典/画像元: {url}続く。\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    run = run_cli("verify", article, "--csv", out, "--allow-private", "--no-cache", "--delay", "0", "--ignore-robots")
    rows = _rows(out)
    assert len(rows) == 2 and "Traceback" not in run.stderr
    errors = [r for r in rows if r["reason"].startswith("internal error:")]
    assert run.code == (ExitStatus.INTERNAL_ERROR if errors else ExitStatus.OK), run.stderr
    assert all(r["verdict"] == "unverifiable" for r in errors)


def test_a_claim_longer_than_sudachi_accepts_is_cut_and_says_so(tmp_path):
    long_claim = "ロシアと北朝鮮は" + "軍事、" * 5_000 + "経済などで協力する。"  # 15,000 characters
    huge_claim = "ロシア" + "あ" * 20_000 + "。"  # over 49,149 bytes in one piece
    article = _seed_with(tmp_path, long_claim)
    article.write_text(article.read_text(encoding="utf-8") + f"💡 {huge_claim}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with time_limit(60):
        run = run_cli("verify", article, "--cassette", CASSETTE, "--csv", out)
    assert run.code == ExitStatus.OK, run.stderr
    rows = {r["claim"]: r for r in _rows(out)}
    for claim in (long_claim, huge_claim):
        assert f"claim cut to the first {MAX_CLAIM_CHARS:,} characters" in rows[claim]["reason"]
        assert rows[claim]["verdict"] != "supported"
    assert sum("claim cut" in r["reason"] for r in rows.values()) == 2


def test_a_page_of_too_many_sentences_is_cut_and_the_reason_says_so(tmp_path, local_server):
    sentences = "".join(f"東京都で{i}人が集まった。" for i in range(MAX_SOURCE_SENTENCES + 1000))
    url = local_server.route("/big", f"<html><head><title>集会</title></head><body><article><p>{sentences}"
                                     "</p></article></body></html>")
    article = tmp_path / "a.txt"
    article.write_text("題\n公開日:2025/01/17\n✅ 東京都で5人が集まった。\n✅ 東京都で5900人が集まった。\n"
                       f"さらに読む ⇒どこか出典/画像元: {url}続く。\n", encoding="utf-8")
    out = tmp_path / "out.json"
    with time_limit(120):
        run = run_cli("verify", article, "--json", out, "--allow-private", "--no-cache", "--delay", "0",
                      "--ignore-robots")
    assert run.code == ExitStatus.OK, run.stderr
    import json

    first, beyond = json.loads(out.read_text(encoding="utf-8"))["claims"]
    note = f"page cut to the first {MAX_SOURCE_SENTENCES:,} sentences"
    assert first["verdict"] == "supported" and note in first["reason"]
    assert beyond["verdict"] != "supported" and note in beyond["reason"]


def test_a_page_longer_than_the_character_bound_is_cut_to_a_prefix(monkeypatch):
    monkeypatch.setattr(verify.pipeline, "MAX_SOURCE_CHARS", 30)
    doc = SourceDoc("u", paragraphs=("日銀は利上げを決めた。", "売上高は過去最高を更新した。", "三番目の段落。"))
    bounded, note = verify.pipeline.bound_source(doc)
    assert note == "page cut to the first 30 characters"
    assert doc.text.startswith(bounded.text) and len(bounded.text) == 30
    assert verify.pipeline.bound_source(bounded)[1] == ""


def test_an_input_that_breaks_the_reader_is_an_internal_error_and_the_others_are_verified(tmp_path, monkeypatch):
    import verify.cli.inputs

    real = verify.cli.inputs.read_article

    def read(path, stdin=None):
        if path.endswith("bad.txt"):
            raise IndexError("list index out of range")
        return real(path, stdin)
    monkeypatch.setattr(verify.cli.inputs, "read_article", read)
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED_TEXT, encoding="utf-8")
    out = tmp_path / "out.csv"
    run = run_cli("verify", bad, SEED, "--cassette", CASSETTE, "--csv", out)
    assert run.code == ExitStatus.INTERNAL_ERROR
    assert f"{bad}: internal error: IndexError: list index out of range" in run.stderr
    assert "Traceback" not in run.stderr and len(_rows(out)) == 9


class _BrokenTrafilatura:
    """A meta-path finder that fails `import trafilatura` as a pip 23.2 install did (issue #11)."""

    def find_spec(self, name, path=None, target=None):
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\n"
                              "Install lxml[html_clean] or lxml_html_clean directly.")
        return None


@pytest.mark.parametrize("command", [["demo"], ["verify", str(SEED), "--cassette", str(CASSETTE)]])
def test_an_extractor_that_cannot_be_imported_stops_the_run_at_once_in_one_line(monkeypatch, tmp_path, command):
    import sys

    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_BrokenTrafilatura(), *sys.meta_path])
    report = tmp_path / "r.csv"
    run = run_cli(*command, "--csv", report)
    assert run.code == ExitStatus.BROKEN_INSTALL == 4
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("claimcheck: error: the generic extractor cannot import trafilatura (ImportError: "
                           "lxml.html.clean module is now a separate project lxml_html_clean. Install")
    assert "install it again" in line and not report.exists()
    assert run.stdout == ""  # nothing was run
