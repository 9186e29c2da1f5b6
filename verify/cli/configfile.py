"""Settings a newsroom sets once: `claimcheck.toml` and `CLAIMCHECK_*` environment variables.

Read in this order, each overriding the one before: the built-in defaults, `claimcheck.toml` in
the user config directory (`~/.config/claimcheck/` on Linux), `claimcheck.toml` in the current
directory (or instead of both, the file `CLAIMCHECK_CONFIG` names), the `CLAIMCHECK_*`
variables, and last the command line. The values become the parser's defaults, so `--help`
shows what a run will use.

Per-host tables hold a subscriber's headers and cookies; the fetcher sends them only to that
host (verify/fetch/, Settings.hosts), and nothing here ever prints their values.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

FILE_NAME = "claimcheck.toml"
ENV_PREFIX = "CLAIMCHECK_"

# key -> (type, what it is); each also has an environment variable CLAIMCHECK_<KEY>.
SCALARS: dict[str, tuple[type, str]] = {
    "contact": (str, "an e-mail address or URL added to the User-Agent, so a site can reach you"),
    "user_agent": (str, "the whole User-Agent, instead of claimcheck's"),
    "cache": (str, "the HTTP cache file"),
    "timeout": (float, "per-request read timeout in seconds"),
    "per_host": (int, "at most this many requests at once to one host"),
    "delay": (float, "seconds between two requests to the same host"),
    "retries": (int, "retries after a connection error, 5xx or 429"),
}
HOST_KEYS = {"delay": float, "per_host": int, "headers": dict, "cookies": dict}


class ConfigError(ValueError):
    """A config file or variable that cannot be used (the message names it and the problem)."""


@dataclass(frozen=True)
class Config:
    values: dict[str, Any] = field(default_factory=dict)          # SCALARS keys -> value
    hosts: dict[str, dict[str, Any]] = field(default_factory=dict)  # host -> HOST_KEYS -> value
    files: tuple[str, ...] = ()                                     # the files read, in order


def user_config_file() -> Path:
    import platformdirs

    return platformdirs.user_config_path("claimcheck") / FILE_NAME


def load(environ: Mapping[str, str], cwd: Path, user_file: Path | None = None) -> Config:
    """The run's configuration from files and `environ` (see the module's docstring)."""
    values: dict[str, Any] = {}
    hosts: dict[str, dict[str, Any]] = {}
    named = environ.get(ENV_PREFIX + "CONFIG", "")
    if named:
        if not Path(named).is_file():
            raise ConfigError(f"{named}: no such file ({ENV_PREFIX}CONFIG)")
        candidates = [Path(named)]
    else:
        candidates = [user_file or user_config_file(), Path(cwd) / FILE_NAME]
    files = []
    for path in candidates:
        if path.is_file():
            _merge(values, hosts, _read_toml(path.read_bytes(), str(path)), str(path))
            files.append(str(path))
    for key, (kind, _) in SCALARS.items():
        raw = environ.get(ENV_PREFIX + key.upper())
        if raw is not None and raw.strip():
            values[key] = _typed(kind, raw.strip(), f"{ENV_PREFIX}{key.upper()}")
    raw_hosts = environ.get(ENV_PREFIX + "HOSTS", "")
    if raw_hosts.strip():
        _merge(values, hosts, {"hosts": _read_toml(raw_hosts.encode(), f"{ENV_PREFIX}HOSTS")},
               f"{ENV_PREFIX}HOSTS")
    return Config(values, hosts, tuple(files))


def _read_toml(data: bytes, where: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{where}: not valid TOML ({error})") from None


def _merge(values: dict, hosts: dict, doc: dict[str, Any], where: str) -> None:
    for key, value in doc.items():
        if key == "hosts":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: hosts must be a table of host names")
            for host, table in value.items():
                hosts.setdefault(host.strip().lower().rstrip("."), {}).update(_host_table(host, table, where))
        elif key in SCALARS:
            values[key] = _typed(SCALARS[key][0], value, f"{where}: {key}")
        else:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join([*SCALARS, 'hosts'])})")


def _host_table(host: str, table: Any, where: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: hosts.{host!r} must be a table")
    out = {}
    for key, value in table.items():
        if key not in HOST_KEYS:
            raise ConfigError(f"{where}: hosts.{host!r}: unknown setting {key!r} (known: {', '.join(HOST_KEYS)})")
        if HOST_KEYS[key] is dict:
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: hosts.{host!r}.{key} must be a table of strings")
            bad = [k for k, v in value.items() if not _header_safe(k) or not _header_safe(v, value=True)]
            if bad:  # a newline in a header would smuggle a second header (or a request) in
                raise ConfigError(f"{where}: hosts.{host!r}.{key}: {bad[0]!r} has characters a header cannot carry")
            out[key] = dict(value)
        else:
            out[key] = _typed(HOST_KEYS[key], value, f"{where}: hosts.{host!r}.{key}")
    return out


def _header_safe(text: str, value: bool = False) -> bool:
    """Printable ASCII only: a header name is a token, a value has no line breaks."""
    if value:
        return all(ch == "\t" or 0x20 <= ord(ch) < 0x7f for ch in text)
    return bool(text) and all(0x21 <= ord(ch) < 0x7f and ch not in '()<>@,;:\\"/[]?={}' for ch in text)


def _typed(kind: type, value: Any, where: str) -> Any:
    try:
        if kind is str:
            if not isinstance(value, str):
                raise TypeError
            return value
        if isinstance(value, bool):
            raise TypeError
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: expected {'text' if kind is str else 'a number'}, got {value!r}") from None
    if number < 0 or (kind is int and number < 1 and "retries" not in where) or ("timeout" in where and number <= 0):
        raise ConfigError(f"{where}: {value!r} is out of range")
    return number
