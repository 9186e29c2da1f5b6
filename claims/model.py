"""What an article is made of once read: ordered blocks of claims, each with its cited source."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

POINTS = "points"  # the `block` value of uncited 💡 points


@dataclass(frozen=True)
class Claim:
    """One checkable sentence: a ✅ bullet of a block, or an uncited 💡 point."""

    id: str          # position in the article, e.g. "b2-c3" or "p1"
    text: str
    block: str       # "b2", or POINTS
    line: int        # 1-based line in the article text
    key: str = ""    # stable across runs: derived from article identity and claim text


@dataclass(frozen=True)
class Block:
    """A heading, its 公開日, its ✅ claims and the one source they cite."""

    id: str                  # "b1", "b2", ...
    heading: str
    published: str           # ISO date "2025-01-04", or "" when the block has none
    claims: tuple[Claim, ...]
    source_url: str          # "" when the block cites nothing
    outlet: str              # text between ⇒ and 出典, e.g. "ニュースサイト"
    url_note: str = ""       # how the cited URL was read when prose was glued to it (urls.fit_to_shape)


@dataclass(frozen=True)
class Article:
    name: str                # file path, URL or "<stdin>"
    title: str
    blocks: tuple[Block, ...]
    points: tuple[Claim, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every block claim in article order, then the points."""
        return tuple(c for b in self.blocks for c in b.claims) + self.points

    def block(self, block_id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == block_id), None)


def claim_key(article_identity: str, text: str) -> str:
    """A short id that survives reordering and re-runs: same article + same text -> same key."""
    digest = hashlib.sha1(f"{article_identity}\x00{text}".encode("utf-8")).hexdigest()
    return digest[:12]
