"""No quadratic corners: hostile articles and pages finish, every claim is reported, and a reason
says when a bound cut what was matched (issue #11). Timings are in benchmarks/bench_bounds.py;
here a generous time guard only turns a hang into a failure."""
from __future__ import annotations

import json

from run_helpers import run_cli, time_limit

from claims.urls import first_url
from verify.text import analyze, lemmas, split_sentences
from verify.text.sentences import MAX_SENTENCE_CHARS
from verify.text.tokens import CHUNK_CHARS, chunks

URL = "https://example.org/news/1"


def _article(tmp_path, citation_tail: str = "", name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(f"題\n公開日:2025/01/04\n✅ 何かが起きた。\nさらに読む ⇒どこか出典/画像元: {URL}{citation_tail}\n",
                    encoding="utf-8")
    return path


def _extracted(run) -> list[dict]:
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_a_url_followed_by_200k_closing_parentheses_or_brackets_is_read_at_once(tmp_path):
    for closer in ")]":
        article = _article(tmp_path, closer * 200_000, f"{ord(closer)}.txt")
        with time_limit(10):
            run = run_cli("extract", article, "--json")
        assert _extracted(run)[0]["blocks"][0]["source_url"] == URL


def test_brackets_that_belong_to_the_url_stay():
    assert first_url("(see https://en.wikipedia.org/wiki/Foo_(bar)))") == "https://en.wikipedia.org/wiki/Foo_(bar)"
    assert first_url("https://x.jp/a[1]]]") == "https://x.jp/a[1]"


def test_a_saved_article_nested_20000_divs_deep_is_read(tmp_path):
    depth = 20_000
    page = tmp_path / "deep.html"
    page.write_text("<!doctype html><html><body>" + "<div>" * depth
                    + f"<p>題</p><p>公開日:2025/01/04</p><p>✅ 何かが起きた。</p>"
                      f"<p>さらに読む ⇒どこか出典/画像元: <a href=\"{URL}\">記事</a></p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    with time_limit(15):
        run = run_cli("extract", page, "--json")
    block = _extracted(run)[0]["blocks"][0]
    assert block["source_url"] == URL and block["claims"][0]["text"] == "何かが起きた。"


def test_text_longer_than_sudachi_accepts_is_tokenised_in_pieces():
    text = "東京で会う。" * 10_000  # 60,000 characters, 180,000 bytes: Sudachi alone refuses it
    tokens = analyze(text)
    assert all(text[t.start:t.end] == t.surface for t in tokens)
    assert tokens[-1].end == len(text) and {"東京", "会う"} <= lemmas(text)


def test_long_text_is_cut_between_words_where_it_can_be():
    text = ("あ" * 100 + "、") * 200
    pieces = chunks(text)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= CHUNK_CHARS and p.endswith("、") for _, p in pieces[:-1])


def test_a_sentence_without_punctuation_is_cut_into_bounded_pieces():
    text = "前文。" + "あ" * 2500 + "。" + "う、" * 800
    spans = split_sentences(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    assert spans[0] == (0, 3) and spans[-1][1] == len(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_page_sentence_longer_than_sudachi_accepts_is_read(tmp_path, local_server):
    run_on = "東京では" + "あ" * 20_000 + "。"  # one 'sentence' of 60,000 bytes
    url = local_server.route("/p", "<html><head><title>条約</title></head><body><article><p>"
                                   f"ロシアとイランは17日、条約に署名した。{run_on}両国は軍事協力を強化する。</p></article></body></html>")
    article = tmp_path / "a.txt"
    article.write_text("題\n公開日:2025/01/17\n✅ ロシアとイランは条約に署名した。\n✅ 両国は軍事協力を強化する。\n"
                       f"さらに読む ⇒どこか出典/画像元: {url}続く。\n", encoding="utf-8")
    with time_limit(60):
        run = run_cli("verify", article, "--json", tmp_path / "r.json", "--allow-private", "--no-cache",
                      "--delay", "0", "--ignore-robots")
    assert run.code == 0, run.stderr
    claims = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["claims"]
    assert [c["verdict"] for c in claims] == ["supported", "supported"]
