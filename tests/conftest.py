"""Test-wide settings. The store modules bind to DynamoDB when imported, so the environment of
the local stage (with a DynamoDB Local port of this run's own) is set here, before any import."""

from __future__ import annotations

import os
import tempfile

from devstack.dynamodb import free_port

DYNAMODB_PORT = free_port()
DATA_DIR = tempfile.mkdtemp(prefix="cocrea-test-")

os.environ.update(
    STAGE="local",
    DYNAMODB_ENDPOINT=f"http://127.0.0.1:{DYNAMODB_PORT}",
    DATA_DIR=DATA_DIR,
    TABLE_PREFIX="cocrea-test-",
    AWS_ACCESS_KEY_ID="local",
    AWS_SECRET_ACCESS_KEY="local",
    AWS_DEFAULT_REGION="eu-west-1",
)
