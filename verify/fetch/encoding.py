"""Turn the bytes of a web page into text without producing mojibake.

`requests` falls back to ISO-8859-1 when the header names no charset, which turns every
Japanese page without a declaration (jp.reuters.com does this) into garbage. So we decode
ourselves, in this order, and a method whose charset cannot decode the bytes strictly is
skipped (headers and meta tags do lie):

1. byte order mark;
2. charset in the Content-Type header;
3. <meta charset> / <meta http-equiv="Content-Type"> in the first 4 KB;
4. strict UTF-8;
5. charset-normalizer on a slice of the body, preferring Japanese codecs on ties;
6. last resort: the declared, detected or usual codec that leaves the fewest broken
   bytes, if they are few (a stray bad byte should not cost a whole page).
"""
from __future__ import annotations

import codecs
import re

import charset_normalizer

META_SCAN_BYTES = 4096
DETECT_SLICE_BYTES = 64 * 1024
# Share of U+FFFD allowed in the last-resort decode: real sites often have a stray bad byte
# in an otherwise good page, but a page mostly replaced is not text.
MAX_REPLACED_RATIO = 0.005
# How much messier (charset-normalizer "chaos", 0..1) a Japanese guess may be than the best
# guess and still win. Short EUC-JP snippets score 0.0 as Thai cp874 and 0.025 as EUC-JP.
JAPANESE_TOLERANCE = 0.05

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),  # before UTF-16 LE: its BOM starts the same
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Declared names replaced by the superset that sites actually emit. Shift_JIS pages are
# written on Windows in cp932 (NEC/IBM extensions such as ① and ㈱ would fail strict
# shift_jis); Latin-1 declarations mean windows-1252 in every browser.
_SUPERSETS = {
    "shift_jis": "cp932",
    "shift_jis_2004": "cp932",
    "shift_jisx0213": "cp932",
    "euc_jis_2004": "euc_jp",
    "euc_jisx0213": "euc_jp",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
}
# Labels browsers accept that Python's codec registry does not know.
_ALIASES = {"windows_31j": "cp932", "x_sjis": "cp932", "x_euc_jp": "euc_jp", "csshiftjis": "cp932"}
_LAST_RESORT = ("utf-8", "cp932", "euc_jp")
_JAPANESE = ("cp932", "euc_jp", "iso2022_jp", "shift_jis", "euc_jis_2004", "shift_jis_2004")

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:+-]+)""", re.IGNORECASE)
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([\w.:+-]+)""", re.IGNORECASE)


class EncodingFailure(ValueError):
    """No method produced text from the bytes."""


def decode_body(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode an HTML body; return (text, how), e.g. ("…", "utf-8 (header)").

    Raises EncodingFailure only when no method gives text.
    """
    for bom, codec, name in _BOMS:
        if body.startswith(bom):
            text = _strict(body, codec)
            if text is not None:
                return text.lstrip("\ufeff"), f"{name} (BOM)"
    tried: list[str] = []
    for source, label in (("header", header_charset(content_type)), ("meta", meta_charset(body))):
        if label is None:
            continue
        codec = normalize(label)
        if codec is None:
            continue
        tried.append(codec)
        result = _declared(body, codec, source)
        if result is not None:
            return result
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8 (valid)"
    for codec in detect(body):
        tried.append(codec)
        text = _strict(body, codec)
        if text is not None:
            return text, f"{codec} (detected)"
    # Last resort: the codec that leaves the fewest broken bytes, declared ones first on ties.
    fallback = list(dict.fromkeys([*tried, *_LAST_RESORT]))  # keeps order, drops repeats
    scored = [(body.decode(codec, errors="replace"), codec) for codec in fallback]
    text, codec = min(scored, key=lambda pair: pair[0].count("\ufffd"))
    bad = text.count("\ufffd")
    if text and bad <= MAX_REPLACED_RATIO * len(text):
        # bad == 0: a usual codec detection did not propose decodes it cleanly.
        return text, f"{codec} (fallback)" if bad == 0 else f"{codec} (lenient, {bad} bad bytes replaced)"
    raise EncodingFailure(f"cannot decode {len(body)} bytes as text (tried: {', '.join(fallback)})")


def header_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset declared by a <meta> tag in the first META_SCAN_BYTES, if any."""
    for tag in _META_TAG.finditer(body[:META_SCAN_BYTES]):
        raw = tag.group(0)
        # <meta charset="x"> and <meta http-equiv="Content-Type" content="...; charset=x">
        # both match; other metas (og:description mentioning "charset=") rarely do, and
        # a wrong hit is caught by strict decoding anyway.
        if b"charset" not in raw.lower():
            continue
        match = _META_CHARSET.search(raw)
        if match:
            label = match.group(1).decode("ascii", errors="replace")
            # A meta tag readable as ASCII cannot be in UTF-16; browsers read it as UTF-8.
            return "utf-8" if label.lower().startswith("utf-16") else label
    return None


def normalize(label: str) -> str | None:
    """Python codec name for a charset label, widened to its common superset; None if unknown."""
    label = label.strip().lower().replace("-", "_")
    try:
        name = codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None
    name = name.replace("-", "_") if name != "utf-8" else name
    return _SUPERSETS.get(name, name)


def detect(body: bytes) -> list[str]:
    """Codecs charset-normalizer finds plausible for a slice of the body, best first."""
    sample = body[:DETECT_SLICE_BYTES]
    if len(body) > DETECT_SLICE_BYTES:
        # Cut at a tag or line start so no multibyte character is split: a split character
        # at the end makes the detector reject the right codec.
        cut = max(sample.rfind(b"<"), sample.rfind(b"\n"))
        if cut > DETECT_SLICE_BYTES // 2:
            sample = sample[:cut]
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return []
    best = min(m.chaos for m in matches)
    # Short Japanese strings decode about as cleanly as Korean, Chinese or even Thai; this
    # toolkit reads Japanese news, so among nearly-as-clean guesses a Japanese codec wins.
    ordered = sorted(
        matches,
        key=lambda m: (m.chaos > best + JAPANESE_TOLERANCE, m.encoding not in _JAPANESE, m.chaos),
    )
    codecs_found = []
    for match in ordered:
        codec = normalize(match.encoding)
        if codec is not None:
            codecs_found.append(codec)
            if codec != match.encoding:  # e.g. euc_jis_2004 kept as a fallback for euc_jp
                codecs_found.append(match.encoding)
    return list(dict.fromkeys(codecs_found))


def _declared(body: bytes, codec: str, source: str) -> tuple[str, str] | None:
    """Decode with a declared charset, or None so the caller tries the next method."""
    if codec.startswith(("utf_16", "utf_32")) and b"\x00" not in body[:64]:
        return None  # BOM-less UTF-16 text has NULs in every ASCII char; this is a stale label
    if codec != "utf-8" and not body.isascii():
        # Valid UTF-8 with non-ASCII bytes is next to impossible by accident, whereas
        # UTF-8 bytes often decode "successfully" as cp1252 or even cp932 mojibake. So a
        # page that is valid UTF-8 is UTF-8, whatever a template's stale header says.
        text = _strict(body, "utf-8")
        if text is not None:
            return text, f"utf-8 (valid UTF-8; {source} said {codec})"
    text = _strict(body, codec)
    return None if text is None else (text, f"{codec} ({source})")


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
