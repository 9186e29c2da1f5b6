"""Wall-clock limits on requests: when a limit passes, the sockets of its request are shut down.

Socket timeouts bound silence, not duration. A server that sends a 289-byte body one byte a
second, one header line a second, or `100 Continue` forever never stays silent long enough to
trip them (issue #11: 290 s for one page with `--timeout 3`). So each request runs under a
`Limit`: the connections it opens or reuses attach their sockets to it (ssrf.py's connection
classes, through `attach`, in the thread making the request), and one watchdog thread shuts
them down when the limit passes. A blocked read then returns at once with end of file, the
request fails or ends early, and the Fetcher, seeing that the limit fired, names the outcome
(`timeout` for the page's own limit, `deadline` for the run's).
"""
from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Iterator

PAGE, DEADLINE = "page", "deadline"

_current = threading.local()  # the Limit of the request this thread is making, if any


class Limit:
    """A point in time (monotonic) after which a request's sockets are shut down."""

    def __init__(self, at: float, why: str) -> None:
        self.at, self.why = at, why
        self.fired = ""  # PAGE or DEADLINE once the watchdog has acted
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = False

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def attach(self, sock: socket.socket | None) -> None:
        """Shut `sock` down when the limit passes (at once if it has passed)."""
        if sock is None:
            return
        with self._lock:
            if self._done:
                return
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            _shut(sock)

    def fire(self) -> None:
        with self._lock:
            if self._done or self.fired:
                return
            self.fired = self.why
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def release(self) -> None:
        """The request is over: its (perhaps pooled, reused) sockets are no longer watched."""
        with self._lock:
            self._done = True
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    # socket.socket's own shutdown, also for an SSLSocket: it acts on the file descriptor and
    # leaves the TLS object alone, which the reading thread is still using.
    with contextlib.suppress(OSError, ValueError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def current() -> Limit | None:
    """The limit of the request this thread is making, or None."""
    return getattr(_current, "limit", None)


def attach(sock: socket.socket | None) -> None:
    """Put `sock` under the current thread's limit, if it has one (connection classes call this)."""
    limit = current()
    if limit is not None:
        limit.attach(sock)


class _Watchdog:
    """One daemon thread for the process: fires each Limit when its time comes."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Limit]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, limit: Limit) -> None:
        with self._wake:
            heapq.heappush(self._heap, (limit.at, next(self._order), limit))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="fetch-watchdog", daemon=True)
                self._thread.start()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap:
                    self._wake.wait()
                at, _, limit = self._heap[0]
                wait = at - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                heapq.heappop(self._heap)
            limit.fire()  # outside the lock: shutting sockets down may take a moment


_WATCHDOG = _Watchdog()


@contextlib.contextmanager
def limited(seconds: float, deadline_at: float | None = None) -> Iterator[Limit]:
    """Run the block's request under a limit of `seconds` from now, or the run's deadline if
    that comes first. The block sees the Limit: `fired` says whether (and which) it passed."""
    at, why = time.monotonic() + max(0.0, seconds), PAGE
    if deadline_at is not None and deadline_at <= at:
        at, why = deadline_at, DEADLINE
    limit = Limit(at, why)
    outer = current()
    _current.limit = limit
    _WATCHDOG.add(limit)
    try:
        yield limit
    finally:
        limit.release()
        _current.limit = outer
