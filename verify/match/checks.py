"""Key facts of a claim checked against the evidence: found, missing or conflicting.

Fuzzy similarity cannot tell a faithful paraphrase from one changed number or a flipped
negation (MATCHING.md); these checks decide the verdict.
"""
from __future__ import annotations

import re

from ..model import CONFLICTING, FOUND, MISSING, Fact
from ..text import analyze, content_lemmas, fold_dots
from . import dates as D
from .. import numbers as Q
from . import polarity as P
from . import names as N
from . import lexicon
from . import thresholds as T
from .binding import clause_conflicts, post_conflicts, rival_conflicts
from .elements import check_elements
from .emphasis import check_wording
from .evidence import masks as _masks
from .prepared import PreparedClaim, PreparedSource, Sentence


def _span_of(source: PreparedSource, needle: str) -> tuple[int, int] | None:
    """Original offsets of the first sentence-local occurrence of normalised `needle`."""
    for s in source.sentences:
        at = s.text.find(needle)
        if at >= 0:
            a, b = s.norm.span(at, at + len(needle))
            return s.start + a, s.start + b
    return None


def _said_by_date(q: Q.Quantity, source: PreparedSource) -> str:
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


def _relative_year_in(text: str, source: PreparedSource) -> str:
    """"昨年 (2024年)" when the sentence dates its statement by a word for a year, else ""."""
    if source.published is None:
        return ""
    for word, offset in lexicon.RELATIVE_YEARS.items():
        if word in text:
            return f"{word} ({source.published.year + offset}年)"
    return ""


_WORD_BREAK_RE = re.compile(r"[、。「」\s]")
_EXTREMES_RE = re.compile(r"最大|最高|最低|最小|上限|下限|まで|から|以上|以下|未満|超")


def _other_reading(claim: str, q: Q.Quantity, text: str, d: Q.Quantity) -> str:
    """The page's number read otherwise than the claim's: over another span of time (3年間で約300億円
    for 年間約300億円) or as one end of a range (年約1100~5000円 for 年約5000円); "" when alike."""
    span = Q.range_around(text, d.start, d.end)
    at = text.find(span, max(0, d.start - len(span))) if span else d.start
    mine, theirs = Q.period(claim, q.start), Q.period(text, at)
    if mine and theirs and mine != theirs:
        said = _WORD_BREAK_RE.split(text[max(0, at - 8):at])[-1]
        return f"{said}{d.text} (another span of time)"
    if span and not Q.range_around(claim, q.start, q.end) and not _EXTREMES_RE.search(claim[max(0, q.start - 6):q.end + 4]):
        return f"{span} (a range)"
    return ""


