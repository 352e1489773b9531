"""Where messages go: Amazon SES in AWS, ``.eml`` files in the local stack."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol


class Sender(Protocol):
    def send(self, message: EmailMessage, key: str) -> None:
        """Send ``message``; ``key`` names the (notice, user) pair, unique per message."""


class OutboxSender:
    """Writes each message to ``outbox/<key>.eml``; the same key overwrites, never duplicates."""

    def __init__(self, outbox: Path) -> None:
        self.outbox = outbox

    def send(self, message: EmailMessage, key: str) -> None:
        self.outbox.mkdir(parents=True, exist_ok=True)
        final = self.outbox / f"{key}.eml"
        partial = self.outbox / f".{key}.eml.partial"
        partial.write_bytes(message.as_bytes())
        os.replace(partial, final)  # a reader never sees half a message


class SesSender:
    """Amazon SES v2; the client is created on first use so that importing costs nothing."""

    def __init__(self, client: Any = None) -> None:
        self._client = client

    def send(self, message: EmailMessage, key: str) -> None:
        if self._client is None:
            import boto3

            self._client = boto3.client("sesv2")
        self._client.send_email(Content={"Raw": {"Data": message.as_bytes()}})
