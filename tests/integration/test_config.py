"""Configuration fails closed: an API started without ``STAGE`` is production (no dev issuer, no
published local secrets), and a secret given as an ARN is read from Secrets Manager's HTTP API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chalicelib.local_issuer import LocalIssuer
from devstack.dynamodb import REPO_ROOT, DynamoDBLocal

# Runs the app in a fresh interpreter with the environment it is given, through chalice's test
# client with no project config (so nothing sets STAGE behind the test's back).
PROBE = """
import json, sys
from chalice.test import Client
from app import app
from chalicelib.config import get_settings

token = sys.argv[1]
with Client(app, project_dir=sys.argv[2]) as client:
    replies = {
        "stage": get_settings().stage,
        "dev_token": client.http.post("/dev/token", body=json.dumps({"sub": "x", "name": "X"})).status_code,
        "dev_jwks": client.http.get("/dev/jwks.json").status_code,
        "me_with_local_token": client.http.get("/me", headers={"authorization": "Bearer " + token}).status_code,
    }
print(json.dumps(replies))
"""


def probe(env: dict[str, str], issuer: LocalIssuer, tmp_path: Path) -> dict[str, Any]:
    token = issuer.issue("probe-user", "Probe", groups=["admin"])
    result = subprocess.run(
        [sys.executable, "-c", PROBE, token, str(tmp_path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    replies: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return replies


def test_unset_stage_is_production_and_the_dev_issuer_is_unreachable(
    dynamodb: DynamoDBLocal, issuer: LocalIssuer, tmp_path: Path
) -> None:
    env = {key: value for key, value in os.environ.items() if key != "STAGE"}

    replies = probe(env, issuer, tmp_path)

    assert replies["stage"] == "prod"
    assert replies["dev_token"] == 404
    assert replies["dev_jwks"] == 404
    # A token of the local issuer is worth nothing outside the local stage.
    assert replies["me_with_local_token"] not in (200, 201)


def test_explicit_local_stage_keeps_the_dev_issuer(
    dynamodb: DynamoDBLocal, issuer: LocalIssuer, tmp_path: Path
) -> None:
    replies = probe({**os.environ, "STAGE": "local"}, issuer, tmp_path)

    assert replies == {"stage": "local", "dev_token": 200, "dev_jwks": 200, "me_with_local_token": 200}


# ----------------------------------------------------------------------------- secrets


class SecretsManager:
    """Secrets Manager's GetSecretValue over HTTP (AWS JSON 1.1), holding one secret."""

    def __init__(self, arn: str, value: str) -> None:
        self.arn, self.value = arn, value
        self.calls: list[dict[str, Any]] = []


@pytest.fixture
def secrets_manager() -> Iterator[tuple[SecretsManager, str]]:
    state = SecretsManager("arn:aws:secretsmanager:eu-west-1:123456789012:secret:cursor-AbCdEf", "s3cret-from-sm")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["content-length"])))
            state.calls.append({"target": self.headers["x-amz-target"], **request})
            found = request.get("SecretId") == state.arn
            body = (
                {"ARN": state.arn, "Name": "cursor", "SecretString": state.value, "VersionId": "v1"}
                if found
                else {"__type": "ResourceNotFoundException", "message": "not found"}
            )
            payload = json.dumps(body).encode()
            self.send_response(200 if found else 400)
            self.send_header("content-type", "application/x-amz-json-1.1")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


SECRET_PROBE = """
import json
from chalicelib.config import cursor_secret
first = cursor_secret()
print(json.dumps({"secret": first, "again": cursor_secret()}))
"""


def test_cursor_secret_is_read_once_from_secrets_manager_by_its_arn(
    secrets_manager: tuple[SecretsManager, str],
) -> None:
    state, endpoint = secrets_manager
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"CURSOR_SECRET"}},
        "STAGE": "prod",
        "CURSOR_SECRET_ARN": state.arn,
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": endpoint,
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }

    result = subprocess.run(
        [sys.executable, "-c", SECRET_PROBE], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True
    )

    assert json.loads(result.stdout) == {"secret": "s3cret-from-sm", "again": "s3cret-from-sm"}
    assert state.calls == [{"target": "secretsmanager.GetSecretValue", "SecretId": state.arn}]


def test_production_without_a_cursor_secret_refuses_to_page(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"CURSOR_SECRET", "STAGE"}}
    code = "from chalicelib.config import cursor_secret\ncursor_secret()"

    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True)

    assert result.returncode != 0
    assert "CURSOR_SECRET" in result.stderr
