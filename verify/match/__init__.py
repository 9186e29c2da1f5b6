"""Claim × source -> verdict: find the evidence, check the key facts, decide.

    prepare_source(doc) -> PreparedSource   (once per source: sentences, tokens, numbers)
    prepare_claim(text) -> PreparedClaim    (once per claim)
    match(claim, source) -> model.Match     (verdict, score, evidence spans, facts, reason)

Thresholds live in thresholds.py and word lists in lexicon.py, each with its reasons.
"""
from .decide import match, match_claim
from .evidence import find_evidence
from .prepared import PreparedClaim, PreparedSource, prepare_claim, prepare_source, prepare_source_cached

__all__ = ["PreparedClaim", "PreparedSource", "find_evidence", "match", "match_claim", "prepare_claim",
           "prepare_source", "prepare_source_cached"]
