"""A raw-socket HTTP server that misbehaves in ways http.server cannot: it trickles headers or a
body a byte at a time, or answers `100 Continue` forever. Each path is one behaviour.

Used by tests/test_fetch_wallclock.py; also runnable on its own to time the CLI against it:
`python tests/hostile_server.py` prints its base URL and serves until Ctrl-C.
"""
from __future__ import annotations

import socket
import threading
import time

from fetch_helpers import PAGE

HEAD_OK = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
# The body the trickled page would have: 289 bytes, as in issue #11's report.
TRICKLED_BODY = (PAGE.encode("utf-8") + b" " * 289)[:289]


class HostileServer:
    """Serves on 127.0.0.1:<free port>; `interval` is the pause between two trickled pieces.

    Paths:
      /trickle-body      headers at once (Content-Length: 289), then the body one byte per interval
      /trickle-headers   a status line, then one header line per interval, never ending
      /continue-endless  `100 Continue` interim responses back to back, never a final one
      /continue-slow     one `100 Continue` per interval, never a final one
      /robots.txt        trickled one byte per interval when `trickle_robots`, else 404
      /page              the fetch tests' PAGE, at once
      anything else      404
    """

    def __init__(self, interval: float = 1.0, trickle_robots: bool = False) -> None:
        self.interval, self.trickle_robots = interval, trickle_robots
        self.stopping = threading.Event()
        self.requests: list[str] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.thread.join(timeout=2)
        self.sock.close()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                data = conn.recv(4096)
                if not data:
                    return
                head += data
            path = head.split(b" ", 2)[1].decode("latin-1")
            self.requests.append(path)
            self._answer(conn, path)
        except OSError:
            pass  # the client gave up: that is what the tests want
        finally:
            conn.close()

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for i in range(len(data)):
            if self.stopping.wait(self.interval):
                return
            conn.sendall(data[i:i + 1])

    def _answer(self, conn: socket.socket, path: str) -> None:
        if path == "/trickle-body":
            conn.sendall(f"{HEAD_OK}Content-Length: {len(TRICKLED_BODY)}\r\n\r\n".encode())
            self._drip(conn, TRICKLED_BODY)
        elif path == "/trickle-headers":
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            n = 0
            while not self.stopping.wait(self.interval):
                n += 1
                conn.sendall(f"X-Trickle-{n}: {n}\r\n".encode())
        elif path == "/continue-endless":
            deadline = time.monotonic() + 600
            while not self.stopping.is_set() and time.monotonic() < deadline:
                conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n" * 64)
        elif path == "/continue-slow":
            while not self.stopping.wait(self.interval):
                conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        elif path == "/robots.txt" and self.trickle_robots:
            body = b"User-agent: *\nDisallow: /private/\n" + b"#" * 300
            conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
                         f"Connection: close\r\n\r\n".encode())
            self._drip(conn, body)
        elif path == "/page":
            body = PAGE.encode("utf-8")
            conn.sendall(f"{HEAD_OK}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        else:
            conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


if __name__ == "__main__":
    import sys

    with HostileServer(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0, trickle_robots=True) as server:
        print(server.base, flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
