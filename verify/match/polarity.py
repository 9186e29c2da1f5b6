"""Polarity: which predicates and argument nouns a text affirms or denies (含まれていない,
未発表, 罰則は設けなかった, 運転を見合わせた), and 「quotes」.
"""
from __future__ import annotations

import re

from ..model import CONFLICTING, Fact
from ..structure import SAHEN_VERBS as _SAHEN_VERBS, negations_after as _negations_after
from ..text import Token, analyze
from . import lexicon

_QUOTE_RE = re.compile(r"「([^「」]{2,})」")


def quotes(text: str) -> list[str]:
    return [q.strip() for q in _QUOTE_RE.findall(text)]


def _predicate_at(tokens: tuple[Token, ...], i: int) -> tuple[str, bool] | None:
    """(lemma, negated) when tokens[i] starts a predicate: a verb or adjective, サ変 noun + する, 未X."""
    tok = tokens[i]
    main_verb = tok.pos[1] != "非自立可能" or (  # 審議が続く, 結論を出す: a main verb after a particle
        i > 0 and tokens[i - 1].pos[:2] in (("助詞", "格助詞"), ("助詞", "係助詞")))
    if tok.pos[0] in ("動詞", "形容詞") and main_verb:
        lemma, count = tok.lemma, _negations_after(tokens, i + 1)[0]
    elif tok.pos[0] == "名詞" and tok.pos[2] == "サ変可能":
        # a noun is a predicate only when する follows (交換した), not as a noun (交換の)
        if i + 1 >= len(tokens) or tokens[i + 1].lemma not in _SAHEN_VERBS:
            return None
        lemma, count = tok.lemma, _negations_after(tokens, i + 1)[0]
    elif tok.pos[0] == "名詞" and tok.surface.startswith("未") and len(tok.surface) >= 3:
        lemma, count = tok.surface[1:], 1  # 未発表, 未確認: the act has not happened
    else:
        return None
    return lemma, count % 2 == 1


def _argument_polarity(tokens: tuple[Token, ...], i: int) -> bool | None:
    """Polarity a noun gets from the predicate right after its particle: 罰則は設けなかった -> negative.

    可能性はない / 心配はない (existence denied), 認定は見送られた (a verb that undoes its object)
    count too, so a claim and a source that deny different verbs of the same noun still compare.
    """
    if i + 2 >= len(tokens) or tokens[i + 1].surface not in _ARGUMENT_PARTICLES + _CASE_BEFORE_TOPIC:
        return None
    if tokens[i + 1].surface in _CASE_BEFORE_TOPIC:
        # 解放には触れなかった, 対象とは: a case particle, then は/も, then the predicate
        if i + 3 >= len(tokens) or tokens[i + 2].surface not in ("は", "も"):
            return None
        i += 1
    nxt = tokens[i + 2]
    if nxt.lemma in lexicon.NECESSITY_VERBS:
        return None  # 協力が欠かせない: indispensable, not denied
    if nxt.lemma in _EXISTS:
        return _negations_after(tokens, i + 3)[0] % 2 == 1
    if nxt.lemma in _DENIES or nxt.surface in _DENIES:
        return _negations_after(tokens, i + 3)[0] % 2 == 0
    if nxt.lemma in _DOING:  # 弁償をしていない: the noun carries the act, する only its polarity
        return _negations_after(tokens, i + 3)[0] % 2 == 1
    found = _predicate_at(tokens, i + 2)
    if found is None or found[0] in lexicon.WEAK_PREDICATES:
        return None
    lemma, negated = found
    return (not negated) if lemma in lexicon.UNDOING_VERBS else negated


_ARGUMENT_PARTICLES = ("は", "が", "を", "も")
_CASE_BEFORE_TOPIC = ("に", "と", "で", "へ", "から")
_EXISTS = {"有る", "在る", "あり"}
_DOING = {"為る", "行う", "出来る"}
_DENIES = {"無い", "なし", "無し", "ゼロ", "無くなる", "なくなる"}  # 所得制限がなくなる: no 制限


def predicates(text: str) -> dict[str, bool]:
    """Lemma -> negated?, for predicates and their argument nouns.

    含まれていない -> {"含む": True}; 未発表 -> {"発表": True}; 罰則は設けなかった ->
    {"設ける": True, "罰則": True}; 運転を見合わせた -> {"運転": True}.
    """
    tokens = analyze(text, "B")
    out: dict[str, bool] = {}

    def put(lemma: str, negated: bool) -> None:
        lemma = lexicon.canonical_predicate(lemma)
        out[lemma] = out.get(lemma, False) or negated

    for i, tok in enumerate(tokens):
        found = _predicate_at(tokens, i)
        if found and found[0] not in lexicon.WEAK_PREDICATES and found[0] not in lexicon.UNDOING_VERBS:
            put(*found)
            continue
        if tok.pos[0] == "名詞" and tok.pos[1] != "数詞" and len(tok.surface) >= 2:
            polarity = _argument_polarity(tokens, i)
            if polarity is not None:
                put(tok.lemma, polarity)
    return out


def polarity_conflicts(claim: dict[str, bool], evidence: dict[str, bool], claim_text: str = "",
                       evidence_text: str = "") -> list[Fact]:
    """Predicates the claim and the evidence share, but with opposite polarity; each named as the
    texts word it (盛り込まれている / 盛り込まれなかった), not by the dictionary form they share (含む)."""
    conflicts = []
    for own, negated in claim.items():
        lemma = own
        if lemma not in evidence and len(lemma) >= 2:
            # 支援 in the claim, 支援策 in the source: the compound's head carries the polarity
            lemma = next((e for e in evidence if e.startswith(lemma) and len(e) <= len(lemma) + 2), lemma)
        if lemma in evidence and evidence[lemma] != negated:
            said = "negative" if negated else "positive"
            other = "negative" if evidence[lemma] else "positive"
            conflicts.append(Fact("polarity", f"{said} ({written(claim_text, own, negated) or own})", CONFLICTING,
                                  f"{other} ({written(evidence_text, lemma, evidence[lemma]) or lemma})"))
    return conflicts


def written(text: str, lemma: str, negated: bool) -> str:
    """The words of `text` that say `lemma` (as `predicates` names it) with this polarity, from the
    predicate or noun through its auxiliaries: 盛り込まれなかった for ("含む", negated). "" if none."""
    if not text:
        return ""
    tokens = analyze(text, "B")
    for i, tok in enumerate(tokens):
        found = _predicate_at(tokens, i)
        if found and lexicon.canonical_predicate(found[0]) == lemma and found[1] == negated:
            end = i + 1 if tok.surface.startswith("未") and tok.pos[0] == "名詞" else _negations_after(tokens, i + 1)[1]
            return text[tok.start:tokens[end - 1].end]
        if tok.pos[0] == "名詞" and lexicon.canonical_predicate(tok.lemma) == lemma \
                and _argument_polarity(tokens, i) == negated:
            j = next((k for k in range(i + 2, min(i + 5, len(tokens))) if tokens[k].pos[0] in ("動詞", "形容詞")
                      or tokens[k].pos[2:3] == ("サ変可能",) or tokens[k].surface.startswith("未")
                      or tokens[k].lemma in _EXISTS | _DENIES), i)
            end = _negations_after(tokens, j + 1)[1]
            return text[tok.start:tokens[end - 1].end]
    return ""
