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
