"""Causal connectives that join two facts in one sentence (〜のため, 〜を受けて, 〜により,
〜が背景にある): a summary that links two facts the page states apart invents a cause."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import analyze

# Connectives that make one fact the cause or trigger of another (closed class). Purpose ため
# (支援するため) links two facts just as firmly, so it is kept.
CAUSAL_CONNECTIVES = ("のため", "ため", "を受けて", "を受け、", "を受けた", "により", "ことで", "ことにより",
                      "が背景にある", "が背景にあり", "が背景", "も影響し", "が影響し", "が原因", "が要因", "によって", "による", "ことから",
                      "ので", "影響で", "影響により", "を背景に", "に伴い", "に伴って", "に伴う", "結果、",
                      "を理由に", "を理由として", "をきっかけに", "を機に", "が原因で", "が要因", "から、")
_CAUSE_RE = re.compile("|".join(sorted(map(re.escape, CAUSAL_CONNECTIVES), key=len, reverse=True)))
# Words by which a source links a cause to its effect within a sentence (その背景には…がある,
# 原因は…, これを受けて…); a cause noun followed directly by で (大雨で) counts too (elements.py).
CAUSE_WORDS = tuple(dict.fromkeys(c[1:] if c[0] in "をが" or c == "のため" else c for c in CAUSAL_CONNECTIVES)) + (
    "理由", "原因", "要因", "背景", "影響", "きっかけ", "受け", "に向け", "目指し")  # purpose joins too


@dataclass(frozen=True)
class Cause:
    connective: str
    start: int      # offset of the connective in the text
    end: int
    cleft: int = -1  # 「Bのは、Aためだ」: where のは ends the effect, which then comes first


_CLEFT_RE = re.compile(r"のは、?")


def causes(text: str) -> list[Cause]:
    """Causal connectives joining two parts of `text` (not at its very start or end), each
    starting where a word starts (無期限のもので is not …ので)."""
    starts = {t.start for t in analyze(text, "B")}
    out = []
    for m in _CAUSE_RE.finditer(text):
        cleft = next((c.start() for c in _CLEFT_RE.finditer(text, 0, m.start())), -1)
        if m.start() < 2 or len(text) - m.end() < 4 and not m.group(0).startswith(("が", "も")) and cleft < 0:
            continue  # (…が背景にある and …も影響した may end the sentence: the effect is the context)
        begins = m.start() + (1 if m.group(0)[0] in "のをが" and m.group(0) not in ("ので",) else 0)
        if begins not in starts:
            continue
        if m.group(0) == "によって" and text[m.end():m.end() + 1] == "は":
            continue  # 日程によっては: "depending on", not "because of"
        if m.group(0) == "による" and text[m.end():m.end() + 1] not in ("、", ""):
            continue  # 台風による被害: a noun phrase, not a link between two statements
        if m.group(0) == "から、" and not re.match(r"[\u3041-\u309f]", text[m.start() - 1]):
            continue  # 11月30日から、: "from" a time or place, not "because" (which follows a verb: ないから)
        at_end = len(text) - m.end() < 4
        out.append(Cause(m.group(0), m.start(), m.end(), cleft if at_end else -1))
    return out
