"""Credentials in a cited URL (http://user:pass@host/) are never sent -- not as Basic auth to the
page, a redirect target or robots.txt, nor from ~/.netrc -- and never shown in a report."""
from __future__ import annotations

import json
import zipfile

from fetch_helpers import CLAIMS, PAGE, read_rows, run_cli_out, write_article
from verify.cli import ExitStatus
from verify.model import without_credentials

ROBOTS = "User-agent: *\nAllow: /\n"


def test_urls_lose_their_credentials_and_nothing_else():
    assert without_credentials("http://user:pass@news.example/a?b=c") == "http://news.example/a?b=c"
    assert without_credentials("https://user@news.example:8443/a") == "https://news.example:8443/a"
    assert without_credentials("http://a:b@c@news.example/") == "http://news.example/"
    for plain in ("https://news.example/p@q", "http://news.example?x=a@b", "http://news.example#a@b",
                  "article.txt", ""):
        assert without_credentials(plain) == plain


def test_credentials_are_never_sent_nor_reported(local_server, tmp_path, monkeypatch):
    # A .netrc holding a password for the server: requests would send it unasked.
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login netrcuser password netrc-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    local_server.route("/robots.txt", ROBOTS, content_type="text/plain")
    local_server.route("/page", PAGE)
    local_server.redirect("/moved", local_server.url("/page").replace("://", "://hop:hop-secret@"))
    host = local_server.base.split("://")[1]
    cited = [f"http://alice:page-secret@{host}/page", f"http://bob:redirect-secret@{host}/moved"]
    out = {kind: tmp_path / f"report.{kind}" for kind in ("csv", "json", "html", "xlsx")}
    code, stdout, stderr = run_cli_out("verify", write_article(tmp_path, *cited), "--allow-private",
                                       "--no-cache", "--delay", "0",
                                       *(arg for kind, path in out.items() for arg in (f"--{kind}", path)))
    assert code == ExitStatus.OK, stderr

    seen = local_server.requests
    assert {r.path for r in seen} == {"/robots.txt", "/page", "/moved"}
    assert not [r for r in seen if any(k.lower() == "authorization" for k in r.headers)]

    rows = [r for r in read_rows(out["csv"]) if r["block"] != "points"]
    assert [r["claim"] for r in rows] == list(CLAIMS) * 2
    assert {r["source_url"] for r in rows} == {local_server.url("/page"), local_server.url("/moved")}
    assert {r["source_status"] for r in rows} == {"ok"}
    claims = json.loads(out["json"].read_text(encoding="utf-8"))["claims"]
    assert {c["source_url"] for c in claims if c["block"] != "points"} == {r["source_url"] for r in rows}
    with zipfile.ZipFile(out["xlsx"]) as book:
        xlsx = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xml"))
    shown = {"terminal": stdout + stderr, "csv": out["csv"].read_text(encoding="utf-8-sig"),
             "json": out["json"].read_text(encoding="utf-8"), "html": out["html"].read_text(encoding="utf-8"),
             "xlsx": xlsx}
    for where, text in shown.items():
        for secret in ("alice", "page-secret", "bob", "redirect-secret", "hop-secret", "netrc-secret"):
            assert secret not in text, f"{secret} in the {where} report"
    assert local_server.url("/page") in shown["html"] and host in shown["xlsx"]


def test_an_article_read_from_a_url_is_named_without_its_credentials(local_server, tmp_path):
    lines = write_article(tmp_path, local_server.route("/page", PAGE)).read_text(encoding="utf-8").splitlines()
    url = local_server.route("/article", "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>")
    code, stdout, stderr = run_cli_out("verify", url.replace("://", "://carol:article-secret@"),
                                       "--allow-private", "--no-cache", "--delay", "0", "--csv", tmp_path / "o.csv")
    assert code == ExitStatus.OK, stderr
    assert {r["article"] for r in read_rows(tmp_path / "o.csv")} == {url}
    assert "article-secret" not in stdout + stderr
    assert not [r for r in local_server.requests if "Authorization" in r.headers]
