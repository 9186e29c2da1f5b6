"""Matching one claim against one extracted source: find the evidence, check the key facts, decide.

    prepare_source(doc) -> PreparedSource   (once per source: sentences, tokens, numbers)
    prepare_claim(text) -> PreparedClaim    (once per claim)
    match(claim, source) -> Match           (verdict, score, evidence spans, facts, reason)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cached_property

from . import facts as F
from . import lexicon
from . import thresholds as T
from .model import SourceDoc, Verdict
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
    def entities(self) -> list[F.Entity]:
        return F.entities(self.norm.text)


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
    def entities(self) -> list[F.Entity]:
        return F.entities(self.norm)


@dataclass(frozen=True)
class Match:
    verdict: Verdict
    score: int
    reason: str
    evidence: str = ""
    spans: tuple[tuple[int, int], ...] = ()   # original offsets into the source text
    facts: tuple[F.Fact, ...] = ()


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
    norm_text = "\n".join(s.text for s in sentences)
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


# ---- evidence search ------------------------------------------------------------------------

def _masks(claim: PreparedClaim, sentence: Sentence) -> tuple[int, int]:
    tok_mask = 0
    for i, tok in enumerate(claim.tokens):
        if tok.lemma in sentence.lemmas or tok.surface in sentence.text or tok.lemma in sentence.text:
            tok_mask |= 1 << i
    bi_mask = 0
    for i, bigram in enumerate(claim.bigrams):
        if bigram in sentence.text:
            bi_mask |= 1 << i
    return tok_mask, bi_mask


def _score(claim: PreparedClaim, tok_mask: int, bi_mask: int) -> float:
    total = sum(claim.weights) or 1.0
    covered = sum(w for i, w in enumerate(claim.weights) if tok_mask >> i & 1)
    bigram = bin(bi_mask).count("1") / (len(claim.bigrams) or 1)
    return 100 * ((1 - T.BIGRAM_SHARE) * covered / total + T.BIGRAM_SHARE * bigram)


def find_evidence(claim: PreparedClaim, source: PreparedSource) -> tuple[float, list[int]]:
    """Best window of adjacent sentences, plus non-adjacent sentences that add missing content."""
    masks = [_masks(claim, s) for s in source.sentences]
    if not masks:
        return 0.0, []
    best_score, best = -1.0, [0]
    for i in range(len(masks)):
        tok, bi = 0, 0
        for size in range(T.MAX_WINDOW):
            if i + size >= len(masks):
                break
            tok, bi = tok | masks[i + size][0], bi | masks[i + size][1]
            score = _score(claim, tok, bi)
            # ties go to the smaller window: a sentence that adds nothing is not evidence
            if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and size + 1 < len(best)):
                best_score, best = score, list(range(i, i + size + 1))
    tok = bi = 0
    for i in best:
        tok, bi = tok | masks[i][0], bi | masks[i][1]
    for _ in range(T.MAX_EXTRA_SENTENCES):
        gains = [(_score(claim, tok | m[0], bi | m[1]) - best_score, i)
                 for i, m in enumerate(masks) if i not in best]
        if not gains:
            break
        gain, pick = max(gains)
        if gain < 100 * T.EXTRA_SENTENCE_MIN_GAIN:
            break
        best.append(pick)
        tok, bi = tok | masks[pick][0], bi | masks[pick][1]
        best_score += gain
    return best_score, sorted(best)


# ---- key facts ---------------------------------------------------------------------------

def _span_of(source: PreparedSource, needle: str) -> tuple[int, int] | None:
    """Original offsets of the first sentence-local occurrence of normalised `needle`."""
    for s in source.sentences:
        at = s.text.find(needle)
        if at >= 0:
            a, b = s.norm.span(at, at + len(needle))
            return s.start + a, s.start + b
    return None


def _said_by_date(q: F.Quantity, source: PreparedSource) -> str:
    """How the source implies a claim's date part it does not spell out, or "".

    News copy says 17日, 先月 or 昨年 and leaves the rest to the dateline; a summary that writes
    2025年1月17日 is faithful when those parts match the source's publication date.
    """
    day = source.published
    if day is None or q.unit not in ("年(year)", "月", "日"):
        return ""
    value = int(q.value)
    candidates = [("publication date", day.year, day.month)]
    for word, offset in lexicon.RELATIVE_MONTHS.items():
        if word in source.norm_text:
            month_index = day.year * 12 + day.month - 1 + offset
            candidates.append((word, month_index // 12, month_index % 12 + 1))
    for word, offset in lexicon.RELATIVE_YEARS.items():
        if word in source.norm_text:
            candidates.append((word, day.year + offset, 0))
    for word, year, month in candidates:
        if (q.unit == "年(year)" and value == year) or (q.unit == "月" and month and value == month):
            return word
    if q.unit == "日" and value == day.day:
        return "publication date"
    return ""


def _check_quantities(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence]) -> list[F.Fact]:
    out = []
    ev_quantities = F.quantities("\n".join(s.text for s in evidence))
    for q in claim.quantities:
        # the evidence first: the same value elsewhere on the page may be about something else
        agreeing = [d for d in ev_quantities if q.agrees(d)] or [d for d in source.quantities if q.agrees(d)]
        same_way = [d for d in agreeing if not (q.direction and d.direction and q.direction != d.direction)]
        if same_way:
            out.append(F.Fact(q.kind, q.text, F.FOUND, same_way[0].text, _span_of(source, same_way[0].text)))
            continue
        if agreeing:  # 10.4%増 where the source says 10.4%減
            out.append(F.Fact(q.kind, q.phrase, F.CONFLICTING, agreeing[0].phrase, _span_of(source, agreeing[0].text)))
            continue
        said = _said_by_date(q, source) or next(
            (w for w in F.NUMBER_WORDS.get((q.value, q.unit), ()) if w in source.norm_text), "")
        if said:
            out.append(F.Fact(q.kind, q.text, F.FOUND, said, _span_of(source, said)))
            continue
        rivals = [d for d in ev_quantities if d.unit == q.unit]
        if rivals and q.unit:
            out.append(F.Fact(q.kind, q.text, F.CONFLICTING, rivals[0].text, _span_of(source, rivals[0].text)))
        else:
            out.append(F.Fact(q.kind, q.text, F.MISSING))
    return out


def _check_relative_dates(claim: PreparedClaim, source: PreparedSource) -> list[F.Fact]:
    out = []
    for word, offset in lexicon.RELATIVE_YEARS.items():
        if word not in claim.norm or (word == "前年" and "一昨年" in claim.norm):
            continue
        years = {int(q.value) for q in source.quantities if q.unit == "年(year)"}
        same_words = [w for w, o in lexicon.RELATIVE_YEARS.items() if o == offset and w in source.norm_text]
        target = source.published_year + offset if source.published_year else None
        found = bool(same_words) or (target in years)
        out.append(F.Fact("date", word, F.FOUND if found else F.MISSING))
    for word in lexicon.RELATIVE_DATES:
        if word in claim.norm:
            out.append(F.Fact("date", word, F.FOUND if word in source.norm_text else F.MISSING))
    return out


def _compatible(kind: str) -> set[str]:
    return {kind, "name"} | ({"person"} if kind == "name" else set())


def _check_entities(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence],
                    core: Sentence) -> list[F.Fact]:
    """Names: in the source at all, and not replaced by another name where the claim's act is told.

    `core` is the evidence sentence that carries most of the claim's other words: if it names
    someone else of the same kind while the claim's name only appears in a neighbouring
    sentence, the claim gave the act to the wrong person ("MVPには大谷" vs "MVPにはフリーマン").
    """
    out = []
    ev_text = "\n".join(s.text for s in evidence)
    for ent in claim.entities:
        def rivals_in(sentences: list[Sentence]) -> list[str]:
            return [e.text for s in sentences for e in s.entities
                    if e.kind in _compatible(ent.kind) and not F.entity_in(e.text, claim.norm)
                    and e.text not in ent.text and ent.text not in e.text]

        in_core = F.entity_in(ent.text, core.text)
        if in_core or (F.entity_in(ent.text, ev_text) and not rivals_in([core])):
            out.append(F.Fact("entity", ent.text, F.FOUND, span=_span_of(source, ent.text)))
        elif F.entity_in(ent.text, ev_text) or F.entity_in(ent.text, source.norm_text):
            rivals = rivals_in([core])
            out.append(F.Fact("entity", ent.text, F.CONFLICTING, rivals[0]) if rivals and ent.kind != "org"
                       else F.Fact("entity", ent.text, F.FOUND, span=_span_of(source, ent.text)))
        else:
            rivals = rivals_in(evidence)
            out.append(F.Fact("entity", ent.text, F.CONFLICTING, rivals[0]) if rivals
                       else F.Fact("entity", ent.text, F.MISSING))
    out.extend(_role_swaps(claim, core))
    return out


def _role_swaps(claim: PreparedClaim, core: Sentence) -> list[F.Fact]:
    """"ヤンキースがドジャースを破った" against "ドジャースがヤンキースを破った"."""
    def roles(ents: list[F.Entity]) -> dict[str, str]:
        return {e.text: e.role for e in ents if e.role}

    said, told = roles(claim.entities), roles(core.entities)
    subjects = [x for x, r in said.items() if r == "subj"]
    objects = [y for y, r in said.items() if r == "obj"]
    out = []
    for x in subjects:
        for y in objects:
            tx = next((r for name, r in told.items() if F.entity_in(x, name) or name in x), "")
            ty = next((r for name, r in told.items() if F.entity_in(y, name) or name in y), "")
            if tx == "obj" and ty == "subj":
                out.append(F.Fact("entity", f"{x}→{y}", F.CONFLICTING, f"{y}→{x} (roles swapped)"))
    return out


def _check_quotes(claim: PreparedClaim, source: PreparedSource) -> list[F.Fact]:
    out = []
    haystack = source.norm_text.replace(" ", "")
    for quote in F.quotes(claim.norm):
        bare = quote.replace(" ", "")
        if bare in haystack:
            out.append(F.Fact("quote", quote, F.FOUND, span=_span_of(source, quote)))
            continue
        from rapidfuzz import fuzz

        alignment = fuzz.partial_ratio_alignment(bare, haystack)
        if alignment and alignment.score >= T.QUOTE_ALTERED_FROM:
            said = haystack[alignment.dest_start:alignment.dest_end]
            out.append(F.Fact("quote", f"「{quote}」", F.CONFLICTING, f"「{said}」"))
        else:
            out.append(F.Fact("quote", quote, F.MISSING))
    return out


def _check_wording(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence]) -> list[F.Fact]:
    """Antonyms swapped in, and emphatic words (初めて, 過去最高) the source does not back."""
    out = []
    ev_text = "\n".join(s.text for s in evidence)
    for a, b in lexicon.ANTONYM_PAIRS + [(b, a) for a, b in lexicon.ANTONYM_PAIRS]:
        if a in claim.norm and b not in claim.norm and b in ev_text and a not in ev_text:
            out.append(F.Fact("antonym", a, F.CONFLICTING, b))
    for word in lexicon.EMPHASIS:
        if word in claim.norm:
            backed = word in source.norm_text or (word.startswith("初") and "初" in ev_text) \
                or _backed_by_numbers(word, source)
            out.append(F.Fact("emphasis", word, F.FOUND if backed else F.MISSING))
    return out


def _backed_by_numbers(word: str, source: PreparedSource) -> bool:
    """倍増 is backed by 96%増 or 2倍; 半減 by 50%減."""
    if word == "倍増":
        return any((q.unit == "%" and q.direction > 0 and q.value >= 80) or (q.unit == "倍" and q.value >= 1.8)
                   for q in source.quantities)
    if word == "半減":
        return any(q.unit == "%" and q.direction < 0 and 40 <= q.value <= 60 for q in source.quantities)
    return False


def _core_sentence(claim: PreparedClaim, evidence: list[Sentence]) -> Sentence:
    """The evidence sentence that carries most of the claim's wording other than its names."""
    def coverage(s: Sentence) -> float:
        tok, _ = _masks(claim, s)
        return sum(w for i, (w, t) in enumerate(zip(claim.weights, claim.tokens))
                   if tok >> i & 1 and not (t.is_proper or t.oov))
    return max(evidence, key=coverage)


