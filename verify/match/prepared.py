"""Claims and sources made ready for matching: normalised, split, tokenised — once each."""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cached_property

from ..model import SourceDoc
from ..text import Normalized, Token, analyze, content_lemmas, normalize, split_sentences
from ..text import lemmas as sentence_lemmas
from .. import numbers as Q
from . import polarity as P
from . import names as N
from . import thresholds as T

_PUNCT_RE = re.compile(r"[\s、。，．,.!?！？「」『』()（）\[\]［］:：;；\"'\-ー~…・]")


@dataclass
class Sentence:
    start: int                 # original offsets into SourceDoc.text
    end: int
    norm: Normalized
    lemmas: frozenset[str]

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def predicates(self) -> dict[str, bool]:
        return P.predicates(self.norm.text)

    @cached_property
    def entities(self) -> list[N.Entity]:
        return N.entities(self.norm.text) + N.acronyms_and_titles(self.norm.text)

    @cached_property
    def clauses(self) -> list[Clause]:
        """The sentence cut at 、 and 。, each piece with its words, names and numbers."""
        tokens = analyze(self.text, "A")
        out = []
        for start, end in clause_spans(self.text):
            piece = self.text[start:end]
            out.append(Clause(
                piece,
                frozenset(t.lemma for t in tokens if start <= t.start < end),
                [e for e in self.entities if start <= e.start < end],
                Q.quantities(piece),
            ))
        return out


@dataclass
class Clause:
    text: str
    lemmas: frozenset[str]
    entities: list[N.Entity]
    quantities: list[Q.Quantity]


_CLAUSE_END = "、。，,;；"


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` between 、 and 。 (outside 「」)."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "「(（"
        depth -= ch in "」)）" and depth > 0
        if ch in _CLAUSE_END and depth == 0:
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass
class PreparedSource:
    doc: SourceDoc
    sentences: list[Sentence]
    norm_text: str
    quantities: list[Q.Quantity]
    published: date | None      # publication date in Japan time

    @property
    def published_year(self) -> int | None:
        return self.published.year if self.published else None

    @cached_property
    def lemma_index(self) -> dict[str, int]:
        """lemma -> bit mask of the sentences that have it (bit i = sentence i)."""
        index: dict[str, int] = {}
        for i, s in enumerate(self.sentences):
            for lemma in s.lemmas:
                index[lemma] = index.get(lemma, 0) | 1 << i
        return index

    @cached_property
    def _char_index(self) -> dict[str, int]:
        index: dict[str, int] = {}
        for i, s in enumerate(self.sentences):
            for ch in set(s.text):
                index[ch] = index.get(ch, 0) | 1 << i
        return index

    @cached_property
    def _containing(self) -> dict[str, int]:
        return {}

    def containing(self, needle: str) -> int:
        """Bit mask of the sentences whose text contains `needle` (cached per source).

        Claims of one source share most of their words; the character index narrows each
        look-up to the few sentences that hold every character before any substring test.
        """
        found = self._containing.get(needle)
        if found is None:
            candidates = -1
            for ch in set(needle):
                candidates &= self._char_index.get(ch, 0)
                if not candidates:
                    break
            found, bits = 0, max(candidates, 0)
            while bits:
                low = bits & -bits
                if needle in self.sentences[low.bit_length() - 1].text:
                    found |= low
                bits ^= low
            self._containing[needle] = found
        return found


@dataclass
class PreparedClaim:
    text: str
    norm: str
    tokens: list[Token]
    weights: list[float]
    bigrams: list[str]
    quantities: list[Q.Quantity] = field(default_factory=list)
    anchor: date | None = None  # the day the claim was written (its block's 公開日): 昨日 is the day before

    @cached_property
    def predicates(self) -> dict[str, bool]:
        return P.predicates(self.norm)

    @cached_property
    def total_weight(self) -> float:
        return sum(self.weights)

    @cached_property
    def entities(self) -> list[N.Entity]:
        return N.entities(self.norm) + N.acronyms_and_titles(self.norm)


def _bigrams(text: str) -> list[str]:
    bare = _PUNCT_RE.sub("", text)
    return list(dict.fromkeys(bare[i:i + 2] for i in range(len(bare) - 1)))


_RECENT: OrderedDict[SourceDoc, PreparedSource] = OrderedDict()
RECENT_SOURCES = 64  # a run over an archive cites the same pages again and again


def prepare_source_cached(doc: SourceDoc) -> PreparedSource:
    """prepare_source, remembered for the last RECENT_SOURCES pages (bounded: memory stays flat)."""
    if doc in _RECENT:
        _RECENT.move_to_end(doc)
        return _RECENT[doc]
    prepared = _RECENT[doc] = prepare_source(doc)
    if len(_RECENT) > RECENT_SOURCES:
        _RECENT.popitem(last=False)
    return prepared


def prepare_source(doc: SourceDoc) -> PreparedSource:
    """Split, normalise and tokenise a source once, for all the claims that cite it."""
    text = doc.text
    sentences = []
    for start, end in split_sentences(text):
        norm = normalize(text[start:end])
        lemmas = sentence_lemmas(norm.text)
        sentences.append(Sentence(start, end, norm, lemmas))
    # The headline belongs to the page: a name it gives (福井県) is "in the source" even when the
    # body says only 県内. It is never evidence, so it is not a sentence.
    norm_text = "\n".join([s.text for s in sentences] + [normalize(doc.title).text])
    return PreparedSource(doc, sentences, norm_text, Q.quantities(norm_text), _japan_date(doc.published))


_JST = timezone(timedelta(hours=9))


def _japan_date(published: str) -> date | None:
    """The publication date as a Japanese reader saw it (Reuters stamps UTC: 22:40 JST is 13:40Z)."""
    try:
        stamp = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (stamp.astimezone(_JST) if stamp.tzinfo else stamp).date()


def _weight(tok: Token) -> float:
    if tok.is_proper or tok.oov:
        return T.WEIGHT_PROPER
    if tok.pos[1] == "数詞":
        return T.WEIGHT_NUMBER
    if tok.pos[0] == "名詞":
        return T.WEIGHT_NOUN
    return T.WEIGHT_VERB


def prepare_claim(text: str, written: str = "") -> PreparedClaim:
    """`written`: the ISO date of the claim's block (公開日), the anchor of its relative dates."""
    norm = normalize(text).text
    tokens = content_lemmas(analyze(norm, "A"))
    return PreparedClaim(text, norm, tokens, [_weight(t) for t in tokens], _bigrams(norm),
                         Q.quantities(norm), _japan_date(written) if written else None)
