"""Who said it: the speaker of a quote (田中社長は「…」と述べた, 「…」と田中社長), the topic of a
reported view, and whether two phrases can name the same person."""
from __future__ import annotations

import re

from ..text import analyze

# A quote is words said: 「…」 followed by と (と述べた, との考え); a 「title」 is not.
_QUOTE_RE = re.compile(r"「([^「」]{2,})」(?=と|って)")
_SAY_AFTER_RE = re.compile(r"^(?:と|との)")


_SAID_RE = re.compile(r"^(?:との|と(?:、|述べ|語|話|言|強調|指摘|説明|明か|訴え|答え|コメント|発言|記))")


def quote_spans(text: str) -> list[tuple[str, int, int]]:
    """「…」 that are words said: followed by a verb of saying, or words with kana in them
    (「DTOPIA」と鈴木さんの… is a title in a list, 「必ず勝つ」と誓った a quote)."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        if _SAID_RE.match(text, m.end()) or re.search(r"[\u3041-\u309f]", m.group(1)):
            out.append((m.group(1), m.start(), m.end()))
    return out


def speaker(text: str, quote_start: int, quote_end: int) -> str:
    """Who says the quote at [quote_start, quote_end) in `text`: the topic before it (田中社長は、
    「…」と述べた) or the subject after it (「…」と田中社長は述べた); "" when the sentence omits it."""
    before = text[:quote_start]
    after = text[quote_end:]
    found = topic(before)
    if found:
        return found
    m = re.match(r"^と(?:、)?(.{1,24}?)(?:は|が)", after)
    if m:
        return _head_phrase(m.group(1))
    m = re.match(r"^と(?:、)?(.{1,24}?)(?:。|$)", after)  # 「…」と田中社長。
    if m and not re.search(r"[しいっ]た|する|述べ|語|話", m.group(1)):
        return _head_phrase(m.group(1))
    return ""


_TOPIC_RE = re.compile(r"(?:^|、|。)([^、。「」]{1,30}?)(?:は|が)、?$|(?:^|、|。)([^、。「」]{1,30}?)(?:は|が)、[^「」]{0,30}$")


def topic(before: str, first: bool = False) -> str:
    """The last (or `first`) 〜は/〜が noun phrase in `before` (nouns joined by の): who speaks
    in 「田中社長は、…と述べた」."""
    before = re.sub(r"\([^()]*\)", "", before)  # 長男(48)は: the age is no part of the name
    tokens = analyze(before, "C")
    found = []
    for i, tok in enumerate(tokens):
        if tok.surface not in ("は", "が") or tok.pos[0] != "助詞" or i == 0:
            continue
        j = i
        while j > 0 and (tokens[j - 1].pos[0] in ("名詞", "接尾辞", "接頭辞")
                         or tokens[j - 1].surface in ("の", "・") and j > 1 and tokens[j - 2].pos[0] == "名詞"):
            j -= 1
        if j < i and tokens[j].pos[0] == "名詞":
            found.append(before[tokens[j].start:tok.start])
    if not found:
        return ""
    return _head_phrase(found[0] if first else found[-1])


def _head_phrase(phrase: str) -> str:
    return phrase.strip("、 ")


def _speaker_words(phrase: str) -> tuple[set[str], set[str]]:
    """(names, nouns) of a phrase. The names are its people's (石倉, 直樹) when it names any, else
    its other proper names (札幌, ASTの…); one-character names (健, 道) are too short to tell."""
    tokens = analyze(phrase, "C")
    people = {t.surface for t in tokens if t.pos[2] == "人名" and len(t.surface) >= 2}
    names = people or {t.surface for t in tokens if (t.is_proper or t.oov) and len(t.surface) >= 2}
    nouns = {t.lemma for t in tokens if t.pos[0] == "名詞"}
    return names, nouns


# How Japanese names a person by role: a name, or a word ending in a title or a person suffix
# (社長, 知事, 大臣, 委員, 弁護士, 氏, さん).
_PERSON_END = tuple("長相官員者手師士事臣裁表督役将氏男女親妻夫母父兄姉弟妹") + ("さん", "代表", "会長", "議員", "幹部", "担当")


def personal(phrase: str) -> bool:
    """Could the phrase name someone who speaks? 田中社長, 組合の幹部, オルトバーグCEO yes;
    岡山両県 no."""
    if re.search(r"\d", phrase):
        return False  # 82医療機関のうち7割近く: a share of respondents, not a person
    names, _ = _speaker_words(phrase)
    return bool(names) or phrase.endswith(_PERSON_END) or bool(re.search(r"[A-Z]{2,4}$", phrase)) \
        or bool(re.match(r"[\u30a1-\u30fa\u30fc・]{3,}", phrase))


def same_speaker(claim: str, source: str) -> bool:
    """Could the two phrases name the same speaker? Names decide when both give one (岸田首相 /
    首相 agree; 林官房長官 / 岸田首相 do not); otherwise any shared noun (社長, 組合) will do."""
    claim_names, claim_nouns = _speaker_words(claim)
    source_names, source_nouns = _speaker_words(source)
    if claim_names and source_names:
        return any(a in b or b in a for a in claim_names for b in source_names)
    return bool(claim_nouns & source_nouns) or claim in source or source in claim
