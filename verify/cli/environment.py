"""What a command runs in: its streams and terminal facts (Environment), and how it ends (ExitStatus).

As in httpie, the Environment is passed into `main(argv, env)`, so tests run the real CLI
in-process with fake streams. Every exit status is documented in docs/usage.md.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import IntEnum
from typing import IO


class ExitStatus(IntEnum):
    OK = 0            # the run finished (whatever the verdicts, unless --fail-on says otherwise)
    FLAGGED = 1       # --fail-on: some claim got one of the named verdicts
    ERROR = 2         # usage error, unreadable input or cassette, unwritable output
    INTERRUPTED = 130  # Ctrl-C


@dataclass
class Environment:
    """Streams and terminal facts, injectable so tests run the real CLI in-process."""

    stdin: IO = field(default_factory=lambda: sys.stdin)
    stdout: IO = field(default_factory=lambda: sys.stdout)
    stderr: IO = field(default_factory=lambda: sys.stderr)
    stdout_isatty: bool = field(default_factory=lambda: sys.stdout.isatty())
    stderr_isatty: bool = field(default_factory=lambda: sys.stderr.isatty())
    no_color: bool = field(default_factory=lambda: bool(os.environ.get("NO_COLOR")))

    def error(self, message: str) -> None:
        print(f"claimcheck: error: {message}", file=self.stderr)
