"""The persistent HTTP cache: a second run makes no request; --refresh, --offline, expiry, and
what is never kept (failures worth retrying, cookies)."""
from __future__ import annotations

import dataclasses
import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from fetch_helpers import PAGE, read_rows, run_cli, run_cli_out, write_article
from verify.fetch import Fetcher, Settings, httpcache, replaying  # httpcache: its table, for crafted rows

DEVSET = Path(__file__).parent / "fixtures" / "cassettes" / "devset.yaml"


@pytest.fixture
def polite(fast_settings, tmp_path):
    """fast_settings with an HTTP cache of its own."""
    return dataclasses.replace(fast_settings, cache_path=tmp_path / "cache.sqlite")


def _sample(server) -> list[str]:
    server.redirect("/old", "/new")
    return [server.route("/new", PAGE), server.url("/old"), server.route("/gone", "no", status=404),
            server.route("/doc.pdf", b"%PDF-1.7", content_type="application/pdf")]


def test_second_run_is_served_from_the_cache_with_zero_requests(local_server, polite):
    urls = _sample(local_server)
    with Fetcher(polite) as fetcher:
        first = fetcher.fetch_many(urls)
    seen = len(local_server.requests)
    with Fetcher(polite) as fetcher:
        second = fetcher.fetch_many(urls)
    assert len(local_server.requests) == seen
    for url in urls:
        a, b = first[url], second[url]
        assert (a.status, a.text, a.redirects, a.final_url, a.http_status) == (
            b.status, b.text, b.redirects, b.final_url, b.http_status)


def test_cache_ignores_no_cache_headers_and_keeps_no_cookies(local_server, polite):
    url = local_server.route("/nc", PAGE, headers=[("Cache-Control", "no-cache, no-store, max-age=0"),
                                                   ("Set-Cookie", "datadome=secret")])
    with Fetcher(polite) as fetcher:
        fetcher.fetch(url)
    with Fetcher(polite) as fetcher:
        page = fetcher.fetch(url)
    assert page.ok and local_server.hits("/nc") == 1
    files = polite.cache_path.parent.glob(polite.cache_path.name + "*")  # with the WAL journal
    assert not any(b"secret" in f.read_bytes() for f in files)


def test_refresh_fetches_again_and_updates_the_cache(local_server, polite):
    url = local_server.route("/r", PAGE)
    with Fetcher(polite) as fetcher:
        fetcher.fetch(url)
    local_server.route("/r", PAGE.replace("軍事協力", "経済協力"))
    with Fetcher(dataclasses.replace(polite, refresh=True)) as fetcher:
        assert "経済協力" in fetcher.fetch(url).text
    with Fetcher(polite) as fetcher:
        assert "経済協力" in fetcher.fetch(url).text
    assert local_server.hits("/r") == 2


def test_expired_entries_are_fetched_again(local_server, polite):
    url = local_server.route("/e", PAGE)
    for _ in range(2):
        with Fetcher(dataclasses.replace(polite, cache_expiry=0)) as fetcher:
            assert fetcher.fetch(url).ok
    assert local_server.hits("/e") == 2


def test_failures_worth_retrying_are_not_cached(local_server, polite):
    urls = [local_server.route("/500", "x", status=500), local_server.route("/403", "x", status=403),
            local_server.route("/big", PAGE + " " * 5000)]
    small = dataclasses.replace(polite, max_bytes=1000, retries=0)
    for _ in range(2):
        with Fetcher(small) as fetcher:
            fetcher.fetch_many(urls)
    assert [local_server.hits(p) for p in ("/500", "/403", "/big")] == [2, 2, 2]


def test_offline_serves_the_cache_and_names_what_is_missing(local_server, polite):
    cached = local_server.route("/c", PAGE)
    missing = local_server.route("/m", PAGE)
    with Fetcher(polite) as fetcher:
        fetcher.fetch(cached)
    seen = len(local_server.requests)
    with Fetcher(dataclasses.replace(polite, offline=True)) as fetcher:
        assert fetcher.fetch(cached).ok
        page = fetcher.fetch(missing)
    assert page.status == "not_cached" and page.reason.startswith("not_cached: ")
    assert len(local_server.requests) == seen


def test_no_cache_under_a_cassette(polite):
    with replaying(DEVSET), Fetcher(polite) as fetcher:
        assert fetcher.cache is None
    with Fetcher(polite) as fetcher:
        assert fetcher.cache is not None


def test_cli_second_run_makes_no_request(local_server, tmp_path):
    article = write_article(tmp_path, local_server.route("/a", PAGE), local_server.route("/b", PAGE))
    argv = ["verify", article, "--allow-private", "--cache", tmp_path / "c.sqlite", "--delay", "0"]
    assert run_cli(*argv, "--csv", tmp_path / "1.csv")[0] == 0
    seen = len(local_server.requests)
    assert run_cli(*argv, "--csv", tmp_path / "2.csv")[0] == 0
    assert len(local_server.requests) == seen
    assert read_rows(tmp_path / "1.csv") == read_rows(tmp_path / "2.csv")


def test_a_run_that_fetches_nothing_leaves_no_cache_file(polite):
    with Fetcher(polite) as fetcher:
        assert fetcher.fetch("ftp://example.org/").status == "unsafe_url"
    assert not polite.cache_path.exists()


