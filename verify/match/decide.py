"""Deciding one claim against one extracted source: find the evidence, check the key facts, decide.

The order matters: the score only finds the evidence; a conflicting fact makes `contradicted`,
a missing one `partial`, and nothing close `not_found` (see docs/verdicts.md).
"""
from __future__ import annotations

from ..model import CONFLICTING, FOUND, MISSING, Fact, Match, SourceDoc, Verdict
from . import names as N
from . import thresholds as T
from .checks import check_facts
from .evidence import find_evidence
from .prepared import PreparedClaim, PreparedSource, prepare_claim, prepare_source


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


def _named_past_the_wall(claim: PreparedClaim, source: PreparedSource) -> bool:
    """A name of the claim that the visible part of a paywalled page never gives."""
    return any(not e.weak and not N.entity_in(e.text, source.norm_text) for e in claim.entities)


def _well_anchored(facts: list[Fact]) -> bool:
    """Loose wording is no weakness when the claim's names and numbers are all there, each
    found: 小池氏は約292万票を獲得し、2位の石丸氏に120万票以上の差をつけた against a page that
    words it 得票 and gives both counts; or when it is a run of numbers, each found (26人…4人…
    合わせて28人)."""
    found = [f for f in facts if f.status == FOUND]
    kinds = [f.kind for f in found]
    numbers = kinds.count("number") + kinds.count("date")
    return len(found) >= T.ANCHORED_FACTS and numbers >= 1 and ("entity" in kinds or numbers >= T.ANCHORED_FACTS)


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
    conflicts = [f for f in facts if f.status == CONFLICTING]
    missing = [f for f in facts if f.status == MISSING]
    reason = "; ".join(f.describe() for f in conflicts + missing)
    if conflicts and truncated and _named_past_the_wall(claim, source):
        # the visible part gives another name's figures (東京都 66円): the claim's own may be past
        # the wall, so a pay wall is no ground for "contradicted"
        return Match(Verdict.UNVERIFIABLE, shown, f"paywalled: {reason}", evidence, spans, tuple(facts))
    if conflicts:
        return Match(Verdict.CONTRADICTED, shown, reason, evidence, spans, tuple(facts))
    bar = T.SUPPORTED_FROM_TRUNCATED if truncated else T.SUPPORTED_FROM
    if missing or score < bar and not _well_anchored(facts):
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