def _check_quantities(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence],
                      ev_quantities: list[Q.Quantity], core: Sentence, derived: list[Q.Quantity]) -> list[Fact]:
    out = []
    evidence_text = "\n".join(s.text for s in evidence)
    core_quantities = Q.quantities(core.text)
    for q in claim.quantities:
        # the evidence first: the same value elsewhere on the page may be about something else
        agreeing = [d for d in ev_quantities if q.agrees(d)]
        # the sentence that tells the claim's statement speaks for a claim with one number of a
        # unit; a claim with several (26人…4人…合わせて28人) draws on several sentences
        alone = sum(1 for c in claim.quantities if c.unit == q.unit and c.text[:1].isdigit()) == 1
        told = [d for d in core_quantities if d.unit == q.unit] if alone else []
        if not agreeing and not told:
            # the evidence may have missed the sentence that has it; not when the sentence that
            # tells the statement gives another value in the unit (約4割 for the claim's 4割以上)
            agreeing = [d for d in source.quantities if q.agrees(d)]
        labelled = [d for d in ev_quantities if q.label and d.unit == q.unit and d.label
                    and (d.label.endswith(q.label) or q.label.endswith(d.label))]
        # the label may go unsaid (売上高…8620億円); a bare number agrees with any other, so not for those
        unlabelled = [d for d in ev_quantities if not d.label and d.unit and q.agrees(d)]
        cued = [d for d in derived if Q.derivation_cued(d, claim.norm, q)]
        if labelled and not any(q.agrees(d) for d in labelled + cued + unlabelled):
            # 賛成130 where the source says 賛成112 (and 反対130): the value belongs to another label
            out.append(Fact(q.kind, q.label + q.text, CONFLICTING, labelled[0].label + labelled[0].text))
            continue
        same_way = [d for d in agreeing if not (q.direction and d.direction and q.direction != d.direction)]
        level = _level_for_change(q, same_way, [e.text for e in evidence], claim.norm)
        if level is not None:  # 遭難は7件 where the page says 遭難は28件で、前年より7件減った
            out.append(Fact(q.kind, q.text, CONFLICTING, f"{level.text} ({same_way[0].phrase} is the change)"))
            continue
        if same_way:
            d = same_way[0]
            other = _other_reading(claim.norm, q, evidence_text if d in ev_quantities else source.norm_text, d)
            out.append(Fact(q.kind, q.text, CONFLICTING, other) if other
                       else Fact(q.kind, q.text, FOUND, d.text, _span_of(source, d.text)))
            continue
        if agreeing:  # 10.4%増 where the source says 10.4%減
            out.append(Fact(q.kind, q.phrase, CONFLICTING, agreeing[0].phrase, _span_of(source, agreeing[0].text)))
            continue
        said = _said_by_date(q, source) or next(
            (w for w in Q.NUMBER_WORDS.get((q.value, q.unit), ()) if w in source.norm_text), "")
        if said:
            out.append(Fact(q.kind, q.text, FOUND, said, _span_of(source, said)))
            continue
        # a computed value backs the claim unless the sentence telling the statement gives another
        # value in the unit (約4割) and the computation did not use it
        gap = next((d for d in derived if q.agrees(d) and Q.derivation_cued(d, claim.norm, q)
                    and (not told or any(part in core.text for part in re.split(r"[-+/()*]", d.text) if part))), None)
        if gap is not None:
            out.append(Fact(q.kind, q.text, FOUND, f"computed {gap.text}"))
            continue
        # a rival only where the claim's statement is told: the same unit in another
        # sentence is usually another fact (4回連続で成功 is not 年6回の打ち上げ)
        rivals = [d for d in core_quantities if q.same_measure(d)]
        relative = _relative_year_in(core.text, source) if q.unit == "年(year)" else ""
        if rivals and q.measure:
            out.append(Fact(q.kind, q.text, CONFLICTING, rivals[0].text, _span_of(source, rivals[0].text)))
        elif relative:  # 2023年 where the source's 昨年 is 2024
            out.append(Fact(q.kind, q.text, CONFLICTING, relative))
        else:
            out.append(Fact(q.kind, q.text, MISSING))
    return out


_CHANGE_WORDS_RE = re.compile(r"より|から|比|前年|前の年|増|減|上が|下が|上昇|低下|伸び|少な|多く|縮|拡大|ぶり")


def _level_for_change(q: Q.Quantity, agreeing: list[Q.Quantity], evidence: list[str], claim: str) -> Q.Quantity | None:
    """The level a sentence states, when the claim gives as a level (遭難は7件でした) a value the
    page gives only as a change (7件減った) beside that level (遭難は28件で)."""
    if q.direction or q.bound or not agreeing or any(not d.direction for d in agreeing):
        return None
    if _CHANGE_WORDS_RE.search(claim[max(0, q.start - 14):q.end + 8]):
        return None  # the claim speaks of the change too (前の年より4万人少なく)
    for text in evidence:
        said = Q.quantities(text)
        if any(d.text == agreeing[0].text and d.direction for d in said):
            return next((d for d in said if d.unit == q.unit and not d.direction and not q.agrees(d)), None)
    return None


def _check_relative_dates(claim: PreparedClaim, source: PreparedSource, evidence: str) -> list[Fact]:
    text, anchor, published = source.norm_text, claim.anchor, source.published
    years = {int(q.value) for q in source.quantities if q.unit == "年(year)"}
    out = (D.check_relative_years(claim.norm, anchor, text, published, years)
           + D.check_relative_months(claim.norm, anchor, text, published)
           + D.check_relative_days(claim.norm, anchor, text, published, D.days_named(_dated_only(claim.norm), anchor))
           + D.check_periods(claim.norm, text, published, evidence))
    for word in lexicon.RELATIVE_DATES:
        if word in claim.norm:
            same = next((g for g in lexicon.PERIOD_GROUPS if word in g), (word,))
            out.append(Fact("date", word, FOUND if any(w in source.norm_text for w in same) else MISSING))
    return out


