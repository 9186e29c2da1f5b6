"""Wording that changes a fact without a number or a name: listed opposites (上昇/下落) in the
sentences that tell the claim, and emphatic words (初めて, 過去最高, 今年最高) the page does not back,
or backs only within a period the claim drops (1990年代以降、初めて).
"""
from __future__ import annotations

import re

from ..model import CONFLICTING, FOUND, MISSING, Fact
from ..text import analyze
from . import lexicon
from .binding import claim_clauses
from .prepared import PreparedClaim, PreparedSource, Sentence


def _telling(claim: PreparedClaim, evidence: list[Sentence], at: int) -> str:
    """The evidence sentences that carry nearly as much of the wording of the claim's clause
    around `at` as the best one does."""
    start, end = next(((a, b) for a, b in claim_clauses(claim) if a <= at < b), (0, len(claim.norm)))
    words = [(t, w) for t, w in zip(claim.tokens, claim.weights) if start <= t.start < end]
    cover = [sum(w for t, w in words if t.lemma in s.lemmas or t.surface in s.text) for s in evidence]
    best = max(cover, default=0)
    return "\n".join(s.text for s, c in zip(evidence, cover) if c >= 0.8 * best)


def check_wording(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence]) -> list[Fact]:
    """Antonyms swapped in, and emphatic words (初めて, 過去最高) the source does not back."""
    out = []
    ev_text = "\n".join(s.text for s in evidence)
    # listed opposites in the sentences that tell the claim's clause (not a neighbour's 下回った of
    # another thing); the looser up/down words are compared clause by clause in binding.py
    for a, b in lexicon.ANTONYM_PAIRS + [(b, a) for a, b in lexicon.ANTONYM_PAIRS]:
        if a in claim.norm and b not in claim.norm and b in ev_text and a not in ev_text \
                and b in _telling(claim, evidence, claim.norm.find(a)):
            out.append(Fact("antonym", a, CONFLICTING, b))
    for word in _emphatic_words(claim.norm):
        if word:
            equivalents = next((g for g in lexicon.EMPHASIS_GROUPS if word in g), (word,))
            if _ALL_OF_RE.fullmatch(word):
                equivalents += ("すべて", "全て")
            if word in ("すべて", "全て") and _ALL_OF_RE.search(ev_text):
                equivalents = equivalents + (_ALL_OF_RE.search(ev_text).group(0),)  # 全便が欠航
            backed = any(_said_plainly(w, ev_text) for w in equivalents) \
                or (word.startswith("初") and "初" in ev_text) \
                or _backed_by_numbers(word, source) \
                or (word == "最も" and _has_superlative(ev_text, claim.norm))
            limit = _limit_dropped(word, equivalents, ev_text, claim.norm) if backed else ""
            if backed and word == "最も" and not limit:  # the field in the sentences telling the claim
                limit = _other_scope(claim.norm, _telling(claim, evidence, claim.norm.find(word)))
            if limit:  # 初めて where the page says 1990年代以降、初めて
                out.append(Fact("emphasis", word, MISSING, f"source limits it: {limit}"))
                continue
            out.append(Fact("emphasis", word, FOUND if backed else MISSING))
    return out


# A record or a first the page limits to a period (1990年代以降、初めて; 2008年以来の高さ): a
# claim that drops the limit makes it absolute.
_LIMIT_RE = re.compile(r"([^、。\s]{2,14}?(?:以降|以来|以後))、?\s*$")


def _limit_dropped(word: str, equivalents: tuple[str, ...], evidence: str, claim: str) -> str:
    """The period the page puts on every mention of the emphatic word, when the claim drops
    it; "" when the page says it plainly somewhere or the claim keeps the limit."""
    limits = []
    for w in equivalents + ((word[:1],) if word.startswith("初") else ()):
        for m in re.finditer(re.escape(w), evidence):
            found = _LIMIT_RE.search(evidence[max(0, m.start() - 16):m.start()])
            if not found:
                return ""
            limits.append(found.group(1))
    kept = [limit for limit in limits if re.sub(r"(?:以降|以来|以後)$", "", limit)[-6:] in claim]
    return limits[0] if limits and not kept else ""


