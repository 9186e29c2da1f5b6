"""Every fetch is bounded in wall-clock time, through the real CLI: a page never takes more than
3x --timeout, however slowly a server drips its answer, and --deadline is a hard bound on the run.

A socket timeout only bounds silence: each server below is never silent for long, so before
the wall-clock limits these runs took 90-290 s with --timeout 3 (issue #11).
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from fetch_helpers import CLAIMS, read_rows, run_cli, write_article
from hostile_server import HostileServer
from verify.cli import ExitStatus

TIMEOUT = 1.0            # --timeout: the page's wall-clock limit is 3 s
DRIP = 0.25              # well inside the read timeout, so only the wall clock can stop it
SLACK = 2.0              # start-up, matching and reports, on a loaded machine


@pytest.fixture(scope="module", autouse=True)
def _warm_cli() -> None:
    """Load the tokenizer once, so the time bounds below measure fetching, not start-up."""
    fixtures = Path(__file__).parent / "fixtures"
    run_cli("verify", fixtures / "articles" / "000_8a0206ff2ce473fd.txt",
            "--cassette", fixtures / "cassettes" / "devset.yaml")


@pytest.fixture
def hostile(monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    with HostileServer(DRIP) as server:
        yield server


def _verify(tmp_path, *urls, extra=()):
    out = tmp_path / "out.csv"
    started = time.monotonic()
    code, stderr = run_cli("verify", write_article(tmp_path, *urls), "--allow-private", "--no-cache",
                           "--delay", "0", "--timeout", TIMEOUT, "--csv", out, *extra)
    took = time.monotonic() - started
    assert code == ExitStatus.OK and "Traceback" not in stderr, stderr
    rows = [r for r in read_rows(out) if r["block"] != "points"]
    assert [r["claim"] for r in rows] == list(CLAIMS) * len(urls)
    return rows, took


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers", "/continue-endless", "/continue-slow"])
def test_a_page_dripped_slowly_stops_at_three_times_the_timeout(hostile, tmp_path, path):
    rows, took = _verify(tmp_path, hostile.url(path))
    assert 3 * TIMEOUT - 0.2 < took < 3 * TIMEOUT + SLACK, f"{path}: {took:.1f} s"
    for row in rows:
        assert (row["source_status"], row["verdict"]) == ("timeout", "unverifiable")
        assert row["reason"].startswith("timeout: no complete answer within the page's 3 s wall-clock limit")


def test_a_robots_txt_dripped_slowly_is_given_up_and_the_page_still_read(tmp_path, monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    with HostileServer(DRIP, trickle_robots=True) as server:
        rows, took = _verify(tmp_path, server.url("/page"))
        asked = list(server.requests)
    # robots.txt gets one read timeout; unreachable, it allows everything.
    assert took < TIMEOUT + SLACK, f"{took:.1f} s"
    assert asked == ["/robots.txt", "/page"]
    assert {r["source_status"] for r in rows} == {"ok"} and rows[0]["verdict"] == "supported"


def test_the_deadline_cuts_off_a_page_in_flight_and_marks_the_rest(hostile, tmp_path):
    # One request at a time: the dripping page is still running when the deadline passes,
    # and the second page never starts.
    rows, took = _verify(tmp_path, hostile.url("/trickle-body"), hostile.url("/page"),
                         extra=("--timeout", "30", "--deadline", "1.5", "--per-host", "1"))
    assert took < 1.5 + SLACK, f"{took:.1f} s"
    first, second = rows[:2], rows[2:]
    assert {(r["source_status"], r["verdict"]) for r in rows} == {("deadline", "unverifiable")}
    assert all("deadline passed while this page was being fetched" in r["reason"] for r in first)
    assert all("deadline passed before this page could be fetched" in r["reason"] for r in second)
    assert hostile.requests.count("/page") == 0
