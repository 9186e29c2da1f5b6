"""SSRF: cited URLs never reach loopback, private, link-local or metadata addresses (checked on
every hop and again at connection time), and replayed sources never touch DNS."""
from __future__ import annotations

import dataclasses
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fetch_helpers import PAGE, read_rows, run_cli, write_article
from verify.fetch import Fetcher, replaying, ssrf  # ssrf: the guard's own module, tested directly

DEVSET = Path(__file__).parent / "fixtures" / "cassettes" / "devset.yaml"
IDN, IDN_ASCII = "日本語.jp", "xn--wgv71a119e.jp"


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "cloud metadata"), ("fd00:ec2::254", "cloud metadata"),
    ("169.254.1.1", "link-local"), ("fe80::1", "link-local"), ("224.0.0.1", "multicast"),
    ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"), ("100.64.0.1", "non-public"),
    ("::ffff:127.0.0.1", "loopback"), ("2002:7f00:1::", "loopback"), ("64:ff9b::a00:1", "private"),
])
def test_forbidden_addresses(address, kind):
    assert ssrf.forbidden(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert ssrf.forbidden(ipaddress.ip_address(address)) == ""


@pytest.fixture
def guarded(fast_settings):
    """The production setting: private addresses refused."""
    return dataclasses.replace(fast_settings, allow_private=False)


def test_loopback_source_is_refused_without_a_request(local_server, guarded):
    url = local_server.route("/secret", PAGE)
    with Fetcher(guarded) as fetcher:
        page = fetcher.fetch(url)
    assert page.status == "unsafe_url" and "127.0.0.1 (loopback address)" in page.reason
    assert local_server.requests == []


def test_redirect_hop_to_loopback_is_refused(local_server, guarded, monkeypatch):
    # news.test stands for a public site: it resolves to the local server and passes the check.
    public = {"news.test"}
    real_refusal = ssrf.refusal
    monkeypatch.setattr(ssrf, "refusal", lambda host, addrs, *flag: "" if host in public else real_refusal(host, addrs))
    monkeypatch.setattr(ssrf, "resolve", lambda host, port, *within: [ipaddress.ip_address("127.0.0.1")])
    local_server.redirect("/start", local_server.url("/secret"))
    local_server.route("/secret", PAGE)
    with Fetcher(guarded) as fetcher:
        fetcher.session.trust_env = False  # no proxy may carry news.test elsewhere
        page = fetcher.fetch(local_server.url("/start").replace("127.0.0.1", "news.test"))
    assert page.status == "unsafe_url" and "loopback" in page.reason
    assert page.redirects and local_server.hits("/start") == 1 and local_server.hits("/secret") == 0


def test_dns_rebinding_is_caught_at_connection_time(local_server, guarded, monkeypatch):
    # The pre-flight check saw a public address; the connection resolves to loopback.
    monkeypatch.setattr("verify.fetch.fetcher.check_url", lambda url, allow_private, **kw: "")
    with Fetcher(guarded) as fetcher:
        page = fetcher.fetch(local_server.route("/secret", PAGE))
    assert page.status == "unsafe_url" and "refused to connect" in page.reason
    assert local_server.requests == []


def test_replayed_sources_never_touch_dns(guarded, monkeypatch):
    def no_dns(*args, **kwargs):
        raise AssertionError("DNS lookup under a cassette")

    monkeypatch.setattr("socket.getaddrinfo", no_dns)
    with replaying(DEVSET), Fetcher(guarded) as fetcher:
        pages = fetcher.fetch_many(["https://mainichi.jp/articles/20241205/k00/00m/030/043000c",
                                    "https://jp.reuters.com/world/europe/UEFNC4ERRFOTLOKZXDUN4LQ3BY-2025-01-17/"])
    assert [p.status for p in pages.values()] == ["ok", "ok"]


def test_cli_refuses_loopback_without_allow_private(local_server, tmp_path):
    article = write_article(tmp_path, local_server.route("/x", PAGE))
    code, _ = run_cli("verify", article, "--no-cache", "--csv", tmp_path / "o.csv")
    rows = read_rows(tmp_path / "o.csv")
    assert code == 0 and {(r["source_status"], r["verdict"]) for r in rows} == {("unsafe_url", "unverifiable")}
    assert local_server.requests == []


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for news.test and 日本語.jp."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=news.test",
                    "-addext", f"subjectAltName=DNS:news.test,DNS:{IDN_ASCII}"], check=True, capture_output=True, timeout=30)
    names: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield httpd.server_address[1], cert, names
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_through_the_guard_keeps_sni_and_certificate_checks(tls_server, guarded, monkeypatch):
    port, cert, names = tls_server
    # news.test and other.test stand for public sites that resolve to the local server.
    monkeypatch.setattr(ssrf, "resolve", lambda host, port, *within: [ipaddress.ip_address("127.0.0.1")])
    monkeypatch.setattr(ssrf, "refusal", lambda host, addrs, *flag: "")
    with Fetcher(dataclasses.replace(guarded, robots=False, cache_path=None)) as fetcher:
        fetcher.session.trust_env, fetcher.session.verify = False, str(cert)
        good = fetcher.fetch(f"https://news.test:{port}/a")
        wrong = fetcher.fetch(f"https://other.test:{port}/a")
    assert good.ok and "条約" in good.text
    assert wrong.status == "connection_error" and "not valid for 'other.test'" in wrong.reason
    assert names == ["news.test", "other.test"]  # SNI is the host name, once each (no TLS retry)


