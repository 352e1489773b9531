"""What differs between deployments, read from CDK context (``-c key=value`` or ``cdk.json``).

A stage is chosen with ``-c stage=dev`` or ``-c stage=prod``; nothing in the code changes per stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from constructs import Node

STAGES = ("dev", "prod")
_EMAIL = re.compile(r"[^@<>\s]+@([^@<>\s]+\.[^@<>\s]+)")


class SettingsError(ValueError):
    """A context value is missing or malformed; synth stops before building anything."""


@dataclass(frozen=True)
class StageSettings:
    """The deployment-specific values of one stage.

    Attributes
    ----------
    stage
        ``dev`` or ``prod``: picks the block of ``.chalice/config.json`` and names the stack.
    notify_sender
        The ``From`` of notification e-mails, ``Name <address>`` or a bare address.
    sender_domain
        The SES identity that sends them: the sender's domain (verified once with DKIM records).
    alarm_email
        Where alarms are e-mailed; empty means the alarm topic has no subscriber yet.
    topics_schedule
        The nightly job's EventBridge cron expression, in UTC.
    portal_url
        The portal's public URL (the ``PortalUrl`` output of the first deploy, or a custom domain):
        the hosted UI's callback. CloudFront's generated domain cannot be used directly: the API
        behind it must know the app client, so the client cannot depend on the distribution.
    callback_urls
        Further OAuth callback URLs of the web client (a developer's machine).
    """

    stage: str
    notify_sender: str
    sender_domain: str
    alarm_email: str
    topics_schedule: str
    portal_url: str
    callback_urls: tuple[str, ...]

    @property
    def oauth_callbacks(self) -> list[str]:
        """Where the hosted UI may send users back to; Cognito needs at least one."""
        urls = [self.portal_url, *self.callback_urls] if self.portal_url else list(self.callback_urls)
        return urls or ["http://localhost:8000/"]

    @property
    def is_production(self) -> bool:
        return self.stage == "prod"

    @property
    def table_prefix(self) -> str:
        return f"cocrea-{self.stage}-"


def _context(node: Node, key: str, default: str = "") -> str:
    value = node.try_get_context(key)
    return default if value is None else str(value).strip()


def read_settings(node: Node) -> StageSettings:
    """Read and check the stage's context values.

    Raises
    ------
    SettingsError
        For an unknown stage or a sender that is not an e-mail address.
    """
    stage = _context(node, "stage", "dev")
    if stage not in STAGES:
        raise SettingsError(f"-c stage= must be one of {', '.join(STAGES)}, not {stage!r}")
    sender = _context(node, "notify_sender", "Cocrea <no-reply@example.com>")
    match = _EMAIL.search(sender)
    if match is None:
        raise SettingsError(f"-c notify_sender= must contain an e-mail address, not {sender!r}")
    callbacks = tuple(url for url in _context(node, "callback_urls").split(",") if url.strip())
    return StageSettings(
        stage=stage,
        notify_sender=sender,
        sender_domain=match.group(1),
        alarm_email=_context(node, "alarm_email"),
        topics_schedule=_context(node, "topics_schedule", "cron(0 2 * * ? *)"),
        portal_url=_context(node, "portal_url"),
        callback_urls=tuple(url.strip() for url in callbacks),
    )
