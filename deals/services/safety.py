"""Calling URLs that users give the tracker: only public addresses, vetted before each call.

Webhook deliveries, article pages and news feeds all go through here, so a token owner cannot
make the tracker reach its own network (the database, the metadata service of the cloud it runs
in).
"""

import ipaddress
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

#: Redirects followed from the URL a user gave; each new address is vetted like the first.
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}


class UnsafeTarget(ValueError):
    """A URL the tracker refuses to call: not http(s), or not on the public internet."""


class Unreachable(Exception):
    """A public URL that could not be called: the network, a timeout, a bad certificate."""

    def __init__(self, url: str, error: urllib3.exceptions.HTTPError):
        super().__init__(f"{url} could not be reached: {error}")
        self.url, self.error = url, error
        self.bad_certificate = isinstance(error, urllib3.exceptions.SSLError)


class TooManyRedirects(Exception):
    """A URL whose redirects did not end within MAX_REDIRECTS."""


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


# Global unicast: the only IPv6 space routed on the public internet.
_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
# IPv6 forms that stand for an IPv4 address: each is as public as the address it embeds.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Refused whatever they embed: translators of a local network, retired or tunnelled forms.
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_TEREDO = ipaddress.ip_network("2001::/32")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address stands for, with the name of the form embedding it."""
    if address.ipv4_mapped:
        return "an IPv4-mapped address", address.ipv4_mapped
    if address in _NAT64:
        return "a NAT64 address", ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    if address.sixtofour:
        return "a 6to4 address", address.sixtofour
    return None


def _refusal(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_loopback: bool
) -> str | None:
    if address.is_loopback:
        return None if allow_loopback else "a loopback address"
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            form, ipv4 = embedded
            # Only a mapped address reaches this machine's own loopback; a translator never does.
            reason = _refusal(ipv4, allow_loopback=allow_loopback and ipv4 == address.ipv4_mapped)
            return f"{form} of {reason}" if reason else None
        if address in _NAT64_LOCAL:
            return "a local-use NAT64 address"
        if address in _IPV4_COMPATIBLE and not address.is_unspecified:
            return "an IPv4-compatible address, which is no longer routed"
        if address in _TEREDO:
            return "a Teredo tunnel address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if not address.is_global or address.is_multicast:
        return "an address that is not on the public internet"
    if isinstance(address, ipaddress.IPv6Address) and address not in _GLOBAL_UNICAST:
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


@dataclass(frozen=True)
class Answer:
    """The answer to a GET that was not a redirect, the URL that gave it, and the requests
    it took (one plus the redirects followed)."""

    url: str
    response: urllib3.BaseHTTPResponse
    requests: int


@contextmanager
def public_get(url: str, *, headers: dict[str, str], deadline: float) -> Iterator[Answer]:
    """GET `url` from public addresses only, following redirects, each address vetted again.

    Loopback addresses are allowed only with TRACKER_FETCH_ALLOW_LOOPBACK (development, tests).

    Yields the first answer that is not a redirect, its body unread (stream it); the connection
    is released when the block ends. Raises UnsafeTarget naming the address refused,
    Unreachable, or TooManyRedirects.
    """
    for hop in range(MAX_REDIRECTS + 1):
        try:
            target = check_public_url(url, allow_loopback=settings.TRACKER_FETCH_ALLOW_LOOPBACK)
        except UnsafeTarget as refusal:
            raise UnsafeTarget(f"Refused to fetch {url}: {refusal}") from None
        timeout = max(deadline - time.monotonic(), 0.1)
        try:
            with connection_pool(target, timeout=timeout) as pool:
                response = pool.urlopen(
                    "GET",
                    target.path,
                    headers={
                        "Host": target.host_header,
                        "User-Agent": f"trade-deal-tracker (+{settings.SITE_URL})",
                        **headers,
                    },
                    redirect=False,
                    preload_content=False,
                )
                try:
                    location = response.headers.get("Location")
                    if response.status in _REDIRECTS and location:
                        url = urljoin(url, location)
                        continue
                    yield Answer(url=url, response=response, requests=hop + 1)
                    return
                finally:
                    response.release_conn()
        except urllib3.exceptions.HTTPError as error:
            raise Unreachable(url, error) from None
    raise TooManyRedirects(f"{url} redirects more than {MAX_REDIRECTS} times.")
