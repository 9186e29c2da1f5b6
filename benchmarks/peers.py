"""The matchers compared: claimcheck's, and the two peers the issue names.

Each has the shape claimcheck's matcher has — prepare a source once, prepare a claim, match —
so a speed figure counts the same work for all of them, and each is also a callable
(claim text, SourceDoc) -> Verdict, the form `verify.evaluate.evaluate(matcher=...)` takes.

- difflib: `SequenceMatcher.ratio()` of the claim against every window of 1–3 adjacent
  sentences (claimcheck's own window sizes), best window decides. The "pruned" variant skips a
  window when `real_quick_ratio()` / `quick_ratio()` (upper bounds of `ratio()`) cannot beat the
  best so far, the idiom of `difflib.get_close_matches`: same verdicts, fewer full comparisons.
- rapidfuzz: `fuzz.partial_ratio` of the claim over the whole page, the naive baseline of
  `verify.evaluate` (same normalisation, same threshold).

claimcheck caches Sudachi analyses (tokens.analyze); each timed round starts with that cache
empty, so a round never reuses the previous round's work on the same pages.
"""
from __future__ import annotations

import contextlib
import difflib
from typing import Any

from verify.model import SourceDoc, Verdict
from verify.text import norm, split_sentences

# difflib's cut-off, fixed before looking at any label: a paraphrase rewrites the sentence
# ending and particles, about a third of its characters. The run also prints the accuracy at
# the best cut-off chosen on the labelled set itself, an upper bound for this peer.
DIFFLIB_SUPPORTED_FROM = 0.6
WINDOW = 3


class Matcher:
    """prepare_source / prepare_claim / match, and a cached (claim, doc) -> Verdict call."""

    name = "?"

    def context(self):
        """What a timed run executes inside (a proposed change can patch the matcher here)."""
        return contextlib.nullcontext()

    def prepare_source(self, doc: SourceDoc) -> Any:
        raise NotImplementedError

    def prepare_claim(self, text: str) -> Any:
        raise NotImplementedError

    def match(self, claim: Any, source: Any) -> Verdict:
        raise NotImplementedError

    def __call__(self, claim: str, doc: SourceDoc) -> Verdict:
        cache = self.__dict__.setdefault("_prepared", {})
        key = (doc.url, doc.text)
        with self.context():
            if key not in cache:
                cache.clear()  # one source at a time is enough for evaluate's loop
                cache[key] = self.prepare_source(doc)
            return self.match(self.prepare_claim(claim), cache[key])


def cold_caches() -> None:
    """Empty claimcheck's analysis cache, so a timed round cannot reuse an earlier round's work."""
    from verify.text import analyze

    clear = getattr(analyze, "cache_clear", None)
    if clear is not None:
        clear()


class Claimcheck(Matcher):
    name = "claimcheck (verify.match)"

    def context(self):
        cold_caches()
        return contextlib.nullcontext()

    def __init__(self) -> None:
        from verify import match

        self._m = match

    def prepare_source(self, doc: SourceDoc):
        return self._m.prepare_source(doc)

    def prepare_claim(self, text: str):
        return self._m.prepare_claim(text)

    def match(self, claim, source) -> Verdict:
        return self._m.match(claim, source).verdict


class DifflibWindows(Matcher):
    def __init__(self, prune: bool = False, threshold: float = DIFFLIB_SUPPORTED_FROM, window: int = WINDOW):
        self.prune, self.threshold, self.window = prune, threshold, window
        self.name = f"difflib 1–{window}-sentence windows" + (" + quick_ratio pruning" if prune else "")

    def prepare_source(self, doc: SourceDoc) -> list[str]:
        text = norm(doc.text)
        sentences = [text[a:b] for a, b in split_sentences(text)]
        return ["".join(sentences[i:i + size]) for size in range(1, self.window + 1)
                for i in range(len(sentences) - size + 1)]

    def prepare_claim(self, text: str) -> str:
        return norm(text)

    def best_ratio(self, claim: str, windows: list[str]) -> float:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(claim)  # the claim is the fixed side: SequenceMatcher caches seq2
        best = 0.0
        for window in windows:
            matcher.set_seq1(window)
            if self.prune and (matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best):
                continue
            best = max(best, matcher.ratio())
        return best

    def match(self, claim: str, source: list[str]) -> Verdict:
        return Verdict.SUPPORTED if self.best_ratio(claim, source) >= self.threshold else Verdict.NOT_FOUND


class RapidfuzzPage(Matcher):
    name = "rapidfuzz partial_ratio over the page"

    def __init__(self, threshold: float | None = None):
        if threshold is None:
            try:
                from verify.evaluate import BASELINE_SUPPORTED_FROM as threshold
            except ImportError:
                threshold = 75
        self.threshold = threshold
        from rapidfuzz import fuzz

        self._partial_ratio = fuzz.partial_ratio

    def prepare_source(self, doc: SourceDoc) -> str:
        return norm(doc.text)

    def prepare_claim(self, text: str) -> str:
        return norm(text)

    def score(self, claim: str, page: str) -> float:
        return self._partial_ratio(claim, page)

    def match(self, claim: str, source: str) -> Verdict:
        return Verdict.SUPPORTED if self.score(claim, source) >= self.threshold else Verdict.NOT_FOUND


def all_matchers() -> list[Matcher]:
    return [Claimcheck(), DifflibWindows(prune=False), DifflibWindows(prune=True), RapidfuzzPage()]
