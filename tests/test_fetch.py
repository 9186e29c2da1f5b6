"""Fetcher against a local server: every outcome maps to one documented status."""
from __future__ import annotations

import dataclasses

import pytest

from verify import package_version
from verify.fetch import Fetcher, Settings
from verify.fetch.config import default_user_agent
from verify.model import SOURCE_STATUSES, Page

JA = "ロシアとイランが20年間の戦略条約に署名、軍事協力を強化"
HTML = f"<!DOCTYPE html><html lang=\"ja\"><head><title>{JA}</title></head><body><p>{JA}</p></body></html>"
DATADOME = (
    "<html><head><title>reuters.com</title></head><body>"
    "<p>Please enable JS and disable any ad blocker</p>"
    "<script src=\"https://ct.captcha-delivery.com/c.js\"></script></body></html>"
)


@pytest.fixture
def fetcher(fast_settings):
    with Fetcher(fast_settings) as f:
        yield f


def assert_failure(page: Page, status: str) -> None:
    assert page.status == status, page.reason
    assert status in SOURCE_STATUSES
    assert page.reason.startswith(f"{status}: ")
    assert not page.ok and page.text == ""


def test_ok_page_has_text_headers_and_encoding(local_server, fetcher):
    url = local_server.route("/a", HTML)
    page = fetcher.fetch(url)
    assert page.ok and page.reason == ""
    assert page.text == HTML
    assert page.encoding == "utf-8 (header)"
    assert page.http_status == 200 and page.final_url == url and page.redirects == ()
    assert page.content_type == "text/html; charset=utf-8"
    assert page.body == HTML.encode()


