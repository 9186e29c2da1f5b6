"""In-memory workloads for the matching and extraction benchmarks: rendered pages, the Page
objects the fetch stage would produce from them, the SourceDocs extracted, and claims."""
from __future__ import annotations

import random
from dataclasses import dataclass

from verify.fetch import decode_body
from verify.model import OK, Page, SourceDoc

from .corpus import Source, make_source, render_module
from .textgen import Claim, make_claims

LAYOUT_CYCLE = ("mainichi", "reuters", "jsonld", "plain")


@dataclass
class Item:
    source: Source
    page: Page
    doc: SourceDoc
    claims: list[Claim]


def page_of(source: Source) -> Page:
    """The Page the fetcher returns for this source (decoded the way fetch decodes)."""
    response = render_module().render(source.spec)
    content_type = response.headers.get("Content-Type", "")
    text, how = decode_body(response.body, content_type)
    return Page(url=source.url, status=OK, final_url=source.url, http_status=response.status,
                content_type=content_type, headers=dict(response.headers), body=response.body,
                text=text, encoding=how)


def items(count: int, seed: int = 1000, claims: int = 6, layouts=LAYOUT_CYCLE, min_chars: int = 5000) -> list[Item]:
    """`count` sources in rotating layouts, each with its page, extracted doc and `claims` claims."""
    from verify.sources import extract

    out = []
    for i in range(count):
        source = make_source(seed, i, min_chars, layout=layouts[i % len(layouts)])
        page = page_of(source)
        doc = extract(page)
        rng = random.Random(f"{seed}:claims:{i}")
        out.append(Item(source, page, doc, make_claims(rng, source.story, claims)))
    return out
