"""Settings read from the environment.

Every stage (``local``, ``dev``, ``prod``) is configured by environment variables set in
``.chalice/config.json`` or by the CDK app, never by editing code.

Configuration fails closed: without ``STAGE`` the API runs as production, so the local token
issuer, its keys and the published local cursor secret are reachable only where ``STAGE=local``
is said explicitly (``make run`` and the tests do). Secrets are never environment values in AWS:
a function is given the ARN of each secret it uses, and reads it from Secrets Manager once per
container, on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

LOCAL_STAGE = "local"
# What an unset STAGE means: the most restrictive stage, never the local one.
DEFAULT_STAGE = "prod"
LOCAL_ISSUER = "cocrea-local-issuer"
LOCAL_AUDIENCE = "cocrea-local"
# Only meaningful on a developer machine: cursors signed with it are not secret anywhere else.
LOCAL_CURSOR_SECRET = "cocrea-local-cursor-secret"  # noqa: S105 - a published dev-only value
DEFAULT_DEV_TOKEN_TTL_SECONDS = 3600
MAX_DEV_TOKEN_TTL_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Settings:
    """The configuration of one running API."""

    stage: str
    table_prefix: str
    dynamodb_endpoint: str | None
    region: str
    jwt_issuer: str | None
    jwt_audience: str | None
    jwks_url: str | None
    data_dir: str
    cursor_secret: str | None
    cursor_secret_arn: str | None
    notify_sender: str
    portal_url: str
    # The Cognito user pool, whose users an erasure deletes (unset in the local stage).
    user_pool_id: str | None = None

    @property
    def is_local(self) -> bool:
        return self.stage == LOCAL_STAGE

    def required(self, name: str) -> str:
        """A setting the caller cannot work without; missing ones fail where they are needed,
        not at import, so that packaging and the job import the app without them."""
        value = getattr(self, name)
        if not value:
            raise ConfigurationError(f"environment variable {name.upper()} must be set in stage {self.stage}")
        return str(value)


class ConfigurationError(RuntimeError):
    """A required setting is missing for this stage."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once per process (a Lambda container keeps them for its lifetime)."""
    stage = os.environ.get("STAGE") or DEFAULT_STAGE
    local = stage == LOCAL_STAGE
    return Settings(
        stage=stage,
        table_prefix=os.environ.get("TABLE_PREFIX", f"cocrea-{stage}-"),
        dynamodb_endpoint=os.environ.get("DYNAMODB_ENDPOINT") or None,
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-1",
        jwt_issuer=os.environ.get("JWT_ISSUER", LOCAL_ISSUER if local else None),
        jwt_audience=os.environ.get("JWT_AUDIENCE", LOCAL_AUDIENCE if local else None),
        jwks_url=None if local else os.environ.get("JWKS_URL"),
        data_dir=os.environ.get("DATA_DIR", ".data"),
        cursor_secret=os.environ.get("CURSOR_SECRET", LOCAL_CURSOR_SECRET if local else None),
        cursor_secret_arn=os.environ.get("CURSOR_SECRET_ARN") or None,
        notify_sender=os.environ.get("NOTIFY_SENDER", "Cocrea <no-reply@cocrea.local>"),
        portal_url=os.environ.get("PORTAL_URL", "http://127.0.0.1:8000"),
        user_pool_id=os.environ.get("USER_POOL_ID") or None,
    )


@lru_cache(maxsize=1)
def cursor_secret() -> str:
    """The key material of page cursors: from Secrets Manager when the function was given the
    secret's ARN (AWS), else from ``CURSOR_SECRET`` (the local stage's published default, tests).
    Read once per container; a function that never lists a page never reads it."""
    settings = get_settings()
    if settings.cursor_secret_arn:
        return read_secret(settings.cursor_secret_arn, settings.region)
    return settings.required("cursor_secret")


def read_secret(arn: str, region: str) -> str:
    """A secret's string from Secrets Manager (boto3 comes with the Lambda runtime)."""
    import boto3

    client = boto3.client("secretsmanager", region_name=region)
    value: str = client.get_secret_value(SecretId=arn)["SecretString"]
    if not value:
        raise ConfigurationError(f"secret {arn} is empty")
    return value
