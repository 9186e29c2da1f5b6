"""Links a claim draws between facts and people: a cause joining two facts (〜のため), and who
said a quote or holds a view. A link the page does not draw is `missing`; a quote or view the
page gives to another of its people is `conflicting`.
"""
from __future__ import annotations

import re

from .. import structure as S
from ..model import CONFLICTING, MISSING, Fact
from ..text import analyze, content_lemmas, is_kanji
from .prepared import PreparedClaim, PreparedSource


def _content(text: str) -> set[str]:
    return {t.lemma for t in content_lemmas(analyze(text, "A")) if len(t.surface) >= 2 or is_kanji(t.surface)}


def _check_causes(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """「Aのため、B」 needs a source that links A and B itself, not one that states them apart."""
    out = []
    for link in S.causes(claim.norm):
        # 「集荷量が減ったのは、猛暑のためだ」: the effect comes first, before のは
        before, after = (claim.norm[link.cleft:link.start], claim.norm[:link.cleft]) if link.cleft >= 0 \
            else (claim.norm[:link.start], claim.norm[link.end:])
        cause, effect = _content(before), _content(after)
        cause, effect = cause - effect, effect - cause  # what tells the two facts apart
        if not cause:
            continue
        if not effect:  # 「…が背景にある」: the page must name it as a cause, whatever of
            if not any(_share(cause, s.lemmas) >= 0.5 and any(w in s.text for w in S.CAUSE_WORDS)
                       for s in source.sentences):
                out.append(Fact("cause", claim.norm[max(0, link.start - 8):link.end], MISSING))
            continue
        unsaid = _unsaid(before, source)
        if unsaid:  # 円安で…価格が上がり…が背景 where the page gives 国際価格の高止まり as the reason
            out.append(Fact("cause", unsaid, MISSING, "the page never names it"))
        elif not _linked(cause, effect, source):
            out.append(Fact("cause", claim.norm[max(0, link.start - 8):link.end], MISSING))
    return out


def _unsaid(cause: str, source: PreparedSource) -> str:
    """A noun of the claim's cause the page never uses, in any form or synonym: a reason of the
    summary's own, however many of the page's words surround it."""
    page = {g for s in source.sentences for t in analyze(s.text, "B") for g in t.synonyms}
    for t in analyze(cause, "B"):
        # things, not acts (値上がり, 決定: paraphrased freely) nor days (昨日, 一昨日)
        thing = t.pos[1] == "固有名詞" or t.pos[1] == "普通名詞" and t.pos[2] == "一般"
        if t.pos[0] != "名詞" or not thing or len(t.surface) < 2 or not any(is_kanji(c) for c in t.surface) \
                or t.surface.startswith(("一昨", "昨", "今", "来", "先", "翌", "同")):
            continue
        if t.surface not in source.norm_text and t.lemma not in source.norm_text and not set(t.synonyms) & page:
            return t.surface
    return ""


def _share(words: set[str], lemmas: frozenset[str]) -> float:
    return len(words & lemmas) / len(words)


# How a sentence joins a state to what follows from it without a causal word (保険が掛けられて
# おり、予想を据え置いた): the て-form of a state.
_STATE_LINKS = ("ており、", "ていて、", "ていたため", "たことで", "ことで")


def _circumstance(cause: set[str], text: str) -> bool:
    """「…制度の対象品目で、審査期間は短縮される」: a noun clause ending in で、 that holds the cause
    is the circumstance that brings about what follows it."""
    cut = text.find("で、")
    return cut > 0 and any(word in text[:cut] for word in cause)


def _linked(cause: set[str], effect: set[str], source: PreparedSource) -> bool:
    """A source sentence that tells the effect joins the cause to it with a causal word: in
    the same sentence (大雨のため運転を見合わせた, 大雨で…), or reaching back to the sentence
    before (「…。これを受けて、…」). Stated apart, with nothing joining them, they are two facts."""
    shares = [_share(effect, s.lemmas) for s in source.sentences]
    best = max(shares, default=0.0)
    if best == 0.0:
        return False
    for i, s in enumerate(source.sentences):
        if shares[i] < max(0.25, best / 2):  # a sentence that tells (part of) the effect
            continue
        joined = any(word in s.text for word in S.CAUSE_WORDS + _STATE_LINKS) \
            or any(f"{word}で" in s.text for word in cause) or _circumstance(cause, s.text)
        before = source.sentences[i - 1].lemmas if i else frozenset()
        # a cause that is one thing (この条約により) is linked by a sentence about that thing
        joined = joined or len(cause) <= 2 and _share(cause, s.lemmas) == 1.0
        if joined and (_share(cause, s.lemmas) >= 0.5 or _share(cause, s.lemmas | before) >= 0.5):
            return True
        # 「…2基にとどまった。部隊の人手不足が理由だ」: the next sentence names the reason
        after = source.sentences[i + 1] if i + 1 < len(source.sentences) else None
        if after is not None and any(w in after.text for w in ("理由", "原因", "要因", "背景", "ためだ", "ためです")) \
                and _share(cause, after.lemmas) > 0.5:
            return True
    return False


def _check_speakers(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """A quote the source gives to someone else on the page: the words are verbatim, the
    speaker is not."""
    out = []
    for quote, start, end in S.quote_spans(claim.norm):
        said_by = S.speaker(claim.norm, start, end)
        if not said_by or not S.personal(said_by):
            continue
        for s_index, s in enumerate(source.sentences):
            at = s.text.find(quote)
            opening = s.text.rfind("「", 0, at + 1) if at >= 0 else -1
            if at < 0 or opening < 0:
                continue
            closing = s.text.find("」", at)  # the claim may quote only part of what was said
            closing = closing + 1 if closing >= 0 else len(s.text)
            theirs = S.speaker(s.text, opening, closing) or _previous_speaker(source, s_index)
            # the claim's speaker must be someone the page names: then the page gave the quote
            # to another of its people (a speaker the page never names is the names check's work)
            if _another_person(said_by, theirs, s.text, source):
                out.append(Fact("speaker", said_by, CONFLICTING, theirs))
            break
    return out


def _check_reported(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """A view given to another person on the page, without quotes: 「佐藤組合長は、支援はまだ
    足りないとの考えを示した」 where the page gives that view to 田中知事."""
    said = [a for a in S.acts(claim.norm) if a.reporting]
    if not said or S.quote_spans(claim.norm):
        return []
    said_by = S.topic(claim.norm[:said[0].start], first=True)
    if not said_by or not S.personal(said_by):
        return []
    content = _content(claim.norm[claim.norm.find(said_by) + len(said_by):said[0].start]) - _content(said_by)
    if len(content) < 3:
        return []
    shares = [(_share(content, s.lemmas), i) for i, s in enumerate(source.sentences)]
    best, index = max(shares, default=(0.0, -1))
    if best < 0.6:
        return []
    text = source.sentences[index].text
    quotes = S.quote_spans(text) or [("", 0, 0)]
    theirs = S.speaker(text, quotes[0][1], quotes[0][2]) if quotes[0][0] else S.topic(text, first=True)
    theirs = theirs or _previous_speaker(source, index)
    if _another_person(said_by, theirs, text, source):
        return [Fact("speaker", said_by, CONFLICTING, theirs)]
    return []


def _another_person(said_by: str, theirs: str, sentence: str, source: PreparedSource) -> bool:
    """The page gives the words to someone other than the claim's speaker, whom it also names.
    The claim may call the speaker by a role the page writes beside the name (ASTの日本事業責任者、
    ケビン・モリス氏は): that role in the speaker's own sentence is the same person."""
    if not theirs or not S.personal(theirs) or S.same_speaker(said_by, theirs):
        return False
    if _beside(said_by, theirs, sentence):
        return False
    return S.same_speaker(said_by, source.norm_text)


def _beside(said_by: str, theirs: str, sentence: str) -> bool:
    """「ASTの日本事業責任者、ケビン・モリス氏は」: the role right before the name."""
    at = sentence.find(theirs)
    return at > 0 and said_by[-4:] in sentence[max(0, at - len(said_by) - 3):at]


def _previous_speaker(source: PreparedSource, index: int) -> str:
    """A quote without a speaker in its sentence continues the last one named (同氏は…)."""
    for s in reversed(source.sentences[max(0, index - 2):index]):
        for quote, start, end in S.quote_spans(s.text):
            found = S.speaker(s.text, start, end)
            if found:
                return found
    return ""


# Connectives of time order (closed class): 〜したあとで / 〜してから / 〜したうえで put the first
# part first; 〜する前に puts it second.
_THEN_RE = re.compile(r"(?:た|だ)(?:あと(?:で|に)?|後(?:で|に|、)|のち(?:に)?|うえで|上で)、?|(?:て|んで)から、?")
_BEFORE_RE = re.compile(r"(?:る|う|く|す|つ|ぬ|む|ぶ|ぐ)(?:前に|に先立ち|に先立って)、?")
_REASON_END = ("ため。", "ためだ。", "ためです。", "ためだ", "ため")


def _earlier_later(text: str) -> tuple[str, str, int] | None:
    """(what happened first, what happened next, where they join) in a sentence that orders two
    acts with a connective of time; None when it has none."""
    m = _THEN_RE.search(text)
    if m and 2 <= m.start() and len(text) - m.end() >= 4:
        return text[:m.start() + 1], text[m.end():], m.start()
    m = _BEFORE_RE.search(text)
    if m and 2 <= m.start() and len(text) - m.end() >= 4:
        return text[m.end():], text[:m.start() + 1], m.start()
    return None


def _check_sequence(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """「AしたあとでB」 where the page orders them the other way: B then A in one sentence
    (BしたうえでA), or B the reason for A (A。Bしたため。)."""
    told = _earlier_later(claim.norm)
    if told is None:
        return []
    first, then = _content(told[0]), _content(told[1])
    topic = re.match(r"[^、。]{1,15}?(?:は|が)、?", told[0])  # who acts in both: not what orders them
    subject = _content(topic.group(0)) if topic else set()
    first, then = first - then - subject, then - first - subject
    if not first or not then or len(first) + len(then) < 3:
        return []
    for i, s in enumerate(source.sentences):
        page = _earlier_later(s.text)
        if page is not None:  # the page's own order, in one sentence
            early, late = _content(page[0]), _content(page[1])
            if _share(then, early) >= 0.5 and _share(first, late) >= 0.5 \
                    and _share(first, early) < 0.5 and _share(then, late) < 0.5:
                return [Fact("cause", claim.norm[max(0, told[2] - 4):told[2] + 4], CONFLICTING, f"{s.text[:40]} (the other order)")]
        # A。Bしたため。: the page gives B as the reason for A, so B came first
        after = source.sentences[i + 1] if i + 1 < len(source.sentences) else None
        if after is not None and after.text.rstrip().endswith(_REASON_END) \
                and _share(first, s.lemmas) >= 0.5 and _share(then, after.lemmas) >= 0.5 \
                and _share(first, after.lemmas) < 0.5:
            return [Fact("cause", claim.norm[max(0, told[2] - 4):told[2] + 4], CONFLICTING, f"{after.text[:40]} (the reason, so first)")]
    return []


def check_links(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """Causes, time order and speakers of the claim against the whole page."""
    return _check_causes(claim, source) + _check_sequence(claim, source) + _check_speakers(claim, source) \
        + _check_reported(claim, source)
