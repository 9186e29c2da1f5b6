"""Keep cited URLs from reaching addresses they have no business reaching (SSRF).

An article is untrusted input: its URLs could point at the local network, the machine
itself or a cloud metadata service. Two checks, both skipped with Settings.allow_private:

1. `check_url` before every hop (the first URL and each redirect target): scheme and
   resolved addresses, so the refusal names the hop and the address.
2. `GuardedAdapter` at connection time: the socket is opened to an address that was
   checked in the same step, so a DNS answer that changes between (1) and the connect
   (DNS rebinding) cannot slip through. Host header, SNI and certificate checks still use
   the host name: only the socket's destination is pinned.

Under a replayed cassette nothing is resolved or connected (vcrpy answers), so the Fetcher
skips both: a replayed source must never fail on DNS. A recording keeps (1); (2) cannot
apply there, since vcrpy swaps in connection classes of its own.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as _connection

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance metadata endpoints (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba). Most are
# link-local or private anyway; listed so the reason names them.
METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "fd00:ec2::254", "100.100.100.200"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Most specific first: Python counts 0.0.0.0/8 and 240.0.0.0/4 as "private" too.
_KINDS = (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_multicast", "multicast"),
          ("is_unspecified", "unspecified"), ("is_reserved", "reserved"), ("is_private", "private"))


class UnsafeAddress(OSError):
    """A connection was about to be opened to a forbidden address."""


def forbidden(ip: IPAddress) -> str:
    """Why `ip` must not be contacted ("loopback", "cloud metadata", ...), or ""."""
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 reaches the IPv4 host: judge that one.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return forbidden(inner)
    if ip in METADATA:
        return "cloud metadata"
    for attribute, kind in _KINDS:
        if getattr(ip, attribute):
            return kind
    return "" if ip.is_global else "non-public"


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (a literal resolves to itself). Raises socket.gaierror."""
    host = host.strip("[]")
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # Scope ids ("fe80::1%eth0") are not part of the address.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def refusal(host: str, addresses: list[IPAddress]) -> str:
    """"host resolves to 127.0.0.1 (loopback)" for the first forbidden address, or ""."""
    for ip in addresses:
        kind = forbidden(ip)
        if kind:
            shown = host if host.strip("[]") == str(ip) else f"{host} resolves to {ip}"
            return f"{shown} ({kind} address)"
    return ""


def check_url(url: str, allow_private: bool) -> str:
    """Why `url` must not be fetched, or "". A name that does not resolve is not refused here:
    the connection then fails with a DNS error, which is the truer report."""
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
    if allow_private:
        return ""
    try:
        addresses = resolve(host, port or (443 if scheme == "https" else 80))
    except (OSError, UnicodeError):
        return ""
    return refusal(host, addresses)


class _GuardedConnectionMixin:
    """Resolve, check every address, then connect to a checked one (never resolve twice)."""

    def _new_conn(self) -> socket.socket:
        try:
            addresses = resolve(self._dns_host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        reason = refusal(self.host, addresses)
        if reason:
            raise UnsafeAddress(f"refused to connect: {reason}")
        last: OSError | None = None
        for ip in addresses:
            try:
                return _connection.create_connection(
                    (str(ip), self.port), self.timeout, source_address=self.source_address,
                    socket_options=self.socket_options)
            except TimeoutError as exc:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc
            except OSError as exc:
                last = exc
        raise NewConnectionError(self, f"Failed to establish a new connection: {last}") from last


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections refuse forbidden addresses at connect time."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # noqa: ANN002,ANN003 - requests' signature
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
