"""Connections a fetch may make: only to public addresses, checked on the socket actually
connected, and all within one deadline for the whole request (redirects and body included).

Checking a URL's host before the request is not enough: the connection resolves the name again
(a DNS answer can change in between), and a slow server can keep a per-read timeout alive for
ever by sending a byte at a time. This httpcore network backend resolves once, refuses non-public
addresses, connects to the address it checked, checks the socket's peer, and gives every connect,
read and write only the time left before the deadline.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from typing import Any

import certifi
import httpcore
import httpx

Resolver = Callable[[str, int], list[str]]
# Prefixes that carry an IPv4 address inside an IPv6 one: NAT64 (RFC 6052 well-known and RFC 8215
# local-use); 6to4 and Teredo are decoded by the ipaddress module itself.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address leads to: mapped, 6to4, Teredo (server and client), NAT64."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    if any(ip in net for net in _NAT64):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _global(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def is_public(address: str) -> bool:
    """True for a globally routable unicast address. An IPv6 address that embeds an IPv4 one
    (mapped, 6to4, Teredo, NAT64) is public only if every embedded address is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner:
            return all(_global(v4) for v4 in inner)
    return _global(ip)


class Refused(httpcore.ConnectError):
    """A connection the guard would not make (non-public address, deadline passed)."""


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self.inner, self.backend = inner, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.backend.time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.backend.time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, self.backend.time_left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls, self.backend)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend with the address check and the whole-request deadline."""

    def __init__(self, resolver: Resolver, timeout: float, allow_private: bool = False) -> None:
        self.resolver, self.allow_private = resolver, allow_private
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout

    def time_left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error(f"timed out after {self.timeout:g} s")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            try:
                addresses = self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        bad = [a for a in addresses if not is_public(a)]
        if bad and not self.allow_private:
            raise Refused(f"refused: {host} resolves to non-public address {bad[0]} (set fetch.allow_private to allow it)")
        last: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, self.time_left(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
                continue
            peer = stream.get_extra_info("socket").getpeername()[0]
            if not self.allow_private and not is_public(peer):  # the address actually connected
                stream.close()
                raise Refused(f"refused: connected to non-public address {peer}")
            return _DeadlineStream(stream, self)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The default verifying TLS context, built once: loading the CA bundle costs tens of
    milliseconds, paid on every fetch otherwise (a watcher polls hundreds of feeds)."""
    return ssl.create_default_context(cafile=certifi.where())


def guarded_transport(resolver: Resolver, timeout: float, allow_private: bool) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through :class:`GuardedBackend`."""
    transport = httpx.HTTPTransport(verify=_tls_context())
    # httpx builds its httpcore pool without a way to pass a network backend; set it on the pool.
    pool = transport._pool
    if not hasattr(pool, "_network_backend"):
        raise RuntimeError("httpcore changed: the fetch guard cannot install its network backend")
    pool._network_backend = GuardedBackend(resolver, timeout, allow_private)
    return transport


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})
