"""Report files that are never lost: each is written beside its target, synced, then renamed over it.

A run of 10,000 articles ends by writing its reports; Ctrl-C, SIGTERM or a full disk at that
moment must leave the previous report as it was, never a header-only CSV or half a JSON document
(issue #11). rename(2) within one folder replaces a file in one step, so a reader sees the old
report or the new one, nothing between. Paths are also checked before a run starts, so a typo
costs seconds, not a batch.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class UnwritableReport(Exception):
    """A report path that cannot be written (the message names the path and why)."""


def _special(path: Path) -> bool:
    """A device or a pipe (/dev/stdout, /dev/full, a FIFO): written in place, never renamed over."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _target(path: str) -> Path:
    # A symbolic link stays a link: the file it points to is the one replaced.
    return Path(os.path.realpath(path))


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def check_writable(path: str) -> None:
    """UnwritableReport now, before any work, if `path` could not be written at the end.

    Tried for real (a temporary file created and removed in the target's folder): permission
    bits say nothing when running as root, or on a read-only or full file system.
    """
    target = _target(path)
    if target.is_dir():
        raise UnwritableReport(f"{path}: cannot write (is a directory)")
    if _special(target):
        return
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise UnwritableReport(f"{path}: cannot write ({_why(error)})") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)  # keep the permissions of the report replaced
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary path to write the report to; renamed over `path` once written and synced.

    If the body of the `with` raises (an error, Ctrl-C, SIGTERM), or syncing fails (a full
    disk), the temporary file is removed and `path` is left untouched. Raises OSError.
    """
    target = _target(path)
    if _special(target):
        yield str(target)
        return
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(target))
        _sync(temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)


def _sync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)  # a full disk (ENOSPC) or an I/O error shows here, before the rename
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF, errno.EROFS):
            raise
    finally:
        os.close(fd)
