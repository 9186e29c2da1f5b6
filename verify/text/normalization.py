"""One normal form for comparing Japanese claims with source text, with offsets kept.

`normalize(text)` returns a `Normalized` whose `.text` is what the matcher compares and whose
`.origin(i)` maps a position in it back to the original text, so evidence spans can point
into the extracted source even after digits, spaces and numerals were rewritten.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = ("兆", "億", "万")

# Counters and units that make a run of kanji numerals a number (二十年, 三万人) rather than
# part of a word (一方, 統一, 十分, 一部). Longest first.
COUNTERS = (
    "パーセント", "ポイント", "センチ", "ミリ", "カ月", "ヶ月", "か月", "カ国", "ヶ国", "か国", "メートル", "キロ",
    "ドル", "ユーロ", "ウォン", "トン", "年間", "日間", "時間", "週間", "世帯", "議席", "都市",
    "%", "円", "元", "人", "名", "年", "月", "日", "時", "分", "秒", "件", "回", "個", "本", "台",
    "社", "位", "倍", "歳", "才", "機", "隻", "発", "棟", "戸", "校", "店", "票", "点", "度",
    "割", "条", "項", "期", "代", "階", "周", "勝", "敗", "枚", "頭", "匹", "週", "km", "kg", "cm", "mm", "選",
)
_NUMERAL = "〇零一二三四五六七八九十百千万億兆"
# Counters that also build ordinary words after a kanji numeral (十分 "enough", 一時
# "for a while", 一度 "once", 一代, 一本化) are left out: there the numeral stays a word.
_KANJI_COUNTERS = tuple(c for c in COUNTERS if c not in ("分", "時", "度", "代", "本", "期", "点"))
_KANJI_NUMBER_RE = re.compile(
    rf"(?<![{_NUMERAL}数何\d.])([{_NUMERAL}]+)(?=({'|'.join(map(re.escape, _KANJI_COUNTERS))}))"
)
_DIGIT_THOUSAND_RE = re.compile(r"(\d+)千(?!\d)")  # 3千万 -> 3000万, 1千人 -> 1000人
_KANJI_DECIMAL_RE = re.compile(r"([〇一二三四五六七八九十]+)[・.]([〇一二三四五六七八九]+)")
# Vertical-style copy writes the decimal point as ・ (約5・5キロ); before a unit it is one.
_DIGIT_DECIMAL_RE = re.compile(r"(?<![\d.・])(\d+)・(\d+)(?=(?:キロ|メートル|センチ|ミリ|%|倍|度|億|万|兆|円|秒|ポイント|トン|グラム|ドル|時間|カ月))")
_POSITIONAL_RE = re.compile(r"[〇一二三四五六七八九]{2,}")  # 二〇二四: digit by digit
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
# Business and fiscal copy drops the century: 25年3月期, 24年度 (never a duration there).
_SHORT_YEAR_RE = re.compile(r"(?<![\d.])(\d{2})(?=年(?:度|\d{1,2}月))")
# Broadcasters write these in kana (NHK: ことし, きょう); summaries use the kanji.
_KANA_TIME = {"おととし": "一昨年", "ことし": "今年", "きょねん": "去年", "きょう": "今日",
              "きのう": "昨日", "あした": "明日", "あす": "明日"}
_KANA_TIME_RE = re.compile("|".join(sorted(_KANA_TIME, key=len, reverse=True)))
_ERA_RE = re.compile(r"(令和|平成|昭和|大正|明治)(\d{1,2}|元)年")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−－"), "-")
_QUOTES = {ord("『"): "「", ord("』"): "」", ord("“"): '"', ord("”"): '"', ord("‘"): "'",
           ord("’"): "'", ord("〜"): "~", ord("～"): "~"}
_HALF_DOT_RE = re.compile(r"･")
_SPACE_RE = re.compile(r"\s+")
_KATAKANA_DASH_RE = re.compile(r"(?<=[\u30a1-\u30fa\u30fc])-")


def kanji_to_int(numeral: str) -> int | None:
    """Value of a kanji numeral such as 二十, 千三十五万, 二〇二四; None if it is not one."""
    if not numeral:
        return None
    if all(ch in _KANJI_DIGITS for ch in numeral):
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in numeral))
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in _KANJI_DIGITS:
            if digit is not None:
                return None  # 二三十: not a well-formed numeral
            digit = _KANJI_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            unit = {"万": 10**4, "億": 10**8, "兆": 10**12}[ch]
            total += (section + (digit or 0) or 1) * unit
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _kanji_number_text(numeral: str) -> str | None:
    """二十 -> "20", 三万 -> "3万", 千三十五万 -> "1035万": keep 万/億/兆 as the press writes them."""
    value = kanji_to_int(numeral)
    if value is None:
        return None
    if numeral[-1] in _BIG_UNITS and value % 10**4 == 0:
        for big, size in (("兆", 10**12), ("億", 10**8), ("万", 10**4)):
            if value % size == 0 and value >= size:
                return f"{value // size}{big}"
    return str(value)


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in the original of text[i]
    length: int               # length of the original

    def origin(self, index: int) -> int:
        """Original index of normalised position `index` (end positions map to the end)."""
        if index >= len(self.offsets):
            return self.length
        return self.offsets[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised slice [start, end)."""
        if end <= start:
            return self.origin(start), self.origin(start)
        return self.origin(start), self.offsets[end - 1] + 1


