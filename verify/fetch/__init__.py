"""Everything that talks to the network or replays it: a URL in, a `model.Page` out.

`Fetcher` fetches politely (per-host limits, robots.txt, retries), through the HTTP cache and
the address guard; `replaying`/`recording` put a vcrpy cassette in place of the network;
`Settings` holds every fetch setting; `find_snapshot` asks the web archive for a dead page.
"""
from .archive import FALLBACK_STATUSES, Snapshot, find_snapshot
from .cassette import CassetteError, recording, replaying
from .config import Settings
from .encoding import EncodingFailure, decode_body
from .fetcher import Fetcher

__all__ = [
    "FALLBACK_STATUSES", "CassetteError", "EncodingFailure", "Fetcher", "Settings", "Snapshot", "decode_body",
    "find_snapshot", "recording", "replaying",
]
