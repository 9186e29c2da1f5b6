"""Fault injection through the real CLI: whatever a source does, the run ends in time, exit 0,
and every claim is in the CSV with a verdict and a reason.

Each case serves one misbehaving page on the local server, runs `claimcheck verify` in-process
on an article citing it, and checks the source status, the time taken and the report.
"""
from __future__ import annotations

import gzip
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fetch_helpers import CLAIMS, PAGE, read_rows, run_cli, write_article
from verify.cli import ExitStatus
from verify.fetch import Fetcher
from verify.model import SOURCE_STATUSES, Verdict

VERDICTS = {v.value for v in Verdict}
# Short enough for the slow cases to be quick, long enough for a loaded CI machine.
FAST = ["--timeout", "0.5", "--delay", "0"]


@pytest.fixture(scope="module", autouse=True)
def _warm_cli() -> None:
    """Load the tokenizer once, so the time bounds below measure fetching, not start-up."""
    fixtures = Path(__file__).parent / "fixtures"
    run_cli("verify", fixtures / "articles" / "000_8a0206ff2ce473fd.txt",
            "--cassette", fixtures / "cassettes" / "devset.yaml")


@dataclass
class Fault:
    """A misbehaving page: how to serve it, what status it must get, how long it may take."""

    serve: object           # (server) -> URL
    status: str
    bound: float            # seconds for the whole CLI run
    argv: list[str] = field(default_factory=list)
    reason: str = ""        # a word the claims' reason must contain


def _fifty_mb() -> bytes:
    # One allocation, handed to the server as is (route() does not copy bytes).
    return b"<html><body>" + b"a" * (50 * 1024 * 1024)


FAULTS = {
    # The server would stall 5 s; the run must give up long before.
    "slow first byte past the timeout": Fault(lambda s: s.route("/slow", PAGE, delay=5.0), "timeout", 3.5,
                                              reason="0.5 s"),
    "hang mid-body": Fault(lambda s: s.route("/hang", PAGE, body_delay=5.0), "timeout", 3.5),
    "connection reset (retried once)": Fault(lambda s: s.route("/reset", reset=True), "connection_error", 3.0,
                                             ["--retries", "1"], "reset"),
    "500 then 200 (retried, ok)": Fault(
        lambda s: s.sequence("/flaky", dict(body="oops", status=500), dict(body=PAGE)), "ok", 3.0),
    "429 with Retry-After: 1 then 200": Fault(
        lambda s: s.sequence("/busy", dict(body="slow down", status=429, headers={"Retry-After": "1"}),
                             dict(body=PAGE)), "ok", 3.5),
    "50 MB body with Content-Length": Fault(lambda s: s.route("/huge", _fifty_mb()), "too_large", 2.5,
                                            reason="Content-Length"),
    "50 MB body without Content-Length": Fault(
        lambda s: s.route("/huge-stream", _fifty_mb(), content_length=False), "too_large", 3.0, reason="cap"),
    "invalid gzip": Fault(lambda s: s.route("/badgz", b"\x1f\x8b not gzip at all" * 50,
                                            headers={"Content-Encoding": "gzip"}), "encoding", 2.5, reason="gzip"),
    "charset that lies (says UTF-8, is Shift_JIS)": Fault(
        lambda s: s.route("/liar", PAGE.encode("cp932"), content_type="text/html; charset=utf-8"), "ok", 2.5),
    "no charset anywhere": Fault(lambda s: s.route("/nocs", PAGE, content_type="text/html"), "ok", 2.5),
    "redirect loop": Fault(lambda s: (s.redirect("/pong", "/ping"), s.redirect("/ping", "/pong"))[1],
                           "redirect_loop", 2.5),
    "empty 200": Fault(lambda s: s.route("/empty", b""), "empty", 2.5),
    "binary body served as HTML": Fault(lambda s: s.route("/bin", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
                                        "not_html", 2.5, reason="PNG"),
    "soft 404": Fault(lambda s: s.route("/soft", "<html><head><title>ページが見つかりません</title></head>"
                                        "<body><h1>ページが見つかりません</h1></body></html>"),
                      "soft_404", 2.5, ["--no-archive"]),
}


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_run_finishes_in_time_with_every_claim_reported(name, local_server, tmp_path):
    fault = FAULTS[name]
    url = fault.serve(local_server)
    out = tmp_path / "out.csv"
    started = time.monotonic()
    code, stderr = run_cli("verify", write_article(tmp_path, url), "--allow-private", "--csv", out,
                           "--cache", tmp_path / "cache.sqlite", *FAST, *fault.argv)
    took = time.monotonic() - started
    assert code == ExitStatus.OK, stderr
    assert took < fault.bound, f"{name}: {took:.1f} s"
    rows = [r for r in read_rows(out) if r["block"] != "points"]
    assert [r["claim"] for r in rows] == list(CLAIMS)
    for row in rows:
        assert row["source_status"] == fault.status, row["reason"]
        assert row["verdict"] in VERDICTS and row["reason"]
        if fault.status != "ok":
            assert row["verdict"] == "unverifiable"
            assert fault.reason in row["reason"] and row["reason"].startswith(fault.status)
    if fault.status == "ok":
        assert rows[0]["verdict"] == "supported", rows[0]["reason"]


def test_retries_hit_the_server_again_only_as_often_as_allowed(local_server, tmp_path):
    url = local_server.sequence("/flaky", dict(body="oops", status=503), dict(body="oops", status=503),
                                dict(body=PAGE))
    code, _ = run_cli("verify", write_article(tmp_path, url), "--allow-private", "--no-cache",
                      "--retries", "1", "--csv", tmp_path / "out.csv", *FAST)
    assert code == ExitStatus.OK
    assert local_server.hits("/flaky") == 2
    assert {r["source_status"] for r in read_rows(tmp_path / "out.csv")} == {"http_error"}


def test_retry_after_past_the_cap_gives_up_at_once(local_server, tmp_path):
    url = local_server.route("/later", "busy", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    run_cli("verify", write_article(tmp_path, url), "--allow-private", "--no-cache",
            "--csv", tmp_path / "out.csv", *FAST)
    assert time.monotonic() - started < 2.5 and local_server.hits("/later") == 1
    assert "Retry-After 3600 s" in read_rows(tmp_path / "out.csv")[0]["reason"]


def test_gzip_bomb_stops_at_the_cap_without_inflating_in_memory(local_server, fast_settings):
    import dataclasses

    bomb = gzip.compress(b"<html>" + b"\0" * (30 * 1024 * 1024))  # ~30 KB on the wire
    url = local_server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with Fetcher(dataclasses.replace(fast_settings, max_bytes=1024 * 1024)) as fetcher:
            page = fetcher.fetch(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert page.status == "too_large" and "cap" in page.reason
    assert len(bomb) < 100_000 and peak < 8 * 1024 * 1024, f"peak {peak} bytes"


def test_every_fault_status_is_documented():
    for fault in FAULTS.values():
        assert fault.status in SOURCE_STATUSES