def _dated_only(text: str) -> str:
    """The claim's own calendar days (6月5日, 5日), without its relative words."""
    for word in (*D.DAY_WORDS, *D.LINKED_DAY_WORDS):
        text = text.replace(word, "")
    return text


def _check_entities(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence],
                    core: Sentence) -> list[Fact]:
    """Names: on the page (body or headline), or replaced by another name of the same kind.

    Which name goes with which act is binding.py's work, clause by clause.
    """
    out = []
    for ent in claim.entities:
        if ent.weak or ent.kind == "title":
            continue  # compared only where a rival stands in its place (binding.py); quotes: _check_quotes
        if N.entity_in(ent.text, source.norm_text):
            out.append(Fact("entity", ent.text, FOUND, span=_span_of(source, ent.text)))
            continue
        own = N.own_area_word(ent, source.norm_text)
        if own:  # a local paper writes 県内 / 道内 for its own prefecture
            out.append(Fact("entity", ent.text, FOUND, own, _span_of(source, own)))
            continue
        rivals = [e.text for s in evidence for e in s.entities
                  if N.can_rival(ent, e) and not N.entity_in(e.text, claim.norm)
                  and e.text not in ent.text and ent.text not in e.text]
        out.append(Fact("entity", ent.text, CONFLICTING, rivals[0]) if rivals
                   else Fact("entity", ent.text, MISSING))
    out.extend(_role_swaps(claim, [core] + [s for s in evidence if s is not core]))
    return out


def _role_swaps(claim: PreparedClaim, evidence: list[Sentence]) -> list[Fact]:
    """Two names that trade places: "ヤンキースがドジャースを破った", "羽田発新千歳行き"."""
    out = []
    said = [e for e in claim.entities if e.direction]
    for s in evidence:
        told = {e.text: e.direction for e in s.entities if e.direction}

        def direction_in_source(name: str) -> str:
            return next((d for t, d in told.items() if N.entity_in(name, t) or t in name), "")

        for x in said:
            for y in said:
                if x.direction == "from" and y.direction == "to" and x.text != y.text \
                        and direction_in_source(x.text) == "to" and direction_in_source(y.text) == "from":
                    out.append(Fact("entity", f"{x.text}→{y.text}", CONFLICTING,
                                      f"{y.text}→{x.text} (roles swapped)"))
        if out:
            break
    return out


