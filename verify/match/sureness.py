"""How surely a claim tells an act, against the page's account of it: a decision where the page
has a plan or a study (検討 -> 決定), the reverse, a plan told as done (延長する方針 -> 延長しました), a
condition dropped (雨が降らなければ、引き上げる -> 引き上げます). The levels and markers are read in
verify/structure (certainty.py); this module only compares them.
"""
from __future__ import annotations

import re

from .. import structure as S
from ..model import CONFLICTING, Fact
from ..text import analyze
from .prepared import PreparedClaim

_ESTABLISHED = ("判明", "確定", "確認され", "明らかになっ", "断定")
_ESTIMATES = ("見込", "見通し", "予想", "想定", "試算", "推計")
_UNSURE = {S.CONSIDERED, S.POSSIBLE}


def in_quote(text: str, at: int) -> bool:
    return text.count("「", 0, at) > text.count("」", 0, at)


def _compatible(mine: str, marker: str, theirs: str) -> bool:
    """Do the claim and the source say the act as surely? A plan and a plain statement agree
    (開業する予定 / 開業する); a decision is more than a plan (方針 -> 決定); anything still
    considered or possible is less than either (検討している <-> 決定した)."""
    if mine == theirs:
        return True
    if theirs == S.REPORTED:  # とみられる -> 判明した overstates; dropping とされる does not
        return not marker.startswith(_ESTABLISHED)
    if mine == S.REPORTED or theirs == S.ASSERTED and marker.startswith(_ESTIMATES):
        return True  # 費用を5000万円と見込む hedges what the page states (費用は5000万円になる)
    if S.REQUESTED in (mine, theirs):  # 要請した <-> 決めた
        other = theirs if mine == S.REQUESTED else mine
        return other not in (S.ASSERTED, S.DECIDED)
    if mine in _UNSURE or theirs in _UNSURE:
        return mine in _UNSURE and theirs in _UNSURE
    return not (mine == S.DECIDED and theirs == S.PLANNED)


def check_modality(claim: PreparedClaim, act: S.Act, ev, found: list) -> list[Fact]:
    """The claim states an act more surely than the source (検討 -> 決定), or less surely, as done
    where the page has a plan, or without the condition the page hangs it on. `ev`: elements.Evidence;
    `found`: the act's counterparts in it."""
    level, marker = S.modality(claim.norm, act.end)
    # words inside 「」 are someone's demand or view (「検察は抗告せず…」), not the page's account
    found = ev.telling(claim, found, act.start)
    if not found:
        return []  # the sentence that tells the claim does not say the act: nothing to compare
    narrated = [c for c in found if not in_quote(ev.texts[c.sentence], c.start)] or found
    theirs = [S.modality(ev.texts[c.sentence], c.end) for c in narrated]
    # told as done where the page has a plan (延長する方針 -> 延長しました)
    # (検査を行いました: the support verb carries the tense)
    done = level == S.ASSERTED and (S.done(claim.norm, act.end)
                                    or act.verb in S.SUPPORT_VERBS and act.verb not in S.REPORTING_VERBS
                                    and claim.norm[act.end:act.chain_end].endswith("た"))
    if any(_compatible(level, marker, other) and not (done and other == S.PLANNED and _own(ev.texts[c.sentence], c.end, w))
           for (other, w), c in zip(theirs, narrated)):
        conditions = [S.condition_before(ev.texts[c.sentence], c.start) for c in narrated]
        if all(conditions) and not S.condition_before(claim.norm, act.start) \
                and not any(_restated(condition, claim) for condition in conditions):  # 〜なければ dropped
            return [Fact("modality", _phrase(claim.norm, act.start, marker), CONFLICTING,
                         f"{conditions[0]}、{_phrase(ev.texts[narrated[0].sentence], narrated[0].start, '')} (conditional)",
                         ev.span(narrated[0]))]
        return []
    (other, word), c = theirs[0], narrated[0]
    text = ev.texts[c.sentence]
    # the words that say how sure each side is, as written: 決めた / 検討している
    mine = _phrase(claim.norm, act.start, marker)
    said = _phrase(text, c.start, word)
    return [Fact("modality", mine, CONFLICTING, f"{said} ({_LEVEL_WORDS[other]})", ev.span(c))]


_LEVEL_WORDS = {S.ASSERTED: "stated as fact", S.DECIDED: "decided", S.PLANNED: "planned",
                S.CONSIDERED: "under consideration", S.POSSIBLE: "possible", S.REQUESTED: "requested",
                S.REPORTED: "reported"}


def _phrase(text: str, start: int, marker: str) -> str:
    """From the act to its modality marker (導入を検討している), or the act's clause."""
    end = text.find(marker, start) + len(marker) if marker and text.find(marker, start) >= 0 else start
    stop = min([i for i in (text.find(ch, end) for ch in "、。") if i >= 0] or [len(text)])
    return text[start:max(end, min(stop, start + 14))]


def _restated(condition: str, claim: PreparedClaim) -> bool:
    """The claim keeps the condition in other grammar (週20時間以上働けば -> 週20時間以上働く人は):
    most of its content words are in the claim."""
    words = [t for t in analyze(condition, "B") if t.pos[0] in ("名詞", "動詞", "形容詞") and t.pos[1] != "非自立可能"]
    lemmas = {t.lemma for t in claim.tokens} | {t.surface for t in claim.tokens}
    return bool(words) and sum(t.lemma in lemmas or t.surface in lemmas for t in words) * 2 >= len(words)


def _own(text: str, end: int, marker: str) -> bool:
    """The marker is the act's own (延長する[方針]), not a later statement's (回答した企業の4割強が
    賃上げを[予定]): near it, with no new subject between."""
    at = text.find(marker, end)
    return 0 <= at - end <= 8 and not re.search(r"[がは]", text[end:at])
