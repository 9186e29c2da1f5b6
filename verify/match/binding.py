"""Which name and which number go with which statement: checks at the level of clauses.

A sentence can hold every name and number of a claim and still contradict it: "2位の石丸氏は
165万票、3位の蓮舫氏は128万票" does not say 蓮舫 got 165万票, and "21分に鎌田のゴールで先制し、
42分に久保が追加点" does not say 久保 scored first. For each clause of the claim we find the
source clause that says the same thing in other words, and compare the names and numbers there.
"""
from __future__ import annotations

import re
from typing import Callable

from ..model import CONFLICTING, Fact
from ..text import Token
from .. import numbers as Q
from . import lexicon
from . import names as N
from . import thresholds as T
from .prepared import Clause, PreparedClaim, PreparedSource, Sentence, clause_spans


def _is_plain(tok: Token) -> bool:
    """A word of the statement itself: not a name, a number or a counter (月, 日, 票, 位)."""
    return not (tok.is_proper or tok.oov or tok.pos[1] == "数詞" or tok.pos[2] == "助数詞可能"
                or tok.surface.isascii() and tok.surface.isupper())


def claim_clauses(claim: PreparedClaim) -> list[tuple[int, int]]:
    """Clauses of the claim; a piece too thin to match on its own (a subject: "Xは、") joins the next.

    A thin piece at the end is dropped rather than joined backwards: "…が最も多く、次いで大分県"
    would otherwise put both prefectures in one clause and hide which came first.
    """
    merged: list[tuple[int, int]] = []
    pending = None
    spans = clause_spans(claim.norm)
    for index, (start, end) in enumerate(spans):
        start = pending if pending is not None else start
        plain = [t for t in claim.tokens if start <= t.start < end and _is_plain(t)]
        last = index == len(spans) - 1
        if merged and claim.norm[:start].rstrip("、").endswith("のは"):
            merged[-1] = (merged[-1][0], end)  # 務めたのは、長塚京三さんでした: the cleft's focus
            pending = None
            continue
        if len(plain) < (1 if last else 2):
            pending = start
            continue
        merged.append((start, end))
        pending = None
    return merged


def _found(tok: Token, clause: Clause) -> bool:
    return tok.lemma in clause.lemmas or tok.surface in clause.text


# Words of the claim's other clauses break ties between source clauses (大会期間中、…1万1000人の来場:
# the 期間中 clause is the one); at 0.25 or more they outvote the clause's own words.
CONTEXT_WEIGHT = 0.1


def _rank_clauses(tokens: list[tuple[Token, float]], context: list[tuple[Token, float]],
                  clauses: list[Clause]) -> list[tuple[float, Clause]]:
    """Source clauses by how surely they make the claim clause's statement, best first.

    The statement is the plain words (not names, numbers, counters); words of the claim's other
    clauses count half (大会期間中、延べ1万1000人の来場を見込む: the 期間中 clause is the one);
    names and numbers only break ties. Choosing by names first would always find the claim's
    own name somewhere and never see that the clause telling the act ("MVPには…が選ばれた")
    names someone else. Returns (share of the clause's plain words found, clause) pairs.
    """
    plain_total = sum(w for t, w in tokens if _is_plain(t)) or 1.0
    scored = []
    for clause in clauses:
        plain = sum(w for t, w in tokens if _is_plain(t) and _found(t, clause))
        near = sum(w for t, w in context if _is_plain(t) and _found(t, clause))
        other = sum(w for t, w in tokens if not _is_plain(t) and _found(t, clause))
        # the claim clause's own names outrank its neighbours' words (静岡県側の3ルート is told where
        # 静岡県 is, though the claim's other clause shares a word with another source clause);
        # its numbers do not (1万1000人 may stand in the wrong clause; 期間中 decides)
        names = sum(w for t, w in tokens if _found(t, clause) and (
            t.is_proper or t.oov and not t.surface[:1].isdigit() and t.pos[1] != "数詞"))
        scored.append(((plain, names, near, other), plain / plain_total, clause))
    scored.sort(key=lambda s: s[0], reverse=True)
    return [(cover, clause) for _, cover, clause in scored]


def _clause_names(clause: Clause, sentence: Sentence) -> list[N.Entity]:
    """Names of a clause, with the subject of an earlier clause when this one has none:
    "米格付け会社ムーディーズは、保険業界の損失が200億ドルを超えると予測" cuts the subject off,
    and "財務省は同日、…銀行など、…との会合を開くと発表した" puts two clauses between."""
    names = list(clause.entities)
    index = next(i for i, c in enumerate(sentence.clauses) if c is clause)
    if not any(e.case == "subj" for e in names):
        for earlier in reversed(sentence.clauses[:index]):
            subjects = [e for e in earlier.entities if e.case == "subj"]
            if subjects:
                names += subjects
                break
    return names


