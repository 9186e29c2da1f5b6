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
    cut = _next_predicate(tail)
    # a headline's 〜へ (a plan) only ends a statement: 上がり、北東へ[流れた] is a direction
    tail = tail if cut == len(tail) else tail[:cut].removesuffix("へ")
    found = list(_MODALITY_RE.finditer(tail))
    if not found:
        return ASSERTED, ""
    # 見送る方向で検討: the least certain marker says how sure the whole statement is
    ranked = [m for m in found if m.lastgroup in CERTAINTY] or found
    best = max(ranked, key=lambda m: CERTAINTY.get(m.lastgroup or "", -1))
    return best.lastgroup or ASSERTED, best.group(0)


def done(text: str, end: int) -> bool:
    """The predicate ending at `end` is told as done: its own auxiliaries include the past た
    (延長した, 延長されました) — not a verb it hands on to (導入を表明した says the plan was told)."""
    for tok in analyze(text[end:end + 12], "B"):
        if tok.pos[0] == "助動詞":
            if tok.lemma == "た":
                return True
            continue
        if tok.pos[0] == "動詞" and (tok.lemma in ("為る", "する") or tok.pos[1] == "非自立可能"):
            continue
        if tok.pos[0] == "接尾辞" and tok.pos[1] == "動詞的":
            continue
        return False
    return False


# A condition the statement hangs on (雨が降らなければ、…引き上げる; 不足した場合は、…): closed grammar.
_CONDITION_RE = re.compile(r"(?:(?<=[えけげせてねへべめれ])ば|場合(?:は|には|も)?|たら|だら|なら(?:ば)?)、?$")


def condition_before(text: str, start: int) -> str:
    """The conditional clause ending right before the predicate at `start` in its sentence (no
    other verb between them), as written; "" when the statement is unconditional."""
    begin = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    tokens = analyze(text[begin:start], "B")
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        upto = text[begin:begin + tok.end]
        if _CONDITION_RE.search(upto) and (tok.pos[0] in ("助詞", "助動詞") or tok.lemma == "場合"
                                            or tok.surface == "、"):
            if tok.surface == "、" and not _CONDITION_RE.search(upto):
                continue
            head = max(upto.rfind("、", 0, len(upto) - 1), 0)
            return upto[head:].strip("、")
        before = tokens[i - 1] if i else None
        helper = before is not None and (before.pos[0] == "動詞" or before.surface in ("て", "で"))
        if tok.pos[0] == "動詞" and not helper:
            return ""  # another statement stands between (出す制度を設けた): not this one's condition
    return ""
