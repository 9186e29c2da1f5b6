"""Helpers for tests that run the real CLI on hostile input: in-process runs and a time guard."""
from __future__ import annotations

import contextlib
import io
import signal
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*argv: object, stdin: str = "") -> Run:
    """`claimcheck ARGV` in-process with fake streams (not a terminal, no colours)."""
    from verify.cli import Environment, main

    env = Environment(stdin=io.StringIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    code = main([str(a) for a in argv], env)
    return Run(int(code), env.stdout.getvalue(), env.stderr.getvalue())


class TookTooLong(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a generous guard against a quadratic corner coming back.

    Timings belong in benchmarks/; this only turns "the suite hangs for minutes" into a failure.
    """
    def expire(signum, frame):  # noqa: ARG001
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