def _coordinated(names: list[N.Entity], text: str) -> list[tuple[N.Entity, N.Entity]]:
    """Pairs of names joined as one subject or object: 阿武町と津和野町, 英国や米国."""
    pairs = []
    for a, b in zip(names, names[1:]):
        between = text[a.start + len(a.text):b.start]
        if between in ("と", "や", "、", "・") and a.kind == b.kind:
            pairs.append((a, b))
    return pairs


def _left_out(name: N.Entity, partner: N.Entity, statement: list[Token], evidence: list[Sentence]) -> str:
    """The statement word the page says of `partner` but never of `name`, when the claim gives
    the statement to both: 阿武町と津和野町に避難指示 against a page that gives 避難指示 to 阿武町
    and only 高齢者等避難 to 津和野町. "" when both are said to do it."""
    own = [s for s in evidence if N.entity_in(name.text, s.text)]
    theirs = [s for s in evidence if N.entity_in(partner.text, s.text) and s not in own]
    if not own or not theirs:
        return ""
    for tok in statement:
        if any(_in_sentence(tok, s) for s in theirs) and not any(_in_sentence(tok, s) for s in own):
            return tok.surface
    return ""


def _in_sentence(tok: Token, sentence: Sentence) -> bool:
    return tok.lemma in sentence.lemmas or tok.surface in sentence.text


def _direction_conflicts(claim_clause: str, clause: str, sentence: str) -> list[Fact]:
    """上回る in the claim where the clause (else the sentence) telling the same statement says
    下回る (or 超える): 赤字額は縮まったが、差は広がった tells 差 in its own clause."""
    out = []
    for a, b in lexicon.DIRECTION_PAIRS + [(b, a) for a, b in lexicon.DIRECTION_PAIRS]:
        told = clause if a in clause or b in clause else sentence
        if a in claim_clause and b not in claim_clause and b in told and a not in told:
            out.append(Fact("antonym", a, CONFLICTING, b))
            break
    return out


def _owner(claim: PreparedClaim, q: Q.Quantity) -> N.Entity | None:
    """The subject a claim gives a number to right before it: 日航 in 日航が2万800円."""
    before = [e for e in claim.entities if e.case == "subj" and e.start + len(e.text) <= q.start]
    if not before:
        return None
    e = before[-1]
    between = claim.norm[e.start + len(e.text):q.start]
    return e if len(between) <= 8 and not re.search(r"[\d、。]", between) else None


def owner_conflicts(claim: PreparedClaim, evidence: list[Sentence]) -> list[Fact]:
    """Numbers a claim gives to one subject where every clause of the page that states them gives
    them to a rival (日航が2万800円 where the page says 全日空が…2万800円に)."""
    out = []
    for q in claim.quantities:
        mine = _owner(claim, q) if q.measure else None
        if mine is None:
            continue
        holders = [c for s in evidence for c in s.clauses if any(q.agrees(d) for d in c.quantities)]
        if not holders or any(N.entity_in(mine.text, c.text) for c in holders):
            continue
        rivals = [e.text for c in holders for e in c.entities
                  if e.case == "subj" and N.can_rival(mine, e) and mine.same_slot(e) and e.text != mine.text]
        if rivals and len(rivals) == len(holders):
            out.append(Fact(q.kind, q.phrase, CONFLICTING, f"{rivals[0]} {q.text} (not {mine.text})"))
    return out


# Verbs of taking a post (closed class): 会長に就任, 社長に就く, 議長に選ばれる.
_APPOINTED_RE = re.compile(r"就任|就く|就き|就いた|就け|選ばれ|選出|起用|任命|昇格")
_POST_RE = re.compile(r"([\u4e00-\u9fff]{1,6})(?:には|に)、?")


def _posts(text: str, people: list[str]) -> dict[str, str]:
    """The post each person takes, as a sentence says it: 新会社の社長には三島氏が就き、高梨氏は会長に
    就任する -> {三島: 社長, 高梨: 会長}. Each appointing verb closes the stretch of text before it."""
    out, start = {}, 0
    for verb in _APPOINTED_RE.finditer(text):
        stretch = text[start:verb.start()]
        start = verb.end()
        posts = _POST_RE.findall(stretch)
        named = [p for p in people if N.entity_in(p, stretch)]
        if posts and len(named) == 1:
            out[named[0]] = posts[-1].split("の")[-1]
    return out


