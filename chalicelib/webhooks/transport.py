"""One HTTP POST to a receiver, refusing private addresses after DNS resolution (SSRF).

The connection goes to the very address that was checked, not to a second resolution of the
name, so a DNS answer that changes between check and connect (rebinding) cannot reach inside.
TLS still verifies the certificate against the host name. Redirects are not followed.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from chalicelib.domain.webhooks import address_is_public

TIMEOUT_SECONDS = 10
MAX_RESPONSE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class RefusedAddress(Exception):
    """The receiver's name resolves to an address webhooks must not reach."""


def resolve(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to: every address of the name must be public (unless allowed)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise RefusedAddress(f"{host} does not resolve")
    if not allow_private:
        for address in addresses:
            if not address_is_public(ipaddress.ip_address(address.split("%")[0])):
                raise RefusedAddress(f"{host} resolves to a non-public address ({address})")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=self._tls)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str], allow_private: bool) -> Outcome:
    """POST ``body``; any failure (refused address, network, timeout) is an outcome, not an error."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        address = resolve(host, port, allow_private)
        connection: http.client.HTTPConnection = (
            _PinnedHTTPSConnection(host, port, address) if secure else _PinnedHTTPConnection(host, port, address)
        )
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read(MAX_RESPONSE_BYTES)
            status = response.status
        finally:
            connection.close()
    except RefusedAddress as error:
        return Outcome(None, str(error))
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, f"{type(error).__name__}: {error}")
    return Outcome(status, None if 200 <= status < 300 else f"HTTP {status}")


def transport_for(allow_private: bool) -> Callable[[str, bytes, dict[str, str]], Outcome]:
    """``post`` bound to the stage's address rule (private addresses only in the local stage)."""

    def send(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
        return post(url, body, headers, allow_private)

    return send
