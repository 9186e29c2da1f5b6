"""Fetching benchmark: 20 cited pages on 4 local hosts, 200 ms latency each, through the real CLI.

    python -m benchmarks.bench_fetch          (or: python benchmarks/bench_fetch.py)

Prints the wall time of `claimcheck verify` against the sequential sum of latencies and the
bound politeness sets (per host: `delay` between starts, `per_host` at once), first with the
default politeness, then with --delay 0 (the per-host limit alone), then a second run served
from the HTTP cache, which must make zero requests. The hosts are 127.0.0.1-4: one machine,
four host names as far as politeness is concerned. Nothing leaves the machine; the servers stop
at the end.
"""
from __future__ import annotations

import io
import math
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from verify.cli import Environment, main  # noqa: E402
from verify.fetch import Settings  # noqa: E402

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4")
PAGES_PER_HOST = 5
LATENCY = 0.2
BODY = ("<!DOCTYPE html><html lang=\"ja\"><head><title>条約に署名</title></head><body><article>"
        "<h1>条約に署名</h1><p>ロシアとイランは17日、20年間の包括的戦略パートナーシップ条約に署名した。"
        "両国は軍事協力を強化する。</p></article></body></html>").encode()


class Host:
    """One slow server: every answer waits LATENCY seconds; robots.txt is a 404."""

    def __init__(self, address: str) -> None:
        self.requests = 0
        self.lock = threading.Lock()
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                with host.lock:
                    host.requests += 1
                time.sleep(LATENCY)
                found = self.path.startswith("/article/")
                body = BODY if found else b"not found"
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-cache")  # what news sites send
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        address, port = self.httpd.server_address[:2]
        return f"http://{address}:{port}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def write_article(path: Path, urls: list[str]) -> None:
    blocks = "".join(f"見出し{i}\n公開日:2025/01/17\n✅ ロシアとイランが20年間の条約に署名した。\n"
                     f"さらに読む ⇒ニュース出典/画像元: {url}次の文。\n" for i, url in enumerate(urls, 1))
    path.write_text("ロシアとイランの条約\n" + blocks, encoding="utf-8")


def run(article: Path, cache: Path, *options: str) -> float:
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    started = time.perf_counter()
    code = main(["verify", str(article), "--allow-private", "--cache", str(cache), *options], env)
    took = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"claimcheck failed ({code}): {env.stderr.getvalue()}")
    return took


def polite_bound(pages: int, per_host: int, delay: float) -> float:
    """Least time one host's pages can take: robots.txt first, then starts `delay` apart and
    `per_host` at once. Hosts run side by side, so this is also the bound for the run's fetching."""
    spaced = (pages - 1) * delay + LATENCY
    batched = math.ceil(pages / per_host) * LATENCY
    return LATENCY + max(spaced, batched)


def main_bench() -> None:
    hosts = [Host(a) for a in HOSTS]
    try:
        urls = [h.url(f"/article/{i}") for i in range(PAGES_PER_HOST) for h in hosts]
        with tempfile.TemporaryDirectory() as tmp:
            article = Path(tmp) / "article.txt"
            write_article(article, urls)
            sequential = len(urls) * LATENCY
            d = Settings()
            print(f"{len(urls)} pages on {len(hosts)} hosts, {LATENCY * 1000:.0f} ms each; "
                  f"sequential sum of latencies {sequential:.2f} s")
            run(article, Path(tmp) / "warm.sqlite", "--no-archive", "--offline")  # load the tokenizer
            for label, options, per_host, delay in (
                    (f"default politeness (per-host {d.per_host}, delay {d.delay:g} s)", (), d.per_host, d.delay),
                    (f"per-host {d.per_host}, --delay 0", ("--delay", "0"), d.per_host, 0.0)):
                cache = Path(tmp) / f"cache-{len(options)}.sqlite"
                for h in hosts:
                    h.requests = 0
                took = run(article, cache, *options)
                requests = sum(h.requests for h in hosts)
                for h in hosts:
                    h.requests = 0
                again = run(article, cache, *options)
                bound = polite_bound(PAGES_PER_HOST, per_host, delay)
                # The cached run does everything but fetching: the difference is the fetching.
                print(f"  {label}\n"
                      f"    first run   wall {took:5.2f} s, fetching ~{took - again:4.2f} s "
                      f"(politeness bound {bound:4.2f} s, sequential {sequential:4.2f} s); "
                      f"{requests} requests incl. robots.txt\n"
                      f"    second run  wall {again:5.2f} s from the cache; "
                      f"{sum(h.requests for h in hosts)} requests")
    finally:
        for h in hosts:
            h.stop()


if __name__ == "__main__":
    main_bench()
