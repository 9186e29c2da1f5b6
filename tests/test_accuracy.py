"""Eval gate: labelled sets must score at or above their stored floors (trafilatura's pattern)."""
import json
from pathlib import Path

import pytest

from verify.evaluate import baseline_matcher, evaluate

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "accuracy_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def devset():
    return evaluate(HERE / "fixtures/articles/devset_labels.csv", HERE / "fixtures/cassettes/devset.yaml",
                    HERE / "fixtures/articles")


def test_devset_scores_every_claim_right(devset):
    assert devset.correct == devset.total == 12
    assert devset.false_supported == 0


def test_naive_baseline_is_worse_than_claimcheck_on_the_devset(devset):
    base = evaluate(HERE / "fixtures/articles/devset_labels.csv", HERE / "fixtures/cassettes/devset.yaml",
                    HERE / "fixtures/articles", baseline_matcher, "baseline")
    assert base.accuracy < devset.accuracy


ROOT = HERE.parent


@pytest.mark.parametrize("name", [k for k in FLOORS if not k.startswith("_")])
def test_labelled_set_stays_above_its_floor(name):
    floor = FLOORS[name]
    scores = evaluate(ROOT / floor["labels"], ROOT / floor["cassette"])
    wrong = [(r["kind"], r["verdict"], r["claim"][:30]) for r in scores.rows if r["predicted"] != r["label"]]
    assert scores.accuracy >= floor["min_accuracy"], wrong
    assert scores.false_supported <= floor["max_false_supported"], wrong