# 過去最長, 史上最多, 世界初, 国内初, 世界新(記録), 日本一: records and firsts, whatever the word.
_RECORD_RE = re.compile(r"(?:過去|史上|観測史上|統計史上|世界|国内|日本|県内|球団|大会|今年|今年度|年初来|今季|今世紀|"
                        r"戦後)(?:最[\u4e00-\u9fff]|初|一|新)")


# 最初の発表 ("the first announcement") names an earlier event, not a record: 初 after 最 is no first.
_EMPHASIS_RES = {w: re.compile(("(?<!最)" if w.startswith("初") else "") + re.escape(w)) for w in lexicon.EMPHASIS}


def _emphatic_words(claim: str) -> list[str]:
    words = [w for w, pattern in _EMPHASIS_RES.items() if pattern.search(claim)]
    words += [m.group(0) for m in _RECORD_RE.finditer(claim) if not any(m.group(0) in w or w in m.group(0) for w in words)]
    # 全額補助, 全線で: the whole of something, which the page must say (or すべて) as well
    words += [m.group(0) for m in _ALL_OF_RE.finditer(claim) if not any(m.group(0) in w for w in words)]
    return words


_ALL_OF_RE = re.compile(r"(?<![\u4e00-\u9fff])全(?:便|員|部|数|域|戸|校|線|店|社|面|額|件|量|機|車|区間)")
_SUPERLATIVE_RE = re.compile(r"最[\u4e00-\u9fff]|トップ|首位|一番")


def _has_superlative(evidence: str, claim: str) -> bool:
    """最も多い is backed by the source's 最多 or 最速 — not by a word the claim itself uses as a
    term (最大瞬間風速), and not when the source ranks it second (に次ぐ)."""
    return any(m.group(0) not in claim and _said_plainly(m.group(0), evidence)
               for m in _SUPERLATIVE_RE.finditer(evidence))


_RUNNER_UP_RE = re.compile(r"^.{0,8}?に次(ぐ|いで|ぎ)")


def _said_plainly(word: str, text: str) -> bool:
    """The source says `word` of something, not "second after" it (過去最低だった去年に次ぐ)."""
    start = text.find(word)
    while start >= 0:
        if not _RUNNER_UP_RE.match(text[start + len(word):start + len(word) + 14]):
            return True
        start = text.find(word, start + 1)
    return False


def _backed_by_numbers(word: str, source: PreparedSource) -> bool:
    """倍増 is backed by 96%増 or 2倍; 半減 by 50%減."""
    if word == "倍増":
        return any((q.unit == "%" and q.direction > 0 and q.value >= 80) or (q.unit == "倍" and q.value >= 1.8)
                   for q in source.quantities)
    if word == "半減":
        return any(q.unit == "%" and q.direction < 0 and 40 <= q.value <= 60 for q in source.quantities)
    return False


# The field a superlative ranks in, written just before it: 道内の市町村で最も, 主要10市の中で伸び率が最も.
_SCOPE_RE = re.compile(r"([\u4e00-\u9fff\u30a1-\u30faーA-Za-z\d]+(?:の[\u4e00-\u9fff\u30a1-\u30faーA-Za-z\d]+)?)(?:の中|のうち|の間)?で(?:は|も)?"
                       r"[^、。で]{0,8}$")


def _scope(text: str, at: int) -> str:
    found = _SCOPE_RE.search(text[max(0, at - 26):at])
    # 68人で最も多く: a number before で is the value ranked, not the field
    return found.group(1) if found and not found.group(1)[:1].isdigit() else ""


def _other_scope(claim: str, evidence: str) -> str:
    """The page ranks in another field than the claim (主要10市の中で for the claim's 道内の市町村で):
    that field, when it lacks a noun of the claim's; "" when the page ranks in the claim's."""
    mine = _scope(claim, claim.find("最も"))
    theirs = [_scope(evidence, m.start()) for m in re.finditer(r"最も|" + _SUPERLATIVE_RE.pattern, evidence)]
    if not mine or not theirs or not all(theirs):
        return ""
    nouns = {t.surface for t in analyze(mine, "B") if t.pos[0] == "名詞" and t.pos[1] != "数詞"}
    # every noun of the claim's field must be in one of the page's (全国のJR在来線 is not JR西日本の在来線)
    if any(all(n in field for n in nouns) for field in theirs):
        return ""
    return theirs[0]
