"""The data that flows between the stages: fetched page -> source document -> match -> report row.

The one module every stage may import. Every vocabulary the reports use (source statuses,
verdicts, key-fact statuses and kinds) is defined here once and documented in docs/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum


class Verdict(str, Enum):
    SUPPORTED = "supported"        # every key fact found, evidence close enough
    PARTIAL = "partial"            # relevant evidence, but some key fact missing
    CONTRADICTED = "contradicted"  # evidence states a different number/date/name/polarity
    NOT_FOUND = "not_found"        # the readable source says nothing close to the claim
    UNVERIFIABLE = "unverifiable"  # the source could not be read (dead, blocked, paywalled...)

    def __str__(self) -> str:  # so f-strings and CSV cells show the bare value
        return self.value


# Source statuses. "ok" means text was extracted; everything else is a reason the page
# could not be read, and a claim citing it is `unverifiable`, never false.
OK = "ok"
SOURCE_STATUSES: dict[str, str] = {
    OK: "article text extracted",
    "paywalled": "only the part before the pay wall is visible",
    "http_404": "page not found (dead link)",
    "http_410": "page gone (dead link)",
    "http_error": "other HTTP error status",
    "blocked": "bot wall or access denied (DataDome/Cloudflare challenge, 401, 403)",
    "soft_404": "a 200 page that is really an error page or the home page",
    "timeout": "no answer within the timeout, or not complete within the page's wall-clock limit",
    "connection_error": "could not connect (DNS, refused, reset)",
    "too_large": "body larger than the size cap",
    "not_html": "not a web page (PDF, image, binary)",
    "encoding": "bytes could not be decoded as text",
    "redirect_loop": "too many redirects or a redirect loop",
    "robots_disallowed": "robots.txt forbids fetching this page",
    "not_in_cassette": "replaying a cassette that has no recording of this URL",
    "unsafe_url": "refused: not http(s), or a private/loopback/metadata address",
    "empty": "the page has no extractable article text",
    "no_citation": "the block cites no source",
    "deadline": "the run's total deadline passed before or while this page was fetched",
    "not_cached": "--offline run and the page is not in the HTTP cache",
}


# The user:password@ of a URL: everything in the authority before its last "@".
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")
_USERINFO_ANYWHERE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s@]*@")


def without_credentials(url: str) -> str:
    """`url` without user:password@. Credentials in a cited URL are never sent (not to the page,
    its robots.txt or the archive) and never shown in a report; the rest of the URL is kept."""
    return _USERINFO.sub(r"\1", url, count=1)


@dataclass(frozen=True)
class Page:
    """What fetching one URL produced: bytes and metadata, or a failure status."""

    url: str
    status: str = OK
    reason: str = ""
    final_url: str = ""
    http_status: int | None = None
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str = ""                    # decoded body ("" when not decodable / not fetched)
    encoding: str = ""                # how `text` was decoded, e.g. "utf-8 (header)"
    redirects: tuple[str, ...] = ()   # every URL passed through before final_url
    archive_url: str = ""             # set when the text came from an archive snapshot
    archive_date: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class SourceDoc:
    """The article text extracted from a page, or why there is none."""

    url: str
    status: str = OK
    reason: str = ""
    site: str = ""                       # which extractor produced it
    title: str = ""
    published: str = ""                  # ISO 8601 with offset when known
    author: str = ""
    paragraphs: tuple[str, ...] = ()
    truncated: bool = False              # pay wall cut the text
    archive_url: str = ""
    archive_date: str = ""
    final_url: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def readable(self) -> bool:
        """True when there is text to match against (a paywalled teaser counts)."""
        return bool(self.paragraphs) and self.status in (OK, "paywalled")


# --- Matching: key facts, one claim against one source, one row of every report ---

# The reason of a claim that claimcheck failed to check (a bug, or input no one foresaw):
# "internal error: ValueError: … (at verify/match/facts.py:79)". The claim is `unverifiable`,
# every other claim is still checked, and the run ends with its own exit status.
INTERNAL_ERROR = "internal error"


def internal_error_reason(error: BaseException) -> str:
    """`internal error: <type>: <message> (at <file>:<line>)`, one line, at most ~300 characters."""
    import traceback
    from pathlib import Path

    # an exception's text may quote the URL it failed on: its user:password@ is never shown
    message = _USERINFO_ANYWHERE.sub(r"\1", " ".join(str(error).split()))
    message = message if len(message) <= 200 else message[:199] + "…"
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    where = ""
    if frames:
        path = Path(frames[-1].filename)
        # Two levels are enough to find the line (match/facts.py, site-packages/sudachipy/...).
        where = f" (at {'/'.join(path.parts[-2:])}:{frames[-1].lineno})"
    return f"{INTERNAL_ERROR}: {type(error).__name__}{': ' + message if message else ''}{where}"


FOUND, MISSING, CONFLICTING = "found", "missing", "conflicting"
# Every kind of key fact a report can carry (the JSON schema lists the same).
FACT_KINDS = ("number", "date", "entity", "quote", "polarity", "antonym", "emphasis", "detail",
              "predicate", "modifier", "modality", "cause", "speaker", "role")


@dataclass(frozen=True)
class Fact:
    """One key fact of a claim and what the source says of it."""

    kind: str            # one of FACT_KINDS
    text: str            # as the claim says it
    status: str = FOUND  # found | missing | conflicting
    source: str = ""     # what the source says instead (conflicts), or where it was found
    span: tuple[int, int] | None = None  # original offsets in the source text when found

    def describe(self) -> str:
        """The phrase an editor reads in the `reason` column."""
        if self.status == CONFLICTING:
            if self.kind in ("modality", "speaker", "role"):
                return f"{self.kind}: claim {self.text}, source {self.source}"
            if self.kind == "polarity":
                return f"polarity: claim {self.text}, source {self.source}"
            if self.kind == "antonym":
                return f"antonym: claim {self.text}, source {self.source}"
            return f"{self.kind} {self.text} ≠ source {self.source}"
        if self.status == MISSING:
            if self.kind == "quote":
                return f"quote 「{self.text}」 not found verbatim"
            if self.kind == "predicate":
                return f"act {self.text} not in source"
            if self.kind == "cause":
                return f"cause not stated in source: {self.text}"
            if self.kind == "emphasis" and self.source:
                return f"emphasis {self.text}: {self.source}"
            return f"{self.kind} {self.text} not in source"
        return f"{self.kind} {self.text} found"


@dataclass(frozen=True)
class Match:
    """What matching one claim against one readable source decided."""

    verdict: Verdict
    score: int
    reason: str
    evidence: str = ""
    spans: tuple[tuple[int, int], ...] = ()   # original offsets into the source text
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class ClaimResult:
    """One row of every report."""

    article: str
    block: str
    claim_id: str
    claim: str
    source_url: str
    source_status: str
    verdict: Verdict
    score: int
    evidence: str
    reason: str
    claim_key: str = ""
    line: int = 0
    block_published: str = ""
    source_title: str = ""
    source_published: str = ""
    archive_url: str = ""
    archive_date: str = ""
    evidence_spans: tuple[tuple[int, int], ...] = ()
    facts: tuple[Fact, ...] = field(default=())
    # An editor's review, carried over from an earlier report by --previous (verify/report/roundtrip.py).
    editor_verdict: str = ""
    editor_note: str = ""

    @property
    def internal_error(self) -> bool:
        """True when claimcheck failed checking this claim (its reason says what went wrong)."""
        return self.reason.startswith(INTERNAL_ERROR + ":")
