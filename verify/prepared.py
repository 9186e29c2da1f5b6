"""Claims and sources made ready for matching: normalised, split, tokenised — once each."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cached_property

from . import facts as F
from . import names as N
from . import thresholds as T
from .model import SourceDoc
from .normalize import Normalized, normalize
from .sentences import split_sentences
from .tokens import Token, analyze, content_lemmas

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
        return F.predicates(self.norm.text)

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
                F.quantities(piece),
            ))
        return out


@dataclass
class Clause:
    text: str
    lemmas: frozenset[str]
    entities: list[N.Entity]
    quantities: list[F.Quantity]


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
    quantities: list[F.Quantity]
    published: date | None      # publication date in Japan time

    @property
    def published_year(self) -> int | None:
        return self.published.year if self.published else None


@dataclass
class PreparedClaim:
    text: str
    norm: str
    tokens: list[Token]
    weights: list[float]
    bigrams: list[str]
    quantities: list[F.Quantity] = field(default_factory=list)

    @cached_property
    def predicates(self) -> dict[str, bool]:
        return F.predicates(self.norm)

    @cached_property
    def entities(self) -> list[N.Entity]:
        return N.entities(self.norm) + N.acronyms_and_titles(self.norm)


def _bigrams(text: str) -> list[str]:
    bare = _PUNCT_RE.sub("", text)
    return list(dict.fromkeys(bare[i:i + 2] for i in range(len(bare) - 1)))


def prepare_source(doc: SourceDoc) -> PreparedSource:
    """Split, normalise and tokenise a source once, for all the claims that cite it."""
    text = doc.text
    sentences = []
    for start, end in split_sentences(text):
        norm = normalize(text[start:end])
        lemmas = frozenset(t.lemma for t in analyze(norm.text, "A"))
        sentences.append(Sentence(start, end, norm, lemmas))
    # The headline belongs to the page: a name it gives (福井県) is "in the source" even when the
    # body says only 県内. It is never evidence, so it is not a sentence.
    norm_text = "\n".join([s.text for s in sentences] + [normalize(doc.title).text])
    return PreparedSource(doc, sentences, norm_text, F.quantities(norm_text), _japan_date(doc.published))


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


def prepare_claim(text: str) -> PreparedClaim:
    norm = normalize(text).text
    tokens = content_lemmas(analyze(norm, "A"))
    return PreparedClaim(text, norm, tokens, [_weight(t) for t in tokens], _bigrams(norm),
                         F.quantities(norm))
