"""Article -> verdict per claim. Pure: sources arrive through a callable, so no network here."""
from __future__ import annotations

from typing import Callable

from claims import POINTS, Article, Claim

from .match import PreparedSource, match, prepare_claim, prepare_source_cached
from .model import SOURCE_STATUSES, ClaimResult, Match, SourceDoc, Verdict, without_credentials

SourceGetter = Callable[[str], SourceDoc]

# Best first: used to pick the strongest result for an uncited point across sources.
_RANK = {Verdict.SUPPORTED: 0, Verdict.CONTRADICTED: 1, Verdict.PARTIAL: 2, Verdict.NOT_FOUND: 3,
         Verdict.UNVERIFIABLE: 4}


def _unreadable_reason(doc: SourceDoc) -> str:
    return doc.reason or f"{doc.status}: {SOURCE_STATUSES.get(doc.status, 'source not readable')}"


def _result(article: Article, claim: Claim, url: str, doc: SourceDoc | None, m: Match) -> ClaimResult:
    block = article.block(claim.block)
    return ClaimResult(
        article=article.name, block=claim.block, claim_id=claim.id, claim=claim.text,
        # A cited URL's user:password@ is never shown in a report (nor sent: verify/fetch/).
        source_url=without_credentials(url), source_status=doc.status if doc else "no_citation", verdict=m.verdict,
        score=m.score, evidence=m.evidence, reason=m.reason, claim_key=claim.key, line=claim.line,
        block_published=block.published if block else "",
        source_title=doc.title if doc else "", source_published=doc.published if doc else "",
        archive_url=doc.archive_url if doc else "", archive_date=doc.archive_date if doc else "",
        evidence_spans=m.spans, facts=m.facts,
    )


class _Sources:
    """Each distinct URL fetched and prepared once per article."""

    def __init__(self, get: SourceGetter):
        self._get, self._docs, self._prepared = get, {}, {}

    def doc(self, url: str) -> SourceDoc:
        if url not in self._docs:
            self._docs[url] = self._get(url)
        return self._docs[url]

    def prepared(self, url: str) -> PreparedSource | None:
        doc = self.doc(url)
        if not doc.readable:
            return None
        if url not in self._prepared:
            self._prepared[url] = prepare_source_cached(doc)
        return self._prepared[url]


def _archive_note(doc: SourceDoc, m: Match) -> Match:
    if not doc.archive_url:
        return m
    note = " ".join(filter(None, ("evidence from archive snapshot", doc.archive_date, doc.archive_url)))
    return Match(m.verdict, m.score, f"{m.reason}; {note}", m.evidence, m.spans, m.facts)


def verify_article(article: Article, get_source: SourceGetter) -> list[ClaimResult]:
    """A result for every claim and point of the article, in article order."""
    sources = _Sources(get_source)
    cited = list(dict.fromkeys(b.source_url for b in article.blocks if b.source_url))
    results: list[ClaimResult] = []
    for block in article.blocks:
        for claim in block.claims:
            prepared_claim = prepare_claim(claim.text, block.published)
            if not block.source_url:
                results.append(_best_of_all(article, claim, prepared_claim, sources, cited,
                                            "block cites no source"))
                continue
            doc = sources.doc(block.source_url)
            prepared = sources.prepared(block.source_url)
            if prepared is None:
                m = Match(Verdict.UNVERIFIABLE, 0, _unreadable_reason(doc))
            else:
                m = _archive_note(doc, match(prepared_claim, prepared))
                if m.verdict is not Verdict.SUPPORTED:
                    m = _elsewhere(m, prepared_claim, block.source_url, article, sources, cited)
            results.append(_result(article, claim, block.source_url, doc, m))
    for point in article.points:
        results.append(_best_of_all(article, point, prepare_claim(point.text), sources, cited,
                                    "uncited point"))
    return results


def _elsewhere(m: Match, claim, own_url: str, article: Article, sources: _Sources, cited: list[str]) -> Match:
    """Wrong citation: say when another source of the same article supports the claim."""
    for url in cited:
        if url == own_url or (prepared := sources.prepared(url)) is None:
            continue
        other = match(claim, prepared)
        if other.verdict is Verdict.SUPPORTED:
            return Match(m.verdict, m.score, f"{m.reason}; found in {_owner(article, url)}'s source ({without_credentials(url)})",
                         m.evidence, m.spans, m.facts)
    return m


def _best_of_all(article: Article, claim: Claim, prepared_claim, sources: _Sources, cited: list[str],
                 why: str) -> ClaimResult:
    """Check a claim with no citation of its own against every source the article cites; its
    row names the source that gave the verdict, and its reason says how many were tried."""
    best: tuple[str, SourceDoc, Match] | None = None
    for url in cited:
        prepared = sources.prepared(url)
        if prepared is None:
            continue
        m = _archive_note(sources.doc(url), match(prepared_claim, prepared))
        if best is None or (_RANK[m.verdict], -m.score) < (_RANK[best[2].verdict], -best[2].score):
            best = (url, sources.doc(url), m)
    if not cited:
        return _result(article, claim, "", None, Match(Verdict.UNVERIFIABLE, 0, f"{why}; the article cites no source"))
    tried = f"checked against the article's {_plural(len(cited), 'source')}"
    if best is None:
        # Unverifiable because the article's sources failed, not for want of a citation: the row
        # shows the first source and its status.
        failures = ", ".join(f"{_owner(article, url)} {sources.doc(url).status}" for url in cited)
        m = Match(Verdict.UNVERIFIABLE, 0, f"{why}: {tried}, none could be read ({failures})")
        if claim.block != POINTS:  # a block that cites nothing is what no_citation says
            return _result(article, claim, "", None, m)
        return _result(article, claim, cited[0], sources.doc(cited[0]), m)
    url, doc, m = best
    return _result(article, claim, url, doc,
                   Match(m.verdict, m.score, f"{why}: {tried}, verdict from {_owner(article, url)}'s: {m.reason}",
                         m.evidence, m.spans, m.facts))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _owner(article: Article, url: str) -> str:
    """The first block citing `url` ("b2")."""
    return next((b.id for b in article.blocks if b.source_url == url), "?")


def failed_article(article: Article, reason: str, docs: dict[str, SourceDoc] | None = None) -> list[ClaimResult]:
    """A result for every claim of an article that could not be checked at all (the process
    checking it died): each `unverifiable`, with `reason`, so no claim is ever missing."""
    docs = docs or {}
    results = []
    for claim in article.claims:
        block = article.block(claim.block)
        url = block.source_url if block else ""
        results.append(_result(article, claim, url, docs.get(url) if url else None,
                               Match(Verdict.UNVERIFIABLE, 0, reason)))
    return results
