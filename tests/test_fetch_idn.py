"""Internationalised host names (https://日本語.jp/…): fetched by their IDNA name (DNS, Host header,
SNI: see test_fetch_safety.py), checked against private addresses after resolving, and a block
whose 出典 line yields no URL is named on stderr instead of quietly becoming uncited."""
from __future__ import annotations

import io
import socket
from types import SimpleNamespace

import pytest

from fetch_helpers import CLAIMS, PAGE, read_rows, run_cli, write_article
from verify.cli import Environment, ExitStatus
from verify.cli.commands import NO_URL_NOTE, warn_unread_citations

IDN, IDN_ASCII = "日本語.jp", "xn--wgv71a119e.jp"


@pytest.fixture
def idn_dns(monkeypatch):
    """日本語.jp (as xn--wgv71a119e.jp, the only form DNS knows) resolves to 127.0.0.1."""
    real, asked = socket.getaddrinfo, []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        if host == IDN_ASCII:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port or 80))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def _article_page(local_server, tmp_path, *cited: str) -> str:
    """The test article as an HTML page on the local server; its URL, on the IDN host."""
    lines = write_article(tmp_path, *cited).read_text(encoding="utf-8").splitlines()
    local_server.route("/article", "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>")
    return local_server.url("/article").replace("127.0.0.1", IDN)


def test_an_article_and_a_source_on_an_idn_host_are_fetched(local_server, idn_dns, tmp_path):
    port = local_server.base.rsplit(":", 1)[1]
    local_server.route("/page", PAGE)
    url = _article_page(local_server, tmp_path, f"http://{IDN_ASCII}:{port}/page")
    code, stderr = run_cli("verify", url, "--allow-private", "--no-cache", "--delay", "0", "--csv", tmp_path / "o.csv")
    assert code == ExitStatus.OK, stderr
    rows = [r for r in read_rows(tmp_path / "o.csv") if r["block"] != "points"]
    assert [r["claim"] for r in rows] == list(CLAIMS)
    assert {(r["article"], r["source_status"], r["verdict"]) for r in rows} == {(url, "ok", "supported")}
    hosts = {r.path: r.headers.get("Host") for r in local_server.requests}
    assert hosts["/article"] == hosts["/page"] == f"{IDN_ASCII}:{port}"
    assert IDN not in idn_dns and IDN_ASCII in idn_dns  # looked up by its IDNA name only


def test_an_idn_host_resolving_to_loopback_is_refused(local_server, idn_dns, tmp_path):
    url = _article_page(local_server, tmp_path, "https://news.example/a")
    code, stderr = run_cli("verify", url, "--no-cache", "--csv", tmp_path / "o.csv")
    assert code == ExitStatus.ERROR
    assert stderr.strip() == f"claimcheck: error: {url}: unsafe_url: {IDN} resolves to 127.0.0.1 (loopback address)"
    assert local_server.requests == []


def test_a_cited_idn_url_is_fetched_and_reported_as_written(local_server, idn_dns, tmp_path):
    port = local_server.base.rsplit(":", 1)[1]
    local_server.route("/page", PAGE)
    cited = f"http://{IDN}:{port}/page"
    code, stderr = run_cli("verify", write_article(tmp_path, cited), "--allow-private", "--no-cache",
                           "--delay", "0", "--csv", tmp_path / "o.csv")
    assert code == ExitStatus.OK, stderr
    rows = [r for r in read_rows(tmp_path / "o.csv") if r["block"] != "points"]
    assert {(r["source_url"], r["source_status"]) for r in rows} == {(cited, "ok")}


def _stderr_of(article) -> str:
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    warn_unread_citations(article, env)
    return env.stderr.getvalue()


def test_a_citation_without_a_readable_url_is_one_warning_naming_article_and_block():
    block = lambda id_, url, note: SimpleNamespace(id=id_, heading="条約に署名", source_url=url, url_note=note)  # noqa: E731
    article = SimpleNamespace(name="a.txt", blocks=[block("b1", "https://x.jp/a", ""), block("b2", "", NO_URL_NOTE),
                                                    block("b3", "", "")])
    lines = _stderr_of(article).splitlines()
    assert lines == ["claimcheck: warning: a.txt: block b2 「条約に署名」: 出典 line without a URL that could be "
                     "read; its claims are checked against the article's other sources"]


def test_cli_warns_once_about_a_citation_line_without_a_url(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("タイトル\n見出し\n公開日:2025/01/17\n✅ 両国は軍事協力を強化する。\n"
                    "さらに読む ⇒ニュース出典/画像元: （リンク切れ）\n", encoding="utf-8")
    code, stderr = run_cli("extract", path)
    assert code == ExitStatus.OK
    assert [line for line in stderr.splitlines() if "warning" in line] == [
        f"claimcheck: warning: {path}: block b1 「見出し」: 出典 line without a URL that could be read; "
        "its claims are checked against the article's other sources"]