class _Builder:
    """Characters with their original positions, rewritten by regex passes."""

    def __init__(self, chars: list[str], offsets: list[int]):
        self.chars, self.offsets = chars, offsets

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def sub(self, pattern: re.Pattern, replace) -> None:
        text = self.text
        if not pattern.search(text):
            return
        chars, offsets, last = [], [], 0
        for m in pattern.finditer(text):
            new = replace(m)
            if new is None:
                continue
            chars.extend(self.chars[last:m.start()])
            offsets.extend(self.offsets[last:m.start()])
            anchor = self.offsets[m.start()] if m.start() < len(self.offsets) else 0
            for i, ch in enumerate(new):  # spread the replacement over the original span
                src = m.start() + min(i, max(m.end() - m.start() - 1, 0))
                chars.append(ch)
                offsets.append(self.offsets[src] if src < len(self.offsets) else anchor)
            last = m.end()
        chars.extend(self.chars[last:])
        offsets.extend(self.offsets[last:])
        self.chars, self.offsets = chars, offsets


def _era(m: re.Match) -> str:
    year = 1 if m.group(2) == "元" else int(m.group(2))
    return f"{_ERAS[m.group(1)] + year}年"


def _space(m: re.Match) -> str:
    # Spaces matter only between two ASCII words ("Bank of Japan"); Japanese has none, and
    # sources put full-width spaces after datelines and before paragraphs.
    text = m.string
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""


def _proper_noun_spans(text: str) -> list[tuple[int, int]]:
    """Where Sudachi sees a proper noun: 新千歳, 四日市, 十日町 keep their numerals. Each clause is
    read on its own too: after a long subject Sudachi may read 千歳 as 千 + 歳 (a thousand years
    old), which the clause alone keeps as the city."""
    from .tokens import analyze  # only texts with a kanji numeral before a counter pay for this

    spans = [(t.start, t.end) for t in analyze(text, "C") if t.is_proper]
    for clause in re.finditer(r"[^、。]+", text):
        if _KANJI_NUMBER_RE.search(clause.group()):
            spans += [(clause.start() + t.start, clause.start() + t.end) for t in analyze(clause.group(), "C") if t.is_proper]
    return spans


def _inside(span: tuple[int, int], names: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b for a, b in names)


def normalize(text: str) -> Normalized:
    """Normalise for comparison: NFKC, folded quotes/dashes/spaces, Arabic numerals, Western years."""
    text = text.translate(_DASHES).translate(_QUOTES)  # one char for one: offsets unchanged
    if unicodedata.is_normalized("NFKC", text):
        chars, offsets = list(text), list(range(len(text)))  # most Japanese copy: nothing to fold
    else:
        chars, offsets = [], []
        for index, ch in enumerate(text):
            folded = ch if ch < "\u00a0" else unicodedata.normalize("NFKC", ch)
            for out in folded.translate(_DASHES).translate(_QUOTES):
                chars.append(out)
                offsets.append(index)
    b = _Builder(chars, offsets)
    b.sub(_KANJI_DECIMAL_RE, lambda m: f"{kanji_to_int(m.group(1))}.{kanji_to_int(m.group(2)):0{len(m.group(2))}d}")
    b.sub(_DIGIT_DECIMAL_RE, lambda m: f"{m.group(1)}.{m.group(2)}")
    # ・ stays: ペルー・リマ is two names; entity and quote checks fold it (fold_dots)
    b.sub(_HALF_DOT_RE, lambda m: "・")
    b.sub(_SPACE_RE, _space)
    b.sub(_KATAKANA_DASH_RE, lambda m: "ー")
    b.sub(_THOUSANDS_RE, lambda m: "")
    b.sub(_POSITIONAL_RE, lambda m: str(kanji_to_int(m.group(0))) if "〇" in m.group(0) or len(m.group(0)) == 4 else None)
    b.sub(_DIGIT_THOUSAND_RE, lambda m: str(int(m.group(1)) * 1000))
    if _KANJI_NUMBER_RE.search(b.text):
        names = _proper_noun_spans(b.text)
        b.sub(_KANJI_NUMBER_RE, lambda m: None if _inside(m.span(1), names) else _kanji_number_text(m.group(1)))
    b.sub(_ERA_RE, _era)
    b.sub(_SHORT_YEAR_RE, lambda m: f"20{m.group(1)}")
    b.sub(_KANA_TIME_RE, lambda m: _KANA_TIME[m.group(0)])
    return Normalized("".join(b.chars), tuple(b.offsets), len(text))


def fold_dots(text: str) -> str:
    """キム・ジョンギュ and キムジョンギュ compare equal."""
    return text.replace("・", "")


def norm(text: str) -> str:
    """Just the normalised text."""
    return normalize(text).text
