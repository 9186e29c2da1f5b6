"""Negation in the auxiliary chain after a predicate (しなかった, 〜ていない, 〜わけではない)."""
from __future__ import annotations

from ..text import Token

_NEGATORS = {"ない", "ぬ", "ず", "ん", "無い"}
SAHEN_VERBS = {"為る", "出来る", "致す", "為さる"}  # する and its kin after a サ変 noun


def negations_after(tokens: tuple[Token, ...], j: int) -> tuple[int, int]:
    """Count negators in the auxiliary chain from tokens[j]: れ/て/い/なかっ/た/ず ... -> (count, end).

    減るわけではない / 起きたことはない deny through a formal noun (わけ, こと) and では/は.
    """
    count, after_te = 0, False
    while j < len(tokens):
        tok = tokens[j]
        if tok.pos[0] == "助動詞" or tok.pos[0] == "接尾辞" or tok.pos[1] == "非自立可能" and tok.pos[0] in ("動詞", "形容詞"):
            count += tok.lemma in _NEGATORS or tok.surface in ("ず", "ぬ")
            after_te = tok.surface == "で"
        elif tok.surface in ("て", "で") and tok.pos[1] == "接続助詞":
            after_te = True
        elif after_te and tok.surface in ("は", "も"):  # 〜てはいない, 〜でもない
            pass
        elif tok.surface in _FORMAL_NOUNS and j + 1 < len(tokens) and tokens[j + 1].surface in ("で", "は", "が", "も"):
            # わけではない, ことはない, ことができない: skip the noun and its particle
            after_te = tokens[j + 1].surface == "で"
            j += 1
        else:
            break
        j += 1
    return count, j


_FORMAL_NOUNS = ("わけ", "訳", "こと", "事")


def negated_after(tokens: tuple[Token, ...], j: int) -> tuple[bool, int]:
    """(negated?, index after the auxiliary chain) for the predicate whose chain starts at tokens[j]."""
    count, end = negations_after(tokens, j)
    return count % 2 == 1, end