def check_facts(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence]) -> list[F.Fact]:
    """Every key fact of the claim, labelled found / missing / conflicting against the evidence."""
    ev_predicates: dict[str, bool] = {}
    for s in evidence:
        for lemma, negated in s.predicates.items():
            # a predicate both affirmed and denied in the evidence cannot conflict with the claim
            ev_predicates[lemma] = negated if lemma not in ev_predicates or ev_predicates[lemma] == negated else None
    ev_predicates = {k: v for k, v in ev_predicates.items() if v is not None}
    return (
        _check_quantities(claim, source, evidence)
        + _check_relative_dates(claim, source)
        + _check_entities(claim, source, evidence, _core_sentence(claim, evidence))
        + _check_quotes(claim, source)
        + F.polarity_conflicts(claim.predicates, ev_predicates)
        + _check_wording(claim, source, evidence)
    )


# ---- verdict ------------------------------------------------------------------------------

def _evidence_text(source: PreparedSource, idx: list[int]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text = source.doc.text
    spans, parts, prev = [], [], None
    for i in idx:
        s = source.sentences[i]
        if prev is not None and i == prev + 1 and spans:
            spans[-1] = (spans[-1][0], s.end)
            parts[-1] = text[spans[-1][0]:s.end]
        else:
            spans.append((s.start, s.end))
            parts.append(text[s.start:s.end])
        prev = i
    return " … ".join(p.strip() for p in parts), tuple(spans)


def match(claim: PreparedClaim, source: PreparedSource) -> Match:
    """Verdict for one claim against one readable source."""
    score, idx = find_evidence(claim, source)
    evidence, spans = _evidence_text(source, idx)
    shown = round(max(score, 0))
    truncated = source.doc.truncated
    if score < T.NOT_FOUND_BELOW:
        if truncated:
            return Match(Verdict.UNVERIFIABLE, shown, "paywalled: nothing close in the visible part "
                         f"(best score {shown})", evidence, spans)
        return Match(Verdict.NOT_FOUND, shown, f"no passage close to the claim (best score {shown})",
                     evidence, spans)
    facts = check_facts(claim, source, [source.sentences[i] for i in idx])
    conflicts = [f for f in facts if f.status == F.CONFLICTING]
    missing = [f for f in facts if f.status == F.MISSING]
    if conflicts:
        return Match(Verdict.CONTRADICTED, shown, "; ".join(f.describe() for f in conflicts + missing),
                     evidence, spans, tuple(facts))
    if missing or score < T.SUPPORTED_FROM:
        reason = "; ".join(f.describe() for f in missing) or f"weak evidence (score {shown})"
        if truncated:
            return Match(Verdict.UNVERIFIABLE, shown, f"paywalled: {reason}", evidence, spans, tuple(facts))
        return Match(Verdict.PARTIAL, shown, reason, evidence, spans, tuple(facts))
    checked = len(facts)
    reason = f"{checked} key fact{'s' * (checked != 1)} found" if checked else "wording matches"
    return Match(Verdict.SUPPORTED, shown, f"{reason} (score {shown})", evidence, spans, tuple(facts))


def match_claim(text: str, doc: SourceDoc) -> Match:
    """Convenience: prepare both sides and match (use prepare_* directly to reuse a source)."""
    return match(prepare_claim(text), prepare_source(doc))
