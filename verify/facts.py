"""Key facts of a claim — numbers, dates, names, quotes, polarity — and how the evidence treats them.

Fuzzy similarity cannot tell a faithful paraphrase from a claim with one changed number or a
flipped negation (measured in MATCHING.md), so these explicit checks decide the verdict.
All text here is already normalised (see normalize.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .normalize import COUNTERS
from .tokens import Token, analyze

FOUND, MISSING, CONFLICTING = "found", "missing", "conflicting"

_UNIT_ALIASES = {"年間": "年", "日間": "日", "ヶ月": "カ月", "か月": "カ月", "ヶ国": "カ国",
                 "か国": "カ国", "パーセント": "%", "名": "人", "才": "歳", "キロ": "km"}
_DATE_UNITS = {"年(year)", "月", "日", "時", "分"}
_NUMBER_RE = re.compile(
    r"(?<![a-z\d.])((?:\d+(?:\.\d+)?[兆億万])+(?:\d+(?:\.\d+)?)?|\d+(?:\.\d+)?)(?![a-z\d])"
    rf"({'|'.join(map(re.escape, COUNTERS))})?"
)
_QUOTE_RE = re.compile(r"「([^「」]{2,})」")


@dataclass(frozen=True)
class Fact:
    kind: str            # number | date | entity | quote | polarity | antonym | emphasis
    text: str            # as the claim says it
    status: str = FOUND  # found | missing | conflicting
    source: str = ""     # what the source says instead (conflicts), or where it was found
    span: tuple[int, int] | None = None  # original offsets in the source text when found

    def describe(self) -> str:
        """The phrase an editor reads in the `reason` column."""
        if self.status == CONFLICTING:
            if self.kind == "polarity":
                return f"polarity: claim {self.text}, source {self.source}"
            if self.kind == "antonym":
                return f"antonym: claim {self.text}, source {self.source}"
            return f"{self.kind} {self.text} ≠ source {self.source}"
        if self.status == MISSING:
            if self.kind == "quote":
                return f"quote 「{self.text}」 not found verbatim"
            return f"{self.kind} {self.text} not in source"
        return f"{self.kind} {self.text} found"


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str      # canonical unit, "年(year)" for calendar years
    text: str
    start: int
    end: int

    @property
    def kind(self) -> str:
        return "date" if self.unit in _DATE_UNITS else "number"


def _value(number: str) -> float:
    total, rest = 0.0, number
    for big, size in (("兆", 1e12), ("億", 1e8), ("万", 1e4)):
        if big in rest:
            head, rest = rest.split(big, 1)
            total += float(head or 1) * size
    return total + (float(rest) if rest else 0.0)


def quantities(text: str) -> list[Quantity]:
    """Numbers with their unit or counter: 20年, 1万人, 0.25%, 154円."""
    found = []
    for m in _NUMBER_RE.finditer(text):
        unit = _UNIT_ALIASES.get(m.group(2) or "", m.group(2) or "")
        value = _value(m.group(1))
        if unit == "年" and value >= 1000 and m.group(2) != "年間":
            unit = "年(year)"
        found.append(Quantity(value, unit, m.group(0), m.start(), m.end()))
    # "3~5日": the first number of a range takes the second's unit.
    for i, q in enumerate(found[:-1]):
        nxt = found[i + 1]
        if not q.unit and nxt.unit and text[q.end:nxt.start] in ("~", "-", "から"):
            found[i] = Quantity(q.value, nxt.unit, q.text + nxt.unit, q.start, q.end)
    return found


@dataclass(frozen=True)
class Entity:
    text: str
    kind: str  # person | place | org | name


def entities(text: str) -> list[Entity]:
    """Proper nouns (Sudachi long units), with surname+given name joined and unknown katakana names."""
    out: list[Entity] = []
    tokens = analyze(text, "C")
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = _entity_kind(tok)
        if kind is None:
            i += 1
            continue
        surface = tok.surface
        while kind == "person" and i + 1 < len(tokens) and _entity_kind(tokens[i + 1]) == "person":
            i += 1
            surface += tokens[i].surface
        if len(surface) >= 2 and surface not in lexicon.NOT_ENTITIES and not surface.isdigit():
            out.append(Entity(surface, kind))
        i += 1
    return out


def _entity_kind(tok: Token) -> str | None:
    if tok.is_proper:
        return {"人名": "person", "地名": "place"}.get(tok.pos[2], "org")
    if tok.oov and re.fullmatch(r"[\u30a1-\u30faー]{3,}", tok.surface):
        return "name"  # a foreign name the dictionary lacks, e.g. ペゼシュキアン
    return None


def entity_in(entity: str, text: str) -> bool:
    """True when the entity, or one of its aliases, occurs in text."""
    return any(alias in text for alias in lexicon.aliases(entity))


def quotes(text: str) -> list[str]:
    return [q.strip() for q in _QUOTE_RE.findall(text)]


# ---- polarity -----------------------------------------------------------------------------

_NEGATORS = {"ない", "ぬ", "ず", "ん", "無い"}
_SAHEN_VERBS = {"為る", "出来る", "致す", "為さる"}


def _negations_after(tokens: tuple[Token, ...], j: int) -> tuple[int, int]:
    """Count negators in the auxiliary chain from tokens[j]: れ/て/い/なかっ/た/ず ... -> (count, end)."""
    count, after_te = 0, False
    while j < len(tokens):
        tok = tokens[j]
        if tok.pos[0] == "助動詞" or tok.pos[0] == "接尾辞" or tok.pos[1] == "非自立可能" and tok.pos[0] in ("動詞", "形容詞"):
            count += tok.lemma in _NEGATORS or tok.surface in ("ず", "ぬ")
            after_te = False
        elif tok.surface in ("て", "で") and tok.pos[1] == "接続助詞":
            after_te = True
        elif after_te and tok.surface in ("は", "も"):  # 〜てはいない, 〜でもない
            pass
        else:
            break
        j += 1
    return count, j


def predicates(text: str) -> dict[str, bool]:
    """Predicate lemma -> negated?, e.g. 含まれていない -> {"含む": True}; 未発表 -> {"発表": True}."""
    tokens = analyze(text, "B")
    out: dict[str, bool] = {}
    for i, tok in enumerate(tokens):
        lemma, negated = tok.lemma, False
        if tok.pos[0] in ("動詞", "形容詞") and tok.pos[1] != "非自立可能":
            count, _ = _negations_after(tokens, i + 1)
        elif tok.pos[0] == "名詞" and tok.pos[2] == "サ変可能":
            # a noun is a predicate only when する follows (交換した), not as a noun (交換の)
            if i + 1 >= len(tokens) or tokens[i + 1].lemma not in _SAHEN_VERBS:
                continue
            count, _ = _negations_after(tokens, i + 1)
        elif tok.pos[0] == "名詞" and tok.surface.startswith("未") and len(tok.surface) >= 3:
            lemma, count = tok.surface[1:], 1  # 未発表, 未確認: the act has not happened
        else:
            continue
        if lemma in lexicon.WEAK_PREDICATES:
            continue
        negated = count % 2 == 1
        lemma = lexicon.canonical_predicate(lemma)
        out[lemma] = out.get(lemma, False) or negated
    return out


def polarity_conflicts(claim: dict[str, bool], evidence: dict[str, bool]) -> list[Fact]:
    """Predicates the claim and the evidence share, but with opposite polarity."""
    conflicts = []
    for lemma, negated in claim.items():
        if lemma in evidence and evidence[lemma] != negated:
            said = "negative" if negated else "positive"
            other = "negative" if evidence[lemma] else "positive"
            conflicts.append(Fact("polarity", f"{said} ({lemma})", CONFLICTING, f"{other} ({lemma})"))
    return conflicts
