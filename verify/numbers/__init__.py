"""The numbers of a text: what each states (quantity.py), reading them off normalised text
(reading.py), what a summary may compute from a page's numbers (derived.py), and the order
of two parties' values (compared.py).

    quantities(text) -> [Quantity]         20年, 約500人, 4割強, 数十人, 首位
    Quantity.agrees(source_quantity)       is the page's number the one the claim states?
    differences([Quantity]) -> [Quantity]  gaps, totals, shares, ratios, rates, points
    complements([Quantity])                the level a fall leaves (41%減: 59%)
    gaps_to_page(told, page), per_period(text, found)   gaps across the page; 年 <-> 月 amounts
    derivation_cued(derived, claim, q)     does the claim say it computed that one?
    period(text, at), range_around(text, a, b)   the span a number covers; the range it ends
    reversed_comparison(claim, page)       A を上回った where the page gives A the smaller value
    GREATER                                the verbs of comparison that say "more than"

Pure text analysis, no source in sight; verify/match compares claims with pages.
"""
from .compared import GREATER, reversed_comparison
from .derived import complements, derivation_cued, differences, gaps_to_page, per_period, period, range_around
from .quantity import ANY_COUNT, Quantity
from .reading import NUMBER_WORDS, quantities

__all__ = ["ANY_COUNT", "GREATER", "NUMBER_WORDS", "Quantity", "complements", "derivation_cued", "differences",
           "gaps_to_page", "per_period", "period", "quantities", "range_around", "reversed_comparison"]
