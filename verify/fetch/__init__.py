"""Everything that talks to the network or replays it: a URL in, a `model.Page` out.

`Fetcher` fetches politely (per-host limits, robots.txt, retries), through the HTTP cache and
the address guard; `replaying`/`recording` put a vcrpy cassette in place of the network;
`Settings` holds every fetch setting; `find_snapshot` asks the web archive for a dead page.
"""
from .archive import FALLBACK_STATUSES, Snapshot, find_snapshot
from .cassette import CassetteError, recording, replaying
from .config import HostRule, Settings, default_user_agent
from .encoding import EncodingFailure, decode_body
from .events import FetchEvent
from .fetcher import Fetcher

__all__ = [
    "FALLBACK_STATUSES", "CassetteError", "EncodingFailure", "FetchEvent", "Fetcher", "HostRule", "Settings",
    "Snapshot", "decode_body", "default_user_agent", "find_snapshot", "recording", "replaying",
]
