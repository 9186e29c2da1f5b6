"""Reading the numbers a text states: 20年, 1万人, 0.25%, 約500人, 4割強, 数十人, 首位, 男性(64).

Pure text analysis over normalised text (text/normalization.py); the result is a list of
Quantity (quantity.py) in the order the text gives them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..text import COUNTERS
from .quantity import DATE_UNITS, Quantity

_UNIT_ALIASES = {"年間": "年", "日間": "日", "ヶ月": "カ月", "か月": "カ月", "ヶ国": "カ国",
                 "か国": "カ国", "パーセント": "%", "名": "人", "才": "歳", "キロ": "km",
                 "選": "期"}  # 3選 (elected three times) is 3期目
# Words that state a quantity without digits.
NUMBER_WORDS = {(1.0, "位"): ("首位", "トップ"), (2.0, "位"): ("次いで", "2番目", "続いた", "次点"), (2.0, "倍"): ("倍増",),
                (1.0, "回"): ("初めて", "初の")}
_NUMBER_RE = re.compile(
    r"(?<![a-z\d.])((?:\d+(?:\.\d+)?[兆億万])+(?:\d+(?:\.\d+)?)?|\d+(?:\.\d+)?)(?![a-z\d])"
    rf"({'|'.join(map(re.escape, COUNTERS))})?"
)


_APPROX_BEFORE = ("約", "およそ", "ほぼ", "概ね", "推定", "最大")
# 強/弱 are left out: after a number they are as often a level (震度6弱) as "a bit over/under".
_APPROX_AFTER = re.compile(r"^(近く|前後|程度|ほど|台)")
# 50年余り, 100館あまり: a little over, so a lower bound (not strict: 50年 itself is close enough)
_LOWER_BOUND = re.compile(r"^(以上|超|を超え|を超す|を上回|を突破|突破|余り|あまり|余)")
# more than: the value itself is not included (上回る is left out: it compares with a reference
# value as often as it bounds its own, 前回の2時間6分18秒を上回る)
_A_LITTLE_OVER = ("余り", "あまり", "余")  # 140万円あまり: rounded down, as loose as 約
_STRICT_LOWER = ("超", "を超え", "を超す", "を突破", "突破")
_UPPER_BOUND = re.compile(r"^(以下|未満|足らず|を下回|近く|近い)")
_DIRECTION = re.compile(r"^(?:の)?(増加|減少|上昇|下落|低下|増|減|高|安|プラス|マイナス|アップ|ダウン)")
_UP = {"増加", "上昇", "増", "高", "プラス", "アップ"}


_PART_RE = re.compile(r"(\d+(?:\.\d+)?)([兆億万]?)")
_BIG = {"兆": 1e12, "億": 1e8, "万": 1e4, "": 1.0}


def _value(number: str) -> float:
    """4兆7955億 -> 4795500000000.0. Malformed runs (2万3万) add up rather than raise: a page
    may hold anything, and one odd number must not stop the check of a claim."""
    return sum(float(digits) * _BIG[big] for digits, big in _PART_RE.findall(number))


def _band(number: str) -> float:
    """Width of an X台 band: 113円台 is 113-113.99, 3000円台 3000-3999, 1万円台 10000-19999."""
    digits, big = _PART_RE.findall(number)[-1]
    if "." in digits:
        return _BIG[big] * 10 ** -len(digits.split(".", 1)[1])
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    # one trailing zero is usually a digit of its own: 1ドル=150円台 is 150.xx, not 150-159
    return _BIG[big] * 10 ** (zeros if zeros >= 2 else 0)


def _last_place(number: str, approximate: bool) -> float:
    """Size of the last digit the writer committed to: 4.8兆 -> 1e11, 4兆7955億 -> 1e8, 500 -> 1."""
    digits, big = _PART_RE.findall(number)[-1]
    multiplier = _BIG[big]
    if "." in digits:
        return multiplier * 10 ** -len(digits.split(".", 1)[1])
    if approximate:  # "約500人": the zeros are not precision
        significant = digits.rstrip("0")
        return multiplier * 10 ** (len(digits) - len(significant)) if significant else multiplier
    return multiplier


# A label glued to its number (賛成112、反対130; 男子9月15日): two or more kanji/katakana, not a
# marker of approximation (約, 最大) or a date word.
_LABEL_RE = re.compile(r"(?<![約計])[\u4e00-\u9fff\u30a1-\u30faー]{2,6}$")
_SHARE_SHADES = {"強": (2.5, 2.5), "弱": (-2.5, 2.5), "半ば": (5.0, 2.5)}  # (shift, tolerance) in %
# A short noun right after a bare number is what it counts (1731施設, 47都道府県), unless it is
# a word of approximation, bound or direction read elsewhere (以上, 余り, 増).
_COUNTED_NOUN_RE = re.compile(r"([\u4e00-\u9fff]{1,3})(?=[^\u4e00-\u9fff]|$)")
_NOT_A_COUNTED_NOUN = re.compile(r"^(?:以上|以下|未満|超|近|余|程度|前後|増|減|高|安|台|強|弱|位|号|番|次|期|代|条|項|型|系|版)")

# A 「quoted」 answer or title that owns the number after it: 「観光資源になる」が41%.
_QUOTED_LABEL_RE = re.compile(r"(?<=「)[^「」]{1,30}(?=」(?:が|は|と|で|:)?$)")
# 国語が67.0%, 金5、銀3: a subject or a list label right before the number owns it too.
_SUBJECT_LABEL_RE = re.compile(r"(?<![\u4e00-\u9fff\u30a1-\u30faー])(?!同|当|両|各)([\u4e00-\u9fff\u30a1-\u30faー]{2,6})(?:が|は)$")
_LIST_LABEL_RE = re.compile(r"(?:^|[、,はがで])([\u4e00-\u9fff])$")
_NOT_A_LIST_LABEL = set("約計第同各毎全総前後翌昨今来本当満延超数十百千万億兆年月日時分")


def _label_before(text: str, start: int, unit: str) -> str:
    """The noun that names what a number counts: 賛成112, 「観光資源になる」が41%, 国語が67.0%,
    金5、銀3. Not for dates (同社は2026年 says when, not whose)."""
    for found in (_LABEL_RE.search(text[max(0, start - 6):start]),
                  _QUOTED_LABEL_RE.search(text[max(0, start - 40):start])):
        if found:
            return found.group(0)
    if unit in DATE_UNITS:
        return ""
    found = _SUBJECT_LABEL_RE.search(text[max(0, start - 8):start])
    if found:
        return found.group(1)
    found = _LIST_LABEL_RE.search(text[max(0, start - 2):start])
    return found.group(1) if found and found.group(1) not in _NOT_A_LIST_LABEL else ""


_FRACTION_TAIL = re.compile(r"の\d")
_HALF_RE = re.compile(r"(約|ほぼ)?(半数|半分)")
_FRACTION_RE = re.compile(r"(約)?(\d+)分の(\d+)")


_SOME_RE = re.compile(r"(?<![\d十百千万])(数|十数)(十万|百万|千万|十|百|千|万|億)?(?=[\u4e00-\u9fff\u30a1-\u30fa])")
_SOME_SIZE = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "億": 1e8, None: 1}


def _some_quantities(text: str) -> list[Quantity]:
    """数十人, 数百件, 十数人: a range of values (数百 is 200-999), compared as one."""
    out = []
    for m in _SOME_RE.finditer(text):
        counter = next((c for c in COUNTERS if text.startswith(c, m.end())), "")
        if not counter:
            continue
        size = _SOME_SIZE[m.group(2)]
        low, high = (11 * size, 19 * size) if m.group(1) == "十数" else (2 * size, 9.99 * size)
        if m.group(1) == "数" and m.group(2) is None:
            low, high = 2.0, 9.99  # 数人
        unit = _UNIT_ALIASES.get(counter, counter)
        out.append(Quantity((low + high) / 2, unit, m.group(0) + counter, m.start(), m.end() + len(counter),
                            (high - low) / 2))
    return out


def _word_quantities(text: str) -> list[Quantity]:
    """Shares written in words: 半数 is 50%, 3分の1 is 33%; ranges in words: 数百人; 首位 is 1位."""
    out = _some_quantities(text)
    out += [Quantity(1.0, "位", m.group(0), m.start(), m.end()) for m in re.finditer("首位", text)]
    for m in _HALF_RE.finditer(text):
        if text[max(0, m.start() - 1):m.start()] == "過":
            continue  # 過半数 is "more than half", not a value
        lower = _LOWER_BOUND.match(text[m.end():m.end() + 4])  # 半数を超える
        upper = _UPPER_BOUND.match(text[m.end():m.end() + 4])  # 半分以下に落ち込む
        out.append(Quantity(50.0, "%", m.group(0), m.start(), m.end(), 5.0 if m.group(1) else 0.5,
                            "min" if lower else "max" if upper else "", strict=bool(lower) and lower.group(1) in _STRICT_LOWER))
    for m in _FRACTION_RE.finditer(text):
        whole, part = int(m.group(2)), int(m.group(3))
        if whole and part < whole:
            value = 100.0 * part / whole
            out.append(Quantity(value, "%", m.group(0), m.start(), m.end(), 0.05 * value + 0.5))
    return out


def quantities(text: str) -> list[Quantity]:
    """Numbers with their unit or counter: 20年, 1万人, 0.25%, 154円, 10.4%減, 約500人."""
    found = []
    for m in _NUMBER_RE.finditer(text):
        raw_unit = m.group(2) or ""
        if (raw_unit == "分" and _FRACTION_TAIL.match(text, m.end())) or text[max(0, m.start() - 2):m.start()] == "分の":
            continue  # 10分の1 is a share (see _word_quantities), not ten minutes and a one
        unit = _UNIT_ALIASES.get(raw_unit, raw_unit)
        if unit == "度" and text.startswith(("目", "続け", "連続", "にわた"), m.end()):
            unit = "回"  # 3度目 is 3回目, 2度続けて 2回続けて: not degrees
        counted = ""
        if not unit:  # 1731施設, 642施設: what a bare number counts, for combining two of them
            noun = _COUNTED_NOUN_RE.match(text, m.end())
            counted = noun.group(1) if noun and not _NOT_A_COUNTED_NOUN.match(noun.group(1)) else ""
        value = _value(m.group(1))
        if unit == "年" and value >= 1000 and raw_unit != "年間":
            unit = "年(year)"
        after = text[m.end():m.end() + 8]
        approx = text[max(0, m.start() - 3):m.start()].endswith(_APPROX_BEFORE) or bool(_APPROX_AFTER.match(after))
        place = _last_place(m.group(1), approx)
        share = unit == "割"
        if share:  # 1割 is 10%: a share rounded to tens of percent, so 約 adds nothing to it
            value, place, unit = value * 10, place * 10, "%"
        tolerance = place / 2 + (0.05 * value if approx and not share else 0.0)
        shade = next((w for w in _SHARE_SHADES if share and after.startswith(w)), "")
        if shade:  # 4割強 is 40-45%, 4割弱 35-40%, 4割半ば 43-47%
            value, tolerance = value + _SHARE_SHADES[shade][0], _SHARE_SHADES[shade][1]
        lower = _LOWER_BOUND.match(after)
        bound = "min" if lower else "max" if _UPPER_BOUND.match(after) else ""
        band = _band(m.group(1)) if after.startswith("台") and unit not in ("台", "") else 0.0
        if after.startswith(("近く", "近い")) and bound == "max":
            tolerance = max(place, 0.1 * value)  # 7割近く: just under 70%, not anything below it
            value, bound = value - tolerance / 2, ""
            tolerance /= 2
        way = _DIRECTION.match(_APPROX_AFTER.sub("", after))
        direction = 0 if not way else (1 if way.group(1) in _UP else -1)
        label = _label_before(text, m.start(), unit)
        found.append(Quantity(value, unit, m.group(0), m.start(), m.end(), tolerance, bound, direction,
                              way.group(1) if way else "", label,
                              # 住宅地の2.1%を上回る compares with the number, which stays exact
                              strict=bool(lower) and lower.group(1) in _STRICT_LOWER
                              and text[m.start() - 1:m.start()] != "の", band=band,
                              half_open=share and not bound and not shade, counted=counted,
                              approx=approx or bool(shade) or bool(lower) and lower.group(1) in _A_LITTLE_OVER))
    found.extend(_word_quantities(text))
    ages = _ages(text)
    aged = {a.start for a in ages}
    found = sorted([q for q in _list_units(text, found) if q.start not in aged] + ages, key=lambda q: q.start)
    # "3~5日": the first number of a range takes the second's unit.
    for i, q in enumerate(found[:-1]):
        nxt = found[i + 1]
        if not q.unit and nxt.unit and text[q.end:nxt.start] in ("~", "-", "から"):
            found[i] = Quantity(q.value, nxt.unit, q.text + nxt.unit, q.start, q.end, q.tolerance)
        # "1時間5分": one duration; the hours carry the minutes (the minutes stay for dates, 13時5分)
        if q.unit == "時間" and nxt.unit == "分" and nxt.start == q.end:
            found[i] = replace(q, value=q.value + nxt.value / 60, text=q.text + nxt.text, end=nxt.end,
                               tolerance=max(nxt.tolerance / 60, 1 / 120))
    return _offset_days(text, found)


_OFFSET_RE = re.compile(r"(?:その|の)$")  # その4日後, 発生の2日後


def _offset_days(text: str, found: list[Quantity]) -> list[Quantity]:
    """その4日後 after 18日 is the 22nd: a day counted from the day named before it, not the 4th."""
    out, anchor = [], None
    for q in found:
        offset = q.unit == "日" and text[q.end:q.end + 1] in ("後", "前") and _OFFSET_RE.search(text[:q.start])
        if offset and anchor is not None:
            day = anchor.value + (q.value if text[q.end] == "後" else -q.value)
            if 1 <= day <= 31:
                q = replace(q, value=day, tolerance=0.0)
        elif q.unit == "日" and not offset:
            anchor = q
        out.append(q)
    return out


# 金5、銀3、銅4の計12個: the bare numbers of a list take the unit of the total that closes it.
_LIST_TOTAL_RE = re.compile(r"^(?:、[\u4e00-\u9fff\u30a1-\u30faー]{1,6}\d+(?:\.\d+)?)*(?:の)?(?:計|合計|合わせて)$")


def _list_units(text: str, found: list[Quantity]) -> list[Quantity]:
    out = list(found)
    for i, q in enumerate(found):
        if q.unit:
            continue
        total = next((t for t in found[i + 1:i + 8] if t.unit), None)
        if total is not None and _LIST_TOTAL_RE.match(text[q.end:total.start]):
            out[i] = replace(q, unit=total.unit, text=q.text + total.unit)
    return out


# 男性(64), 佐藤一郎さん(48): news gives a person's age in brackets after the name.
_AGE_RE = re.compile(r"(?<=[\u4e00-\u9fff\u30a1-\u30faー])\((\d{1,3})\)")


def _ages(text: str) -> list[Quantity]:
    return [Quantity(float(m.group(1)), "歳", m.group(1) + "歳", m.start(1), m.end(1)) for m in _AGE_RE.finditer(text)]
