"""Cited URLs end where a character that cannot be in a URL begins."""
import string

from hypothesis import given, strategies as st

from claims.urls import find_urls, first_url

SEED_MAINICHI = "https://mainichi.jp/articles/20241205/k00/00m/030/043000c"
SEED_REUTERS = "https://jp.reuters.com/world/europe/UEFNC4ERRFOTLOKZXDUN4LQ3BY-2025-01-17/"


def test_url_glued_to_japanese_sentence_ends_before_it():
    assert first_url(f"出典/画像元: {SEED_MAINICHI}ロシアと北朝鮮の軍事協力") == SEED_MAINICHI
    assert first_url(f"出典/画像元: {SEED_REUTERS}イランとロシアの関係は") == SEED_REUTERS


def test_sentence_punctuation_after_url_is_not_part_of_it():
    assert first_url("see https://example.com/a/b.") == "https://example.com/a/b"
    assert first_url("(https://example.com/a)") == "https://example.com/a"
    assert first_url("https://en.wikipedia.org/wiki/Foo_(bar)") == "https://en.wikipedia.org/wiki/Foo_(bar)"


def test_full_width_characters_end_the_url():
    assert first_url("https://example.jp/x/１２３") == "https://example.jp/x/"
    assert first_url("https://example.jp/q?id=5、次の") == "https://example.jp/q?id=5"


def test_no_url_gives_empty_string():
    assert first_url("出典/画像元: 毎日新聞") == ""
    assert find_urls("http:// only") == []


_url_tail = st.text(alphabet=string.ascii_letters + string.digits + "-_/~%=&", min_size=1, max_size=40)
_japanese = st.text(alphabet="あいうえおかきくけこロシア北朝鮮。、「」", min_size=1, max_size=20)


@given(tail=_url_tail, after=_japanese)
def test_any_url_followed_by_japanese_is_recovered_exactly(tail, after):
    url = f"https://news.example.jp/{tail}"
    assert first_url(f"出典: {url}{after}") == url


def test_url_glued_to_a_sentence_starting_with_ascii_is_cut_to_its_sites_shape():
    # 「…/010/123000c3月からは」: the characters alone cannot tell; the site's article shape can
    from claims.urls import cited_urls

    mainichi = "https://mainichi.jp/articles/20260820/k00/00m/020/214000c"
    url, note = cited_urls(f"出典/画像元: {mainichi}2027年度からは")[0]
    assert url == mainichi and "mainichi.jp" in note and "2027" in note
    reuters = "https://jp.reuters.com/economy/R8TXM3QPZK6WJNV2HBL5DFCGYE-2026-01-16/"
    assert first_url(f"{reuters}4月から") == reuters
    assert first_url("https://www.jiji.com/jc/article?k=2026031100512&g=eco4月には") \
        == "https://www.jiji.com/jc/article?k=2026031100512&g=eco"
    assert first_url("https://www3.nhk.or.jp/news/html/20250710/k10014857231000.htmlNHKによると") \
        == "https://www3.nhk.or.jp/news/html/20250710/k10014857231000.html"


def test_any_site_ends_its_url_after_a_file_name_or_before_glued_capitals():
    assert first_url("https://example.jp/a/b.html2025年には") == "https://example.jp/a/b.html"
    assert first_url("https://example.jp/a/b.html") == "https://example.jp/a/b.html"  # not .htm + l
    assert first_url("https://example.jp/a.php?id=3&x=1です") == "https://example.jp/a.php?id=3&x=1"
    assert first_url("https://www.example.jp/article/461738PB商品は") == "https://www.example.jp/article/461738"


def test_a_url_that_fits_its_sites_shape_is_left_alone():
    from claims.urls import cited_urls

    assert cited_urls("https://mainichi.jp/articles/20250418/k00/00m/010/287000cです") == [
        ("https://mainichi.jp/articles/20250418/k00/00m/010/287000c", "")]


def test_an_internationalised_host_is_a_url():
    assert first_url("出典/画像元: https://日本語.jp/news/1です") == "https://日本語.jp/news/1"