def test_an_idn_host_is_reached_by_its_idna_name_with_sni_and_certificate(tls_server, guarded, monkeypatch):
    port, cert, names = tls_server
    looked_up = []
    monkeypatch.setattr(ssrf, "resolve", lambda host, port, *within: looked_up.append(host) or
                        [ipaddress.ip_address("127.0.0.1")])
    monkeypatch.setattr(ssrf, "refusal", lambda host, addrs, *flag: "")
    with Fetcher(dataclasses.replace(guarded, robots=False, cache_path=None)) as fetcher:
        fetcher.session.trust_env, fetcher.session.verify = False, str(cert)
        page = fetcher.fetch(f"https://{IDN}:{port}/a")
    assert page.ok and "条約" in page.text, page.reason
    assert names == [IDN_ASCII] and set(looked_up) == {IDN_ASCII}


# --- Cloud metadata: refused whatever --allow-private says ---------------------------------------

METADATA_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",  # AWS, GCP, Azure, ...
    "http://[fd00:ec2::254]/latest/meta-data/",                           # AWS over IPv6
    "http://100.100.100.200/latest/meta-data/",                           # Alibaba
    "http://169.254.170.2/v2/credentials/",                               # AWS ECS task role
    "http://[::ffff:169.254.169.254]/latest/meta-data/",                  # IPv4-mapped
    "http://metadata.google.internal/computeMetadata/v1/",                # by name, before any lookup
    "http://metadata.test/latest/meta-data/",                             # a name resolving there
]


@pytest.fixture
def metadata_dns(monkeypatch):
    """metadata.test resolves to 169.254.169.254; everything else as usual."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "metadata.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port or 80))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_cli_refuses_metadata_addresses_even_with_allow_private(local_server, tmp_path, metadata_dns):
    redirected = local_server.redirect("/to-metadata", METADATA_URLS[0])
    article = write_article(tmp_path, *METADATA_URLS, redirected)
    code, stderr = run_cli("verify", article, "--allow-private", "--no-cache", "--delay", "0",
                           "--timeout", "2", "--csv", tmp_path / "o.csv")
    assert code == 0 and "Traceback" not in stderr, stderr
    rows = [r for r in read_rows(tmp_path / "o.csv") if r["block"] != "points"]
    assert len(rows) == 2 * (len(METADATA_URLS) + 1)
    for row in rows:
        assert (row["source_status"], row["verdict"]) == ("unsafe_url", "unverifiable"), row
        assert "cloud metadata" in row["reason"] or "link-local" in row["reason"], row["reason"]
    assert "metadata.test resolves to 169.254.169.254 (cloud metadata address)" in rows[-4]["reason"]
    assert local_server.hits("/to-metadata") == 1  # the redirect was read; its target refused


def test_connection_guard_refuses_metadata_with_allow_private(fast_settings, monkeypatch):
    # Past the pre-flight check (as after a DNS answer that changed), the socket is still refused.
    monkeypatch.setattr("verify.fetch.fetcher.check_url", lambda url, allow_private, **kw: "")
    with Fetcher(dataclasses.replace(fast_settings, robots=False, cache_path=None)) as fetcher:
        page = fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert page.status == "unsafe_url"
    assert page.reason == "unsafe_url: refused to connect: 169.254.169.254 (cloud metadata address)"


@pytest.mark.parametrize("address, allowed", [("127.0.0.1", True), ("10.0.0.1", True), ("::1", True),
                                              ("169.254.169.254", False), ("169.254.0.23", False),
                                              ("fd00:ec2::254", False), ("100.100.100.200", False),
                                              ("fe80::1", False), ("::ffff:169.254.169.254", False)])
def test_allow_private_keeps_metadata_and_link_local_refused(address, allowed):
    assert (ssrf.forbidden(ipaddress.ip_address(address), allow_private=True) == "") is allowed
