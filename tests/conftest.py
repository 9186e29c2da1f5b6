"""Shared fixtures. Keep each fixture small and documented; tests never touch the internet."""
from __future__ import annotations

import gzip
import os
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Make `verify` / `claims` importable from a plain checkout run with `.venv/bin/pytest`;
# harmless once the project is installed or pytest's `pythonpath` is configured.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# No handler may hold a test longer than this, whatever delay a route asks for.
MAX_HANDLER_SECONDS = 5.0


@dataclass
class Route:
    """One canned response of the local server."""

    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0          # seconds to wait before answering (capped, cut short at teardown)
    body_delay: float = 0.0     # seconds to wait between the headers and the body (same caps)
    gzip: bool = False          # send the body gzip-compressed with Content-Encoding: gzip
    content_length: bool = True  # False: no Content-Length, body ends when the socket closes
    reset: bool = False         # drop the connection with a TCP RST instead of answering


@dataclass
class Seen:
    """A request the local server received."""

    method: str
    path: str
    headers: dict[str, str]


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1 with routes set per test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.queued: dict[str, list[Route]] = {}  # answers served once each before routes[path]
        self.requests: list[Seen] = []
        self.active = self.peak = 0  # requests being handled now / at most at once
        self.counter = threading.Lock()
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # teardown must not wait for a slow handler
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", *, status: int = 200,
              headers: dict[str, str] | list[tuple[str, str]] | None = None,
              content_type: str | None = "text/html; charset=utf-8", **options: object) -> str:
        """Serve `body` at `path`; return the full URL. `str` bodies are sent as UTF-8."""
        pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        if content_type is not None and not any(k.lower() == "content-type" for k, _ in pairs):
            pairs.insert(0, ("Content-Type", content_type))
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(status=status, body=data, headers=pairs, **options)  # type: ignore[arg-type]
        return self.url(path)

    def sequence(self, path: str, *answers: dict) -> str:
        """Answer successive requests to `path` with each of `answers` (route() keyword
        arguments) in turn; the last one repeats. Returns the URL."""
        routes = []
        for answer in answers:
            self.route(path, **answer)
            routes.append(self.routes[path])
        self.queued[path] = routes[:-1]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """Make `path` redirect to `to` (a path or a full URL)."""
        return self.route(path, status=status, headers={"Location": to}, content_type=None)

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers sleeping in a delay
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=MAX_HANDLER_SECONDS)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = MAX_HANDLER_SECONDS  # socket timeout: a silent client cannot pin a thread

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            with server.counter:
                server.active += 1
                server.peak = max(server.peak, server.active)
            try:
                self._answer()
            finally:
                with server.counter:
                    server.active -= 1

        def _answer(self) -> None:
            server.requests.append(Seen("GET", self.path, dict(self.headers.items())))
            queue = server.queued.get(self.path)
            route = queue.pop(0) if queue else server.routes.get(self.path, Route(status=404, body=b"no route"))
            if route.delay and server.stopping.wait(min(route.delay, MAX_HANDLER_SECONDS)):
                return
            if route.reset:  # linger 0: close() sends RST, the client sees "connection reset"
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
                return
            body = gzip.compress(route.body) if route.gzip else route.body
            try:
                self.send_response(route.status)
                for name, value in route.headers:
                    self.send_header(name, value)
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if route.content_length:
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                if route.body_delay:
                    self.wfile.flush()
                    if server.stopping.wait(min(route.body_delay, MAX_HANDLER_SECONDS)):
                        return
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout tests); nothing to report
                pass

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # keep pytest output clean

    return Handler


@pytest.fixture(autouse=True)
def _no_user_cache_nor_real_archive(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's HTTP cache (the default cache directory is a temp one),
    and none asks the real web archive for a snapshot (the default endpoint is refused as local)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    # Nor the user's claimcheck.toml or CLAIMCHECK_* settings (tests/test_config.py sets its own).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    for name in [n for n in os.environ if n.startswith("CLAIMCHECK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setattr("verify.fetch.config.ARCHIVE_ENDPOINT", "http://127.0.0.1:9/no-archive-in-tests")


@pytest.fixture
def local_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A local HTTP server on 127.0.0.1:<free port>, stopped at teardown."""
    # A proxy from the environment must not intercept requests to the local server.
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def fast_settings():  # noqa: ANN201 - Settings is imported late, after sys.path is set
    """Fetch settings with short timeouts, for tests against the local server."""
    from verify.fetch import Settings

    # No politeness delay and near-instant retry backoff: tests fetch many URLs of one host.
    return Settings(connect_timeout=2.0, read_timeout=2.0, page_timeout=5.0, allow_private=True,
                    delay=0.0, backoff=0.01)