def test_an_unusable_cache_only_turns_caching_off(local_server, polite, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with Fetcher(dataclasses.replace(polite, cache_path=blocker / "cache.sqlite")) as fetcher:
        assert fetcher.fetch(local_server.route("/a", PAGE)).ok


# --- A cache file is untrusted: nothing in it can run code ---------------------------------------

class _RunsCode:
    """Unpickled, runs `touch marker`: what a crafted requests-cache row did (issue #11)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def _evil_pickle(marker: Path) -> bytes:
    blob = pickle.dumps(_RunsCode(marker))
    probe = marker.with_name("probe")
    pickle.loads(pickle.dumps(_RunsCode(probe)))  # the payload works: unpickling runs it
    assert probe.exists()
    return blob


def _cli_run(article, cache, out):
    code, stderr = run_cli("verify", article, "--allow-private", "--cache", cache, "--delay", "0", "--csv", out)
    assert code == 0 and "Traceback" not in stderr, stderr
    return [r for r in read_rows(out) if r["block"] != "points"]


def test_a_pickle_in_an_old_requests_cache_file_never_runs(local_server, tmp_path):
    url = local_server.route("/a", PAGE)
    marker, cache = tmp_path / "ran", tmp_path / "cache.sqlite"
    with sqlite3.connect(cache) as db:  # the tables requests-cache left, every row a payload
        db.execute("CREATE TABLE responses (key TEXT PRIMARY KEY, value BLOB, expires INTEGER)")
        db.execute("CREATE TABLE redirects (key TEXT PRIMARY KEY, value BLOB, expires INTEGER)")
        for key in (url, url + "/", "a" * 16):
            db.execute("INSERT INTO responses VALUES (?, ?, NULL)", (key, _evil_pickle(marker)))
            db.execute("INSERT INTO redirects VALUES (?, ?, NULL)", (key, _evil_pickle(marker)))
    article = write_article(tmp_path, url)
    rows = _cli_run(article, cache, tmp_path / "1.csv")
    assert not marker.exists()
    assert {(r["source_status"], r["verdict"]) for r in rows} >= {("ok", "supported")}
    seen = local_server.hits("/a")
    assert seen == 1
    _cli_run(article, cache, tmp_path / "2.csv")  # the same file now serves the page
    assert local_server.hits("/a") == seen and not marker.exists()


@pytest.mark.parametrize("column, value", [
    ("headers", "pickle"), ("body", "pickle-as-text"), ("status", "banana"), ("headers", '{"not": "a list"}'),
    ("headers", '[["Content-Type", 5]]'), ("body", "text, not bytes"), ("expires", "soon"),
])
def test_a_row_that_does_not_parse_is_a_miss_and_is_replaced(local_server, tmp_path, column, value):
    url = local_server.route("/a", PAGE)
    marker, cache = tmp_path / "ran", tmp_path / "cache.sqlite"
    polite = Settings(cache_path=cache, allow_private=True, delay=0.0)
    with Fetcher(polite) as fetcher:
        assert fetcher.fetch(url).ok
    crafted = {"pickle": _evil_pickle(marker), "pickle-as-text": _evil_pickle(marker).decode("latin-1")}.get(value, value)
    with sqlite3.connect(cache) as db:
        assert db.execute(f"UPDATE {httpcache.TABLE} SET {column} = ? WHERE url = ?", (crafted, url)).rowcount == 1
    rows = _cli_run(write_article(tmp_path, url), cache, tmp_path / "o.csv")
    assert {r["source_status"] for r in rows} == {"ok"} and not marker.exists()
    assert local_server.hits("/a") == 2  # a miss: fetched again
    with Fetcher(polite) as fetcher:
        assert fetcher.fetch(url).ok and local_server.hits("/a") == 2  # and stored again, readable


# --- claimcheck fetch: the polite half alone, then verify --offline ---------------------------------

def test_fetch_fills_the_cache_one_line_per_url_then_verify_offline_makes_no_request(local_server, tmp_path):
    a, b = local_server.route("/a", PAGE), local_server.route("/b", PAGE, status=404)
    article = write_article(tmp_path, a, b)
    cache = tmp_path / "c.sqlite"
    code, stdout, stderr = run_cli_out("fetch", article, "--allow-private", "--cache", cache, "--delay", "0",
                                       "--no-archive")
    assert code == 0, stderr
    assert stdout.splitlines() == [f"{'ok':<18} {a}", f"{'http_404':<18} {b}",
                                   f"fetched 2 sources into {cache} (1 ok, 1 http_404)"]
    seen = len(local_server.requests)
    code, _ = run_cli("verify", article, "--offline", "--cache", cache, "--no-archive", "--allow-private",
                      "--csv", tmp_path / "r.csv")
    assert code == 0
    assert len(local_server.requests) == seen
    assert [r["source_status"] for r in read_rows(tmp_path / "r.csv") if r["block"] != "points"] == \
        ["ok", "ok", "http_404", "http_404"]


def test_fetch_takes_no_option_that_would_leave_the_cache_empty(tmp_path):
    article = write_article(tmp_path, "http://127.0.0.1:9/a")
    for option in ("--offline", "--no-cache", "--cassette=x.yaml"):
        code, stderr = run_cli("fetch", article, option)
        assert code == 2 and "unrecognized arguments" in stderr
