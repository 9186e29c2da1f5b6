"""Verification on many processes (`--jobs N`, verify/parallel/pool.py): the same reports as one
process, byte for byte, in article order; a worker that dies costs no claim."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fetch_helpers import run_cli_out
from verify.cli.run import jobs_for
from verify.parallel import ProcessPool, default_jobs, match_article
from verify.parallel import pool as pool_module
from verify.parallel import worker

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "labelled" / "articles"
CASSETTE = ROOT / "cassettes" / "labelled.yaml"
REPORTS = ("csv", "json", "html")


def _run(tmp_path: Path, tag: str, *extra: str) -> dict[str, bytes]:
    paths = {kind: tmp_path / f"{tag}.{kind}" for kind in REPORTS}
    code, stdout, stderr = run_cli_out("verify", ARTICLES, "--cassette", CASSETTE, "--delay", "0", *extra,
                                       *[x for kind, path in paths.items() for x in (f"--{kind}", path)])
    assert code == 0, stderr
    out = {kind: path.read_bytes() for kind, path in paths.items()}
    out["html"] = re.sub(rb" \xc2\xb7 \d{4}-\d\d-\d\dT[\d:+-]+</p>", b"</p>", out["html"])  # the time it was made
    out["stdout"] = "".join(line for line in stdout.splitlines(keepends=True) if not line.startswith("wrote ")).encode()
    return out


def test_jobs_2_writes_the_reports_of_jobs_1_byte_for_byte(tmp_path):
    one, two = _run(tmp_path, "one", "--jobs", "1"), _run(tmp_path, "two", "--jobs", "2")
    assert one == two
    assert one["csv"].count(b"\r\n") > 100  # every claim of the 15 articles, not an empty report


def test_jobs_default_to_the_cores_and_never_exceed_the_inputs():
    import argparse

    assert default_jobs() == len(os.sched_getaffinity(0))
    assert jobs_for(argparse.Namespace(jobs=None), [1] * 100) == default_jobs()
    assert jobs_for(argparse.Namespace(jobs=8), ["one article"]) == 1  # no pool for one article
    assert jobs_for(argparse.Namespace(jobs=3), [1] * 100) == 3


def _work():
    """(article, sources) of the labelled articles, as the coordinator hands them to the pool."""
    from claims import read_article
    from verify.cli.run import cited_urls
    from verify.fetch import Fetcher, Settings, replaying
    from verify.sources import SourceLoader

    out = []
    with replaying(CASSETTE), Fetcher(Settings(cache_path=None, delay=0)) as fetcher:
        loader = SourceLoader(fetcher)
        for path in sorted(ARTICLES.glob("*.txt"))[:6]:
            article = read_article(str(path))
            out.append((article, {url: loader(url) for url in cited_urls(article)}))
    return out


def _dies_on(article, docs):
    """match_article, except that the worker process dies on an article named in DIE_ON, as
    many times as the flag files in DIE_DIR allow (the OOM killer, a native crash)."""
    for name in os.environ["DIE_ON"].split(","):
        flags = sorted(Path(os.environ["DIE_DIR"]).glob(f"{name}.*"))
        if name in article.name and (flags or name.startswith("poison")):
            if flags:
                flags[0].unlink()
            os._exit(1)
    return match_article(article, docs)


@pytest.fixture
def dying(monkeypatch, tmp_path):
    # Forked workers see this patch: the pool forks after it.
    monkeypatch.setattr(worker, "match_article", _dies_on)
    monkeypatch.setenv("DIE_DIR", str(tmp_path))
    return tmp_path


def test_a_worker_that_dies_costs_no_claim_the_article_is_matched_again(dying, monkeypatch):
    work = _work()
    victim = Path(work[2][0].name).stem
    (dying / f"{victim}.1").touch()  # dies once on this article, then matches it
    monkeypatch.setenv("DIE_ON", victim)
    expected = [match_article(a, d) for a, d in work]
    with ProcessPool(2) as pool:
        assert list(pool.map(work)) == expected
    assert not list(dying.iterdir())


def test_an_article_that_kills_its_worker_every_time_is_reported_unverifiable(dying, monkeypatch):
    work = _work()
    monkeypatch.setenv("DIE_ON", "poison")
    poisoned = work[3][0].__class__(**{**work[3][0].__dict__, "name": "poison.txt"})
    work[3] = (poisoned, work[3][1])
    with ProcessPool(2) as pool:
        got = list(pool.map(work))
    assert [r for i, rs in enumerate(got) if i != 3 for r in rs] == \
        [r for i, (a, d) in enumerate(work) if i != 3 for r in match_article(a, d)]
    assert [r.claim_id for r in got[3]] == [c.id for c in poisoned.claims]
    assert {(r.verdict.value, r.reason) for r in got[3]} == {("unverifiable", pool_module.WORKER_DIED)}
    assert {r.source_status for r in got[3] if r.block != "points"} <= {"ok", "paywalled", "blocked", "soft_404",
                                                                          "http_404", "empty"}


def test_a_worker_loads_the_tokenizer_once_at_start_and_leaves_ctrl_c_to_the_coordinator(monkeypatch):
    import signal

    calls = {}
    monkeypatch.setattr(signal, "signal", lambda sig, handler: calls.__setitem__(sig, handler))
    monkeypatch.setattr(worker, "warm", lambda: calls.__setitem__("tokenizer", "loaded"))
    worker.start()
    assert calls == {signal.SIGINT: signal.SIG_IGN, signal.SIGTERM: signal.SIG_DFL, "tokenizer": "loaded"}


def test_demo_takes_jobs(tmp_path):
    code, stdout, _ = run_cli_out("demo", "--jobs", "2", "--csv", tmp_path / "d.csv")
    assert code == 0 and "9 claims:" in stdout
