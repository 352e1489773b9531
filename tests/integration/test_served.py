"""Tests through a real HTTP server (``chalice local``): concurrency, a DynamoDB outage, and
schemathesis against the served OpenAPI document."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import boto3

from chalicelib.local_issuer import LocalIssuer
from devstack.dynamodb import REPO_ROOT, DynamoDBLocal, free_port, stop
from tests.integration.conftest import serve_api
from tests.support import Reply, http_call, new_user

CONCURRENT_VOTERS = 20


def in_parallel(calls: list[Callable[[], Reply]]) -> list[Reply]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def stored_vote_items(endpoint: str, idea_id: str) -> int:
    """Count vote items with a plain DynamoDB client, independently of the app's code."""
    client = boto3.client("dynamodb", endpoint_url=endpoint)
    reply = client.query(
        TableName=f"{os.environ['TABLE_PREFIX']}votes",
        KeyConditionExpression="idea_id = :idea",
        ExpressionAttributeValues={":idea": {"S": idea_id}},
        Select="COUNT",
        ConsistentRead=True,
    )
    count: int = reply["Count"]
    return count


def make_idea(base_url: str, issuer: LocalIssuer) -> tuple[str, str]:
    team = new_user(issuer, "product")
    slug = f"served-{free_port()}"
    assert http_call(base_url, "POST", "/products", team.token, {"slug": slug, "name": "Served"}).status == 201
    author = new_user(issuer)
    reply = http_call(
        base_url, "POST", "/ideas", author.token, {"title": "Popular idea", "product": slug, "phase": "design"}
    )
    assert reply.status == 201
    return slug, reply.body["id"]


def test_twenty_users_voting_twice_at_once_count_exactly_twenty(served_api: str, issuer: LocalIssuer) -> None:
    _, idea_id = make_idea(served_api, issuer)
    voters = [new_user(issuer) for _ in range(CONCURRENT_VOTERS)]

    votes = in_parallel([partial(http_call, served_api, "PUT", f"/ideas/{idea_id}/vote", v.token) for v in voters * 2])

    assert [reply.status for reply in votes] == [200] * 2 * CONCURRENT_VOTERS, [r.body for r in votes]
    idea = http_call(served_api, "GET", f"/ideas/{idea_id}").body
    assert idea["vote_count"] == CONCURRENT_VOTERS
    assert stored_vote_items(os.environ["DYNAMODB_ENDPOINT"], idea_id) == CONCURRENT_VOTERS

    unvotes = in_parallel(
        [partial(http_call, served_api, "DELETE", f"/ideas/{idea_id}/vote", v.token) for v in voters * 2]
    )

    assert [reply.status for reply in unvotes] == [200] * 2 * CONCURRENT_VOTERS, [r.body for r in unvotes]
    assert http_call(served_api, "GET", f"/ideas/{idea_id}").body["vote_count"] == 0
    assert stored_vote_items(os.environ["DYNAMODB_ENDPOINT"], idea_id) == 0


def test_dynamodb_outage_gives_503_quickly_and_leaves_nothing_half_written(issuer: LocalIssuer, tmp_path: Path) -> None:
    dynamodb = DynamoDBLocal(free_port(), db_path=tmp_path / "db", log_path=tmp_path / "dynamodb.log")
    api_process = None
    try:
        dynamodb.start()
        env = {**os.environ, "DYNAMODB_ENDPOINT": dynamodb.endpoint}
        subprocess.run([sys.executable, "-m", "devstack.prepare"], cwd=REPO_ROOT, env=env, check=True)
        port = free_port()
        api_process = serve_api(port, env, tmp_path / "chalice.log")
        base_url = f"http://127.0.0.1:{port}"
        slug, idea_id = make_idea(base_url, issuer)
        voters = [new_user(issuer) for _ in range(3)]
        for voter in voters[:2]:
            assert http_call(base_url, "PUT", f"/ideas/{idea_id}/vote", voter.token).status == 200

        dynamodb.stop()
        started = time.monotonic()
        during = [
            http_call(base_url, "PUT", f"/ideas/{idea_id}/vote", voters[2].token),
            http_call(base_url, "DELETE", f"/ideas/{idea_id}/vote", voters[0].token),
            http_call(base_url, "POST", f"/ideas/{idea_id}/comments", voters[2].token, {"body": "Lost?"}),
            http_call(
                base_url,
                "POST",
                "/ideas",
                voters[2].token,
                {"title": "During outage", "product": slug, "phase": "design"},
            ),
            http_call(base_url, "GET", f"/ideas?product={slug}"),
        ]
        elapsed = time.monotonic() - started

        for reply in during:
            assert reply.status == 503, reply.body
            assert reply.body["error"]["code"] == "unavailable"
            assert "Traceback" not in str(reply.body)
        assert elapsed < 60, f"five requests took {elapsed:.1f} s while DynamoDB was down"

        dynamodb.start()
        idea = http_call(base_url, "GET", f"/ideas/{idea_id}", voters[0].token).body
        assert idea["vote_count"] == 2 == stored_vote_items(dynamodb.endpoint, idea_id)
        assert idea["comment_count"] == 0
        assert http_call(base_url, "GET", f"/ideas/{idea_id}/comments").body["items"] == []
        titles = [item["title"] for item in http_call(base_url, "GET", f"/ideas?product={slug}").body["items"]]
        assert titles == ["Popular idea"]
        product = http_call(base_url, "GET", f"/products/{slug}").body
        assert product["idea_counts"]["design"] == 1
        # And it works again.
        assert http_call(base_url, "PUT", f"/ideas/{idea_id}/vote", voters[2].token).body["vote_count"] == 3
    finally:
        if api_process is not None:
            stop(api_process)
        dynamodb.stop()


def test_schemathesis_finds_no_server_error_and_no_response_off_the_document(
    served_api: str, issuer: LocalIssuer, tmp_path: Path
) -> None:
    team = new_user(issuer, "product")
    make_idea(served_api, issuer)
    # chalice local's development HTTP server answers TRACE itself with a 501 before the app
    # sees it (API Gateway refuses it in AWS), so the methods the coverage phase tries
    # leave TRACE out; every other unexpected method still reaches the app.
    (tmp_path / "schemathesis.toml").write_text(
        '[phases.coverage]\nunexpected-methods = ["get", "put", "post", "delete", "options", "patch"]\n'
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{served_api}/openapi.json",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance,response_headers_conformance",
            "--max-examples",
            "25",
            "--seed",
            "20261124",
            "--phases",
            "examples,coverage,fuzzing",
            "--header",
            f"Authorization: Bearer {team.token}",
            "--request-timeout",
            "30",
            "--no-color",
            "--generation-database",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
        check=False,
    )
    report = REPO_ROOT / "test-artifacts" / "schemathesis.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text(result.stdout + result.stderr)
    assert result.returncode == 0, f"see {report}\n" + result.stdout[-6000:] + result.stderr[-2000:]
