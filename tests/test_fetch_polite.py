"""Politeness: per-host concurrency and spacing, Retry-After and backoff, the run deadline and
robots.txt — against the local server, never the internet."""
from __future__ import annotations

import dataclasses
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pytest

from fetch_helpers import PAGE, read_rows, run_cli, write_article
from verify.cli import build_parser
from verify.fetch import Fetcher, replaying
from verify.fetch.politeness import HostScheduler, RobotsRules, backoff, retry_after
from verify.model import SOURCE_STATUSES

DEVSET = Path(__file__).parent / "fixtures" / "cassettes" / "devset.yaml"


@pytest.fixture
def polite(fast_settings, tmp_path):
    """fast_settings with an HTTP cache of its own."""
    return dataclasses.replace(fast_settings, cache_path=tmp_path / "cache.sqlite")


# --- per-host concurrency and spacing ------------------------------------------------------

def test_at_most_per_host_requests_at_once_and_hosts_in_parallel(local_server, polite):
    # 127.0.0.1 and localhost are two hosts for politeness, one server for counting.
    urls = [local_server.route(f"/p{i}", PAGE, delay=0.3) for i in range(4)]
    urls += [u.replace("127.0.0.1", "localhost").replace("/p", "/q") for u in urls]
    for i in range(4):
        local_server.route(f"/q{i}", PAGE, delay=0.3)
    started = time.monotonic()
    with Fetcher(dataclasses.replace(polite, per_host=1)) as fetcher:
        pages = fetcher.fetch_many(urls)
    took = time.monotonic() - started
    assert all(p.ok for p in pages.values())
    assert local_server.peak == 2          # one per host, both hosts at once
    assert 1.2 <= took < 2.6               # 4 in a row per host, the two hosts side by side


def test_per_host_limit_holds_whatever_number_of_threads_ask(local_server, polite):
    urls = [local_server.route(f"/p{i}", PAGE, delay=0.3) for i in range(6)]
    with Fetcher(dataclasses.replace(polite, per_host=2)) as fetcher, ThreadPoolExecutor(6) as pool:
        assert all(p.ok for p in pool.map(fetcher.fetch, urls))
    assert local_server.peak == 2


def test_delay_spaces_request_starts_on_one_host(local_server, polite):
    urls = [local_server.route(f"/d{i}", PAGE) for i in range(4)]
    started = time.monotonic()
    with Fetcher(dataclasses.replace(polite, per_host=4, delay=0.2)) as fetcher:
        fetcher.fetch_many(urls)
    assert time.monotonic() - started >= 0.6  # starts at 0, 0.2, 0.4, 0.6


def test_scheduler_spacing_and_pause_with_a_fake_clock():
    now = [100.0]
    slept = []
    scheduler = HostScheduler(per_host=2, delay=1.0, clock=lambda: now[0], sleep=slept.append)
    for _ in range(3):
        with scheduler.slot("a.example"):
            pass
    with scheduler.slot("b.example"):  # another host waits for nobody
        pass
    assert slept == [1.0, 2.0]
    scheduler.pause("b.example", 30)
    with scheduler.slot("b.example"):
        pass
    assert slept[-1] == 30


def test_deadline_cuts_the_page_in_flight_and_marks_pages_not_started(local_server, polite):
    # One at a time, 0.4 s each: the first ends in time, the second is running at 0.6 s.
    urls = [local_server.route(f"/slow{i}", PAGE, delay=0.4) for i in range(5)]
    started = time.monotonic()
    with Fetcher(dataclasses.replace(polite, per_host=1, deadline=0.6)) as fetcher:
        pages = list(fetcher.fetch_many(urls).values())
    assert time.monotonic() - started < 1.0
    assert [p.status for p in pages] == ["ok"] + ["deadline"] * 4
    assert "while this page was being fetched" in pages[1].reason
    assert all("before this page could be fetched" in p.reason for p in pages[2:])
    assert local_server.hits("/slow4") == 0


@pytest.mark.parametrize("value, seconds", [("7", 7.0), ("0", 0.0), ("soon", None), ("", None)])
def test_retry_after_in_seconds(value, seconds):
    assert retry_after(value) == seconds


