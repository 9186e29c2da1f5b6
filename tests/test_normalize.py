"""One normal form for Japanese comparison, with offsets back into the original."""
import pytest

from verify.text import kanji_to_int, norm, normalize, split_sentences


@pytest.mark.parametrize("raw, expected", [
    ("［モスクワ　１７日　ロイター］", "[モスクワ17日ロイター]"),
    ("期間を二十年とする", "期間を20年とする"),
    ("二〇二四年", "2024年"),
    ("三万人", "3万人"),
    ("千三十五万円", "1035万円"),
    ("令和7年", "2025年"),
    ("令和元年", "2019年"),
    ("1,234人", "1234人"),
    ("〇・二五％", "0.25%"),
    ("3千万円", "3000万円"),
    ("キム・ジョンギュ", "キム・ジョンギュ"),  # kept: ペルー・リマ is two names; checks fold it
    ("『引用』", "「引用」"),
    ("Ｂａｎｋ　of Japan", "Bank of Japan"),
])
def test_normal_form(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize("word", ["十分な", "一方で", "統一", "数十人", "一時的", "一部"])
def test_numeral_words_stay_words(word):
    assert norm(word) == word


def test_digits_already_written_are_not_multiplied():
    assert norm("1万人以上") == "1万人以上"


def test_kanji_numerals():
    assert kanji_to_int("二十") == 20
    assert kanji_to_int("千三十五万") == 10350000
    assert kanji_to_int("二〇二四") == 2024
    assert kanji_to_int("二三十") is None


def test_offsets_point_back_into_the_original():
    raw = "［東京　２４日　ロイター］ - 二十年間"
    n = normalize(raw)
    at = n.text.index("24日")
    start, end = n.span(at, at + 3)
    assert raw[start:end] == "２４日"
    at = n.text.index("20年")
    start, end = n.span(at, at + 3)
    assert raw[start:end] == "二十年"


def test_sentences_split_outside_brackets_and_at_newlines():
    text = "彼は「もう終わりだ。帰る」と述べた。次の文！\n見出し\n最後の文？"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["彼は「もう終わりだ。帰る」と述べた。", "次の文！", "見出し", "最後の文？"]


def test_unclosed_bracket_cannot_swallow_the_page():
    text = "「閉じない括弧。\n次の行。さらに。"
    assert [text[a:b] for a, b in split_sentences(text)] == ["「閉じない括弧。", "次の行。", "さらに。"]


@pytest.mark.parametrize("place", ["新千歳", "四日市市", "十日町市", "八千代市"])
def test_numerals_inside_place_names_stay(place):
    assert norm(f"{place}で会見") == f"{place}で会見"


def test_a_city_after_a_long_subject_is_no_number():
    # after a long subject Sudachi reads 千歳 as 千 + 歳; the clause alone keeps the city
    text = "北海道不動産鑑定士協会の松浦雅之会長は、千歳の上昇はしばらく続くとみている。参加者は三千人に上った。"
    assert normalize(text).text == "北海道不動産鑑定士協会の松浦雅之会長は、千歳の上昇はしばらく続くとみている。参加者は3000人に上った。"
