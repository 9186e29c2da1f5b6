"""Report files that are never half written: each is written beside its target, then renamed
over it once complete.

A report written as results arrive is open for the whole run; Ctrl-C, SIGTERM or a failed
write in the middle must leave the previous report at that path as it was. rename(2) within one
folder replaces a file in one step, so a reader sees the old report or the new one.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _target(path: str) -> Path:
    return Path(os.path.realpath(path))  # a symbolic link stays a link: its target is replaced


def _special(target: Path) -> bool:
    """A device or a pipe (/dev/stdout, a FIFO): written in place, never renamed over."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary path to write the report to, renamed over `path` when the body ends; if the
    body raises, the temporary file is removed and `path` is left untouched. Raises OSError
    at once when `path`'s folder cannot be written."""
    target = _target(path)
    if _special(target):
        yield str(target)
        return
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield temporary
        try:
            mode = stat.S_IMODE(target.stat().st_mode)  # keep the permissions of the report replaced
        except OSError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
