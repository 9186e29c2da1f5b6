"""Accuracy harness: score a labelled set (the dev set's format) offline from a cassette.

    python -m verify.evaluate LABELS.csv --cassette FILE [--articles DIR] [--json]

labels.csv has `article,claim,label,kind`; label is supported, not_supported or unverifiable.
A claim counts as right when: supported <-> verdict supported; not_supported <-> partial,
contradicted or not_found; unverifiable <-> unverifiable. Beside claimcheck it scores a naive
baseline in the same run: rapidfuzz partial_ratio of the claim over the whole page.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .model import SourceDoc, Verdict

Matcher = Callable[[str, SourceDoc], Verdict]

# The naive baseline calls a claim supported when this much of it appears (fuzzily) in the page.
BASELINE_SUPPORTED_FROM = 75


def label_of(verdict: Verdict) -> str:
    if verdict is Verdict.SUPPORTED:
        return "supported"
    if verdict is Verdict.UNVERIFIABLE:
        return "unverifiable"
    return "not_supported"


@dataclass
class Scores:
    name: str
    rows: list[dict] = field(default_factory=list)  # label, kind, verdict, predicted, claim, reason

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def correct(self) -> int:
        return sum(r["predicted"] == r["label"] for r in self.rows)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def false_supported(self) -> int:
        return sum(r["predicted"] == "supported" and r["label"] != "supported" for r in self.rows)

    def by(self, key: str) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.rows:
            out[r[key]][0] += r["predicted"] == r["label"]
            out[r[key]][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}

    def summary(self) -> dict:
        return {"name": self.name, "total": self.total, "correct": self.correct,
                "accuracy": round(self.accuracy, 4), "false_supported": self.false_supported,
                "by_label": self.by("label"), "by_kind": self.by("kind"),
                "verdicts": dict(Counter(r["verdict"] for r in self.rows))}


def _read_labels(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def baseline_matcher(claim: str, doc: SourceDoc) -> Verdict:
    """The naive peer: partial_ratio of the normalised claim over the whole normalised page."""
    from rapidfuzz import fuzz

    from .text import norm

    score = fuzz.partial_ratio(norm(claim), norm(doc.text))
    return Verdict.SUPPORTED if score >= BASELINE_SUPPORTED_FROM else Verdict.NOT_FOUND


def evaluate(labels_csv: str | Path, cassette: str | Path, articles_dir: str | Path | None = None,
             matcher: Matcher | None = None, name: str = "claimcheck") -> Scores:
    """Verify every labelled article from the cassette and score the verdicts against the labels.

    With `matcher` (claim text, readable SourceDoc) -> Verdict, that matcher replaces
    claimcheck's for cited claims; unreadable sources are `unverifiable` for every matcher.
    """
    from claims import read_article

    from .fetch import Fetcher, Settings, replaying
    from .pipeline import verify_article
    from .sources import SourceLoader

    labels_csv = Path(labels_csv)
    folder = Path(articles_dir) if articles_dir else labels_csv.parent / "articles"
    labels = _read_labels(labels_csv)
    verdicts: dict[tuple[str, str], tuple[Verdict, str]] = {}
    with replaying(cassette), Fetcher(Settings()) as fetcher:
        loader = SourceLoader(fetcher)
        for article_name in dict.fromkeys(row["article"] for row in labels):
            article = read_article(str(folder / article_name))
            if matcher is None:
                for res in verify_article(article, loader):
                    verdicts[(article_name, res.claim)] = (res.verdict, res.reason)
                continue
            for block in article.blocks:
                doc = loader(block.source_url) if block.source_url else SourceDoc("", status="no_citation")
                for claim in block.claims:
                    v = matcher(claim.text, doc) if doc.readable else Verdict.UNVERIFIABLE
                    verdicts[(article_name, claim.text)] = (v, "")
    scores = Scores(name)
    for row in labels:
        verdict, reason = verdicts.get((row["article"], row["claim"]), (None, "claim not found in article"))
        if verdict is None:
            raise ValueError(f"{labels_csv}: claim not in {row['article']}: {row['claim'][:40]}")
        scores.rows.append({"label": row["label"], "kind": row.get("kind", ""), "verdict": verdict.value,
                            "predicted": label_of(verdict), "claim": row["claim"], "reason": reason,
                            "article": row["article"]})
    return scores


def format_report(scores: list[Scores]) -> str:
    lines = []
    for s in scores:
        lines.append(f"{s.name}: {s.correct}/{s.total} = {s.accuracy:.1%}   false supported: {s.false_supported}")
        for key in ("label", "kind"):
            parts = ", ".join(f"{k} {c}/{n}" for k, (c, n) in s.by(key).items())
            lines.append(f"  by {key}: {parts}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m verify.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", help="labels.csv (article,claim,label,kind)")
    parser.add_argument("--cassette", required=True, help="cassette with the cited pages")
    parser.add_argument("--articles", help="folder of the articles (default: articles/ beside labels.csv)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list every wrongly scored claim")
    args = parser.parse_args(argv)
    try:
        ours = evaluate(args.labels, args.cassette, args.articles)
        base = evaluate(args.labels, args.cassette, args.articles, baseline_matcher, "baseline partial_ratio")
    except (OSError, ValueError) as error:
        print(f"verify.evaluate: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([ours.summary(), base.summary()], ensure_ascii=False, indent=2))
    else:
        print(format_report([ours, base]))
    if args.errors:
        for r in ours.rows:
            if r["predicted"] != r["label"]:
                print(f"  WRONG [{r['kind']}] label={r['label']} verdict={r['verdict']}: {r['claim']}  -- {r['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