def test_retry_after_as_http_date():
    now = datetime(2025, 1, 17, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after("Fri, 17 Jan 2025 12:00:30 GMT", now) == 30
    assert retry_after("Fri, 17 Jan 2025 11:00:00 GMT", now) == 0


def test_backoff_doubles_with_jitter():
    waits = [backoff(n, 1.0) for n in range(4) for _ in range(20)]
    for n in range(4):
        assert all(2 ** n * 0.5 <= w <= 2 ** n for w in waits[n * 20:(n + 1) * 20])


def test_a_replay_waits_for_nobody(polite):
    # Same host twice with a 5 s delay: a replay has no server to be polite to.
    mainichi = "https://mainichi.jp/articles/20241205/k00/00m/030/043000c"
    started = time.monotonic()
    with replaying(DEVSET), Fetcher(dataclasses.replace(polite, delay=5.0)) as fetcher:
        assert fetcher.fetch(mainichi).ok and fetcher.fetch(mainichi).ok
    assert time.monotonic() - started < 2


# --- robots.txt --------------------------------------------------------------------------------

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: claimcheck\nDisallow: /nobots/\n"


def test_robots_disallow_is_obeyed_without_requesting_the_page(local_server, polite):
    local_server.route("/robots.txt", ROBOTS, content_type="text/plain")
    urls = [local_server.route(p, PAGE) for p in ("/nobots/a", "/private/b", "/news/c")]
    with Fetcher(polite) as fetcher:
        pages = fetcher.fetch_many(urls)
    assert [p.status for p in pages.values()] == ["robots_disallowed", "ok", "ok"]
    assert pages[urls[0]].reason.startswith("robots_disallowed: robots.txt of 127.0.0.1:")
    assert local_server.hits("/nobots/a") == 0 and local_server.hits("/robots.txt") == 1


def test_ignore_robots(local_server, polite):
    local_server.route("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = local_server.route("/x", PAGE)
    with Fetcher(dataclasses.replace(polite, robots=False)) as fetcher:
        assert fetcher.fetch(url).ok
    assert local_server.hits("/robots.txt") == 0


@pytest.mark.parametrize("status", [404, 403, 500])
def test_robots_txt_missing_refused_or_broken_allows_all(local_server, polite, status):
    local_server.route("/robots.txt", "User-agent: *\nDisallow: /\n", status=status, content_type="text/plain")
    with Fetcher(polite) as fetcher:
        assert fetcher.fetch(local_server.route("/x", PAGE)).ok


def test_robots_disallow_through_the_cli(local_server, tmp_path):
    local_server.route("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    article = write_article(tmp_path, local_server.route("/x", PAGE))
    code, _ = run_cli("verify", article, "--allow-private", "--no-cache", "--csv", tmp_path / "o.csv")
    rows = read_rows(tmp_path / "o.csv")
    assert code == 0 and {(r["source_status"], r["verdict"]) for r in rows} == {("robots_disallowed", "unverifiable")}


def test_crawl_delay_lengthens_the_host_delay(local_server, polite):
    local_server.route("/robots.txt", "User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain")
    urls = [local_server.route(f"/c{i}", PAGE) for i in range(3)]
    started = time.monotonic()
    with Fetcher(polite) as fetcher:
        fetcher.fetch_many(urls)
    assert time.monotonic() - started >= 0.6


# --- documentation -----------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs"
USAGE = (DOCS / "usage.md").read_text(encoding="utf-8")
FETCHING = (DOCS / "fetching.md").read_text(encoding="utf-8")
FETCH_OPTIONS = ["--cassette", "--timeout", "--per-host", "--delay", "--retries", "--deadline", "--cache",
                 "--no-cache", "--refresh", "--offline", "--no-archive", "--ignore-robots", "--allow-private"]


@pytest.mark.parametrize("option", FETCH_OPTIONS)
def test_fetch_option_exists_and_is_documented(option):
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert option in {s for a in sub.choices["verify"]._actions for s in a.option_strings}
    assert f"`{option}" in USAGE


def test_every_source_status_is_documented():
    assert [s for s in SOURCE_STATUSES if f"`{s}`" not in FETCHING] == []


def test_a_robots_txt_cut_short_by_the_asking_pages_time_is_asked_again():
    # The first page had too little time left: its answer says nothing of the site, so the
    # next page of the site fetches robots.txt again instead of inheriting "allow everything".
    answers = [(None, b"", False), (200, b"User-agent: *\nDisallow: /\n", True)]
    asked = []
    rules = RobotsRules(lambda url, within: asked.append(within) or answers.pop(0), "claimcheck/1.0")
    assert rules.allowed("https://news.example/a", 0.2)
    assert not rules.allowed("https://news.example/b", 9.0)
    assert not rules.allowed("https://news.example/c", 9.0) and asked == [0.2, 9.0]
