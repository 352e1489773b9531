"""Webhook rules: the public events, which URLs may receive them, signatures, retry schedule."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from datetime import datetime, timedelta
from typing import Any, Final
from urllib.parse import urlsplit

from chalicelib.domain.errors import NotFound


class WebhookNotFound(NotFound):
    default_message = "webhook not found"


IDEA_CREATED: Final = "idea.created"
IDEA_STATUS_CHANGED: Final = "idea.status_changed"
IDEA_MERGED: Final = "idea.merged"
COMMENT_CREATED: Final = "comment.created"
CHANGELOG_PUBLISHED: Final = "changelog.published"
EVENTS: Final = (IDEA_CREATED, IDEA_STATUS_CHANGED, IDEA_MERGED, COMMENT_CREATED, CHANGELOG_PUBLISHED)
FORMATS: Final = ("json", "slack")

MAX_URL_LENGTH: Final = 2048
# Deliveries are retried with exponential backoff (30 s, 1 min, 2 min ... capped at an hour)
# for a day; a subscription that has failed for a day is paused.
FIRST_RETRY_SECONDS: Final = 30
MAX_RETRY_SECONDS: Final = 3600
GIVE_UP_AFTER: Final = timedelta(hours=24)
# Names that resolve to the machine itself or to a cloud's metadata service.
_FORBIDDEN_HOSTS: Final = frozenset({"localhost", "metadata", "metadata.google.internal", "instance-data"})


def url_problem(url: str, local_stage: bool) -> str | None:
    """Why ``url`` cannot receive webhooks, or None when it can.

    Outside the local stage only ``https`` to a public host is allowed; the address is checked
    again after DNS resolution at every delivery (``address_is_public``), since a name can point
    anywhere later.
    """
    if len(url) > MAX_URL_LENGTH:
        return f"At most {MAX_URL_LENGTH} characters."
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "Not a valid URL."
    allowed = ("http", "https") if local_stage else ("https",)
    if parts.scheme not in allowed:
        return "Must be an https URL." if not local_stage else "Must be an http or https URL."
    host = parts.hostname
    if not host:
        return "Not a valid URL: the host is missing."
    if parts.username is not None or parts.password is not None:
        return "Must not carry credentials; the signature authenticates each delivery."
    if port == 0:
        return "Not a valid port."
    if local_stage:
        return None
    if host in _FORBIDDEN_HOSTS or host.endswith((".localhost", ".internal", ".local")):
        return "Must be a public host."
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None  # a name: checked after resolution at delivery time
    return None if address_is_public(address) else "Must be a public address."


def address_is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """False for loopback, private, link-local (cloud metadata at 169.254.169.254), shared,
    reserved, multicast and unspecified addresses, also inside IPv4-mapped IPv6."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">``, the ``X-Cocrea-Signature`` header."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    seconds = FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, MAX_RETRY_SECONDS))


def gave_up(first_at: datetime, now: datetime) -> bool:
    return now - first_at >= GIVE_UP_AFTER


def json_body(event: str, at: str, data: dict[str, Any]) -> str:
    return json.dumps({"event": event, "at": at, "data": data}, ensure_ascii=False, separators=(",", ":"))
