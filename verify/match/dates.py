"""Relative dates: 昨日, 前日, 先月17日, おととし — resolved against the day each text was written.

A summary block is written a day or three after its source: its 「昨日」 is the source's 「5日」,
its 「一昨年」 the source's 「2023年」. The claim's anchor is its block's 公開日; the source's is
its publication date (Japan time). A word resolves to a day, a month or a year, and is found
when the source names the same one in any of its own ways.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import CONFLICTING, FOUND, MISSING, Fact
from . import lexicon

# Words for a day relative to the writer's today (closed class).
DAY_WORDS = {"今日": 0, "本日": 0, "昨日": -1, "一昨日": -2, "おととい": -2, "明日": 1, "明後日": 2}
# Words for a day relative to a day already in the text: the summary's or the source's.
LINKED_DAY_WORDS = {"同日": 0, "当日": 0, "前日": -1, "翌日": 1, "前々日": -2, "翌々日": 2}
_DAY_RE = re.compile(r"(?<![\d.])(\d{1,2})日(?![間\d])")
_MONTH_DAY_RE = re.compile(r"(?<![\d.])(\d{1,2})月(\d{1,2})日")
_PERIOD_OF_MONTH = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_PERIOD_RE = re.compile(r"(?:(\d{1,2})月)?(上旬|中旬|下旬)")


def shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def days_named(text: str, anchor: date | None) -> set[date]:
    """Every calendar day `text` names, read against the day it was written: 5日 (this month, or
    the last when 5 is after today), 6月5日, 昨日, 同日 (the anchor itself)."""
    if anchor is None:
        return set()
    out: set[date] = set()
    for word, offset in {**DAY_WORDS, **LINKED_DAY_WORDS}.items():
        if word in text:
            out.add(anchor + timedelta(days=offset))
    for m in _MONTH_DAY_RE.finditer(text):
        out |= _valid(anchor.year, int(m.group(1)), int(m.group(2)))
        out |= _valid(anchor.year - 1, int(m.group(1)), int(m.group(2)))
    for m in _DAY_RE.finditer(text):
        day = int(m.group(1))
        year, month = (anchor.year, anchor.month) if day <= anchor.day else shift_month(anchor, -1)
        out |= _valid(year, month, day)
    if not out:
        out.add(anchor)  # a page that names no day tells of the day it was written
    return out


def _valid(year: int, month: int, day: int) -> set[date]:
    try:
        return {date(year, month, day)}
    except ValueError:
        return set()


def check_relative_days(claim: str, anchor: date | None, source_text: str, published: date | None,
                        claim_days: set[date]) -> list[Fact]:
    """昨日 / 一昨日 / 明日 against the block's date; 前日 / 同日 / 翌日 against any day the claim or
    its block names. Found when the source names that day; a word with no anchor is left alone."""
    out = []
    named = days_named(source_text, published)
    for word, offset in DAY_WORDS.items():
        if word in claim and anchor is not None and not (word == "昨日" and "一昨日" in claim):
            day = anchor + timedelta(days=offset)
            out.append(Fact("date", f"{word} ({day.month}月{day.day}日)",
                              FOUND if day in named else MISSING))
    for word, offset in LINKED_DAY_WORDS.items():
        if word in claim:
            bases = claim_days | ({anchor} if anchor else set()) | ({published} if published else set())
            if any(base + timedelta(days=offset) in named for base in bases):
                out.append(Fact("date", word, FOUND))
    return out


def check_relative_months(claim: str, anchor: date | None, source_text: str, published: date | None) -> list[Fact]:
    """今月 / 先月 / 来月 against the block's month: the source says the same month its own way."""
    out = []
    if anchor is None:
        return out
    for word, offset in lexicon.RELATIVE_MONTHS.items():
        if word not in claim:
            continue
        year, month = shift_month(anchor, offset)
        said = published is not None and (
            (published.year, published.month) == (year, month)
            or any(w in source_text and shift_month(published, o) == (year, month)
                   for w, o in lexicon.RELATIVE_MONTHS.items())
            or any(int(m.group(1)) == month for m in re.finditer(r"(?<!\d)(\d{1,2})月", source_text)))
        out.append(Fact("date", f"{word} ({month}月)", FOUND if said else MISSING))
    return out


def check_relative_years(claim: str, anchor: date | None, source_text: str, published: date | None,
                         source_years: set[int]) -> list[Fact]:
    """今年 / 昨年 / 一昨年 / 来年 against the block's year or the source's: the source says that
    year by the same word or by its number."""
    out = []
    for word, offset in lexicon.RELATIVE_YEARS.items():
        if word not in claim or (word == "前年" and "一昨年" in claim) or (word == "昨年" and "一昨年" in claim):
            continue
        same_words = [w for w, o in lexicon.RELATIVE_YEARS.items() if o == offset and w in source_text]
        targets = {d.year + offset for d in (anchor, published) if d is not None}
        found = bool(same_words) or bool(targets & source_years) or (
            offset == 0 and published is not None and published.year in targets)
        out.append(Fact("date", word, FOUND if found else MISSING))
    return out


def check_periods(claim: str, source_text: str, published: date | None, evidence_text: str = "") -> list[Fact]:
    """上旬 / 中旬 / 下旬: the source's own period word for that month (今月上旬, 先月下旬 read against
    its date), or a day inside it said where the claim's statement is told."""
    out = []
    for m in _PERIOD_RE.finditer(claim):
        month = int(m.group(1)) if m.group(1) else (published.month if published else None)
        low, high = _PERIOD_OF_MONTH[m.group(2)]
        theirs = [(_period_month(source_text, s, published), s.group(2)) for s in _PERIOD_RE.finditer(source_text)]
        near = evidence_text or source_text
        days = [int(d.group(2)) for d in _MONTH_DAY_RE.finditer(near) if int(d.group(1)) == month]
        if (month, m.group(2)) in theirs or any(low <= d <= high for d in days):
            out.append(Fact("date", m.group(0), FOUND))
        elif any(mo == month for mo, _ in theirs) or days:
            other = next((f"{mo}月{p}" for mo, p in theirs if mo == month), f"{month}月{days[0]}日" if days else "")
            out.append(Fact("date", m.group(0), CONFLICTING, other))
        else:
            out.append(Fact("date", m.group(0), MISSING))
    return out


def _period_month(text: str, found: re.Match, published: date | None) -> int | None:
    """The month a source's 上旬/中旬/下旬 is of: its own 6月, or 先月/今月/来月 from its date."""
    if found.group(1):
        return int(found.group(1))
    if published is None:
        return None
    word = text[max(0, found.start() - 2):found.start()]
    offset = lexicon.RELATIVE_MONTHS.get(word, 0)
    return shift_month(published, offset)[1]
