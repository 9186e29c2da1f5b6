"""claimcheck's verifier: cited pages fetched, their text extracted, each claim matched, reported.

The stages are the subpackages, imported one way (docs/ARCHITECTURE.md):
cli -> report -> pipeline -> match -> text; sources -> fetch; every stage -> model.
This module holds only what every stage may ask: which version of the project is running.
"""
from __future__ import annotations

import functools

__all__ = ["FALLBACK_VERSION", "package_version"]

FALLBACK_VERSION = "0.1.0"
_DIST_NAME = "claimcheck"


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    """The installed version of the project, or FALLBACK_VERSION when run from a checkout."""
    from importlib import metadata  # only --version and the User-Agent ask

    # Our own distribution, when it is the one that provides `verify`: one small file read.
    # (Every run that fetches asks, for its User-Agent; the scan below reads every installed
    # distribution's file list, ~90 ms.)
    try:
        ours = metadata.distribution(_DIST_NAME)
        if "verify" in (ours.read_text("top_level.txt") or "").split():
            return ours.version
    except Exception:  # not installed, or broken metadata: ask the long way
        pass
    # Ask which installed distribution provides our packages rather than guessing names: a
    # guess like "verify" could match an unrelated PyPI project. An uninstalled checkout
    # has no metadata at all, which is normal during development.
    try:
        providers = metadata.packages_distributions()
    except Exception:  # a broken site-packages entry must not stop a run
        providers = {}
    names = [*providers.get("verify", ()), *providers.get("claims", ()), _DIST_NAME]
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return FALLBACK_VERSION