def post_conflicts(claim: PreparedClaim, source: PreparedSource) -> list[Fact]:
    """A person given another post than the page gives them (新会社の会長には三島氏が就任 where
    the page seats 三島氏 as 社長 and another person as 会長)."""
    persons = [e for e in claim.entities if e.kind == "person"]
    people = [e.text for e in persons if e.case == "subj"] or [e.text for e in persons]  # (北浜屋の山田氏が)
    mine = _posts(claim.norm, people)
    out = []
    for person, post in mine.items():
        theirs = {p for s in source.sentences if N.entity_in(person, s.text) for p in [_posts(s.text, [person]).get(person)] if p}
        if theirs and not any(post in t or t in post for t in theirs):
            out.append(Fact("role", f"{post} ({person})", CONFLICTING, sorted(theirs)[0]))
    for e in persons:  # 平野真一裁判長 where the page has 平野真一部長 (and another person as 裁判長)
        mine_title = _title_after(claim.norm, e.text)
        theirs = {_title_after(s.text, e.text) for s in source.sentences} - {""}
        if mine_title and theirs and not any(t.endswith(mine_title) or mine_title.endswith(t) for t in theirs):
            out.append(Fact("role", f"{e.text}{mine_title}", CONFLICTING, f"{e.text}{sorted(theirs)[0]}"))
    return out


# A title written right after a person's name (平野真一部長, 石川純子裁判長), not an honorific.
_TITLE_RE = re.compile(r"・?([\u4e00-\u9fff]{0,6}(?:長|官|事|員|士|督|相|臣|師|手|役))(?![\u4e00-\u9fff])")


def _title_after(text: str, person: str) -> str:
    for at in (m.end() for m in re.finditer(re.escape(person), text)):
        found = _TITLE_RE.match(text, at)
        if found:
            return found.group(1)
    return ""


_REGION_RE = r"(?:地方|地域|圏|方面|一帯)"


def _region_of(region: str, place: str, clause: str) -> bool:
    """The page's clause names a region (会津地方) where the claim narrows it to a town of that
    name (会津若松市): another granularity, not the same place."""
    return place.startswith(region) and place.endswith(("市", "町", "村", "区")) \
        and re.search(re.escape(region) + _REGION_RE, clause) is not None


def clause_conflicts(claim: PreparedClaim, evidence: list[Sentence], derived: list[Q.Quantity],
                     implied: Callable[[Q.Quantity], bool] = lambda q: False) -> list[Fact]:
    """Names and numbers that the matching source clause gives to someone or something else.

    `implied(q)` tells a date part the source leaves to its dateline (12月 in a December page).
    """
    clauses = [c for s in evidence for c in s.clauses]
    sentence_of = {id(c): s for s in evidence for c in s.clauses}
    out: list[Fact] = []
    for start, end in claim_clauses(claim):
        tokens = [(t, w) for t, w in zip(claim.tokens, claim.weights) if start <= t.start < end]
        names = [e for e in claim.entities if start <= e.start < end]
        numbers = [q for q in claim.quantities if start <= q.start < end]
        if not any(_is_plain(t) for t, _ in tokens):
            continue
        own_text = claim.norm[start:end]
        context = [(t, w) for t, w in zip(claim.tokens, claim.weights) if not start <= t.start < end]
        ranked = _rank_clauses(tokens, context, clauses)
        if not ranked or ranked[0][0] < T.CLAUSE_MIN_COVERAGE:
            continue
        clause = ranked[0][1]
        out.extend(_direction_conflicts(own_text, clause.text, sentence_of[id(clause)].text))
        # other clauses that make the same statement well enough may carry the claim's name
        # (世界選手権が日本で開催されるのは … after 東京で開かれる世界選手権)
        adequate = [c for cover, c in ranked if cover >= T.CLAUSE_MIN_COVERAGE]
        for a, b in _coordinated(names, claim.norm):
            # what the claim says of the pair comes after it: 阿武町と津和野町は[…避難指示を出した]
            statement = [t for t, _ in tokens if _is_plain(t) and t.pos[0] == "名詞" and t.start > b.start]
            for name, partner in ((a, b), (b, a)):
                missing = _left_out(name, partner, statement, evidence)
                if missing:
                    out.append(Fact("entity", name.text, CONFLICTING, f"{name.text} without {missing}"))
        for name in names:
            if N.entity_in(name.text, clause.text) or (name.weak and any(N.entity_in(name.text, c.text) for c in adequate)):
                continue
            rivals = [e.text for e in _clause_names(clause, sentence_of[id(clause)])
                      if N.can_rival(name, e) and name.same_slot(e)
                      and not N.entity_in(e.text, own_text)
                      and (e.text not in name.text or _region_of(e.text, name.text, clause.text))
                      and not N.entity_in(name.text, e.text)]
            if rivals:
                out.append(Fact("entity", name.text, CONFLICTING, rivals[0]))
        for q in numbers:
            if not q.measure or any(q.agrees(d) for d in clause.quantities + derived) or implied(q):
                continue
            # commas do not always fall where the claim's do: the number anywhere in the same
            # sentence may still be the claim's (北陸と東北で70センチ、…中国地方で40センチと予想)
            if any(q.agrees(d) for d in Q.quantities(sentence_of[id(clause)].text)):
                continue
            rivals = [d for d in clause.quantities
                      if q.same_measure(d) and not any(c.agrees(d) for c in claim.quantities)]
            if rivals:
                out.append(Fact(q.kind, q.phrase, CONFLICTING, rivals[0].phrase))
    flagged = {f.text for f in out}
    return out + [f for f in owner_conflicts(claim, evidence) + _place_conflicts(claim, evidence) if f.text not in flagged]


