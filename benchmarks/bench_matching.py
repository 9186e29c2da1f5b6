"""Matching: claim × source pairs per second, claimcheck against its peers, accuracy beside speed.

Every matcher does the same work per source: prepare it once, then prepare and match each of
its 6 claims; the time counts all of it. Sources are ~5,000 characters of extracted text.
"""
from __future__ import annotations

import time

from verify.model import Verdict

from . import accuracy as acc
from .corpus import Item, items
from .peers import Claimcheck, DifflibWindows, Matcher, RapidfuzzPage
from .timing import Figure, interleaved, log

TARGET_RATIO = 100.0


def _run(matcher: Matcher, work: list[Item]):
    def once() -> float:
        pairs = 0
        with matcher.context():
            start = time.process_time()
            for item in work:
                prepared = matcher.prepare_source(item.doc)
                for claim in item.claims:
                    matcher.match(matcher.prepare_claim(claim.text), prepared)
                    pairs += 1
            return pairs / (time.process_time() - start)
    return once


def _verdicts(matcher: Matcher, work: list[Item]) -> list[Verdict]:
    out = []
    with matcher.context():
        for item in work:
            prepared = matcher.prepare_source(item.doc)
            out += [matcher.match(matcher.prepare_claim(c.text), prepared) for c in item.claims]
    return out


def _generated_accuracy(work: list[Item], verdicts: list[Verdict]) -> str:
    labels = [c.label for item in work for c in item.claims]
    right = sum((v is Verdict.SUPPORTED) == (label == "supported") for v, label in zip(verdicts, labels))
    return f"{right / len(labels):.0%}"


def run(sources: int, repeat: int, extra: dict[str, Matcher] | None = None) -> list[Figure]:
    """Figures for claimcheck against each peer; `extra` adds matchers (e.g. a proposed change) to the run."""
    log(f"matching: preparing {sources} sources × 6 claims")
    work = items(sources)
    chars = sum(len(i.doc.text) for i in work) / len(work)
    ours = Claimcheck()
    peers = [DifflibWindows(prune=False), DifflibWindows(prune=True), RapidfuzzPage()]
    floor = SudachiFloor()
    contenders: dict[str, Matcher] = {ours.name: ours, **{p.name: p for p in peers}, **(extra or {}),
                                      floor.name: floor}
    for m in contenders.values():  # warm-up: dictionary load, regex compilation, caches
        _run(m, work[:1])()
    runs = {name: _run(m, work) for name, m in contenders.items()}
    log(f"matching: {repeat} interleaved rounds of {len(contenders)} matchers ({chars:,.0f} chars/source)")
    samples = interleaved(runs, repeat)

    log("matching: accuracy on the labelled set")
    data = acc.labelled_set()
    judged = {name: m for name, m in contenders.items() if m is not floor}
    accuracy = {name: acc.accuracy(m, data) for name, m in judged.items()}
    generated = {name: _generated_accuracy(work, _verdicts(m, work)) for name, m in judged.items()}
    plain, pruned, rapid = peers
    cut_d, best_d = acc.best_threshold(_score_fn(pruned, pruned.best_ratio), [x / 100 for x in range(20, 100, 2)], data)
    cut_r, best_r = acc.best_threshold(_score_fn(rapid, rapid.score), range(30, 101, 2), data)
    best = {plain.name: f" (at its best cut-off {cut_d:.2f}, chosen on the set itself: {best_d})",
            pruned.name: f" (best cut-off {cut_d:.2f}: {best_d})",
            rapid.name: f" (at its best cut-off {cut_r}, chosen on the set itself: {best_r})"}

    where = f"acc. on {data.name} ({data.harness})"
    pairs = [(ours.name, p.name) for p in peers] + [(name, plain.name) for name in (extra or {})]
    figures = []
    for mine, theirs in pairs:
        fig = Figure("matching", mine, "pairs/s", samples[mine], theirs, samples[theirs],
                     note=(f"{where}: {accuracy[mine]} vs {accuracy[theirs]}{best[theirs]}; "
                           f"generated claims: {generated[mine]} vs {generated[theirs]}"))
        if theirs == plain.name:
            fig.target = f"≥ {TARGET_RATIO:.0f}× peer at ≥ its accuracy"
            fig.met = bool(fig.ratio and fig.ratio >= TARGET_RATIO and accuracy[mine].share >= accuracy[theirs].share)
        figures.append(fig)
    fig = Figure("matching", floor.name, "pairs/s", samples[floor.name], plain.name, samples[plain.name],
                 note=("a ceiling, not a matcher: sentence split + Sudachi mode-A tokenisation of each "
                       "source, nothing else; claimcheck cannot be faster than this at 6 claims per source"))
    figures.append(fig)
    return figures


class SudachiFloor(Matcher):
    """Only the part of claimcheck's work no Python change removes: tokenising every source sentence."""

    name = "ceiling: Sudachi tokenisation of the source alone"

    def prepare_source(self, doc):
        from verify.text import split_sentences
        from verify.text.tokens import _tokenizer

        tokenize, text = _tokenizer("A").tokenize, doc.text
        return [len(tokenize(text[a:b])) for a, b in split_sentences(text)]

    def prepare_claim(self, text: str):
        return text

    def match(self, claim, source) -> Verdict:
        return Verdict.NOT_FOUND


def _score_fn(matcher, score):
    cache: dict = {}

    def call(claim: str, doc) -> float:
        if doc.url not in cache:
            cache[doc.url] = matcher.prepare_source(doc)
        return score(matcher.prepare_claim(claim), cache[doc.url])
    return call