def _check_quotes(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    out = []
    haystack = fold_dots(source.norm_text).replace(" ", "")
    for quote in P.quotes(claim.norm):
        bare = fold_dots(quote).replace(" ", "")
        if bare in haystack:
            out.append(Fact("quote", quote, FOUND, span=_span_of(source, quote)))
            continue
        from rapidfuzz import fuzz

        alignment = fuzz.partial_ratio_alignment(bare, haystack)
        if alignment and alignment.score >= T.QUOTE_ALTERED_FROM:
            said = haystack[alignment.dest_start:alignment.dest_end]
            out.append(Fact("quote", f"「{quote}」", CONFLICTING, f"「{said}」"))
        else:
            out.append(Fact("quote", quote, MISSING))
    return out


# An item is a noun phrase: kanji, katakana, Latin, digits, joined by の (軍艦の寄港); a particle
# such as は or を means the text before it is a clause, not a list item.
_ITEM = r"[\u4e00-\u9fff\u30a0-\u30ffa-z0-9ー々の]{1,14}"
_LIST_RE = re.compile(rf"((?:{_ITEM}(?:や、|、|や))+{_ITEM}?)(?:など|等|といった)")


def _check_list_items(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """Each item of an enumeration (軍事、経済、文化など) must be on the page: a list is where
    summaries slip in what the source never said."""
    out = []
    for found in _LIST_RE.finditer(claim.norm):
        for item in re.split(r"、|や", found.group(1)):
            if item in D.DAY_WORDS or item in D.LINKED_DAY_WORDS or item in lexicon.RELATIVE_YEARS \
                    or item in lexicon.RELATIVE_MONTHS or re.search(r"\d", item):
                continue  # 昨日、板チョコなど: a date before the list, not an item of it
            words = [t for t in content_lemmas(analyze(item, "A")) if t.pos[0] == "名詞"]
            if not words:
                continue
            present = all(t.surface in source.norm_text or t.lemma in source.norm_text for t in words)
            out.append(Fact("detail", item, FOUND if present else MISSING))
    return out


_COMPARE_RE = re.compile(r"^(?:を|より)(上回|超え|超す|下回|多|少な|高|低)")


def _check_comparisons(claim: PreparedClaim, evidence: list[Sentence]) -> list[Fact]:
    """A claim that says 3.9% 下回った 2.1% contradicts its own numbers, whatever the source says;
    one that says A を上回った where the page gives A the smaller value contradicts the page."""
    flipped = next(filter(None, (Q.reversed_comparison(claim.norm, s.text) for s in evidence)), None)
    out = [Fact("number", flipped[0], CONFLICTING, flipped[1])] if flipped else []
    found = claim.quantities
    for i, later in enumerate(found):
        verb = _COMPARE_RE.match(claim.norm[later.end:later.end + 6])
        earlier = next((q for q in reversed(found[:i]) if q.unit == later.unit), None)
        if not verb or earlier is None or earlier.value == later.value:
            continue
        greater = verb.group(1) in Q.GREATER
        if (earlier.value > later.value) != greater:
            relation = "above" if greater else "below"
            out.append(Fact("number", f"{earlier.text} {relation} {later.text}", CONFLICTING,
                              f"{earlier.text} is not {relation} {later.text}"))
    return out


def _core_sentence(claim: PreparedClaim, evidence: list[Sentence]) -> Sentence:
    """The evidence sentence that carries most of the claim's wording other than its names."""
    def coverage(s: Sentence) -> float:
        tok, _ = _masks(claim, s)
        return sum(w for i, (w, t) in enumerate(zip(claim.weights, claim.tokens))
                   if tok >> i & 1 and not (t.is_proper or t.oov))
    return max(evidence, key=coverage)


def check_facts(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence]) -> list[Fact]:
    """Every key fact of the claim, labelled found / missing / conflicting against the evidence."""
    ev_predicates: dict[str, bool] = {}
    for s in evidence:
        for lemma, negated in s.predicates.items():
            # a predicate both affirmed and denied in the evidence cannot conflict with the claim
            ev_predicates[lemma] = negated if lemma not in ev_predicates or ev_predicates[lemma] == negated else None
    ev_predicates = {k: v for k, v in ev_predicates.items() if v is not None}
    core = _core_sentence(claim, evidence)
    ev_quantities = Q.quantities("\n".join(s.text for s in evidence))
    # a computation may join two sentences (178議席 … 171議席: 7議席差; 1738万人 of 2160万人) and
    # backs a claim only with its cue (差, 合わせて, 占め, 率, 月: numbers.derivation_cued)
    ev_text = "\n".join(s.text for s in evidence)
    derived = Q.differences(ev_quantities) + Q.gaps_to_page(ev_quantities, source.quantities) \
        + Q.per_period(ev_text, ev_quantities) + Q.complements(ev_quantities)
    facts = (
        _check_quantities(claim, source, evidence, ev_quantities, core, derived)
        + _check_relative_dates(claim, source, "\n".join(s.text for s in evidence))
        + _check_entities(claim, source, evidence, core)
        + _check_quotes(claim, source)
        + P.polarity_conflicts(claim.predicates, ev_predicates, claim.norm, "\n".join(s.text for s in evidence))
        + check_wording(claim, source, evidence)
        + _check_list_items(claim, source)
        + _check_comparisons(claim, evidence)
        + check_elements(claim, source, evidence)
        + post_conflicts(claim, source)
    )
    # a clause-level conflict overrides the sentence-level "found" for the same name or number
    # a month or day the dateline implies is no conflict; a year in the matching clause beats
    # "the year of publication"
    implied = lambda q: q.unit in ("月", "日") and bool(_said_by_date(q, source))  # noqa: E731
    cued = [d for d in derived if any(q.agrees(d) and Q.derivation_cued(d, claim.norm, q) for q in claim.quantities)]
    for conflict in clause_conflicts(claim, evidence, cued, implied) + rival_conflicts(claim, evidence):
        facts = [f for f in facts if not (f.kind == conflict.kind and conflict.text.startswith(f.text))]
        facts.append(conflict)
    # two checks may name one conflict in the same words (polarity read per sentence and per act)
    return list(dict.fromkeys(facts))
