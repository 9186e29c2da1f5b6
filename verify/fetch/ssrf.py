"""Keep cited URLs from reaching addresses they have no business reaching (SSRF).

An article is untrusted input: its URLs could point at the local network, the machine
itself or a cloud metadata service. Two checks:

1. `check_url` before every hop (the first URL and each redirect target): scheme and
   resolved addresses, so the refusal names the hop and the address.
2. The connection classes of `GuardedAdapter`, at connection time: the socket is opened to an
   address that was checked in the same step, so a DNS answer that changes between (1) and
   the connect (DNS rebinding) cannot slip through. Host header, SNI and certificate checks
   still use the host name (IDNA-encoded by requests): only the socket's destination is pinned.

`Settings.allow_private` (tests against a local server) lets loopback and private addresses
through, never link-local ones nor cloud metadata endpoints, which hand out credentials: those
stay refused whatever the flag, by address and by name (metadata.google.internal).

The same connection classes put every socket under the request's wall-clock limit
(wallclock.py) and bound name lookups by it. Under a replayed cassette nothing is resolved or
connected (vcrpy answers), so the Fetcher checks names only; a recording keeps (1) and cannot
have (2), since vcrpy swaps in connection classes of its own.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as _connection

from . import wallclock

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance metadata endpoints (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba). Most are
# link-local or private anyway; listed so the reason names them.
METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "fd00:ec2::254", "100.100.100.200"))
# Names of metadata services, refused before any lookup (a proxy would resolve them for us).
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata", "instance-data"})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Most specific first: Python counts 0.0.0.0/8 and 240.0.0.0/4 as "private" too.
_KINDS = (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_multicast", "multicast"),
          ("is_unspecified", "unspecified"), ("is_reserved", "reserved"), ("is_private", "private"))


class UnsafeAddress(OSError):
    """A connection was about to be opened to a forbidden address."""


def forbidden(ip: IPAddress, allow_private: bool = False) -> str:
    """Why `ip` must not be contacted ("loopback", "cloud metadata", ...), or "".

    With `allow_private` only what is refused whatever the flag: cloud metadata endpoints and
    link-local addresses (169.254.0.0/16 holds AWS ECS/EKS and other clouds' credential services).
    """
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 reaches the IPv4 host: judge that one.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return forbidden(inner, allow_private)
    if ip in METADATA:
        return "cloud metadata"
    if ip.is_link_local:
        return "link-local"
    if allow_private:
        return ""
    for attribute, kind in _KINDS:
        if getattr(ip, attribute):
            return kind
    return "" if ip.is_global else "non-public"


def ascii_host(host: str) -> str:
    """`host` as DNS and requests know it: IDNA (UTS 46) for an internationalised name.
    Raises UnicodeError when it cannot be encoded."""
    host = host.strip("[]")
    if host.isascii():
        return host.lower()
    import idna  # requests' own IDNA codec, so we resolve exactly the name it will connect to

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise UnicodeError(f"host name {host!r} cannot be IDNA-encoded ({exc})") from None


def resolve(host: str, port: int, within: float | None = None) -> list[IPAddress]:
    """Every address `host` resolves to (a literal resolves to itself). Raises socket.gaierror,
    or TimeoutError when the lookup takes longer than `within` seconds."""
    host = host.strip("[]")
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = _lookup(ascii_host(host), port, within)
    # Scope ids ("fe80::1%eth0") are not part of the address.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def _lookup(host: str, port: int, within: float | None) -> list:
    """socket.getaddrinfo, given up on after `within` seconds: the resolver cannot be interrupted,
    so it runs in a daemon thread that is left to finish on its own."""
    if within is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    outcome: list = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome.append(exc)
        done.set()

    threading.Thread(target=run, name="dns", daemon=True).start()
    if not done.wait(max(0.0, within)):
        raise TimeoutError(f"looking up {host} took longer than {within:g} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def refusal(host: str, addresses: list[IPAddress], allow_private: bool = False) -> str:
    """"host resolves to 127.0.0.1 (loopback)" for the first forbidden address, or ""."""
    if metadata_host(host):
        return f"{host} (cloud metadata host name)"
    for ip in addresses:
        kind = forbidden(ip, allow_private)
        if kind:
            shown = host if host.strip("[]") == str(ip) else f"{host} resolves to {ip}"
            return f"{shown} ({kind} address)"
    return ""


def metadata_host(host: str) -> bool:
    return host.strip("[]").rstrip(".").lower() in METADATA_HOSTS


def check_url(url: str, allow_private: bool, resolve_names: bool = True, within: float | None = None) -> str:
    """Why `url` must not be fetched, or "". A name that does not resolve (in `within` seconds)
    is not refused here: the connection then fails with a DNS error, which is the truer report.
    Without `resolve_names` (a replay) only the scheme, the host name and a literal address are
    judged."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        return f"invalid URL ({' '.join(str(exc).split())[:160]})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
    if not host:
        return "no host in URL"
    try:
        name = ascii_host(host)
    except UnicodeError as exc:
        return f"invalid URL ({exc})"
    if metadata_host(name):
        return refusal(name, [], allow_private)
    if not resolve_names:
        try:
            return refusal(host, [ipaddress.ip_address(name)], allow_private)
        except ValueError:
            return ""
    try:
        addresses = resolve(name, port or (443 if scheme == "https" else 80), within)
    except (OSError, UnicodeError):
        return ""
    return refusal(host, addresses, allow_private)


class _GuardedConnectionMixin:
    """Resolve, check every address, then connect to a checked one (never resolve twice); every
    socket goes under the request's wall-clock limit, and lookups and connects end with it."""

    allow_private = False

    def _new_conn(self) -> socket.socket:
        try:
            addresses = resolve(self._dns_host, self.port, _within(None))
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, str(exc)) from exc
        reason = refusal(self.host, addresses, self.allow_private)
        if reason:
            raise UnsafeAddress(f"refused to connect: {reason}")
        last: OSError | None = None
        for ip in addresses:
            try:
                sock = _connection.create_connection(
                    (str(ip), self.port), _within(self.timeout), source_address=self.source_address,
                    socket_options=self.socket_options)
            except TimeoutError as exc:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc
            except OSError as exc:
                last = exc
                continue
            wallclock.attach(sock)
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {last}") from last

    def request(self, method, url, body=None, headers=None, **kwargs):  # noqa: ANN001,ANN003,ANN201
        # A connection reused from the pool was opened under an earlier request's limit.
        wallclock.attach(self.sock)
        return super().request(method, url, body, headers, **kwargs)


def _within(timeout: float | None) -> float | None:
    """`timeout`, shortened to what is left of the current request's wall-clock limit."""
    limit = wallclock.current()
    if limit is None:
        return timeout
    left = max(0.001, limit.remaining())
    return left if not isinstance(timeout, (int, float)) else min(timeout, left)


def _pool_classes(allow_private: bool) -> dict[str, type]:
    attrs = {"allow_private": allow_private}
    http = type("GuardedHTTPConnection", (_GuardedConnectionMixin, HTTPConnection), attrs)
    https = type("GuardedHTTPSConnection", (_GuardedConnectionMixin, HTTPSConnection), attrs)
    return {"http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https})}


_POOLS = {flag: _pool_classes(flag) for flag in (False, True)}


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections refuse forbidden addresses at connect time and live
    under the wall-clock limit of their request."""

    def __init__(self, allow_private: bool = False, **kwargs) -> None:  # noqa: ANN003 - HTTPAdapter's
        self.allow_private = allow_private
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:  # noqa: ANN002,ANN003 - requests' signature
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS[self.allow_private])
