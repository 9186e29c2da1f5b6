"""Extraction: pages per second of `verify.sources.extract` per layout, against trafilatura.extract.

Layouts: mainichi.jp and jp.reuters.com (site extractors), a JSON-LD site and a site without
JSON-LD (the generic extractor: articleBody, else trafilatura). The peer extracts the same
decoded HTML with trafilatura's options the generic extractor uses (precision mode, no
comments, tables, images or links). Beside each speed: the share of the page's paragraphs
found verbatim in the extracted text (a recall check, so speed is not bought with misses).
"""
from __future__ import annotations

import time
import unicodedata

from .corpus import Item, items
from .timing import Figure, interleaved, log

LAYOUT_NAMES = {"mainichi": "mainichi.jp (site extractor)", "reuters": "jp.reuters.com (site extractor)",
                "jsonld": "JSON-LD site (generic: articleBody)", "plain": "no JSON-LD (generic: trafilatura)"}


def _trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, output_format="txt", include_comments=False,
                               include_tables=False, include_images=False, include_links=False,
                               with_metadata=False, favor_precision=True) or ""


def _peer(item: Item) -> str:
    return _trafilatura(item.page.text, item.page.url)


def _ours(item: Item) -> str:
    from verify.sources import extract

    return extract(item.page).text


def _recall(work: list[Item], extract) -> str:
    """Share of the pages' paragraphs found in the extracted text (NFKC: Reuters is full-width)."""
    found = total = 0
    for item in work:
        text = unicodedata.normalize("NFKC", extract(item))
        for para in item.source.story.paragraphs:
            total += 1
            found += unicodedata.normalize("NFKC", para) in text
    return f"{found / total:.0%}"


def _rate(fn, work: list[Item]):
    def once() -> float:
        start = time.process_time()
        for item in work:
            fn(item)
        return len(work) / (time.process_time() - start)
    return once


def run(pages: int, repeat: int) -> list[Figure]:
    figures = []
    for layout, label in LAYOUT_NAMES.items():
        log(f"extraction: {pages} {layout} pages")
        work = items(pages, seed=2000, claims=0, layouts=(layout,))
        _ours(work[0]), _peer(work[0])  # warm-up (imports, first-use compilation)
        samples = interleaved({"ours": _rate(_ours, work), "trafilatura": _rate(_peer, work)}, repeat)
        size = sum(len(i.page.text) for i in work) / len(work) / 1000
        figures.append(Figure(
            "extraction", f"verify.sources.extract: {label}", "pages/s", samples["ours"],
            "trafilatura.extract (same HTML)", samples["trafilatura"],
            note=f"paragraph recall {_recall(work, _ours)} vs {_recall(work, _peer)}; "
                 f"{size:.0f} k chars of HTML per page"))
    return figures
