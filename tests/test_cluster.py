"""Verification on a Dask cluster (`--dask ADDRESS`, verify/parallel/cluster.py), on a
LocalCluster of this machine: the reports of one process, workers reading the shared HTTP cache
or a cassette and never the network, and a worker killed mid-run costing no claim."""
from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import pytest

from fetch_helpers import PAGE, read_rows, run_cli_out, write_article

distributed = pytest.importorskip(
    "distributed", reason="Dask is an optional extra: pip install 'claimcheck[dask]' (the [test] extra has it)")

from test_parallel import ARTICLES, CASSETTE, _run, _work  # noqa: E402 - after the skip

from verify.parallel import DaskCluster, Store, match_article  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as local:
        yield local


def test_dask_writes_the_reports_of_one_process(cluster, tmp_path):
    assert _run(tmp_path, "dask", "--dask", cluster.scheduler_address) == _run(tmp_path, "one", "--jobs", "1")


def test_a_worker_killed_mid_run_loses_no_claim(cluster):
    from verify.fetch import Settings

    work = _work()
    expected = [match_article(article, docs) for article, docs in work]
    store = Store(Settings(cache_path=None, offline=True), str(CASSETTE))
    got, killed = [], []
    with DaskCluster(cluster.scheduler_address, store, window=6) as dask:
        for results in dask.map(article for article, _ in work):
            if not killed:  # tasks are queued on both workers now: take one away with its work
                pids = dask.client.run(os.getpid)
                killed.append(next(iter(pids.values())))
                os.kill(killed[0], signal.SIGKILL)
            got.append(results)
    assert killed and got == expected
    cluster.wait_for_workers(2, timeout=60)  # the nanny starts a new worker


def test_dask_workers_read_the_cache_that_fetch_filled_and_never_the_network(cluster, local_server, tmp_path):
    article = write_article(tmp_path, local_server.route("/a", PAGE), local_server.route("/b", PAGE))
    cache = tmp_path / "shared-cache.sqlite"
    code, stdout, stderr = run_cli_out("fetch", article, "--allow-private", "--cache", cache, "--delay", "0")
    assert code == 0, stderr
    assert [line.split()[0] for line in stdout.splitlines()[:2]] == ["ok", "ok"]
    seen = len(local_server.requests)
    code, _, stderr = run_cli_out("verify", article, "--dask", cluster.scheduler_address, "--cache", cache,
                                  "--allow-private", "--csv", tmp_path / "r.csv")
    assert code == 0, stderr
    assert {r["source_status"] for r in read_rows(tmp_path / "r.csv")} == {"ok"}
    assert len(local_server.requests) == seen
    # A page that is not in the cache is not fetched by a worker: not_cached.
    other = write_article(tmp_path, local_server.route("/c", PAGE))
    code, _, stderr = run_cli_out("verify", other, "--dask", cluster.scheduler_address, "--cache", cache,
                                  "--allow-private", "--csv", tmp_path / "c.csv")
    assert {r["source_status"] for r in read_rows(tmp_path / "c.csv") if r["block"] != "points"} == {"not_cached"}
    assert len(local_server.requests) == seen


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr("verify.parallel.cluster.CONNECT_TIMEOUT", "1s")
    code, _, stderr = run_cli_out("verify", ARTICLES, "--cassette", CASSETTE, "--dask", "tcp://127.0.0.1:9",
                                  "--csv", tmp_path / "r.csv")
    assert code == 2 and "cannot reach the Dask scheduler" in stderr
    assert not Path(tmp_path / "r.csv").exists()
