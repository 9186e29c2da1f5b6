"""Finding the evidence for a claim: the best window of sentences, plus sentences that add to it."""
from __future__ import annotations

from . import thresholds as T
from .prepared import PreparedClaim, PreparedSource, Sentence


def masks(claim: PreparedClaim, sentence: Sentence) -> tuple[int, int]:
    tok_mask = 0
    for i, tok in enumerate(claim.tokens):
        if tok.lemma in sentence.lemmas or tok.surface in sentence.text or tok.lemma in sentence.text:
            tok_mask |= 1 << i
    bi_mask = 0
    for i, bigram in enumerate(claim.bigrams):
        if bigram in sentence.text:
            bi_mask |= 1 << i
    return tok_mask, bi_mask


def _sentence_masks(claim: PreparedClaim, source: PreparedSource) -> list[tuple[int, int]]:
    """masks() for every sentence at once, through the source's indexes (the hot path)."""
    tok = [0] * len(source.sentences)
    bi = [0] * len(source.sentences)
    for i, t in enumerate(claim.tokens):
        _spread(source.lemma_index.get(t.lemma, 0) | source.containing(t.surface) | source.containing(t.lemma),
                tok, 1 << i)
    for i, bigram in enumerate(claim.bigrams):
        _spread(source.containing(bigram), bi, 1 << i)
    return list(zip(tok, bi))


def _spread(sentences: int, out: list[int], bit: int) -> None:
    while sentences:
        low = sentences & -sentences
        out[low.bit_length() - 1] |= bit
        sentences ^= low


def _score(claim: PreparedClaim, tok_mask: int, bi_mask: int) -> float:
    total = claim.total_weight or 1.0
    covered, bits = 0.0, tok_mask
    while bits:
        low = bits & -bits
        covered += claim.weights[low.bit_length() - 1]
        bits ^= low
    bigram = bi_mask.bit_count() / (len(claim.bigrams) or 1)
    return 100 * ((1 - T.BIGRAM_SHARE) * covered / total + T.BIGRAM_SHARE * bigram)


def find_evidence(claim: PreparedClaim, source: PreparedSource) -> tuple[float, list[int]]:
    """Best window of adjacent sentences, plus non-adjacent sentences that add missing content."""
    found = _sentence_masks(claim, source)
    if not found:
        return 0.0, []
    best_score, best = -1.0, [0]
    for i in range(len(found)):
        tok, bi = 0, 0
        for size in range(T.MAX_WINDOW):
            if i + size >= len(found):
                break
            tok, bi = tok | found[i + size][0], bi | found[i + size][1]
            score = _score(claim, tok, bi)
            # ties go to the smaller window: a sentence that adds nothing is not evidence
            if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and size + 1 < len(best)):
                best_score, best = score, list(range(i, i + size + 1))
    tok = bi = 0
    for i in best:
        tok, bi = tok | found[i][0], bi | found[i][1]
    for _ in range(T.MAX_EXTRA_SENTENCES):
        gains = [(_score(claim, tok | m[0], bi | m[1]) - best_score, i)
                 for i, m in enumerate(found) if i not in best]
        if not gains:
            break
        gain, pick = max(gains)
        if gain < 100 * T.EXTRA_SENTENCE_MIN_GAIN:
            break
        best.append(pick)
        tok, bi = tok | found[pick][0], bi | found[pick][1]
        best_score += gain
    return best_score, sorted(best)
