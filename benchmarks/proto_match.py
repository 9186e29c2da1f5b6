"""Prototypes of the matching speed-ups proposed in the benchmark report, applied as patches.

The matcher's modules are being tuned by others, so nothing here edits them: each change is
swapped in at run time, measured, and checked to give *identical* results (verdict, score,
reason, evidence, spans) on every claim × source pair of the workload. A change whose target
function no longer exists is skipped with a message instead of measuring something else.

- token-tuple:   `tokens.Token` as a NamedTuple instead of a frozen dataclass (object
                 creation is a large part of `analyze`: a frozen dataclass sets each field
                 through object.__setattr__).
- score-memo:    `evidence._score` memoised per claim on (token mask, bigram mask): the window
                 loop and the extra-sentence search score the same masks again and again.

Adopted in the tree while this suite was written (so no longer patched here): an lru_cache on
`tokens.analyze` (7f4ceb7); per-source sentence indexes for the evidence masks, lemma-only
tokenising of sources, an NFKC fast path and a prepared-source LRU (01b6f51). Not adopted:
a Sudachi tokenizer loaded with `fields={"normalized_form"}` — it splits numbers differently
(27 -> 2, 7), so its lemma sets are not the same.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import NamedTuple

from verify.model import Verdict

from .peers import Matcher, cold_caches

ALL = ("token-tuple", "score-memo")


class Token(NamedTuple):
    surface: str
    lemma: str
    pos: tuple
    start: int
    end: int
    oov: bool

    @property
    def is_proper(self) -> bool:
        return self.pos[:2] == ("名詞", "固有名詞")


def _swap(original, replacement, undo: list) -> int:
    """Point every `verify.*` module attribute bound to `original` at `replacement`."""
    count = 0
    for name, module in list(sys.modules.items()):
        if not (name == "verify" or name.startswith("verify.")) or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if value is original:
                undo.append((module, attr, original))
                setattr(module, attr, replacement)
                count += 1
    return count


def _make_score(original):
    def score(claim, tok_mask, bi_mask):
        memo = claim.__dict__.setdefault("_bench_scores", {})
        key = (tok_mask, bi_mask)
        value = memo.get(key)
        if value is None:
            value = memo[key] = original(claim, tok_mask, bi_mask)
        return value
    return score


@contextlib.contextmanager
def patched(changes=ALL) -> Iterator[list[str]]:
    """Apply the named changes for the duration of the block; yields the ones applied."""
    from verify.match import evidence
    from verify.text import tokens

    undo: list = []
    applied = []
    try:
        if "token-tuple" in changes and hasattr(tokens, "Token"):
            undo.append((tokens, "Token", tokens.Token))
            tokens.Token = Token
            applied.append("token-tuple")
        if "score-memo" in changes and hasattr(evidence, "_score"):
            _swap(evidence._score, _make_score(evidence._score), undo)
            applied.append("score-memo")
        yield applied
    finally:
        for module, attr, value in reversed(undo):
            setattr(module, attr, value)


class FastClaimcheck(Matcher):
    """claimcheck's matcher, run inside `patched(changes)` (see `Matcher.context`)."""

    name = "claimcheck + proposed changes (benchmarks/proto_match.py)"

    def __init__(self, changes=ALL) -> None:
        from verify import match

        self.changes, self._m = tuple(changes), match
        if tuple(changes) != ALL:
            self.name = f"claimcheck + {', '.join(changes)}"

    def context(self):
        cold_caches()
        return patched(self.changes)

    def prepare_source(self, doc):
        return self._m.prepare_source(doc)

    def prepare_claim(self, text: str):
        return self._m.prepare_claim(text)

    def match(self, claim, source) -> Verdict:
        return self._m.match(claim, source).verdict


def differences(work, changes=ALL) -> tuple[int, int]:
    """(pairs compared, pairs whose Match differs) between claimcheck and the patched version."""
    from verify import match

    def results() -> list[tuple]:
        out = []
        for item in work:
            source = match.prepare_source(item.doc)
            for claim in item.claims:
                m = match.match(match.prepare_claim(claim.text), source)
                out.append((m.verdict, m.score, m.reason, m.evidence, m.spans))
        return out

    cold_caches()
    plain = results()
    cold_caches()
    with patched(changes):
        fast = results()
    return len(plain), sum(a != b for a, b in zip(plain, fast))


def main(argv: list[str] | None = None) -> int:
    """Per-change effect: pairs per CPU-second, interleaved rounds, and the identical-results check."""
    import argparse
    import statistics

    from .bench_matching import _run
    from .peers import Claimcheck
    from .timing import interleaved
    from .workload import items

    parser = argparse.ArgumentParser(prog="python -m benchmarks.proto_match", description=main.__doc__)
    parser.add_argument("--sources", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    work = items(args.sources)
    compared, differ = differences(work)
    print(f"identical results: {compared - differ}/{compared} claim × source pairs")
    contenders = {"claimcheck as is": Claimcheck(), **{f"+ {c} only": FastClaimcheck((c,)) for c in ALL},
                  "+ both": FastClaimcheck()}
    for m in contenders.values():
        _run(m, work[:1])()
    samples = interleaved({k: _run(m, work) for k, m in contenders.items()}, args.repeat)
    base = statistics.median(samples["claimcheck as is"])
    for name, values in samples.items():
        med = statistics.median(values)
        print(f"{name:28} {med:8.1f} pairs/CPU-s   {med / base:5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
