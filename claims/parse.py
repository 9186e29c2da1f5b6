"""Reading the summary-site text format into an Article.

The format, as the sites write it::

    <heading>                       (a line with no sentence-final punctuation)
    <question?> <answer.> <chat...>
    公開日:2025/01/04
    ✅ claim
    ✅ claim
    さらに読む ⇒<outlet>出典/画像元: https://…<next sentence glued on>

plus 💡 points anywhere, which cite nothing.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .model import POINTS, Article, Block, Claim, claim_key
from .urls import cited_urls


class ArticleError(ValueError):
    """The input is not an article we can read (the message names the problem)."""


_CHECK = "✅"
_POINT = "💡"
_DATE_RE = re.compile(r"公開日\s*[:：]\s*(\d{4})\s*[/年.\-]\s*(\d{1,2})\s*[/月.\-]\s*(\d{1,2})")
_CITE_RE = re.compile(r"出典(?:\s*[/／]\s*画像元)?\s*[:：]")
_MORE_RE = re.compile(r"さらに読む\s*[⇒→>]?\s*")
_SENTENCE_END = tuple("。！？!?")


@dataclass
class _OpenBlock:
    heading: str = ""
    published: str = ""
    claims: list[tuple[int, str]] = field(default_factory=list)
    source_url: str = ""
    url_note: str = ""
    outlet: str = ""
    cited: bool = False


def _bullet(line: str, mark: str) -> str:
    return line.strip()[len(mark):].strip()


def _heading(segment: list[str]) -> str:
    """The first line of a block's lead-in that reads like a heading, not a sentence."""
    for line in segment:
        text = line.strip()
        if text and not text.startswith((_CHECK, _POINT)) and not text.endswith(_SENTENCE_END):
            return text
    return ""


def _citation(line: str) -> tuple[str, str, str] | None:
    """(outlet, url, note) when the line is a `さらに読む ⇒… 出典/画像元: URL` citation."""
    # Search the raw line: NFKC would turn a glued full-width "Ａ" into an ASCII letter that
    # then looks like part of the URL.
    found = _CITE_RE.search(line)
    if not found:
        return None
    urls = cited_urls(line[found.end():])
    url, note = urls[0] if urls else ("", "出典 line without a URL")
    head = line[: found.start()]
    more = _MORE_RE.search(head)
    outlet = unicodedata.normalize("NFKC", head[more.end():] if more else head).strip()
    return outlet, url, note


def parse_text(text: str, name: str = "<text>", identity: str | None = None) -> Article:
    """Parse an article in the summary-site text format; raise ArticleError if it has no ✅ claims."""
    identity = identity if identity is not None else name
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = next((ln.strip() for ln in lines if ln.strip()), "")

    blocks: list[_OpenBlock] = []
    points: list[tuple[int, str]] = []
    segment: list[str] = []       # lines since the last citation, for the next heading
    current: _OpenBlock | None = None
    first_content_line = True

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if first_content_line:
            first_content_line = False
            continue  # the title is never a heading
        if line.startswith(_POINT):
            if _bullet(line, _POINT):
                points.append((number, _bullet(line, _POINT)))
            continue
        date = _DATE_RE.search(unicodedata.normalize("NFKC", line))
        if date:
            year, month, day = (int(g) for g in date.groups())
            current = _OpenBlock(heading=_heading(segment), published=f"{year:04d}-{month:02d}-{day:02d}")
            blocks.append(current)
            segment = []
            continue
        if line.startswith(_CHECK):
            if current is None or current.cited:
                current = _OpenBlock(heading=_heading(segment))
                blocks.append(current)
                segment = []
            if _bullet(line, _CHECK):
                current.claims.append((number, _bullet(line, _CHECK)))
            continue
        cite = _citation(line)
        if cite and current is not None and not current.cited:
            current.outlet, current.source_url, current.url_note = cite
            current.cited = True
            segment = []
            continue
        segment.append(line)

    built: list[Block] = []
    for index, open_block in enumerate((b for b in blocks if b.claims), start=1):
        block_id = f"b{index}"
        claims = tuple(
            Claim(id=f"{block_id}-c{i}", text=t, block=block_id, line=n, key=claim_key(identity, t))
            for i, (n, t) in enumerate(open_block.claims, start=1)
        )
        built.append(Block(block_id, open_block.heading, open_block.published, claims,
                           open_block.source_url, open_block.outlet, open_block.url_note))
    if not built:
        raise ArticleError(f"{name}: no ✅ claims found (is this a summary article?)")
    point_claims = tuple(
        Claim(id=f"p{i}", text=t, block=POINTS, line=n, key=claim_key(identity, t))
        for i, (n, t) in enumerate(points, start=1)
    )
    return Article(name=name, title=title, blocks=tuple(built), points=point_claims)
