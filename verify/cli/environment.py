"""What a command runs in: its streams and terminal facts (Environment), and how it ends (ExitStatus).

As in httpie, the Environment is passed into `main(argv, env)`, so tests run the real CLI
in-process with fake streams. Every exit status is documented in docs/usage.md.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import IO, Mapping


class ExitStatus(IntEnum):
    OK = 0            # the run finished (whatever the verdicts, unless --fail-on says otherwise)
    FLAGGED = 1       # --fail-on: some claim got one of the named verdicts
    ERROR = 2         # usage error, unreadable input or cassette, unwritable output
    INTERNAL_ERROR = 3  # claimcheck failed on some claim (it is unverifiable); every other claim reported
    BROKEN_INSTALL = 4  # a library an extractor needs cannot be imported: nothing was run
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (128 + 15), treated like Ctrl-C


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it unwinds as Ctrl-C does: every cleanup that keeps a
    report whole on Ctrl-C keeps it whole on SIGTERM too (a cron job's timeout, a container stop)."""


# What `claimcheck --help` says of each (docs/usage.md says more).
EXIT_MEANINGS = {
    ExitStatus.OK: "the run finished; every claim has a verdict",
    ExitStatus.FLAGGED: "--fail-on: a claim has one of the named verdicts (an editor's supported clears it)",
    ExitStatus.ERROR: "usage or config error, an unreadable input, cassette or --previous file, an unwritable report",
    ExitStatus.INTERNAL_ERROR: "claimcheck failed on a claim (it is unverifiable, its reason says why); the rest is reported",
    ExitStatus.BROKEN_INSTALL: "not installed correctly: an extractor's library cannot be imported (nothing was run)",
    ExitStatus.INTERRUPTED: "interrupted (Ctrl-C)",
    ExitStatus.TERMINATED: "terminated (SIGTERM), handled like Ctrl-C",
}


@dataclass
class Environment:
    """Streams and terminal facts, injectable so tests run the real CLI in-process."""

    stdin: IO = field(default_factory=lambda: sys.stdin)
    stdout: IO = field(default_factory=lambda: sys.stdout)
    stderr: IO = field(default_factory=lambda: sys.stderr)
    stdout_isatty: bool = field(default_factory=lambda: sys.stdout.isatty())
    stderr_isatty: bool = field(default_factory=lambda: sys.stderr.isatty())
    no_color: bool = field(default_factory=lambda: bool(os.environ.get("NO_COLOR")))
    # Where claimcheck.toml and CLAIMCHECK_* variables are looked up (configfile.py).
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    cwd: Path = field(default_factory=Path.cwd)
    user_config: Path | None = None  # the user's claimcheck.toml; None: platformdirs' place
    quiet: bool = False  # -q: errors only (set by main from the options)

    def error(self, message: str) -> None:
        """One line on stderr, always; the message may quote articles, claims and URLs, so no
        control character in it reaches the terminal."""
        self._line(f"error: {message}")

    def warn(self, message: str) -> None:
        """A warning line on stderr, unless -q."""
        if not self.quiet:
            self._line(f"warning: {message}")

    def _line(self, message: str) -> None:
        from ..report import printable  # here: --help and --version never need it

        print(f"claimcheck: {printable(message)}", file=self.stderr)
