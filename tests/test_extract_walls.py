"""The stage's contract: statuses for failed fetches, bot walls, soft 404s; never an exception."""
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import verify.sources as sources
from verify.model import SOURCE_STATUSES, Page
from verify.sources import extract, extractor_for, generic, mainichi, reuters

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE = "https://mainichi.jp/articles/20250114/k00/00m/040/215000c"


def fixture(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def page(url: str, html: str, **fields) -> Page:
    fields.setdefault("final_url", url)
    return Page(url=url, text=html, http_status=fields.pop("http_status", 200), **fields)


# --- failed fetches pass through -------------------------------------------------------------

def test_failed_fetch_keeps_status_reason_and_urls():
    failed = Page(url=ARTICLE, status="http_404", reason="HTTP 404 Not Found", http_status=404,
                  final_url=ARTICLE + "?x=1", archive_url="https://web.archive.org/web/2025/x",
                  archive_date="2025-01-15", text=fixture("mainichi_normal.html"))
    doc = extract(failed)
    assert (doc.status, doc.reason, doc.paragraphs) == ("http_404", "HTTP 404 Not Found", ())
    assert doc.final_url == ARTICLE + "?x=1"
    assert doc.archive_url == "https://web.archive.org/web/2025/x"
    assert doc.archive_date == "2025-01-15"


def test_ok_page_carries_final_and_archive_fields():
    snapshot = "https://web.archive.org/web/20250115000000/" + ARTICLE
    doc = extract(page(ARTICLE, fixture("mainichi_normal.html"), final_url=snapshot,
                       archive_url=snapshot, archive_date="2025-01-15"))
    assert doc.status == "ok" and doc.site == "mainichi"  # the cited URL picks the extractor
    assert (doc.url, doc.final_url, doc.archive_url, doc.archive_date) == (
        ARTICLE, snapshot, snapshot, "2025-01-15")


# --- bot walls -------------------------------------------------------------------------------

def test_datadome_page_is_blocked():
    url = "https://www.reuters.com/world/japan/some-story-2025-01-01/"
    doc = extract(page(url, fixture("datadome_401.html"), http_status=401,
                       headers={"x-datadome": "protected"}))
    assert doc.status == "blocked" and "DataDome" in doc.reason and doc.paragraphs == ()


def test_datadome_captcha_script_on_a_bare_page_is_blocked():
    html = ('<html><head><title>jp.reuters.com</title></head><body>'
            '<script src="https://ct.captcha-delivery.com/c.js"></script></body></html>')
    doc = extract(page("https://jp.reuters.com/markets/x-2025-01-01/", html))
    assert doc.status == "blocked" and "DataDome" in doc.reason


def test_cloudflare_challenge_is_blocked():
    doc = extract(page("https://news.example.co.jp/a/1", fixture("cloudflare_challenge.html"),
                       http_status=403))
    assert doc.status == "blocked" and "Cloudflare" in doc.reason


def test_cloudflare_script_injected_into_a_real_article_is_not_a_wall():
    html = fixture("generic_jsonld.html").replace(
        "</body>", '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></body>')
    assert extract(page("https://news.example.jp/articles/1", html)).status == "ok"


# --- soft 404s -------------------------------------------------------------------------------

def test_not_found_title_on_a_200_page_is_soft_404():
    doc = extract(page(ARTICLE, fixture("soft_404.html")))
    assert doc.status == "soft_404" and "お探しのページ" in doc.reason


@pytest.mark.parametrize("heading", ["ページが見つかりません", "404 Not Found", "Page not found"])
def test_not_found_heading_is_soft_404(heading):
    html = (f"<html><head><title>サイト</title></head><body><h1>{heading}</h1>"
            f"<p>{'本文。' * 30}</p></body></html>")
    assert extract(page("https://example.jp/news/1", html)).status == "soft_404"


def test_redirect_to_the_home_page_is_soft_404():
    home = fixture("mainichi_normal.html")  # any readable page: the redirect alone decides
    doc = extract(page(ARTICLE, home, final_url="https://mainichi.jp/"))
    assert doc.status == "soft_404" and "home page" in doc.reason


def test_citing_the_home_page_itself_is_not_soft_404():
    text = "市の人口は3年連続で増えた。" * 10
    html = f"<html><body><article><p>{text}</p></article></body></html>"
    doc = extract(page("https://example.jp/", html, final_url="https://example.jp/"))
    assert doc.status == "ok"


# --- empty and broken pages ------------------------------------------------------------------

def test_empty_body_is_empty():
    doc = extract(page(ARTICLE, "   "))
    assert doc.status == "empty" and doc.reason


def test_undecodable_bytes_are_an_encoding_failure():
    body = bytes(range(128, 256)) * 40
    doc = extract(Page(url="https://example.jp/x", body=body, content_type="text/html"))
    assert doc.status == "encoding" and doc.reason.startswith("encoding:")


def test_a_crashing_extractor_gives_empty_with_the_error(monkeypatch):
    def explode(soup, html, url):
        raise RuntimeError("unexpected markup")

    monkeypatch.setattr(mainichi, "extract", explode)
    doc = extract(page(ARTICLE, fixture("mainichi_normal.html")))
    assert doc.status == "empty" and "RuntimeError: unexpected markup" in doc.reason
    assert doc.url == ARTICLE and doc.final_url == ARTICLE


# --- registry --------------------------------------------------------------------------------

def test_each_site_module_is_registered_for_the_hosts_it_declares():
    for site in sources.SITES:
        for host in site.HOSTS:
            assert extractor_for(f"https://{host}/a/b") is site
    assert extractor_for("https://jp.reuters.com/x") is reuters
    assert extractor_for("https://MAINICHI.JP/articles/x") is mainichi
    assert extractor_for("https://www.nikkei.com/article/x") is generic
    assert extractor_for("not a url") is generic


@settings(max_examples=60, deadline=None)
@given(html=st.text(max_size=400),
       url=st.sampled_from([ARTICLE, "https://jp.reuters.com/a/b-2025-01-01/", "https://x.jp/a"]))
def test_extract_never_raises_and_returns_a_known_status(html, url):
    doc = extract(page(url, html))
    assert doc.status in SOURCE_STATUSES and doc.url == url


def test_extraction_of_a_known_site_takes_milliseconds():
    html = fixture("mainichi_normal.html")
    extract(page(ARTICLE, html))  # warm caches
    start = time.perf_counter()
    for _ in range(20):
        extract(page(ARTICLE, html))
    assert (time.perf_counter() - start) / 20 < 0.025
