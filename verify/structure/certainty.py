"""How sure a statement is: the modality markers that follow its predicate (closed class) —
検討している, 方針, 見通し, 可能性がある, とみられる, 決定した, 求めた."""
from __future__ import annotations

import re

from ..text import analyze

# How sure a statement is, from the words that follow its predicate (closed class).
ASSERTED, DECIDED, PLANNED, CONSIDERED, POSSIBLE, REQUESTED, REPORTED = (
    "asserted", "decided", "planned", "considered", "possible", "requested", "reported")
# 0: stated as done or decided; 1: a plan; 2: still uncertain. A claim more certain than its
# source (検討している -> 決定した) or far less certain (決定した -> 検討している) misstates it.
CERTAINTY = {ASSERTED: 0, DECIDED: 0, PLANNED: 1, CONSIDERED: 2, POSSIBLE: 2}
_MODALITY_MARKERS = {
    # 解散した場合 / されれば: a condition, not something that happened
    POSSIBLE: r"可能性|恐れ|おそれ|公算|かもしれ|だろう|と推定|見込|見通し|懸念|予想|予測|想定|試算|推計|"
              r"場合|としたら|(?<=[えけげせてねへべめれ])ば(?!か)",
    # said on someone's authority or believed: dropping these is how summaries report (送ったと
    # される -> 送った); only a claim that calls the fact established (判明, 確定) overstates it
    REPORTED: r"とされ|という|とみられ|と見られ|もよう|模様|疑い|そうだ|そうです",
    # 〜する方向だ leans toward a decision not yet taken: as tentative as 調整している
    CONSIDERED: r"検討|調整|模索|視野|協議|議論|構想|計画案|素案|原案|検証|かどうか|か否か|方向で|方向だ|方向です",
    PLANNED: r"予定|方針|計画|意向|考えを示|考えだ|目指|目標|ことにしている|構え|準備を進め|へ$|へ。",
    # what someone is asked or obliged to do (法案は保存を求める / 義務付ける): not yet done
    REQUESTED: r"求め|要請|要求|要望|呼び掛け|呼びかけ|促し|促す|義務付け|義務づけ|義務化",
    DECIDED: r"決定|決め|決ま|確定|判明|正式|確認され|明らかになっ|成立|可決|閣議決定|断定|"
             r"避けられない|避けられません|必至|確実|間違いない",
}
_MODALITY_RE = re.compile("|".join(f"(?P<{level}>{pattern})" for level, pattern in _MODALITY_MARKERS.items()))
MODALITY_SCOPE = 16  # characters after a predicate in which its modality is said


def _next_predicate(tail: str) -> int:
    """Where another statement starts in `tail`: a content verb after a て/、 that is not itself a
    marker (配って[注意を呼びかけ]: the request is the next act's, not 配る's)."""
    tokens = analyze(tail, "B")
    joined, after_joint = False, 0
    for tok in tokens:
        if tok.surface in ("て", "で", "、"):  # (cut out of its sentence, て may read as a conjunction)
            joined, after_joint = True, tok.end
            continue
        if joined and tok.surface in ("が", "は") and tok.pos[0] == "助詞":
            return after_joint  # 、4人が求めた: a new subject starts another statement
        if joined and tok.pos[0] == "動詞" and tok.pos[1] != "非自立可能" and not _MODALITY_RE.match(tail, tok.start):
            return tok.start
        if joined and tok.pos[0] == "名詞" and not _MODALITY_RE.match(tail, tok.start):
            # 注意を呼びかけ: a noun that starts a new clause before its verb
            following = tail[tok.end:tok.end + 1]
            if following in ("を", "が", "に"):
                return tok.start
    return len(tail)


def modality(text: str, start: int) -> tuple[str, str]:
    """(level, marker) of the statement whose predicate ends at `start` in `text`: of the markers
    that follow it in its sentence, within MODALITY_SCOPE characters, the least certain —
    導入を[検討している], 導入する[方針]を決めた (a plan, decided: still a plan)."""
    tail = text[start:start + MODALITY_SCOPE]
    for stop in ("。", "\n"):
        cut = tail.find(stop)
        tail = tail[:cut] if cut >= 0 else tail
    tail = tail[:_next_predicate(tail)]
    found = list(_MODALITY_RE.finditer(tail))
    if not found:
        return ASSERTED, ""
    # 見送る方向で検討: the least certain marker says how sure the whole statement is
    ranked = [m for m in found if m.lastgroup in CERTAINTY] or found
    best = max(ranked, key=lambda m: CERTAINTY.get(m.lastgroup or "", -1))
    return best.lastgroup or ASSERTED, best.group(0)