def test_reuters_style_no_charset_is_decoded_not_mojibake(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/r", HTML, content_type="text/html"))
    assert page.ok and JA in page.text


def test_shift_jis_page_declared_only_in_meta(local_server, fetcher):
    html = HTML.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    page = fetcher.fetch(local_server.route("/sj", html.encode("cp932"), content_type="text/html"))
    assert page.ok and JA in page.text and page.encoding == "cp932 (meta)"


def test_gzip_body_is_decompressed(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/gz", HTML, gzip=True))
    assert page.ok and page.text == HTML


def test_sends_honest_user_agent_and_accept_headers(local_server, fetcher):
    fetcher.fetch(local_server.route("/ua", HTML))
    sent = local_server.requests[-1].headers
    assert sent["User-Agent"] == default_user_agent()
    assert sent["User-Agent"].startswith(f"claimcheck/{package_version()} (+https://")
    assert "bot" in sent["User-Agent"]
    assert "text/html" in sent["Accept"] and sent["Accept-Language"].startswith("ja")


def test_cookies_are_never_kept_or_sent(local_server, fetcher):
    local_server.route("/c1", HTML, headers=[("Set-Cookie", "datadome=secret; Path=/")])
    local_server.route("/c2", HTML)
    page = fetcher.fetch(local_server.url("/c1"))
    fetcher.fetch(local_server.url("/c2"))
    assert "Cookie" not in local_server.requests[-1].headers
    assert not any(k.lower() == "set-cookie" for k in page.headers)


@pytest.mark.parametrize("code, status, words", [
    (404, "http_404", "page not found"),
    (410, "http_410", "page gone"),
    (500, "http_error", "HTTP 500"),
    (429, "http_error", "HTTP 429"),
    (403, "blocked", "HTTP 403"),
    (401, "blocked", "HTTP 401"),
])
def test_http_error_statuses(local_server, fetcher, code, status, words):
    page = fetcher.fetch(local_server.route("/e", "<html>error</html>", status=code))
    assert_failure(page, status)
    assert words in page.reason
    assert page.http_status == code


def test_datadome_401_is_blocked(local_server, fetcher):
    url = local_server.route("/dd", DATADOME, status=401, headers={"X-DataDome": "protected"})
    page = fetcher.fetch(url)
    assert_failure(page, "blocked")
    assert "DataDome" in page.reason


def test_datadome_challenge_served_with_200_is_blocked(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/dd200", DATADOME))
    assert_failure(page, "blocked")


def test_x_datadome_header_on_a_served_page_is_not_a_block(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/ddok", HTML, headers={"X-DataDome": "protected"}))
    assert page.ok


def test_cloudflare_challenge_503_is_blocked(local_server, fetcher):
    url = local_server.route("/cf", "<title>Just a moment...</title>", status=503,
                             headers={"cf-mitigated": "challenge"})
    page = fetcher.fetch(url)
    assert_failure(page, "blocked")
    assert "Cloudflare" in page.reason


def test_slow_server_times_out(local_server):
    url = local_server.route("/slow", HTML, delay=2.0)
    with Fetcher(Settings(connect_timeout=1.0, read_timeout=0.2, allow_private=True)) as f:
        page = f.fetch(url)
    assert_failure(page, "timeout")
    assert "0.2 s" in page.reason


def test_server_stalling_mid_response_times_out(local_server):
    # requests reports a read timeout while streaming the body as a ConnectionError.
    url = local_server.route("/stall", HTML, body_delay=2.0)
    with Fetcher(Settings(connect_timeout=1.0, read_timeout=0.2, allow_private=True)) as f:
        page = f.fetch(url)
    assert_failure(page, "timeout")
    assert page.http_status is None


def test_connection_refused(closed_port_url, fetcher):
    page = fetcher.fetch(closed_port_url)
    assert_failure(page, "connection_error")
    assert "refused" in page.reason.lower()


def test_redirect_chain_is_recorded(local_server, fetcher):
    final = local_server.route("/final", HTML)
    local_server.redirect("/two", "/final", status=301)
    start = local_server.redirect("/one", local_server.url("/two"))
    page = fetcher.fetch(start)
    assert page.ok and page.text == HTML
    assert page.url == start and page.final_url == final
    assert page.redirects == (start, local_server.url("/two"))


def test_redirect_loop(local_server, fetcher):
    local_server.redirect("/ping", "/pong")
    local_server.redirect("/pong", "/ping")
    page = fetcher.fetch(local_server.url("/ping"))
    assert_failure(page, "redirect_loop")
    assert page.redirects == (local_server.url("/ping"), local_server.url("/pong"))
    assert local_server.hits("/ping") == 1


def test_too_many_redirects(local_server, fast_settings):
    for i in range(5):
        local_server.redirect(f"/r{i}", f"/r{i + 1}")
    with Fetcher(dataclasses.replace(fast_settings, max_redirects=3)) as f:
        page = f.fetch(local_server.url("/r0"))
    assert_failure(page, "redirect_loop")
    assert "more than 3 redirects" in page.reason
    assert len(page.redirects) == 4


def test_redirect_to_another_scheme_is_refused(local_server, fetcher):
    page = fetcher.fetch(local_server.redirect("/ftp", "ftp://example.org/file"))
    assert_failure(page, "unsafe_url")
    assert page.redirects == (local_server.url("/ftp"),)


def test_pdf_is_not_html_without_downloading_it(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/doc.pdf", b"%PDF-1.7\n" + b"x" * 5000, content_type="application/pdf"))
    assert_failure(page, "not_html")
    assert page.reason == "not_html: application/pdf"
    assert page.body == b""


@pytest.mark.parametrize("ctype", ["image/png", "application/octet-stream"])
def test_other_non_html_types(local_server, fetcher, ctype):
    page = fetcher.fetch(local_server.route("/bin", b"\x89PNG\r\n", content_type=ctype))
    assert_failure(page, "not_html")
    assert ctype in page.reason


@pytest.mark.parametrize("body, kind", [(b"%PDF-1.4 ...", "PDF"), (b"abc\x00\x01\x02def" * 10, "NUL")])
def test_binary_body_served_as_html_is_sniffed(local_server, fetcher, body, kind):
    page = fetcher.fetch(local_server.route("/fake", body))
    assert_failure(page, "not_html")
    assert kind in page.reason


def test_html_without_content_type_is_sniffed_as_html(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/nt", HTML, content_type=None))
    assert page.ok and JA in page.text


def test_plain_text_that_is_not_html(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/t", "just words", content_type="text/plain"))
    assert_failure(page, "not_html")


@pytest.mark.parametrize("body", [b"", b"  \r\n\t "])
def test_empty_body(local_server, fetcher, body):
    page = fetcher.fetch(local_server.route("/empty", body))
    assert_failure(page, "empty")


def test_undecodable_body(local_server, fetcher):
    page = fetcher.fetch(local_server.route("/junk", bytes([0x80, 0xFF, 0x81, 0xFE]) * 100))
    assert_failure(page, "encoding")


@pytest.mark.parametrize("content_length", [True, False])
def test_too_large_with_and_without_content_length(local_server, fast_settings, content_length):
    url = local_server.route("/big", "<html>" + "x" * 5000, content_length=content_length)
    with Fetcher(dataclasses.replace(fast_settings, max_bytes=1000)) as f:
        page = f.fetch(url)
    assert_failure(page, "too_large")
    assert len(page.body) <= 1000


def test_gzip_bomb_is_capped_after_decompression(local_server, fast_settings):
    url = local_server.route("/bomb", "<html>" + " " * 200_000, gzip=True)
    with Fetcher(dataclasses.replace(fast_settings, max_bytes=10_000)) as f:
        assert_failure(f.fetch(url), "too_large")


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)",
                                 "mailto:a@example.org", "example.org/no-scheme", "http:///nohost"])
def test_non_http_urls_are_refused_without_a_request(fetcher, url):
    assert_failure(fetcher.fetch(url), "unsafe_url")


def test_fetch_never_raises_on_nonsense(fetcher):
    for url in ["", "http://[::1", "http://exa mple.org/", "https://" + "a" * 300 + ".invalid/"]:
        page = fetcher.fetch(url)
        assert page.status in SOURCE_STATUSES and not page.ok


def test_fetch_many_fetches_each_distinct_url_once(local_server, fetcher):
    a, b = local_server.route("/a", HTML), local_server.route("/b", status=404)
    pages = fetcher.fetch_many([a, b, a, a])
    assert list(pages) == [a, b]
    assert pages[a].ok and pages[b].status == "http_404"
    assert local_server.hits("/a") == 1 and local_server.hits("/b") == 1


def test_settings_reject_nonsense_values():
    with pytest.raises(ValueError, match="read_timeout"):
        Settings(read_timeout=0)
    with pytest.raises(ValueError, match="max_bytes"):
        Settings(max_bytes=0)
    assert Settings().timeout == (Settings().connect_timeout, Settings().read_timeout)


def test_version_is_the_installed_distributions():
    from importlib import metadata

    # The quick path (our distribution's top_level.txt) and the long one (which distribution
    # provides `verify`) must agree; the User-Agent and --version both show it.
    assert package_version() == metadata.version("claimcheck")
    assert "claimcheck" in metadata.packages_distributions()["verify"]
