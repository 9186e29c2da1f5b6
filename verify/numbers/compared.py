"""A comparison the claim makes between two parties, against the values the page gives each.

「利用者の減少」が「運転手の不足」を上回った where the page gives 運転手の不足 72% and 利用者の減少
58%; 中学校の…上昇率は小学校を上回った where the page has 小学校…約6%、中学校…約5%. No number
of the claim changes, so only the order of the page's two values shows the claim reversed.

Pure text: the parties are the claim's words that the page sentence sets before a number
(小学校が4910円, 「利用者の減少」の58%); the measure is the unit of a rate (上昇率 -> %) when the
claim names one, else the unit the two values share.
"""
from __future__ import annotations

import re

from .reading import quantities

# 〜を上回った, 〜より多い: the party compared with is the words before を/より (closed grammar).
_COMPARED_RE = re.compile(
    r"(「[^「」]{1,20}」|[\u4e00-\u9fff\u30a1-\u30faー]{2,10})(?:を|より(?:も)?)"
    r"(上回|下回|超え|超す|高|低|多|少な|大き|小さ)")
GREATER = ("上回", "超え", "超す", "高", "多", "大き")  # the verbs of comparison that say "more than"
_RATE_RE = re.compile(r"(?:率|割合|比率|シェア)(?:は|が|も)")
# A party as the page sets it before its number: 小学校が4910円, 「利用者の減少」の58%, 賛成は112.
_PARTY_TAIL = r"(?:が|は|の|で|:)?(?:約|およそ|ほぼ)?\d"
_WORD_RE = re.compile(r"「[^「」]{1,20}」|[\u4e00-\u9fff\u30a1-\u30faー]{2,10}")


def _parties(claim: str, page: str, other: str) -> list[tuple[str, int]]:
    """The claim's words the page sentence sets before a number, with where: (word, offset)."""
    out = []
    for m in _WORD_RE.finditer(claim):
        word = m.group(0)
        for n in re.finditer(re.escape(word) + _PARTY_TAIL, page):
            out.append((word, n.start()))
    # a party named inside a longer word of the claim (前年度 in 前年度から) counts once, whole
    return sorted({(w, at) for w, at in out if w == other or not other.endswith(w)}, key=lambda p: p[1])


def _value(page: str, at: int, stop: int, unit: str):
    for q in quantities(page[at:stop]):
        if not unit or q.unit == unit:
            return q
    return None


def reversed_comparison(claim: str, page: str) -> tuple[str, str] | None:
    """(the claim's comparison as written, what the page says instead) when the claim compares
    two parties the other way round from the values the page sentence gives them; None when it
    agrees or cannot be told."""
    found = _COMPARED_RE.search(claim)
    if not found or re.match(r"[^、。]{0,4}(?:ない|なかっ|ず)", claim[found.end():]):
        return None
    other = found.group(1)
    parties = _parties(claim, page, other)
    names = {w for w, _ in parties}
    if other not in names:
        return None
    subject = [w for w in names if w != other and claim.find(w) < found.start()]
    if len(subject) != 1:
        return None
    rate = _RATE_RE.search(claim[:found.start()])
    unit = "%" if rate else ""
    values = {}
    for i, (word, at) in enumerate(parties):
        if word in values or word not in (subject[0], other):
            continue
        stop = next((a for w, a in parties[i + 1:] if w != word), len(page))
        q = _value(page, at + len(word), stop, unit)
        if q is not None:
            values[word] = q
    if len(values) != 2 or values[subject[0]].unit != values[other].unit:
        return None
    mine, theirs = values[subject[0]], values[other]
    if mine.value == theirs.value:
        return None
    if (mine.value > theirs.value) == found.group(2).startswith(GREATER):
        return None
    return found.group(0), f"{subject[0]} {mine.text}, {other} {theirs.text}"
