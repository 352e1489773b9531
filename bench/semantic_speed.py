# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Speed of GET /search and POST /ideas/similar beside what they cannot avoid, in one run.

Run from the repository root (the API's environment holds the model locally)::

    .venv/bin/python bench/semantic_speed.py [--ideas 600] [--calls 30]

A DynamoDB Local of its own (in memory) holds one product with ``--ideas`` ideas (banking77
test texts), embedded by the worker's code and snapshotted, plus 10 ideas newer than the
snapshot, as between two rewrites. With the model warm, each route is called through
``chalice.test.Client`` and, interleaved, its baseline: embedding the query plus the bare
DynamoDB calls the route makes, issued with botocore (rate window UpdateItem, product GetItem,
the newer vectors Query, BatchGetItem of the ranked ideas). The ratio route/baseline is what
the app adds (ranking, visibility, rendering); the target is at most 1.3.

Then the cold starts, each in a fresh process: importing the API (``import app``, which must not
load the model), and the model's first search (import, load, read the snapshot, rank), the
semantic function's own cold start without Lambda's. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from devstack.dynamodb import DynamoDBLocal, free_port

DATA = REPO_ROOT.parent / "shared" / "bench-data" / "banking77" / "test.csv"
PREFIX = "cocrea-bench-"
TARGET = 1.3
QUERIES = [
    "my card has not arrived yet",
    "no me ha llegado la tarjeta",
    "como altero meu PIN",
    "why was I charged a fee",
    "exchange rate looks wrong",
    "transfer is still pending",
]


def environment(port: int, data_dir: str) -> dict[str, str]:
    return {
        "STAGE": "local",
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{port}",
        "DATA_DIR": data_dir,
        "TABLE_PREFIX": PREFIX,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "OMP_NUM_THREADS": "1",
    }


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "unknown CPU",
    )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def seed(count: int) -> tuple[str, list[str]]:
    from chalicelib.clock import to_storage, utc_now
    from chalicelib.domain.roles import Principal
    from chalicelib.semantic.matching import indexes
    from chalicelib.semantic.snapshots import rebuild
    from chalicelib.semantic.writer import embed_ideas
    from chalicelib.store.ideas import create_idea
    from chalicelib.store.products import create_product
    from chalicelib.store.tables import create_missing_tables

    create_missing_tables()
    slug = f"bench-{uuid.uuid4().hex[:8]}"
    create_product(slug, "Bench bank", "", to_storage(utc_now()))
    with DATA.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][: count + 10]
    author = Principal("bench-author", "Bench Author", "", ("customer",))
    ideas = [create_idea(author, text[:140], "", slug, "design", to_storage(utc_now())) for text in texts]
    for start in range(0, count, 50):
        embed_ideas(ideas[start : min(start + 50, count)], indexes())
    rebuild(slug, indexes().store)
    embed_ideas(ideas[count:], indexes())  # newer than the snapshot: merged from DynamoDB per call
    return slug, [idea.id for idea in ideas]


class Bare:
    """The route's DynamoDB calls with botocore, as directly as they can be made."""

    def __init__(self, endpoint: str, slug: str) -> None:
        import boto3

        self.client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="eu-west-1")
        self.slug = slug

    def calls(self, ranked: list[str]) -> None:
        window = f"bench#{int(time.time() // 60)}"
        self.client.update_item(
            TableName=f"{PREFIX}rate_windows",
            Key={"key": {"S": window}},
            UpdateExpression="ADD calls :one SET expires = :at",
            ExpressionAttributeValues={":one": {"N": "1"}, ":at": {"N": str(int(time.time()) + 600)}},
        )
        self.client.get_item(TableName=f"{PREFIX}products", Key={"slug": {"S": self.slug}})
        self.client.query(
            TableName=f"{PREFIX}idea_vectors",
            IndexName="vectors_by_time",
            KeyConditionExpression="product = :p AND embedded_at >= :t",
            ExpressionAttributeValues={":p": {"S": self.slug}, ":t": {"S": "0"}},
            Limit=10,
        )
        if ranked:
            self.client.batch_get_item(
                RequestItems={f"{PREFIX}ideas": {"Keys": [{"id": {"S": idea_id}} for idea_id in ranked[:100]]}}
            )


def measure(calls: int, slug: str, endpoint: str) -> dict[str, tuple[float, float]]:
    from chalice.test import Client

    from app import app
    from chalicelib.semantic import matching
    from chalicelib.semantic.model import get_model

    model = get_model()
    bare = Bare(endpoint, slug)
    results: dict[str, tuple[list[float], list[float]]] = {"search": ([], []), "similar": ([], [])}
    with Client(app, stage_name="local") as client:
        for i in range(calls + 3):
            query = QUERIES[i % len(QUERIES)]
            ranked_search = [idea_id for idea_id, _ in matching.search(query, [slug], None, 60)]
            ranked_similar = [idea_id for idea_id, _ in matching.similar(query, "", [slug], 15)]
            started = time.perf_counter()
            response = client.http.get(f"/search?q={query.replace(' ', '+')}&product={slug}")
            route_search = time.perf_counter() - started
            assert response.status_code == 200, response.body
            started = time.perf_counter()
            model.queries([query])
            bare.calls(ranked_search)
            base_search = time.perf_counter() - started
            body = json.dumps({"title": query, "product": slug}).encode()
            started = time.perf_counter()
            response = client.http.post("/ideas/similar", body=body, headers={"content-type": "application/json"})
            route_similar = time.perf_counter() - started
            assert response.status_code == 200, response.body
            started = time.perf_counter()
            model.ideas([query])
            bare.calls(ranked_similar)
            base_similar = time.perf_counter() - started
            if i >= 3:  # warm-up calls fill the snapshot cache, like a warm container
                results["search"][0].append(route_search)
                results["search"][1].append(base_search)
                results["similar"][0].append(route_similar)
                results["similar"][1].append(base_similar)
    return {name: (statistics.median(route), statistics.median(base)) for name, (route, base) in results.items()}


def cold(code: str, env: dict[str, str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env={**os.environ, **env}, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=600)
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    port, data_dir = free_port(), tempfile.mkdtemp(prefix="cocrea-semantic-bench-")
    env = environment(port, data_dir)
    os.environ.update(env)
    print(f"machine: {machine()}")
    with DynamoDBLocal(port):
        started = time.perf_counter()
        slug, _ = seed(args.ideas)
        print(f"seeded and embedded {args.ideas + 10} ideas in {time.perf_counter() - started:.1f} s")
        figures = measure(args.calls, slug, env["DYNAMODB_ENDPOINT"])
        print(f"\n{'route':<22} {'route ms':>9} {'baseline ms':>12} {'ratio':>6}  (target <= {TARGET})")
        for name, path in (("search", "GET /search"), ("similar", "POST /ideas/similar")):
            route, base = figures[name]
            print(f"{path:<22} {route * 1000:>9.1f} {base * 1000:>12.1f} {route / base:>6.2f}")
        api = cold("import app", env)
        api_with_model = cold("import app; import chalicelib.semantic.matching", env)
        first = cold(
            "from chalicelib.semantic import matching; "
            f"matching.search('my card has not arrived', ['{slug}'], None, 20)",
            env,
        )
        print("\ncold starts (fresh process, median of 3):")
        print(f"  import app (the API, model not loaded)          {api * 1000:>7.0f} ms")
        print(f"  import app + the semantic package (numpy)       {api_with_model * 1000:>7.0f} ms")
        print(f"  semantic function's first search (load + rank)  {first * 1000:>7.0f} ms")


if __name__ == "__main__":
    main()
