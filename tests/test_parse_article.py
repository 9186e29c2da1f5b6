"""Reading summary articles (text, saved HTML, stdin bytes) into blocks of claims."""
from pathlib import Path

import pytest

from claims import POINTS, ArticleError, article_from_bytes, parse_text, read_article

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"


@pytest.fixture(scope="module")
def seed():
    return read_article(str(SEED))


def test_seed_has_two_blocks_with_three_claims_each(seed):
    assert [b.id for b in seed.blocks] == ["b1", "b2"]
    assert [len(b.claims) for b in seed.blocks] == [3, 3]
    assert [c.id for c in seed.blocks[1].claims] == ["b2-c1", "b2-c2", "b2-c3"]


def test_block_dates_urls_and_outlets(seed):
    b1, b2 = seed.blocks
    assert (b1.published, b2.published) == ("2025-01-04", "2025-01-17")
    assert b1.source_url == "https://mainichi.jp/articles/20241205/k00/00m/030/043000c"
    assert b2.source_url == "https://jp.reuters.com/world/europe/UEFNC4ERRFOTLOKZXDUN4LQ3BY-2025-01-17/"
    assert b1.outlet == "ニュースサイト"
    assert b2.outlet.startswith("ロイター")


def test_headings_are_the_lines_that_read_like_headings(seed):
    assert seed.blocks[0].heading == "新たな戦略的パートナーシップの幕開け"
    assert seed.blocks[1].heading == "イランとの関係深化:制裁下での連携"


def test_claim_text_has_no_mark_and_keeps_its_line(seed):
    first = seed.blocks[0].claims[0]
    assert first.text.startswith("北朝鮮とロシアの間の")
    assert "✅" not in first.text
    assert SEED.read_text(encoding="utf-8").splitlines()[first.line - 1].endswith(first.text)


def test_points_are_kept_as_uncited_claims(seed):
    assert [p.id for p in seed.points] == ["p1", "p2", "p3"]
    assert all(p.block == POINTS for p in seed.points)
    assert len(seed.claims) == 9


def test_claim_keys_depend_on_text_not_position():
    a = parse_text("T\n公開日:2025/01/01\n✅ 一つ目。\n✅ 二つ目。\n", name="x.txt")
    b = parse_text("T\n公開日:2025/01/01\n✅ 二つ目。\n✅ 一つ目。\n", name="x.txt")
    assert {c.text: c.key for c in a.claims} == {c.text: c.key for c in b.claims}
    assert a.claims[0].key != a.claims[1].key


def test_full_width_colon_and_date_variants_are_read():
    art = parse_text("題\n公開日：２０２５／１／７\n✅ 主張です。\nさらに読む ⇒毎日新聞出典／画像元：https://a.jp/x次の文。\n")
    assert art.blocks[0].published == "2025-01-07"
    assert art.blocks[0].source_url == "https://a.jp/x"
    assert art.blocks[0].outlet == "毎日新聞"


def test_block_without_citation_keeps_its_claims_with_empty_url():
    art = parse_text("題\n公開日:2025/01/01\n✅ 出典のない主張。\n")
    assert art.blocks[0].source_url == ""
    assert len(art.claims) == 1


def test_no_claims_is_an_error_naming_the_input():
    with pytest.raises(ArticleError, match=r"notes\.txt: no ✅ claims"):
        parse_text("ただの文章です。\n何も主張しない。\n", name="notes.txt")


def test_saved_html_article_reads_like_the_text(seed):
    html = """<!doctype html><html><head><title>x</title><script>var a='✅ no';</script></head><body>
    <h1>ロシアとイラン</h1><p>💡 <b>ポイント</b>です。</p>
    <p>公開日:2025/01/17</p>
    <ul><li>✅ ロシアと<strong>イラン</strong>が条約に署名した。</li><li>✅ 二つ目の主張。</li></ul>
    <p>さらに読む ⇒ロイター出典/画像元: <a href="https://jp.reuters.com/world/x-2025-01-17/">ロイター</a>続く文。</p>
    </body></html>"""
    art = article_from_bytes(html.encode("utf-8"), "saved.html")
    assert [c.text for c in art.blocks[0].claims] == ["ロシアとイランが条約に署名した。", "二つ目の主張。"]
    assert art.blocks[0].source_url == "https://jp.reuters.com/world/x-2025-01-17/"
    assert [p.text for p in art.points] == ["ポイントです。"]


def test_shift_jis_saved_page_is_decoded(tmp_path):
    # cp932 has no ✅, so a Shift_JIS page writes it as a character reference
    html = ("<html><body><p>北朝鮮の記事</p><p>公開日:2025/01/04</p><p>&#x2705; 条約が発効した。</p>"
            "<p>さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/1/c次へ</p></body></html>")
    path = tmp_path / "sjis.html"
    path.write_bytes(html.encode("cp932"))
    article = read_article(str(path))
    assert [c.text for c in article.claims] == ["条約が発効した。"]
    assert article.blocks[0].source_url == "https://mainichi.jp/articles/1/c"


@pytest.mark.parametrize("content, problem", [
    (b"\x00\x01\x02binary", "binary file"),
    (b"", "no ✅ claims"),
])
def test_unreadable_files_raise_one_line_errors(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        read_article(str(path))
    assert str(path) in str(info.value) and problem in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_and_directory_errors(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(str(tmp_path / "nope.txt"))
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(str(tmp_path))
