"""Article -> verdict per claim. Pure: sources arrive through a callable, so no network here.

No input can stop an article, nor the batch: an exception while checking one claim, or while
reading or preparing one page, makes that claim `unverifiable` with `internal error: …` as its
reason, and every other claim is still checked. The work one claim or one page can cost is
bounded (MAX_CLAIM_CHARS, MAX_SOURCE_CHARS, MAX_SOURCE_SENTENCES); a reason says when a bound cut
what was matched.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from claims import POINTS, Article, Block, Claim

from .match import PreparedSource, match, prepare_claim, prepare_source_cached
from .model import SOURCE_STATUSES, ClaimResult, Match, SourceDoc, Verdict, internal_error_reason, without_credentials
from .text import split_sentences

SourceGetter = Callable[[str], SourceDoc]

# Best first: used to pick the strongest result for an uncited point across sources.
_RANK = {Verdict.SUPPORTED: 0, Verdict.CONTRADICTED: 1, Verdict.PARTIAL: 2, Verdict.NOT_FOUND: 3,
         Verdict.UNVERIFIABLE: 4}

# Bounds on the work of one claim and one page (issue #11; docs/reports.md, "Bounds"). Claims
# run to 20-150 characters and news pages to a few hundred sentences; past these, matching time
# and memory grew faster than the input (a 15,000-character list claim: 20 s per source; a
# 9.9 MB page: minutes and gigabytes). Only the first part is matched, and the reason says so.
MAX_CLAIM_CHARS = 1_000
MAX_SOURCE_CHARS = 200_000
MAX_SOURCE_SENTENCES = 5_000


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


class _Failed(Exception):
    """Preparing a page failed; raised again, with the same reason, for each claim citing it."""

    def __init__(self, url: str, reason: str):
        super().__init__(reason)
        self.url, self.reason = url, reason


class _Sources:
    """Each distinct URL fetched and prepared once per article."""

    def __init__(self, get: SourceGetter):
        self._get = get
        self._docs: dict[str, SourceDoc] = {}
        self._prepared: dict[str, PreparedSource | _Failed] = {}
        self.notes: dict[str, str] = {}  # url -> what a bound cut off the page, for the reason

    def doc(self, url: str) -> SourceDoc:
        if url not in self._docs:
            try:
                self._docs[url] = self._get(url)
            except Exception as error:  # noqa: BLE001 - one page must not stop the article
                self._docs[url] = SourceDoc(url, status="empty", reason=internal_error_reason(error))
        return self._docs[url]

    def prepared(self, url: str) -> PreparedSource | None:
        """The page ready for matching; None when unreadable; _Failed when preparing it failed."""
        doc = self.doc(url)
        if not doc.readable:
            return None
        if url not in self._prepared:
            try:
                bounded, self.notes[url] = bound_source(doc)
                self._prepared[url] = prepare_source_cached(bounded)
            except Exception as error:  # noqa: BLE001
                self._prepared[url] = _Failed(url, internal_error_reason(error))
        found = self._prepared[url]
        if isinstance(found, _Failed):
            raise found
        return found

    def usable(self, url: str) -> PreparedSource | None:
        """prepared(), with a page that failed counted as unreadable (for other blocks' claims)."""
        try:
            return self.prepared(url)
        except _Failed:
            return None


def bound_source(doc: SourceDoc) -> tuple[SourceDoc, str]:
    """`doc` cut to MAX_SOURCE_CHARS and MAX_SOURCE_SENTENCES, and a note saying so ("" if whole).

    The cut keeps a prefix of the text, so evidence offsets still point into the full page.
    """
    text, note = doc.text, ""
    end = len(text)
    if end > MAX_SOURCE_CHARS:
        end, note = MAX_SOURCE_CHARS, f"page cut to the first {MAX_SOURCE_CHARS:,} characters"
    sentences = split_sentences(text[:end]) if end > MAX_SOURCE_SENTENCES else []  # a sentence is a character or more
    if len(sentences) > MAX_SOURCE_SENTENCES:
        end, note = sentences[MAX_SOURCE_SENTENCES - 1][1], f"page cut to the first {MAX_SOURCE_SENTENCES:,} sentences"
    if not note:
        return doc, ""
    kept, used = [], 0
    for paragraph in doc.paragraphs:
        if used >= end:
            break
        kept.append(paragraph[:end - used])
        used += len(paragraph) + 1  # the "\n" that joins paragraphs
    return dataclasses.replace(doc, paragraphs=tuple(kept)), note


def _with_note(m: Match, note: str) -> Match:
    if not note:
        return m
    return dataclasses.replace(m, reason=f"{m.reason}; {note}" if m.reason else note)


def _archive_note(doc: SourceDoc, m: Match) -> Match:
    if not doc.archive_url:
        return m
    note = " ".join(filter(None, ("evidence from archive snapshot", doc.archive_date, doc.archive_url)))
    return _with_note(m, note)


def _prepare_claim(text: str, written: str = ""):
    """The claim ready for matching (`written`: its block's 公開日), and a note when it was longer
    than MAX_CLAIM_CHARS."""
    if len(text) <= MAX_CLAIM_CHARS:
        return prepare_claim(text, written), ""
    return (prepare_claim(text[:MAX_CLAIM_CHARS], written),
            f"claim cut to the first {MAX_CLAIM_CHARS:,} characters, the rest not checked")


def _claim_cut(m: Match, note: str) -> Match:
    """A claim checked only in part is never `supported`: what was cut off may be false."""
    if note and m.verdict is Verdict.SUPPORTED:
        m = dataclasses.replace(m, verdict=Verdict.PARTIAL)
    return _with_note(m, note)


def verify_article(article: Article, get_source: SourceGetter) -> list[ClaimResult]:
    """A result for every claim and point of the article, in article order."""
    sources = _Sources(get_source)
    cited = list(dict.fromkeys(b.source_url for b in article.blocks if b.source_url))
    results: list[ClaimResult] = []
    for block in article.blocks:
        for claim in block.claims:
            results.append(_isolated(article, claim, block.source_url, sources,
                                     lambda: _cited_claim(article, claim, block, sources, cited)))
    for point in article.points:
        results.append(_isolated(article, point, "", sources,
                                 lambda: _best_of_all(article, point, sources, cited, "uncited point")))
    return results


def _isolated(article: Article, claim: Claim, url: str, sources: _Sources,
              check: Callable[[], ClaimResult]) -> ClaimResult:
    """check(), or, when it raises, the claim `unverifiable` with the error as its reason."""
    try:
        return check()
    except _Failed as failed:
        url, reason = url or failed.url, failed.reason
    except Exception as error:  # noqa: BLE001 - one claim must not stop the batch (issue #11)
        reason = internal_error_reason(error)
    return _result(article, claim, url, sources.doc(url) if url else None,
                   Match(Verdict.UNVERIFIABLE, 0, reason))


def _cited_claim(article: Article, claim: Claim, block: Block, sources: _Sources, cited: list[str]) -> ClaimResult:
    url = block.source_url
    prepared_claim, claim_note = _prepare_claim(claim.text, block.published)
    if not url:
        return _best_of_all(article, claim, sources, cited, "block cites no source", (prepared_claim, claim_note))
    doc = sources.doc(url)
    prepared = sources.prepared(url)
    if prepared is None:
        return _result(article, claim, url, doc, Match(Verdict.UNVERIFIABLE, 0, _unreadable_reason(doc)))
    m = _archive_note(doc, match(prepared_claim, prepared))
    if m.verdict is not Verdict.SUPPORTED:
        m = _elsewhere(m, prepared_claim, url, article, sources, cited)
    return _result(article, claim, url, doc, _claim_cut(_with_note(m, sources.notes.get(url, "")), claim_note))


def _elsewhere(m: Match, claim, own_url: str, article: Article, sources: _Sources, cited: list[str]) -> Match:
    """Wrong citation: say when another source of the same article supports the claim."""
    for url in cited:
        if url == own_url or (prepared := sources.usable(url)) is None:
            continue
        other = match(claim, prepared)
        if other.verdict is Verdict.SUPPORTED:
            return _with_note(m, f"found in {_owner(article, url)}'s source ({without_credentials(url)})")
    return m


def _best_of_all(article: Article, claim: Claim, sources: _Sources, cited: list[str], why: str,
                 prepared_claim=None) -> ClaimResult:
    """Check a claim with no citation of its own against every source the article cites; its
    row names the source that gave the verdict, and its reason says how many were tried.

    A page that failed to prepare is skipped, unless no other was readable: then the claim
    reports that failure (an internal error) rather than "none could be read".
    """
    prepared_claim, claim_note = prepared_claim or _prepare_claim(claim.text)
    best: tuple[str, SourceDoc, Match] | None = None
    failure: _Failed | None = None
    for url in cited:
        try:
            prepared = sources.prepared(url)
        except _Failed as failed:
            failure = failure or failed
            continue
        if prepared is None:
            continue
        m = _with_note(_archive_note(sources.doc(url), match(prepared_claim, prepared)), sources.notes.get(url, ""))
        if best is None or (_RANK[m.verdict], -m.score) < (_RANK[best[2].verdict], -best[2].score):
            best = (url, sources.doc(url), m)
    if not cited:
        return _result(article, claim, "", None, Match(Verdict.UNVERIFIABLE, 0, f"{why}; the article cites no source"))
    tried = f"checked against the article's {_plural(len(cited), 'source')}"
    if best is None:
        if failure is not None:
            raise failure
        # Unverifiable because the article's sources failed, not for want of a citation: the row
        # shows the first source and its status.
        failures = ", ".join(f"{_owner(article, url)} {sources.doc(url).status}" for url in cited)
        m = Match(Verdict.UNVERIFIABLE, 0, f"{why}: {tried}, none could be read ({failures})")
        if claim.block != POINTS:  # a block that cites nothing is what no_citation says
            return _result(article, claim, "", None, m)
        return _result(article, claim, cited[0], sources.doc(cited[0]), m)
    url, doc, m = best
    return _result(article, claim, url, doc, _claim_cut(
        dataclasses.replace(m, reason=f"{why}: {tried}, verdict from {_owner(article, url)}'s: {m.reason}"), claim_note))


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
