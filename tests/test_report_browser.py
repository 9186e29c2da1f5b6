"""The HTML report in a real headless Chromium: it renders, its filters work, nothing errors,
and a hostile claim stays text. Driven over the DevTools protocol with a minimal client.

Skipped, with the reason shown by `pytest -ra`, only when no Chromium is installed.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from verify.cli import Environment, main

HERE = Path(__file__).parent
ALTERED = HERE / "fixtures" / "articles" / "seed_altered.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)

pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium not installed (apt-get install chromium)")
websocket = pytest.importorskip("websocket", reason="websocket-client not installed (pip install -e '.[test]')")

HOSTILE = ("題\n公開日:2025/01/01\n"
           "✅ <script>window.pwned = 1</script>が起きた。\n"
           "✅ <img src=x onerror=\"window.pwned = 2\">もう一つ。\n"
           "さらに読む ⇒どこか出典/画像元: https://example.org/missing次の文。\n")


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands in order, events collected."""

    def __init__(self, url: str):
        self.ws = websocket.create_connection(url, timeout=20, suppress_origin=True,
                                              http_no_proxy=["127.0.0.1", "localhost"])
        self.next_id, self.events, self.session = 0, [], None

    def send(self, method: str, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                assert "error" not in reply, reply
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 20.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(method)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def errors(self) -> list[dict]:
        """Uncaught exceptions, console.error calls and browser log errors (CSP violations)."""
        return [e for e in self.events
                if e.get("method") == "Runtime.exceptionThrown"
                or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
                or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("html")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    out = tmp / "report.html"
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    assert main(["verify", str(ALTERED), str(hostile), "--cassette", str(CASSETTE), "--html", str(out)], env) == 0
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    log = open(profile.parent / "chromium.log", "wb")
    process = subprocess.Popen(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1200,900", "about:blank"],
        stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"  # Chromium writes "port\npath" once it listens
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Chromium did not start; see {log.name}")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        tools = DevTools(f"ws://127.0.0.1:{port}{path}")
        target = tools.send("Target.createTarget", url="about:blank")["targetId"]
        tools.session = tools.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            tools.send(f"{domain}.enable")
        yield tools
        tools.ws.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _count(tools: DevTools, selector: str) -> int:
    return tools.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")


def test_page_renders_with_its_styles_and_no_errors(browser, report):
    browser.events.clear()
    browser.open(report.as_uri())
    assert _count(browser, ".claim") == 11  # 9 of the altered article + 2 hostile ones
    assert _count(browser, ".claim:not([hidden])") == 11
    badge = browser.evaluate("getComputedStyle(document.querySelector('.badge.v-contradicted')).backgroundColor")
    assert badge == "rgb(198, 40, 40)"  # the inline style ran: the CSP hash is right
    assert browser.evaluate("document.body.scrollHeight") > 900
    assert browser.errors() == []


def test_hostile_claims_are_text_and_never_run(browser, report):
    browser.open(report.as_uri())
    assert browser.evaluate("typeof window.pwned") == "undefined"
    texts = browser.evaluate("Array.from(document.querySelectorAll('.claim .text')).map(e => e.textContent)")
    assert any("<script>window.pwned = 1</script>" in t for t in texts)
    assert any('<img src=x onerror="window.pwned = 2">' in t for t in texts)
    assert _count(browser, "main script, main img") == 0


def test_filter_parameter_in_the_url_is_honoured(browser, report):
    browser.open(report.as_uri() + "?filter=contradicted")
    shown = browser.evaluate("Array.from(document.querySelectorAll('.claim:not([hidden])')).map(e => e.dataset.verdict)")
    assert shown and set(shown) == {"contradicted"}
    assert browser.evaluate("document.getElementById('shown').textContent") == str(len(shown))
    assert browser.evaluate("document.querySelector('#filters button[data-filter=contradicted]').getAttribute('aria-pressed')") == "true"
    hidden_articles = browser.evaluate("Array.from(document.querySelectorAll('.article[hidden] h2')).map(e => e.textContent)")
    assert any(name.endswith("hostile.txt") for name in hidden_articles)  # its claims are unverifiable


def test_filter_buttons_toggle_and_all_resets(browser, report):
    browser.events.clear()
    browser.open(report.as_uri())
    browser.evaluate("document.querySelector('#filters button[data-filter=partial]').click()")
    browser.evaluate("document.querySelector('#filters button[data-filter=not_found]').click()")
    shown = browser.evaluate("Array.from(document.querySelectorAll('.claim:not([hidden])')).map(e => e.dataset.verdict)")
    assert set(shown) == {"partial", "not_found"}
    assert browser.evaluate("location.hash") == "#filter=partial,not_found"  # a filtered view is a link
    browser.evaluate("document.querySelector('#filters button[data-filter=partial]').click()")
    shown = browser.evaluate("Array.from(document.querySelectorAll('.claim:not([hidden])')).map(e => e.dataset.verdict)")
    assert set(shown) == {"not_found"}
    browser.evaluate("document.querySelector('#filters button[data-filter=\"\"]').click()")
    assert _count(browser, ".claim:not([hidden])") == 11
    assert browser.errors() == []


def test_source_links_carry_a_text_fragment(browser, report):
    browser.open(report.as_uri())
    hrefs = browser.evaluate("Array.from(document.querySelectorAll('main a')).map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert any("#:~:text=" in h for h in hrefs)


RANK = {"contradicted": 0, "partial": 1, "not_found": 2, "unverifiable": 3, "supported": 4}


def test_worst_claims_come_first_on_the_first_screen(browser, report):
    browser.open(report.as_uri())
    per_article = browser.evaluate("Array.from(document.querySelectorAll('section.article')).map("
                                   "s => Array.from(s.querySelectorAll('.claim')).map(c => c.dataset.verdict))")
    assert [len(cards) for cards in per_article] == [9, 2]
    for cards in per_article:
        assert [RANK[v] for v in cards] == sorted(RANK[v] for v in cards)
    first = browser.evaluate("(() => { const c = document.querySelector('.claim'); const r = c.getBoundingClientRect();"
                             " return [c.dataset.verdict, r.top < window.innerHeight]; })()")
    assert first == ["contradicted", True]  # above the fold, under the summary


def test_per_article_summary_rows_link_to_their_sections(browser, report):
    browser.open(report.as_uri())
    rows = browser.evaluate("Array.from(document.querySelectorAll('#per-article tr')).slice(1).map("
                            "r => Array.from(r.cells).map(c => c.textContent))")
    assert [row[1:] for row in rows] == [["9", "3", "3", "2", "0", "1", "0 of 2"], ["2", "0", "0", "0", "2", "0", "1 of 1"]]
    assert rows[1][0].endswith("hostile.txt")
    browser.evaluate("document.querySelectorAll('#per-article a')[1].click()")
    time.sleep(0.3)
    assert browser.evaluate("location.hash") == "#article-2"
    top, scrolled, height = browser.evaluate("[document.getElementById('article-2').getBoundingClientRect().top,"
                                             " window.scrollY, window.innerHeight]")
    assert scrolled > 0 and 0 <= top < height  # scrolled to the article's section (in view: the page ends below it)
    assert _count(browser, ".claim:not([hidden])") == 11  # following a link filters nothing out
    assert browser.errors() == []
