"""decode_body: header, meta, BOM, UTF-8 and detection, with lying declarations."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.fetch.encoding import EncodingFailure, decode_body, detect, meta_charset, normalize

ARTICLE = (
    "北朝鮮の朝鮮中央通信は5日、ロシアとの「包括的戦略パートナーシップ条約」が4日に発効したと報じた。"
    "両国の外務次官がモスクワで批准書を交換したという。"
)
NEC_SPECIAL = "①㈱"  # in cp932 only: strict shift_jis cannot encode or decode these


def page(text: str = ARTICLE, head: str = "") -> str:
    return f"<!DOCTYPE html>\n<html lang=\"ja\"><head>{head}<title>記事</title></head><body><p>{text}</p></body></html>"


def test_header_utf8_is_used_and_named():
    text, how = decode_body(page().encode("utf-8"), "text/html; charset=UTF-8")
    assert ARTICLE in text
    assert how == "utf-8 (header)"


def test_reuters_style_utf8_without_any_declaration_is_not_mojibake():
    text, how = decode_body(page().encode("utf-8"), "text/html")
    assert ARTICLE in text
    assert how == "utf-8 (valid)"


def test_shift_jis_declared_only_in_meta_http_equiv_decodes_as_cp932():
    head = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    text, how = decode_body(page(ARTICLE + NEC_SPECIAL, head).encode("cp932"), "text/html")
    assert ARTICLE + NEC_SPECIAL in text
    assert how == "cp932 (meta)"


def test_meta_charset_attribute_is_found():
    body = page(head='<meta charset="euc-jp">').encode("euc_jp")
    assert decode_body(body, "text/html") == (page(head='<meta charset="euc-jp">'), "euc_jp (meta)")


def test_shift_jis_declared_nowhere_is_detected():
    text, how = decode_body(page().encode("cp932"), "text/html")
    assert ARTICLE in text
    assert how == "cp932 (detected)"


def test_euc_jp_declared_nowhere_is_detected():
    text, how = decode_body(page().encode("euc_jp"), "")
    assert ARTICLE in text
    assert how.startswith("euc_j") and how.endswith("(detected)")


@pytest.mark.parametrize("short", ["こんにちは", "ロシアとイランが戦略条約に署名"])
def test_short_euc_jp_prefers_japanese_over_korean(short):
    text, _ = decode_body(page(short).encode("euc_jp"), "")
    assert short in text


def test_euc_jp_in_header():
    text, how = decode_body(page().encode("euc_jp"), "text/html; charset=EUC-JP")
    assert ARTICLE in text and how == "euc_jp (header)"


def test_header_saying_utf8_over_shift_jis_bytes_falls_through():
    text, how = decode_body(page().encode("cp932"), "text/html; charset=utf-8")
    assert ARTICLE in text
    assert how == "cp932 (detected)"


def test_header_lying_falls_through_to_a_truthful_meta():
    head = '<meta charset="shift_jis">'
    text, how = decode_body(page(ARTICLE, head).encode("cp932"), "text/html; charset=euc-jp")
    assert ARTICLE in text and how == "cp932 (meta)"


@pytest.mark.parametrize("declared", ["iso-8859-1", "shift_jis", "euc-jp"])
def test_valid_utf8_wins_over_a_stale_non_utf8_header(declared):
    text, how = decode_body(page().encode("utf-8"), f"text/html; charset={declared}")
    assert ARTICLE in text
    assert how.startswith("utf-8 (valid UTF-8; header said")


def test_unknown_charset_label_is_ignored():
    text, how = decode_body(page().encode("utf-8"), "text/html; charset=x-no-such-thing")
    assert ARTICLE in text and how == "utf-8 (valid)"


@pytest.mark.parametrize("codec, name", [("utf-8-sig", "utf-8"), ("utf-16", "utf-16")])
def test_bom_wins_over_header(codec, name):
    text, how = decode_body(page().encode(codec), "text/html; charset=iso-8859-1")
    assert text.startswith("<!DOCTYPE") and ARTICLE in text
    assert how == f"{name} (BOM)"


def test_header_claiming_utf16_over_ascii_compatible_bytes_falls_through():
    text, how = decode_body(page().encode("cp932"), "text/html; charset=utf-16")
    assert ARTICLE in text and how == "cp932 (detected)"


def test_quoted_header_charset():
    text, how = decode_body(page().encode("cp932"), 'text/html; charset="Shift_JIS"')
    assert ARTICLE in text and how == "cp932 (header)"


def test_one_stray_byte_in_a_long_page_is_replaced_not_fatal():
    body = page(ARTICLE * 20).encode("cp932")
    body = body.replace(b"<body>", b"<body>\x81 ")  # a lead byte without its trail byte
    text, how = decode_body(body, "text/html; charset=shift_jis")
    assert ARTICLE in text
    assert "lenient" in how and "1 bad" in how


def test_one_stray_byte_in_undeclared_utf8_is_replaced_not_fatal():
    body = page(ARTICLE * 5).encode("utf-8").replace(b"<body>", b"<body>\xe3 ")
    text, how = decode_body(body, "text/html")
    assert ARTICLE in text
    assert how == "utf-8 (lenient, 1 bad bytes replaced)"


def test_garbage_bytes_raise_encoding_failure():
    garbage = bytes([0x80, 0xFF, 0x81, 0xFE] * 50)
    with pytest.raises(EncodingFailure):
        decode_body(garbage, "text/html; charset=utf-8")
    assert issubclass(EncodingFailure, ValueError)


@pytest.mark.parametrize("label, codec", [
    ("Shift_JIS", "cp932"), ("x-sjis", "cp932"), ("Windows-31J", "cp932"), ("EUC-JP", "euc_jp"),
    ("ISO-8859-1", "cp1252"), ("utf8", "utf-8"), ("ISO-2022-JP", "iso2022_jp"), ("nope", None),
])
def test_normalize_maps_labels_to_supersets(label, codec):
    assert normalize(label) == codec


def test_meta_charset_beyond_the_scan_window_is_ignored():
    body = b"<html><head>" + b" " * 5000 + b'<meta charset="euc-jp">'
    assert meta_charset(body) is None


def test_detection_on_a_slice_of_a_large_body_splitting_no_character():
    body = page(ARTICLE * 1000).encode("cp932")  # ~180 KB, far past the detection slice
    assert detect(body)[0] == "cp932"
    assert ARTICLE in decode_body(body, "text/html")[0]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_declared_utf8_roundtrips_any_text(text):
    body = page(text).encode("utf-8")
    assert decode_body(body, "text/html; charset=utf-8")[0] == page(text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="あいうえお漢字記事条約発効ロシア北朝鮮、。「」0123456789", min_size=1, max_size=80))
def test_declared_japanese_codecs_roundtrip(text):
    for label in ("shift_jis", "euc-jp", "iso-2022-jp"):
        codec = normalize(label)
        body = page(text).encode(codecs.lookup(codec).name)
        decoded, _ = decode_body(body, f"text/html; charset={label}")
        assert decoded == page(text)
