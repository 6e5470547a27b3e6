"""Calling URLs that users give the tracker: only public addresses, vetted before each call.

Webhook deliveries and article fetches both go through here, so a token owner cannot make the
tracker reach its own network (the database, the metadata service of the cloud it runs in).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3


class UnsafeTarget(ValueError):
    """A URL the tracker refuses to call: not http(s), or not on the public internet."""


@dataclass(frozen=True)
class Target:
    """A URL taken apart, with the public addresses its host resolved to."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]

    @property
    def host_header(self) -> str:
        default_port = 443 if self.scheme == "https" else 80
        return self.host if self.port == default_port else f"{self.host}:{self.port}"


def _refusal(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_loopback: bool
) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None if allow_loopback else "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if not address.is_global or address.is_multicast:
        return "an address that is not on the public internet"
    return None


def check_public_url(url: str, *, allow_loopback: bool) -> Target:
    """Take a URL apart and refuse it unless every address of its host is public.

    Call it right before connecting, and connect to the addresses it returns: what a name
    resolves to can change between two look-ups.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("Give an http or https URL.")
    if parts.username or parts.password:
        raise UnsafeTarget("Leave credentials out of the URL.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (ValueError, UnicodeError, socket.gaierror, OSError):
        raise UnsafeTarget(f"The host {parts.hostname!r} cannot be resolved.") from None
    addresses = tuple(dict.fromkeys(info[4][0] for info in found))
    for address in addresses:
        reason = _refusal(
            ipaddress.ip_address(address.split("%")[0]), allow_loopback=allow_loopback
        )
        if reason:
            raise UnsafeTarget(f"{parts.hostname} resolves to {reason} ({address}).")
    path = parts.path or "/"
    return Target(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        path=f"{path}?{parts.query}" if parts.query else path,
        addresses=addresses,
    )


def connection_pool(target: Target, *, timeout: float) -> urllib3.HTTPConnectionPool:
    """A pool that connects to the address just vetted, not to whatever the name resolves to
    a moment later; HTTPS still checks the certificate against the host's name."""
    address = target.addresses[0]
    limits = urllib3.Timeout(total=timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            target.port,
            timeout=limits,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    return urllib3.HTTPConnectionPool(address, target.port, timeout=limits, retries=False)