def _place_conflicts(claim: PreparedClaim, evidence: list[Sentence]) -> list[Fact]:
    """Where the claim puts its number (9件は、会津若松市で) against the place the page's clause
    holding that number names (9件は会津地方で): another town, or a region narrowed to a town."""
    places = [e for e in claim.entities if e.kind == "place" and e.role == "で"]
    out = []
    for q in (q for q in claim.quantities if q.measure and q.unit not in ("%", "年(year)", "月", "日")):
        holders = [(c, s) for s in evidence for c in s.clauses if any(q.agrees(d) for d in c.quantities)]
        for place in places:
            if not holders or any(N.entity_in(place.text, c.text) for c, _ in holders):
                continue
            rivals = [e.text for c, s in holders for e in _clause_names(c, s)
                      if e.kind == "place" and e.role == "で" and N.can_rival(place, e)
                      and (e.text not in place.text or _region_of(e.text, place.text, c.text))
                      and (e.text in place.text or not N.entity_in(e.text, claim.norm))]  # 萩市で…、阿武町では…
            if rivals:
                out.append(Fact("entity", place.text, CONFLICTING, rivals[0]))
    return out


_HEAD_RE = r"(?:は|が|の|も)"


def _heads(text: str, word: str) -> bool:
    """The clause starts with `word` as what it is about (労務費は43.8%, 原材料費の転嫁率が…)."""
    return re.match(rf"[^、。]{{0,3}}?{re.escape(word)}[\u4e00-\u9fff\u30a1-\u30faー]{{0,3}}{_HEAD_RE}", text) is not None


def _given_another(claim: PreparedClaim, party: str, q: Q.Quantity) -> bool:
    """The claim gives `party` a number of q's unit other than q (男子が14日)."""
    at = claim.norm.find(party)
    mine = next((d for d in claim.quantities if d.start > at and d.unit == q.unit), None)
    if at < 0 or mine is None or mine is q:
        return False
    return not q.agrees(mine) and not re.search(r"[、。]", claim.norm[at:mine.start])


def rival_conflicts(claim: PreparedClaim, evidence: list[Sentence]) -> list[Fact]:
    """A number the claim gives to a party the page gives another number, in parallel clauses of
    one sentence (労務費の転嫁率が52.1% where the page says 原材料費の転嫁率が52.1%だったのに対し、
    労務費は43.8%): the party heads its clause on the page, and another heads the number's."""
    for q in (q for q in claim.quantities if q.unit):
        before = claim.norm[max(0, q.start - 15):q.start]
        words = [t.surface for t in claim.tokens if t.pos[0] == "名詞" and t.pos[1] in ("普通名詞", "固有名詞")
                 and len(t.surface) >= 2 and re.search(re.escape(t.surface) + r"[\u4e00-\u9fff]{0,3}" + _HEAD_RE, before)]
        for s in evidence:
            holders = [c for c in s.clauses if any(q.agrees(d) for d in c.quantities)]
            for word in words:
                if not holders or any(word in c.text for c in holders):
                    continue
                other = [re.match(r"[^、。]{0,3}?([\u4e00-\u9fff\u30a1-\u30faー]{2,10})" + _HEAD_RE, c.text) for c in holders]
                if not all(m and (m.group(1) not in claim.norm or _given_another(claim, m.group(1), q)) for m in other):
                    continue  # the number's clause is not about another party (one the claim leaves
                    # out, or gives another number: 女子が15日、男子が14日 where 男子は15日、女子は14日)
                first = s.clauses.index(holders[0])
                # a party before the number's clause and marked with は is the sentence's topic
                # (初日は…約300人が列をつくり、入館者は2418人に上った), not a rival
                rivals = [d for i, c in enumerate(s.clauses) if c not in holders and _heads(c.text, word)
                          and not (i < first and re.search(re.escape(word) + r"[\u4e00-\u9fff]{0,3}は", c.text))
                          for d in c.quantities if d.unit == q.unit and not q.agrees(d)]
                if rivals:
                    return [Fact("number", f"{word}…{q.text}", CONFLICTING, f"{word}…{rivals[0].text}")]
    return []
