"""The order an editor reads a run in: what needs them first.

Verdicts from worst to best -- contradicted, partial, not_found, unverifiable, supported --
because a contradicted claim is an error to fix and a supported one needs no one. Articles keep
their claims together (each article is shown once), the article with the worst claim first;
within an article and a verdict, claims keep their order in the article. `--order article`
shows the run as it was read, article by article, claims in article order.

Only the terminal table and the HTML page are reordered: CSV, JSON and XLSX rows stay in article
order, so two runs' files diff line by line.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..model import ClaimResult, Verdict

WORST_FIRST = (Verdict.CONTRADICTED, Verdict.PARTIAL, Verdict.NOT_FOUND, Verdict.UNVERIFIABLE,
               Verdict.SUPPORTED)
RANK = {v: i for i, v in enumerate(WORST_FIRST)}
ORDERS = ("worst", "article")  # --order: "worst" (the default) or "article" (as read)


def articles_of(results: Iterable[ClaimResult]) -> list[str]:
    """The articles of `results`, each once, in the order they first appear."""
    return list(dict.fromkeys(r.article for r in results))


def ordered(results: Sequence[ClaimResult], order: str = "worst") -> list[ClaimResult]:
    """`results` in the order a report shows them (see the module's docstring)."""
    if order == "article":
        return list(results)
    if order != "worst":
        raise ValueError(f"unknown order {order!r} (choose from {', '.join(ORDERS)})")
    by_article: dict[str, list[ClaimResult]] = {}
    for r in results:
        by_article.setdefault(r.article, []).append(r)
    # sorted() is stable: equal keys keep the order they were read in.
    groups = sorted(by_article.values(), key=lambda rows: min(RANK[r.verdict] for r in rows))
    return [r for rows in groups for r in sorted(rows, key=lambda r: RANK[r.verdict])]
