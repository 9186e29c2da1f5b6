"""Word-level analysis with SudachiPy (dictionary forms, parts of speech, proper nouns).

The tokenizer is created on first use: commands that never match (``--help``, ``extract``)
must not pay for loading the dictionary.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Token:
    surface: str
    lemma: str          # Sudachi normalized form: 附属->付属, し->為る
    pos: tuple[str, ...]
    start: int          # offsets into the analysed (normalised) text
    end: int
    oov: bool
    synonyms: tuple[int, ...] = ()  # Sudachi synonym group ids: 首相 and 総理 share one

    @property
    def is_proper(self) -> bool:
        return self.pos[:2] == ("名詞", "固有名詞")


@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary()


@lru_cache(maxsize=3)
def _tokenizer(mode: str):
    # Sudachi's split mode passed per call is slower than one tokenizer per mode.
    return _dictionary().tokenizer(mode=mode)


# Sudachi refuses input over 49,149 bytes ("Input is too long"). Longer text is read in pieces
# of at most this many characters (4 bytes each at worst in UTF-8: emoji, rare kanji) ...
CHUNK_CHARS = 8192
# ... each ending, where it can, after the last of these in its second half, so that a cut
# falls between words rather than inside one.
_CHUNK_BREAKS = "。！？!?\n、，,；; 　"


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs that cover `text` in order, each piece at most `size` characters."""
    out, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind(ch, start + size // 2, end) for ch in _CHUNK_BREAKS)
        end = cut + 1 if cut >= 0 else end
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _morphemes(text: str, mode: str):
    """(offset of the piece, morpheme) for every morpheme of `text`, however long it is."""
    tokenizer = _tokenizer(mode)
    if len(text) <= CHUNK_CHARS:
        return ((0, m) for m in tokenizer.tokenize(text))
    return ((offset, m) for offset, piece in chunks(text) for m in tokenizer.tokenize(piece))


@lru_cache(maxsize=8192)
def analyze(text: str, mode: str = "A") -> tuple[Token, ...]:
    """Tokens of `text`; mode A (short units) for matching, C (long units) for names.

    Cached: the same sentence is read for names, clauses and polarity, and a source cited by
    many articles is read again for each; tokens are immutable, the cache is bounded.
    """
    if not text:
        return ()
    tokens = []
    for offset, m in _morphemes(text, mode):
        tokens.append(Token(m.surface(), m.normalized_form(), tuple(m.part_of_speech()[:4]),
                            offset + m.begin(), offset + m.end(), m.is_oov(), tuple(m.synonym_group_ids())))
    return tuple(tokens)


def lemmas(text: str) -> frozenset[str]:
    """Just the normalised forms of `text`'s short units: what evidence search needs from every
    sentence of a source, without building a Token per word (most sentences are never evidence)."""
    if not text:
        return frozenset()
    return frozenset(m.normalized_form() for _, m in _morphemes(text, "A"))


# Lemmas too common to say anything about a claim's content.
STOP_LEMMAS = frozenset(
    "為る 有る 居る 成る 言う 事 物 為 様 等 其れ 此れ 所 方 中 的 者 達 よう こと もの ため "
    "れる られる せる いる ある なる する 行う 出来る 思う 見る 考える 今回 今後 一方 両 各 "
    "など 際 上 下 後 前 時 場合 おる 行く 来る 予定 可能 必要".split()
)
_CONTENT_POS = ("名詞", "動詞", "形容詞", "形状詞")


def content_lemmas(tokens: tuple[Token, ...]) -> list[Token]:
    """The tokens that carry meaning: nouns, verbs, adjectives; no particles, no stop words."""
    out = []
    for tok in tokens:
        if tok.pos[0] not in _CONTENT_POS or tok.pos[1] == "非自立可能" and tok.pos[0] != "名詞":
            continue
        if tok.lemma in STOP_LEMMAS or tok.surface in STOP_LEMMAS:
            continue
        if len(tok.surface) == 1 and tok.pos[1] not in ("固有名詞", "数詞") and not is_kanji(tok.surface):
            continue
        out.append(tok)
    return out


def is_kanji(ch: str) -> bool:
    """A CJK ideograph (漢字): Sino-Japanese compounds are made of these."""
    return "\u4e00" <= ch <= "\u9fff"
