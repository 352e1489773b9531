"""What every table shares: its name prefix, endpoint and the client's timeouts.

Imports no model: ``models.py`` builds on this module, and ``models.all_models()`` lists the tables.
"""

from __future__ import annotations

from pynamodb.connection import Connection

from chalicelib.config import get_settings

_settings = get_settings()


class BaseMeta:
    """Connection settings shared by every model's ``Meta``.

    The timeouts are short on purpose: when DynamoDB cannot be reached the API answers
    "unavailable" within a few seconds instead of holding the client for botocore's default minute.
    """

    region = _settings.region
    host = _settings.dynamodb_endpoint
    connect_timeout_seconds = 2
    read_timeout_seconds = 5
    max_retry_attempts = 2
    billing_mode = "PAY_PER_REQUEST"


def table_name(name: str) -> str:
    return f"{_settings.table_prefix}{name}"


_transaction_connection: Connection | None = None


def transaction_connection() -> Connection:
    """The connection transactions go through, with the same settings as the models."""
    global _transaction_connection
    if _transaction_connection is None:
        _transaction_connection = Connection(
            region=BaseMeta.region,
            host=BaseMeta.host,
            connect_timeout_seconds=BaseMeta.connect_timeout_seconds,
            read_timeout_seconds=BaseMeta.read_timeout_seconds,
            max_retry_attempts=BaseMeta.max_retry_attempts,
        )
    return _transaction_connection
