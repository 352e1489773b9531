"""Real parts for the integration tests: one DynamoDB Local per run, the app in process through
``chalice.test.Client``, and the app served by ``devstack.local_server`` (``chalice local``) for tests that need
HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from chalice.test import Client

from chalicelib.config import LOCAL_AUDIENCE, LOCAL_ISSUER
from chalicelib.local_issuer import LocalIssuer
from devstack.dynamodb import REPO_ROOT, DynamoDBLocal, free_port, stop, wait_for_port
from devstack.lifetime import stops_with_this_process
from tests.conftest import DATA_DIR, DYNAMODB_PORT
from tests.support import Api, User, new_user


@pytest.fixture(scope="session")
def dynamodb() -> Iterator[DynamoDBLocal]:
    with DynamoDBLocal(DYNAMODB_PORT) as instance:
        from chalicelib.store.tables import create_missing_tables

        create_missing_tables()
        yield instance


@pytest.fixture(scope="session")
def api(dynamodb: DynamoDBLocal) -> Iterator[Api]:
    from app import app

    with Client(app, stage_name="local") as client:
        yield Api(client)


@pytest.fixture(scope="session")
def issuer() -> LocalIssuer:
    return LocalIssuer(DATA_DIR, LOCAL_ISSUER, LOCAL_AUDIENCE)


@pytest.fixture
def customer(issuer: LocalIssuer) -> User:
    return new_user(issuer, name="Carmen Cliente")


@pytest.fixture
def product_user(issuer: LocalIssuer) -> User:
    return new_user(issuer, "product", name="Pablo Producto")


@pytest.fixture
def product(api: Api, product_user: User) -> str:
    """A fresh board for each test, so tests never see each other's ideas."""
    slug = f"p-{uuid.uuid4().hex[:12]}"
    reply = api.post("/products", product_user, {"slug": slug, "name": f"Product {slug}"})
    assert reply.status == 201, reply.body
    return slug


def serve_api(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    stage = env.get("STAGE", "local")
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "devstack.local_server", "--port", str(port), "--stage", stage],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=stops_with_this_process(),  # never outlives a killed test run
        )
    wait_for_port(port, process, 60, "the local API server")
    return process


@pytest.fixture(scope="session")
def served_api(dynamodb: DynamoDBLocal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app behind a real HTTP server on the same DynamoDB Local; stopped even if tests fail."""
    port = free_port()
    process = serve_api(port, dict(os.environ), tmp_path_factory.mktemp("served") / "chalice.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
