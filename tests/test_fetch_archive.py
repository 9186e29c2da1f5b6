"""Archive fallback: dead or walled sources are read from the web-archive snapshot closest to
the block's date, by the cited site's extractor. The availability API and the snapshots are
served by the local server."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from fetch_helpers import PAGE, SOURCE_TEXT, read_rows, run_cli, write_article
from verify.fetch import Fetcher
from verify.sources import SourceLoader
from verify.model import Page

MAINICHI_PAGE = Path(__file__).parent / "fixtures" / "pages" / "mainichi_normal.html"


@pytest.fixture
def polite(fast_settings, tmp_path):
    """fast_settings with an HTTP cache of its own."""
    return dataclasses.replace(fast_settings, cache_path=tmp_path / "cache.sqlite")


def serve_archive(server, cited: str, html: str, stamp: str = "20250117093000", date: str = "20250117") -> str:
    """Availability API and snapshot on the local server; returns the endpoint."""
    snapshot = server.url(f"/web/{stamp}/{cited}")
    answer = {"url": cited, "archived_snapshots": {"closest": {
        "status": "200", "available": True, "url": snapshot, "timestamp": stamp}}}
    server.route("/wayback/available?" + urlencode({"url": cited, "timestamp": date}), json.dumps(answer),
                 content_type="application/json")
    server.route(f"/web/{stamp}id_/{cited}", html)
    return server.url("/wayback/available")


@pytest.mark.parametrize("dead", [dict(status=404), dict(status=410), dict(status=403),
                                  dict(body="<html><head><title>ページが見つかりません</title></head></html>")])
def test_dead_source_is_read_from_the_snapshot_closest_to_the_block_date(local_server, polite, dead):
    cited = local_server.route("/dead", **{"body": "gone", **dead})
    endpoint = serve_archive(local_server, cited, PAGE)
    with Fetcher(dataclasses.replace(polite, archive_endpoint=endpoint)) as fetcher:
        loader = SourceLoader(fetcher)
        loader.prefetch({cited: "2025-01-17"})
        doc = loader(cited)
    assert doc.status == "ok" and SOURCE_TEXT[:20] in doc.text
    assert doc.url == cited
    assert doc.archive_url == local_server.url(f"/web/20250117093000/{cited}") and doc.archive_date == "2025-01-17"
    assert local_server.hits(f"/web/20250117093000id_/{cited}") == 1  # raw form, no toolbar


def test_snapshot_is_read_by_the_cited_sites_extractor(polite):
    cited = "https://mainichi.jp/articles/20250117/k00/00m/030/000000c"
    snapshot = f"https://web.archive.org/web/20250117093000/{cited}"
    answer = {"archived_snapshots": {"closest": {"status": "200", "available": True, "url": snapshot,
                                                 "timestamp": "20250117093000"}}}

    class Offline:  # the fetcher's interface, answered from memory
        settings = polite
        fetched: list[str] = []

        def fetch(self, url):
            self.fetched.append(url)
            if url == cited:
                return Page(url, status="http_404", reason="http_404: page not found")
            return Page(url, text=MAINICHI_PAGE.read_text(encoding="utf-8"), final_url=url)

        def fetch_many(self, urls):
            return {u: self.fetch(u) for u in urls}

        def get_raw(self, url):
            return 200, json.dumps(answer).encode(), ""

    fetcher = Offline()
    doc = SourceLoader(fetcher)(cited)
    assert fetcher.fetched[-1] == f"https://web.archive.org/web/20250117093000id_/{cited}"
    assert doc.status == "ok" and doc.site == "mainichi" and doc.archive_date == "2025-01-17"


def test_no_snapshot_keeps_the_status_and_says_why(local_server, polite):
    cited = local_server.route("/dead", "gone", status=404)
    local_server.route("/none?" + urlencode({"url": cited}), '{"archived_snapshots": {}}',
                       content_type="application/json")
    with Fetcher(dataclasses.replace(polite, archive_endpoint=local_server.url("/none"))) as fetcher:
        doc = SourceLoader(fetcher)(cited)
    assert doc.status == "http_404" and doc.reason.endswith("archive: no snapshot in the archive")


def test_no_archive_setting_asks_nothing(local_server, polite):
    cited = local_server.route("/dead", "gone", status=404)
    endpoint = serve_archive(local_server, cited, PAGE)
    with Fetcher(dataclasses.replace(polite, archive=False, archive_endpoint=endpoint)) as fetcher:
        assert SourceLoader(fetcher)(cited).status == "http_404"
    assert not [r for r in local_server.requests if r.path.startswith(("/wayback", "/web"))]


def test_archive_evidence_is_named_in_the_cli_report(local_server, tmp_path, monkeypatch):
    cited = local_server.route("/dead", "gone", status=404)
    monkeypatch.setattr("verify.fetch.config.ARCHIVE_ENDPOINT", serve_archive(local_server, cited, PAGE))
    out = tmp_path / "o.csv"
    code, _ = run_cli("verify", write_article(tmp_path, cited), "--allow-private", "--no-cache",
                      "--delay", "0", "--csv", out)
    rows = read_rows(out)
    assert code == 0 and rows[0]["verdict"] == "supported"
    assert "evidence from archive snapshot 2025-01-17" in rows[0]["reason"]
    assert rows[0]["archive_url"].endswith(f"/web/20250117093000/{cited}")


def test_prefetch_fetches_all_at_once_and_later_calls_hit_memory(local_server, polite):
    urls = [local_server.route(f"/s{i}", PAGE) for i in range(3)]
    with Fetcher(polite) as fetcher:
        loader = SourceLoader(fetcher)
        loader.prefetch(urls)
        seen = len(local_server.requests)
        assert all(loader(u).status == "ok" for u in urls)
    assert len(local_server.requests) == seen
