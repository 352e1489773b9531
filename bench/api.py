# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Latency, import time and package size of the API, each beside a baseline measured in the same run.

Run from the repository root (``make bench`` does the same)::

    .venv/bin/python bench/api.py

1. Routes: every route through ``chalice.test.Client`` against a DynamoDB Local that this script
   starts (in memory, on a free port) and seeds, interleaved with the bare DynamoDB calls that the
   route makes, issued directly with a botocore client configured like PynamoDB's. The ratio
   route/bare is the price of the app's own work: Chalice, validation, JWT, PynamoDB, rendering.
2. Import: fresh ``python -c "import app"`` processes beside a bare Chalice app that imports boto3.
3. Package: the deployment zip that ``chalice package --stage dev`` builds.

The machine is noisy, so only ratios to a baseline of the same run mean anything. Targets are
printed beside the figures and never asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.
from chalicelib.clock import parse_stored, to_storage, utc_now
from chalicelib.config import LOCAL_AUDIENCE, LOCAL_ISSUER
from chalicelib.domain.ideas import TREND_WEIGHT, VOTE_WEIGHT
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import LANGUAGES, PHASES
from chalicelib.local_issuer import LocalIssuer
from devstack.dynamodb import DynamoDBLocal, free_port

if TYPE_CHECKING:
    from chalicelib.store.models import IdeaModel

TABLE_PREFIX = "cocrea-bench-"
REGION = "eu-west-1"
ROUTE_TARGET = 1.3
IMPORT_TARGET = 1.3
ZIP_TARGET_MB = 10.0
BYTES_PER_MB = 1024 * 1024
PAGE_LIMIT = 20
BATCH_GET_LIMIT = 100
BARE_APP = 'import boto3\nfrom chalice import Chalice\n\napp = Chalice(app_name="bare")\n'
# `chalice package` imports the app with the stage's environment (STAGE=dev), where the settings
# are read at import time and must be present; placeholders do for building the zip.
PACKAGE_SETTINGS = {
    "AWS_DEFAULT_REGION": REGION,
    "JWT_ISSUER": "https://cognito-idp.eu-west-1.amazonaws.com/placeholder",
    "JWT_AUDIENCE": "placeholder",
    "JWKS_URL": "https://cognito-idp.eu-west-1.amazonaws.com/placeholder/.well-known/jwks.json",
    "CURSOR_SECRET": "placeholder",
}
WORDS = ("export", "dashboard", "offline", "sync", "invoices", "webhook", "search", "report", "sensor", "billing")
IDEA_BODY = "Let us export every report to CSV and schedule it weekly, so that the team stops copying tables. " * 3
PRODUCTS = ("bench-board", "bench-mobile", "bench-sensors", "bench-billing", "bench-install")
PRODUCT_DESCRIPTION = "A board made by the benchmark, with a description of realistic length."
COMMENT_BODY = "Same here: we need this before the next audit, it would save us a day every month."

Step = Callable[[int], None]


class BenchError(RuntimeError):
    """A route answered something other than what the benchmark expects."""


# ----------------------------------------------------------------------------- environment


def bench_environment(dynamodb_port: int, data_dir: str) -> dict[str, str]:
    """The local stage's settings, pointed at this run's own DynamoDB Local and data directory."""
    return {
        "STAGE": "local",
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{dynamodb_port}",
        "DATA_DIR": data_dir,
        "TABLE_PREFIX": TABLE_PREFIX,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": REGION,
    }


def machine_description() -> str:
    """CPU model, core count and Python version: the figures mean little without them."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


# ----------------------------------------------------------------------------- statistics


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``fraction`` of them at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU milliseconds of one run of something."""

    wall_ms: float
    cpu_ms: float


def timed(action: Callable[[], object]) -> Timing:
    """How long ``action`` takes, and how much CPU this thread spends on it.

    CPU time is what the other processes on a shared machine cannot inflate (much): it tells
    the app's own work from waiting for DynamoDB Local or for a core.
    """
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    return Timing((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000)


def children_cpu_seconds() -> float:
    """User and system CPU seconds of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A pipe table, aligned for the terminal and ready to paste into Markdown."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)) + " |"
        for line in lines
    )


def verdict(value: float, limit: float, strict: bool = False) -> str:
    """``met`` or ``NOT met`` for a figure against its upper limit."""
    return "met" if (value < limit if strict else value <= limit) else "NOT met"


# ----------------------------------------------------------------------------- DynamoDB call log


def describe_call(operation: str, params: dict[str, Any]) -> str:
    """An operation as the tables print it; ``(c)`` marks a strongly consistent read."""
    return f"{operation}(c)" if params.get("ConsistentRead") else operation


def summarize_calls(calls: Sequence[str]) -> str:
    """``GetItem(c) + TransactWriteItems + Queryx8``: runs of one operation are counted."""
    runs: list[list[Any]] = []
    for call in calls:
        if runs and runs[-1][0] == call:
            runs[-1][1] += 1
        else:
            runs.append([call, 1])
    return " + ".join(name if count == 1 else f"{name}x{count}" for name, count in runs) or "none"


class CallLog:
    """The DynamoDB operations that watched botocore clients issue while a capture is open."""

    def __init__(self) -> None:
        self._calls: list[str] | None = None

    def watch(self, client: Any) -> None:
        """Record the calls of ``client`` (a botocore DynamoDB client) from now on."""
        client.meta.events.register("provide-client-params.dynamodb", self._record)

    def _record(self, params: dict[str, Any], event_name: str, **_: Any) -> None:
        """botocore's ``provide-client-params`` hook: note the operation while capturing."""
        if self._calls is not None:
            self._calls.append(describe_call(event_name.rsplit(".", 1)[-1], params))

    @contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Collect the calls made inside the ``with`` block into the yielded list."""
        calls: list[str] = []
        self._calls = calls
        try:
            yield calls
        finally:
            self._calls = None


def watch_app_clients(log: CallLog) -> None:
    """Watch the botocore clients behind every PynamoDB model and the transaction connection."""
    from chalicelib.store.base import all_models, transaction_connection

    for model in all_models():
        log.watch(model._get_connection().connection.client)
    log.watch(transaction_connection().client)


# ----------------------------------------------------------------------------- seeded data


@dataclass(frozen=True)
class BenchUser:
    """A user with a token really signed by the local issuer."""

    id: str
    name: str
    headers: dict[str, str]


@dataclass(frozen=True)
class World:
    """What the seed wrote and what the cases act on."""

    product: str
    ideas: list[str]
    authored: list[str]
    discussed: str
    votes: int
    comments: int
    reader: BenchUser
    author: BenchUser
    poster: BenchUser
    product_manager: BenchUser
    route_voters: list[BenchUser]
    bare_voters: list[str]

    def describe(self) -> str:
        """A line that says how much data the routes run against."""
        return (
            f"Seeded through the store: {len(PRODUCTS)} products, {len(self.ideas)} ideas on '{self.product}' "
            f"(created over 60 days), {self.votes} votes, {self.comments} comments."
        )


def new_user(issuer: LocalIssuer, subject: str, name: str, *groups: str) -> BenchUser:
    """A user and its bearer headers."""
    token = issuer.issue(subject, name, groups=list(groups))
    return BenchUser(subject, name, {"authorization": f"Bearer {token}", "content-type": "application/json"})


def sentence(rng: random.Random, words: int) -> str:
    """Filler text of ``words`` words, so that items have a realistic size."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def seed(rng: random.Random, data_dir: str, idea_count: int, voters_needed: int) -> World:
    """One product board with ``idea_count`` ideas, votes spread over their lives, and comments.

    Written through the store's own functions (transactions, counters, history). The first
    ``PAGE_LIMIT`` ideas belong to the author, whose edits are measured; the first idea gets a
    page and a half of comments; the reader votes for a quarter of the ideas and comments on
    some, so that its ``voted`` batch reads and its profile counts find items.
    """
    from chalicelib.store import ideas as idea_store
    from chalicelib.store.products import create_product

    issuer = LocalIssuer(data_dir, LOCAL_ISSUER, LOCAL_AUDIENCE)
    now = utc_now()
    for slug in PRODUCTS:
        create_product(slug, slug.replace("-", " ").title(), PRODUCT_DESCRIPTION, to_storage(now - timedelta(days=90)))
    reader = new_user(issuer, "bench-reader", "Rita Reader")
    author = new_user(issuer, "bench-author", "Arturo Autor")
    customers = [Principal(f"bench-customer-{n:02}", f"Customer {n}", "", ("customer",)) for n in range(60)]
    writers = [Principal(author.id, author.name, "", ("customer",)), *customers[:10]]
    commenters = [*customers, Principal(reader.id, reader.name, "", ("customer",))]
    ideas: list[str] = []
    authored: list[str] = []
    votes = comments = 0
    for position in range(idea_count):
        writer = writers[0] if position < PAGE_LIMIT else rng.choice(writers)
        created = now - timedelta(days=rng.uniform(0, 60))
        phase = PHASES[position % len(PHASES)]
        idea = idea_store.create_idea(
            writer, sentence(rng, 8), sentence(rng, 50), PRODUCTS[0], phase, to_storage(created)
        )
        ideas.append(idea.id)
        if writer.id == author.id:
            authored.append(idea.id)
        voters = rng.sample([customer.id for customer in customers], min(len(customers), int(rng.paretovariate(1.0))))
        votes += add_votes(rng, idea, [*voters, reader.id] if position % 4 == 0 else voters)
        comments += add_comments(rng, idea, commenters, 30 if position == 0 else rng.randint(0, 3))
    return World(
        product=PRODUCTS[0],
        ideas=ideas,
        authored=authored,
        discussed=ideas[0],
        votes=votes,
        comments=comments,
        reader=reader,
        author=author,
        poster=new_user(issuer, "bench-poster", "Paula Poster"),
        product_manager=new_user(issuer, "bench-product", "Pedro Producto", "product"),
        route_voters=[new_user(issuer, f"bench-route-voter-{n}", f"Route Voter {n}") for n in range(voters_needed)],
        bare_voters=[f"bench-bare-voter-{n}" for n in range(voters_needed)],
    )


def moment_since(rng: random.Random, created: str) -> datetime:
    """A random moment between ``created`` (a stored timestamp) and now."""
    start = parse_stored(created)
    return start + (utc_now() - start) * rng.random()


def add_votes(rng: random.Random, idea: IdeaModel, voters: list[str]) -> int:
    """Each voter votes for ``idea`` at a random moment of its life; returns the number of votes."""
    from chalicelib.store.votes import add_vote

    for voter in voters:
        add_vote(idea.id, voter, moment_since(rng, idea.created_at))
    return len(voters)


def add_comments(rng: random.Random, idea: IdeaModel, commenters: list[Principal], count: int) -> int:
    """``count`` comments on ``idea`` by random commenters; returns ``count``."""
    from chalicelib.store.comments import create_comment

    for _ in range(count):
        at = to_storage(moment_since(rng, idea.created_at))
        create_comment(idea, rng.choice(commenters), sentence(rng, 25), at)
    return count


# ----------------------------------------------------------------------------- bare DynamoDB calls


def string(value: str) -> dict[str, Any]:
    """A DynamoDB string value."""
    return {"S": value}


def number(value: int) -> dict[str, Any]:
    """A DynamoDB number value."""
    return {"N": str(value)}


def boolean(value: bool) -> dict[str, Any]:
    """A DynamoDB boolean value."""
    return {"BOOL": value}


def new_id() -> str:
    """An id shaped like the store's (32 hex characters)."""
    return uuid.uuid4().hex


class BareCalls:
    """The DynamoDB calls of each route, issued directly with a botocore client, nothing else.

    Every request carries the same parameters as PynamoDB's (``ReturnConsumedCapacity`` included)
    and writes items of the same shape, so the route's extra time is the app's own work.
    """

    def __init__(self, client: Any, world: World) -> None:
        self._client = client
        self._world = world

    def _table(self, name: str) -> str:
        """The full name of a table of this run."""
        return f"{TABLE_PREFIX}{name}"

    def _get(self, table: str, key: dict[str, Any], consistent: bool = False) -> dict[str, Any]:
        """GetItem; returns the item."""
        response: dict[str, Any] = self._client.get_item(
            TableName=self._table(table), Key=key, ConsistentRead=consistent, ReturnConsumedCapacity="TOTAL"
        )
        item: dict[str, Any] = response["Item"]
        return item

    def _query_page(self, limit: int, **params: Any) -> list[dict[str, Any]]:
        """Up to ``limit + 1`` items (the page and its look-ahead), as ``read_page`` reads them."""
        items: list[dict[str, Any]] = []
        while len(items) <= limit:
            response = self._client.query(Limit=limit + 1, ReturnConsumedCapacity="TOTAL", **params)
            items.extend(response["Items"])
            if "LastEvaluatedKey" not in response:
                break
            params["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return items[: limit + 1]

    def _query_all(self, **params: Any) -> list[dict[str, Any]]:
        """Every item a Query finds, page after page."""
        items: list[dict[str, Any]] = []
        while True:
            response = self._client.query(ReturnConsumedCapacity="TOTAL", **params)
            items.extend(response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return items
            params["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def _count(self, table: str, index: str, attribute: str, value: str) -> None:
        """A COUNT Query of one index partition, as PynamoDB's ``Index.count``."""
        self._query_all(
            TableName=self._table(table),
            IndexName=index,
            KeyConditionExpression="#0 = :0",
            Select="COUNT",
            ExpressionAttributeNames={"#0": attribute},
            ExpressionAttributeValues={":0": string(value)},
        )

    def _batch_get(self, table: str, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """BatchGetItem in chunks of 100 keys, retrying unprocessed keys."""
        items: list[dict[str, Any]] = []
        for start in range(0, len(keys), BATCH_GET_LIMIT):
            request: dict[str, Any] = {self._table(table): {"Keys": keys[start : start + BATCH_GET_LIMIT]}}
            while request:
                response = self._client.batch_get_item(RequestItems=request, ReturnConsumedCapacity="TOTAL")
                items.extend(response["Responses"].get(self._table(table), []))
                request = response.get("UnprocessedKeys") or {}
        return items

    def _voted(self, user_id: str, ideas: list[dict[str, Any]]) -> None:
        """The ``voted`` flags of a signed-in reader: one BatchGetItem of vote keys."""
        keys = [{"idea_id": idea["id"], "user_id": string(user_id)} for idea in ideas]
        if keys:
            self._batch_get("votes", keys)

    def _transact(self, *items: dict[str, Any]) -> None:
        """TransactWriteItems."""
        self._client.transact_write_items(TransactItems=list(items), ReturnConsumedCapacity="TOTAL")

    def _history(
        self, item_id: str, actor: BenchUser, action: str, at: str, **changes: dict[str, str]
    ) -> dict[str, Any]:
        """The Put of a history event, with its ``before``/``after`` maps."""
        item = {
            "item_id": string(item_id),
            "position": string(f"{at}#{new_id()}"),
            "action": string(action),
            "actor_id": string(actor.id),
            "actor_name": string(actor.name),
            "at": string(at),
        }
        for name, values in changes.items():
            item[name] = {"M": {key: string(value) for key, value in values.items()}}
        return {"Put": {"TableName": self._table("history"), "Item": item}}

    def list_products(self, _: int) -> None:
        """GET /products: one Query of the products index."""
        self._query_page(
            PAGE_LIMIT,
            TableName=self._table("products"),
            IndexName="products_in_order",
            KeyConditionExpression="#0 = :0",
            ExpressionAttributeNames={"#0": "kind"},
            ExpressionAttributeValues={":0": string("product")},
        )

    def get_product(self, _: int) -> None:
        """GET /products/{slug}: one GetItem."""
        self._get("products", {"slug": string(self._world.product)})

    def create_product(self, iteration: int) -> None:
        """POST /products: a conditional PutItem."""
        self._client.put_item(
            TableName=self._table("products"),
            Item={
                "slug": string(f"bare-{iteration}"),
                "created_at": string(to_storage(utc_now())),
                "description": string(PRODUCT_DESCRIPTION),
                "idea_counts": {"M": {phase: number(0) for phase in PHASES}},
                "kind": string("product"),
                "name": string(f"Bare product {iteration}"),
            },
            ConditionExpression="attribute_not_exists (#0)",
            ExpressionAttributeNames={"#0": "slug"},
            ReturnConsumedCapacity="TOTAL",
        )

    def create_idea(self, iteration: int) -> None:
        """POST /ideas: the idea, its history event and the board's counter in one transaction."""
        poster, at, idea_id = self._world.poster, to_storage(utc_now()), new_id()
        title, body = f"Bare idea {iteration}", IDEA_BODY
        idea = {
            "id": string(idea_id),
            "author_id": string(poster.id),
            "author_name": string(poster.name),
            "board": string(f"{self._world.product}#design"),
            "body": string(body),
            "comment_count": number(0),
            "created_at": string(at),
            "hidden": boolean(False),
            "phase": string("design"),
            "product": string(self._world.product),
            "scope": string("idea"),
            "status": string("open"),
            "title": string(title),
            "top_score": number(int(time.time())),
            "trend_rank": number(int(time.time())),
            "updated_at": string(at),
            "vote_count": number(0),
        }
        self._transact(
            {
                "Put": {
                    "TableName": self._table("ideas"),
                    "Item": idea,
                    "ConditionExpression": "attribute_not_exists (#0)",
                    "ExpressionAttributeNames": {"#0": "id"},
                }
            },
            self._history(idea_id, poster, "created", at, after={"title": title, "body": body}),
            {
                "Update": {
                    "TableName": self._table("products"),
                    "Key": {"slug": string(self._world.product)},
                    "ConditionExpression": "attribute_exists (#0)",
                    "UpdateExpression": "ADD #1.#2 :0",
                    "ExpressionAttributeNames": {"#0": "slug", "#1": "idea_counts", "#2": "design"},
                    "ExpressionAttributeValues": {":0": number(1)},
                }
            },
        )

    def _board_page(self, index: str, limit: int = PAGE_LIMIT) -> list[dict[str, Any]]:
        """A page of the board's public ideas from a product index, newest or top first."""
        return self._query_page(
            limit,
            TableName=self._table("ideas"),
            IndexName=index,
            KeyConditionExpression="#0 = :0",
            FilterExpression="(#1 = :1 AND #2 <> :2)",
            ScanIndexForward=False,
            ExpressionAttributeNames={"#0": "product", "#1": "hidden", "#2": "status"},
            ExpressionAttributeValues={
                ":0": string(self._world.product),
                ":1": boolean(False),
                ":2": string("pending_moderation"),
            },
        )[:limit]

    def list_top(self, _: int) -> None:
        """GET /ideas?product&sort=top: a Query, then the reader's votes."""
        self._voted(self._world.reader.id, self._board_page("product_top"))

    def list_new(self, _: int) -> None:
        """GET /ideas?product&sort=new: a Query, then the reader's votes."""
        self._voted(self._world.reader.id, self._board_page("product_new"))

    def list_trending(self, _: int) -> None:
        """One Query of ``product_trend`` from ``TREND_WEIGHT`` up (ideas with votes in the window,
        by ``trend_rank``), the rest of the page in ``new`` order if it is short, the reader's votes."""
        rank_floor = {"N": str(TREND_WEIGHT)}
        page = self._query_page(
            PAGE_LIMIT,
            TableName=self._table("ideas"),
            IndexName="product_trend",
            KeyConditionExpression="(#0 = :0 AND #1 >= :1)",
            FilterExpression="(#2 = :2 AND #3 <> :3)",
            ExpressionAttributeNames={"#0": "product", "#1": "trend_rank", "#2": "hidden", "#3": "status"},
            ExpressionAttributeValues={
                ":0": string(self._world.product),
                ":1": rank_floor,
                ":2": boolean(False),
                ":3": string("pending_moderation"),
            },
            ScanIndexForward=False,
        )[:PAGE_LIMIT]
        if len(page) < PAGE_LIMIT:
            page += self._query_page(
                PAGE_LIMIT - len(page),
                TableName=self._table("ideas"),
                IndexName="product_new",
                KeyConditionExpression="#0 = :0",
                FilterExpression="((#2 = :2 AND #3 <> :3) AND (#1 < :1 OR attribute_not_exists (#1)))",
                ExpressionAttributeNames={"#0": "product", "#1": "trend_rank", "#2": "hidden", "#3": "status"},
                ExpressionAttributeValues={
                    ":0": string(self._world.product),
                    ":1": rank_floor,
                    ":2": boolean(False),
                    ":3": string("pending_moderation"),
                },
                ScanIndexForward=False,
            )[: PAGE_LIMIT - len(page)]
        self._voted(self._world.reader.id, page)

    def get_idea(self, _: int) -> None:
        """GET /ideas/{id}, anonymous: one GetItem."""
        self._get("ideas", {"id": string(self._world.ideas[1])})

    def get_idea_signed_in(self, _: int) -> None:
        """GET /ideas/{id}, signed in: the GetItem and the reader's vote."""
        self._voted(self._world.reader.id, [self._get("ideas", {"id": string(self._world.ideas[1])})])

    def edit_idea(self, iteration: int) -> None:
        """PATCH /ideas/{id} by its author: read, history and guarded update in a transaction, vote flag."""
        author, at = self._world.author, to_storage(utc_now())
        idea = self._get("ideas", {"id": string(self._world.authored[iteration % len(self._world.authored)])})
        title = f"Edited by the bare calls {iteration}"
        before = {"title": idea["title"]["S"], "body": idea["body"]["S"]}
        self._transact(
            self._history(
                idea["id"]["S"], author, "edited", at, before=before, after={"title": title, "body": IDEA_BODY}
            ),
            {
                "Update": {
                    "TableName": self._table("ideas"),
                    "Key": {"id": idea["id"]},
                    "ConditionExpression": "((#0 = :0 AND #1 = :1) AND #2 = :2)",
                    "UpdateExpression": "SET #3 = :3, #4 = :4, #2 = :5",
                    "ExpressionAttributeNames": {
                        "#0": "status",
                        "#1": "author_id",
                        "#2": "updated_at",
                        "#3": "title",
                        "#4": "body",
                    },
                    "ExpressionAttributeValues": {
                        ":0": string("open"),
                        ":1": string(author.id),
                        ":2": idea["updated_at"],
                        ":3": string(title),
                        ":4": string(IDEA_BODY),
                        ":5": string(at),
                    },
                }
            },
        )
        self._voted(author.id, [idea])

    def _vote_target(self, iteration: int) -> tuple[dict[str, Any], str]:
        """The idea key and bare voter of an iteration: each pair once, as on the route side."""
        ideas = self._world.ideas
        return {"id": string(ideas[iteration % len(ideas)])}, self._world.bare_voters[iteration // len(ideas)]

    def vote(self, iteration: int) -> None:
        """PUT /ideas/{id}/vote: consistent read, vote and counter in a transaction, consistent read."""
        key, voter = self._vote_target(iteration)
        idea, at = self._get("ideas", key, consistent=True), to_storage(utc_now())
        vote = {
            "idea_id": key["id"],
            "user_id": string(voter),
            "created_at": string(at),
            "day": string(at[:10]),
            "phase": idea["phase"],
            "product": idea["product"],
        }
        self._transact(
            {
                "Put": {
                    "TableName": self._table("votes"),
                    "Item": vote,
                    "ConditionExpression": "attribute_not_exists (#0)",
                    "ExpressionAttributeNames": {"#0": "user_id"},
                }
            },
            {
                "Update": {
                    "TableName": self._table("ideas"),
                    "Key": key,
                    "ConditionExpression": "(((attribute_exists (#0) AND #1 <> :0) AND #1 <> :1) AND #2 = :2)",
                    "UpdateExpression": "ADD #3 :3, #4 :4, #5 :5",
                    "ExpressionAttributeNames": {
                        "#0": "id",
                        "#1": "status",
                        "#2": "hidden",
                        "#3": "vote_count",
                        "#4": "top_score",
                        "#5": "trend_rank",
                    },
                    "ExpressionAttributeValues": {
                        ":0": string("merged"),
                        ":1": string("pending_moderation"),
                        ":2": boolean(False),
                        ":3": number(1),
                        ":4": number(VOTE_WEIGHT),
                        ":5": number(VOTE_WEIGHT + TREND_WEIGHT),
                    },
                }
            },
            self._day_counter(at[:10], key, 1),
        )
        self._get("ideas", key, consistent=True)

    def _day_counter(self, day: str, key: dict[str, Any], delta: int) -> dict[str, Any]:
        """The trending day counter a vote moves (store/vote_days.py)."""
        return {
            "Update": {
                "TableName": self._table("vote_days"),
                "Key": {"day": string(day), "idea_id": key["id"]},
                "ConditionExpression": "attribute_not_exists (#0)",
                "UpdateExpression": "ADD #1 :0",
                "ExpressionAttributeNames": {"#0": "swept", "#1": "votes"},
                "ExpressionAttributeValues": {":0": number(delta)},
            }
        }

    def unvote(self, iteration: int) -> None:
        """DELETE /ideas/{id}/vote: consistent read, delete and counter in a transaction, consistent read."""
        key, voter = self._vote_target(iteration)
        self._get("ideas", key, consistent=True)
        vote_key = {"idea_id": key["id"], "user_id": string(voter)}
        vote = self._get("votes", vote_key, consistent=True)
        self._transact(
            {
                "Delete": {
                    "TableName": self._table("votes"),
                    "Key": vote_key,
                    "ConditionExpression": "#0 = :0",
                    "ExpressionAttributeNames": {"#0": "created_at"},
                    "ExpressionAttributeValues": {":0": vote["created_at"]},
                }
            },
            {
                "Update": {
                    "TableName": self._table("ideas"),
                    "Key": key,
                    "ConditionExpression": "attribute_exists (#0)",
                    "UpdateExpression": "ADD #1 :0, #2 :1, #3 :2",
                    "ExpressionAttributeNames": {"#0": "id", "#1": "vote_count", "#2": "top_score", "#3": "trend_rank"},
                    "ExpressionAttributeValues": {
                        ":0": number(-1),
                        ":1": number(-VOTE_WEIGHT),
                        ":2": number(-VOTE_WEIGHT - TREND_WEIGHT),
                    },
                }
            },
            self._day_counter(vote["created_at"]["S"][:10], key, -1),
        )
        self._get("ideas", key, consistent=True)

    def list_comments(self, _: int) -> None:
        """GET /ideas/{id}/comments: the idea (is it visible?), then a Query of its comments."""
        key = {"id": string(self._world.discussed)}
        self._get("ideas", key)
        self._query_page(
            PAGE_LIMIT,
            TableName=self._table("comments"),
            KeyConditionExpression="#0 = :0",
            FilterExpression="#1 = :1",
            ExpressionAttributeNames={"#0": "idea_id", "#1": "hidden"},
            ExpressionAttributeValues={":0": key["id"], ":1": boolean(False)},
        )

    def create_comment(self, iteration: int) -> None:
        """POST /ideas/{id}/comments: the idea, then comment, history and counter in a transaction."""
        reader, at, comment_id = self._world.reader, to_storage(utc_now()), new_id()
        key = {"id": string(self._world.ideas[iteration % len(self._world.ideas)])}
        self._get("ideas", key)
        comment = {
            "idea_id": key["id"],
            "position": string(f"{at}#{comment_id}"),
            "author_id": string(reader.id),
            "author_name": string(reader.name),
            "body": string(COMMENT_BODY),
            "created_at": string(at),
            "hidden": boolean(False),
            "id": string(comment_id),
            "official": boolean(False),
            "status": string("published"),
        }
        self._transact(
            {
                "Put": {
                    "TableName": self._table("comments"),
                    "Item": comment,
                    "ConditionExpression": "attribute_not_exists (#0)",
                    "ExpressionAttributeNames": {"#0": "position"},
                }
            },
            self._history(comment_id, reader, "created", at, after={"body": COMMENT_BODY}),
            {
                "Update": {
                    "TableName": self._table("ideas"),
                    "Key": key,
                    "ConditionExpression": "((attribute_exists (#0) AND #1 = :0) AND #2 <> :1)",
                    "UpdateExpression": "ADD #3 :2",
                    "ExpressionAttributeNames": {"#0": "id", "#1": "hidden", "#2": "status", "#3": "comment_count"},
                    "ExpressionAttributeValues": {
                        ":0": boolean(False),
                        ":1": string("pending_moderation"),
                        ":2": number(1),
                    },
                }
            },
        )

    def _activity_counts(self, user_id: str) -> None:
        """The profile's stats: three COUNT Queries."""
        self._count("ideas", "author_new", "author_id", user_id)
        self._count("votes", "by_user", "user_id", user_id)
        self._count("comments", "by_author", "author_id", user_id)

    def get_me(self, _: int) -> None:
        """GET /me: a consistent GetItem of the user and its counts."""
        self._get("users", {"id": string(self._world.reader.id)}, consistent=True)
        self._activity_counts(self._world.reader.id)

    def change_me(self, iteration: int) -> None:
        """PATCH /me: a conditional UpdateItem returning the whole item, and the counts."""
        key = {"id": string(self._world.reader.id)}
        self._client.update_item(
            TableName=self._table("users"),
            Key=key,
            ReturnValues="ALL_NEW",
            ConditionExpression="attribute_exists (#2)",
            UpdateExpression="SET #0 = :0, #1 = :1",
            ExpressionAttributeNames={"#0": "name", "#1": "language", "#2": "id"},
            ExpressionAttributeValues={":0": string(f"Rita Bare {iteration}"), ":1": string(LANGUAGES[iteration % 3])},
            ReturnConsumedCapacity="TOTAL",
        )
        self._activity_counts(self._world.reader.id)


def bare_client(endpoint: str) -> Any:
    """A botocore DynamoDB client with the configuration PynamoDB gives its own (store/base.py)."""
    import botocore.session
    from botocore.config import Config

    config = Config(
        parameter_validation=False,
        connect_timeout=2,
        read_timeout=5,
        retries={"total_max_attempts": 3, "mode": "standard"},
    )
    return botocore.session.get_session().create_client("dynamodb", REGION, endpoint_url=endpoint, config=config)


# ----------------------------------------------------------------------------- route cases


@dataclass(frozen=True)
class HttpRequest:
    """One request to the app and the status it must answer."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""
    status: int = 200


@dataclass(frozen=True)
class Case:
    """A route, the request of iteration ``i`` and the bare DynamoDB calls it is compared with."""

    route: str
    who: str
    request: Callable[[int], HttpRequest]
    bare: Step | None


def json_body(document: dict[str, Any]) -> bytes:
    """A request body."""
    return json.dumps(document).encode()


def route_cases(world: World, bare: BareCalls) -> list[Case]:
    """The measured routes, in the contract's order; write iterations act on items of their own."""
    ideas, reader = world.ideas, world.reader
    board = f"/ideas?product={world.product}&sort="

    def vote_request(method: str) -> Callable[[int], HttpRequest]:
        """The vote requests: iteration ``i`` acts on one idea with one voter, never the same pair twice."""

        def request(i: int) -> HttpRequest:
            voter = world.route_voters[i // len(ideas)]
            return HttpRequest(method, f"/ideas/{ideas[i % len(ideas)]}/vote", voter.headers)

        return request

    return [
        Case("GET /health", "anonymous", lambda i: HttpRequest("GET", "/health", {}), None),
        Case("GET /products", "anonymous", lambda i: HttpRequest("GET", "/products", {}), bare.list_products),
        Case(
            "GET /products/{slug}",
            "anonymous",
            lambda i: HttpRequest("GET", f"/products/{world.product}", {}),
            bare.get_product,
        ),
        Case(
            "POST /products",
            "product",
            lambda i: HttpRequest(
                "POST",
                "/products",
                world.product_manager.headers,
                json_body({"slug": f"route-{i}", "name": f"Route product {i}", "description": PRODUCT_DESCRIPTION}),
                201,
            ),
            bare.create_product,
        ),
        Case(
            "POST /ideas",
            "signed in",
            lambda i: HttpRequest(
                "POST",
                "/ideas",
                world.poster.headers,
                json_body({"title": f"Route idea {i}", "body": IDEA_BODY, "product": world.product, "phase": "design"}),
                201,
            ),
            bare.create_idea,
        ),
        Case(
            "GET /ideas top, product",
            "signed in",
            lambda i: HttpRequest("GET", board + "top", reader.headers),
            bare.list_top,
        ),
        Case(
            "GET /ideas new, product",
            "signed in",
            lambda i: HttpRequest("GET", board + "new", reader.headers),
            bare.list_new,
        ),
        Case(
            "GET /ideas trending, product",
            "signed in",
            lambda i: HttpRequest("GET", board + "trending", reader.headers),
            bare.list_trending,
        ),
        Case("GET /ideas/{id}", "anonymous", lambda i: HttpRequest("GET", f"/ideas/{ideas[1]}", {}), bare.get_idea),
        Case(
            "GET /ideas/{id}",
            "signed in",
            lambda i: HttpRequest("GET", f"/ideas/{ideas[1]}", reader.headers),
            bare.get_idea_signed_in,
        ),
        Case(
            "PATCH /ideas/{id}",
            "author",
            lambda i: HttpRequest(
                "PATCH",
                f"/ideas/{world.authored[i % len(world.authored)]}",
                world.author.headers,
                json_body({"title": f"Edited by the route {i}", "body": IDEA_BODY}),
            ),
            bare.edit_idea,
        ),
        Case("PUT /ideas/{id}/vote", "signed in", vote_request("PUT"), bare.vote),
        Case("DELETE /ideas/{id}/vote", "signed in", vote_request("DELETE"), bare.unvote),
        Case(
            "GET /ideas/{id}/comments",
            "anonymous",
            lambda i: HttpRequest("GET", f"/ideas/{world.discussed}/comments", {}),
            bare.list_comments,
        ),
        Case(
            "POST /ideas/{id}/comments",
            "signed in",
            lambda i: HttpRequest(
                "POST",
                f"/ideas/{ideas[i % len(ideas)]}/comments",
                reader.headers,
                json_body({"body": COMMENT_BODY}),
                201,
            ),
            bare.create_comment,
        ),
        Case("GET /me", "signed in", lambda i: HttpRequest("GET", "/me", reader.headers), bare.get_me),
        Case(
            "PATCH /me",
            "signed in",
            lambda i: HttpRequest(
                "PATCH",
                "/me",
                reader.headers,
                json_body({"name": f"Rita Route {i}", "language": LANGUAGES[i % 3]}),
            ),
            bare.change_me,
        ),
    ]


# ----------------------------------------------------------------------------- measuring routes


@dataclass(frozen=True)
class RouteResult:
    """Samples of one case, and the DynamoDB calls that each side made in one iteration."""

    case: Case
    route: list[Timing]
    bare: list[Timing]
    route_calls: list[str]
    bare_calls: list[str]

    @property
    def ratio(self) -> float | None:
        """Median route time over median bare time; None for a route without DynamoDB calls."""
        return median_wall(self.route) / median_wall(self.bare) if self.bare else None


def median_wall(timings: Sequence[Timing]) -> float:
    """Median wall-clock milliseconds."""
    return statistics.median(timing.wall_ms for timing in timings)


def median_cpu(timings: Sequence[Timing]) -> float:
    """Median CPU milliseconds."""
    return statistics.median(timing.cpu_ms for timing in timings)


def p99_wall(timings: Sequence[Timing]) -> float:
    """99th percentile of wall-clock milliseconds."""
    return percentile([timing.wall_ms for timing in timings], 0.99)


def send(http: Any, request: HttpRequest) -> None:
    """Send ``request`` through ``chalice.test.Client.http``; a status other than expected is fatal."""
    response = http.request(request.method, request.path, headers=request.headers, body=request.body)
    if response.status_code != request.status:
        raise BenchError(f"{request.method} {request.path} answered {response.status_code}: {response.body!r}")


def iteration_steps(case: Case, http: Any, i: int) -> list[tuple[str, Callable[[], None]]]:
    """The route and its bare calls for iteration ``i``, in an order that swaps every iteration."""
    steps: list[tuple[str, Callable[[], None]]] = [("route", partial(send, http, case.request(i)))]
    if case.bare is not None:
        steps.append(("bare", partial(case.bare, i)))
    return steps[::-1] if i % 2 else steps


def measure(case: Case, http: Any, log: CallLog, warmup: int, iterations: int) -> RouteResult:
    """Warm up, record which DynamoDB calls each side makes, then time ``iterations`` of both sides."""
    samples: dict[str, list[Timing]] = {"route": [], "bare": []}
    calls: dict[str, list[str]] = {"route": [], "bare": []}
    for i in range(warmup + iterations):
        for side, step in iteration_steps(case, http, i):
            if i == warmup - 1:
                with log.capture() as calls[side]:
                    step()
            elif i < warmup:
                step()
            else:
                samples[side].append(timed(step))
    return RouteResult(case, samples["route"], samples["bare"], calls["route"], calls["bare"])


def sign_everyone_in(http: Any, world: World) -> None:
    """One request per user first: a user's item is written on its first request of the process only."""
    for user in (world.reader, world.author, world.poster, world.product_manager, *world.route_voters):
        send(http, HttpRequest("GET", "/me", user.headers))


def bench_routes(endpoint: str, data_dir: str, warmup: int, iterations: int) -> tuple[World, list[RouteResult]]:
    """Create the tables, seed them, and measure every case."""
    from chalice.test import Client

    from app import app
    from chalicelib.store.tables import create_missing_tables

    create_missing_tables()
    idea_count = 200
    voters_needed = math.ceil((warmup + iterations) / idea_count)
    world = seed(random.Random(2026), data_dir, idea_count, voters_needed)
    log = CallLog()
    client = bare_client(endpoint)
    log.watch(client)
    with Client(app, stage_name="local", project_dir=str(REPO_ROOT)) as chalice_client:
        sign_everyone_in(chalice_client.http, world)
        watch_app_clients(log)
        cases = route_cases(world, BareCalls(client, world))
        return world, [measure(case, chalice_client.http, log, warmup, iterations) for case in cases]


def route_row(result: RouteResult) -> list[str]:
    """Medians, p99s, the ratios route/bare, the target's verdict, and each side's CPU time."""
    calls = summarize_calls(result.route_calls)
    if result.bare_calls != result.route_calls:
        calls += f" (MISMATCH, bare made: {summarize_calls(result.bare_calls)})"
    route, bare = result.route, result.bare
    cells = [result.case.route, result.case.who, f"{median_wall(route):.2f}", f"{p99_wall(route):.2f}"]
    if result.ratio is None:
        return [*cells, "—", "—", "—", "—", "n/a", f"{median_cpu(route):.2f}", calls]
    cells += [f"{median_wall(bare):.2f}", f"{p99_wall(bare):.2f}", f"{result.ratio:.2f}x"]
    cells += [f"{p99_wall(route) / p99_wall(bare):.2f}x", verdict(result.ratio, ROUTE_TARGET)]
    return [*cells, f"{median_cpu(route):.2f} / {median_cpu(bare):.2f}", calls]


ROUTE_HEADERS = (
    "route",
    "who",
    "route p50 ms",
    "route p99 ms",
    "bare p50 ms",
    "bare p99 ms",
    "ratio p50",
    "ratio p99",
    f"target p50 ≤ {ROUTE_TARGET}x",
    "CPU ms p50 route / bare",
    "DynamoDB calls per request",
)


# ----------------------------------------------------------------------------- import time


def bytecode_cached(env: dict[str, str], cache_dir: str) -> dict[str, str]:
    """``env`` with every module's bytecode cached under ``cache_dir``, whatever the caller's settings.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on this machine) the repository's modules, which have
    no ``__pycache__``, would be compiled anew by every process while the bare app has almost
    nothing to compile; a cache of this run's own makes both sides pay the same.
    """
    cached = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**cached, "PYTHONPYCACHEPREFIX": cache_dir}


def python_run(cwd: Path, env: dict[str, str], *arguments: str) -> Timing:
    """Wall and CPU time of a fresh interpreter started with ``arguments`` in ``cwd``."""
    wall, cpu = time.perf_counter(), children_cpu_seconds()
    subprocess.run([sys.executable, *arguments], cwd=cwd, env=env, check=True)
    return Timing((time.perf_counter() - wall) * 1000, (children_cpu_seconds() - cpu) * 1000)


BASELINES = ("python -c pass", "bare app")


def import_times(app_dir: Path, bare_dir: Path, env: dict[str, str], runs: int) -> dict[str, list[Timing]]:
    """Interleaved runs of: the interpreter alone, the bare app, this app.

    One unmeasured round first, which also fills the bytecode cache.
    """
    times: dict[str, list[Timing]] = defaultdict(list)
    for _ in range(runs + 1):
        times["python -c pass"].append(python_run(app_dir, env, "-c", "pass"))
        times["bare app"].append(python_run(bare_dir, env, "-c", "import app"))
        times["app.py"].append(python_run(app_dir, env, "-c", "import app"))
    return {name: samples[1:] for name, samples in times.items()}


def import_rows(times: dict[str, list[Timing]]) -> list[list[str]]:
    """Median wall and CPU time of each process, and this app's ratios to the bare app."""
    rows = [
        [name, f"{median_wall(times[name]):.0f}", f"{median_cpu(times[name]):.0f}", "", "", ""] for name in BASELINES
    ]
    app, bare = times["app.py"], times["bare app"]
    wall_ratio, cpu_ratio = median_wall(app) / median_wall(bare), median_cpu(app) / median_cpu(bare)
    ratios = [f"{wall_ratio:.2f}x", f"{cpu_ratio:.2f}x", verdict(cpu_ratio, IMPORT_TARGET)]
    return [*rows, ["app.py", f"{median_wall(app):.0f}", f"{median_cpu(app):.0f}", *ratios]]


IMPORT_HEADERS = (
    "process",
    "wall ms (median)",
    "CPU ms (median)",
    "wall ratio to bare",
    "CPU ratio to bare",
    f"target CPU ratio ≤ {IMPORT_TARGET}x",
)


@dataclass(frozen=True)
class ImportLine:
    """One line of ``python -X importtime``."""

    module: str
    self_us: int
    cumulative_us: int


def importtime(cwd: Path, env: dict[str, str]) -> list[ImportLine]:
    """The modules that ``import app`` imports in ``cwd``, from ``-X importtime``."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app"],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    lines = []
    for line in completed.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[0].strip().isdigit():
            lines.append(ImportLine(fields[2].strip(), int(fields[0]), int(fields[1])))
    return lines


def importtime_runs(cwd: Path, env: dict[str, str], runs: int) -> list[list[ImportLine]]:
    """``runs`` fresh ``-X importtime`` profiles of ``import app`` in ``cwd``."""
    return [importtime(cwd, env) for _ in range(runs)]


def top_cumulative(runs: list[list[ImportLine]], count: int) -> list[list[str]]:
    """The ``count`` modules with the largest median cumulative import time.

    A module named twice in one run (a package re-entered while its submodule loads) counts once:
    its larger cumulative time and the sum of its self times.
    """
    cumulative: dict[str, list[int]] = defaultdict(list)
    self_time: dict[str, list[int]] = defaultdict(list)
    for run in runs:
        run_cumulative: dict[str, int] = {}
        run_self: Counter[str] = Counter()
        for line in run:
            run_cumulative[line.module] = max(run_cumulative.get(line.module, 0), line.cumulative_us)
            run_self[line.module] += line.self_us
        for module, value in run_cumulative.items():
            cumulative[module].append(value)
            self_time[module].append(run_self[module])
    ranked = sorted(cumulative, key=lambda module: statistics.median(cumulative[module]), reverse=True)[:count]
    return [
        [
            module,
            f"{statistics.median(cumulative[module]) / 1000:.1f}",
            f"{statistics.median(self_time[module]) / 1000:.1f}",
        ]
        for module in ranked
    ]


def self_time_by_package(run: list[ImportLine]) -> Counter[str]:
    """Microseconds of import spent in each top-level package's own modules."""
    totals: Counter[str] = Counter()
    for line in run:
        totals[line.module.split(".")[0]] += line.self_us
    return totals


def package_import_rows(
    app_runs: list[list[ImportLine]], bare_runs: list[list[ImportLine]], count: int
) -> list[list[str]]:
    """Median import self time per top-level package, for this app beside the bare one."""

    def medians(runs: list[list[ImportLine]]) -> dict[str, float]:
        """Milliseconds per package, the median over ``runs``."""
        per_run = [self_time_by_package(run) for run in runs]
        packages = {package for totals in per_run for package in totals}
        return {package: statistics.median(totals[package] for totals in per_run) / 1000 for package in packages}

    app, bare = medians(app_runs), medians(bare_runs)
    ranked = sorted(app, key=lambda package: app[package], reverse=True)[:count]
    return [[package, f"{app[package]:.1f}", f"{bare[package]:.1f}" if package in bare else "—"] for package in ranked]


# ----------------------------------------------------------------------------- deployment package


def build_package(out_dir: Path, env: dict[str, str]) -> Path:
    """Run ``chalice package --stage dev`` from the repository root; returns the zip it built."""
    chalice = Path(sys.executable).with_name("chalice")
    subprocess.run(
        [str(chalice), "package", "--stage", "dev", str(out_dir)],
        cwd=REPO_ROOT,
        env={**env, **PACKAGE_SETTINGS},
        check=True,
        capture_output=True,
    )
    return out_dir / "deployment.zip"


# What the Lambda Python runtime provides beside the zip: boto3 and botocore with their dependencies.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")


def unpacked_import_rows(zip_path: Path, env: dict[str, str], runs: int) -> list[list[str]]:
    """``import app`` from the unpacked zip plus the runtime's boto3 and botocore (``-S``: no other
    site-packages), without and with bytecode.

    Lambda unpacks the zip into a read-only ``/var/task``: with no ``.pyc`` in the zip, every cold
    start compiles every module of it. ``-B`` reproduces that; ``compileall`` shows the other way.
    The runtime's own packages come compiled, so they are linked in from this environment.
    """
    import botocore

    with tempfile.TemporaryDirectory(prefix="cocrea-unpacked-") as unpacked:
        directory = Path(unpacked) / "task"
        runtime = Path(unpacked) / "runtime"
        runtime.mkdir()
        site_packages = Path(botocore.__file__).resolve().parent.parent
        for name in RUNTIME_PACKAGES:
            if (site_packages / name).exists():
                (runtime / name).symlink_to(site_packages / name)
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(directory)
        plain = {name: value for name, value in env.items() if name != "PYTHONPYCACHEPREFIX"}
        plain["PYTHONPATH"] = str(runtime)
        source = [python_run(directory, plain, "-S", "-B", "-c", "import app") for _ in range(runs)]
        subprocess.run([sys.executable, "-m", "compileall", "-q", "."], cwd=directory, env=plain, check=True)
        compiled = [python_run(directory, plain, "-S", "-c", "import app") for _ in range(runs)]
    return [
        ["no .pyc (as the zip is deployed)", f"{median_wall(source):.0f}", f"{median_cpu(source):.0f}"],
        ["after `python -m compileall`", f"{median_wall(compiled):.0f}", f"{median_cpu(compiled):.0f}"],
    ]


def zip_rows(zip_path: Path, count: int) -> list[list[str]]:
    """The ``count`` largest top-level entries of the zip, compressed and uncompressed, in MB."""
    compressed: Counter[str] = Counter()
    uncompressed: Counter[str] = Counter()
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            top = info.filename.split("/", 1)[0]
            compressed[top] += info.compress_size
            uncompressed[top] += info.file_size
    return [
        [name, f"{size / BYTES_PER_MB:.2f}", f"{uncompressed[name] / BYTES_PER_MB:.2f}"]
        for name, size in compressed.most_common(count)
    ]


# ----------------------------------------------------------------------------- report


def section(title: str, *parts: str) -> None:
    """Print a titled block of text."""
    print(f"\n## {title}\n")
    print("\n\n".join(parts))


def report_routes(endpoint: str, data_dir: str, warmup: int, iterations: int) -> None:
    """Measure every route beside its bare DynamoDB calls and print the table."""
    world, results = bench_routes(endpoint, data_dir, warmup, iterations)
    over = [f"{result.case.route} ({result.case.who})" for result in results if (result.ratio or 0) > ROUTE_TARGET]
    section(
        f"Routes: chalice.test.Client beside the same DynamoDB calls made with botocore "
        f"({iterations} iterations, {warmup} warm-up)",
        world.describe(),
        markdown_table(ROUTE_HEADERS, [route_row(result) for result in results]),
        f"Routes over {ROUTE_TARGET}x their bare calls: {', '.join(over) or 'none'}.",
    )


def report_imports(env: dict[str, str], runs: int) -> None:
    """Time ``import app`` beside the bare app, profile it, and print the tables."""
    with (
        tempfile.TemporaryDirectory(prefix="cocrea-bare-app-") as bare,
        tempfile.TemporaryDirectory(prefix="cocrea-pycache-") as cache,
    ):
        bare_dir = Path(bare)
        (bare_dir / "app.py").write_text(BARE_APP)
        cached = bytecode_cached(env, cache)
        times = import_times(REPO_ROOT, bare_dir, cached, runs)
        app_runs = importtime_runs(REPO_ROOT, cached, 5)
        bare_runs = importtime_runs(bare_dir, cached, 5)
    section(
        f'Import: fresh `python -c "import app"` ({runs} runs each, interleaved, bytecode cached)',
        markdown_table(IMPORT_HEADERS, import_rows(times)),
        "Top 10 modules by cumulative import time of app.py (`-X importtime`, median of 5 runs):",
        markdown_table(("module", "cumulative ms", "self ms"), top_cumulative(app_runs, 10)),
        "Import self time per top-level package (median of 5 runs), app.py beside the bare app:",
        markdown_table(("package", "app.py ms", "bare app ms"), package_import_rows(app_runs, bare_runs, 12)),
    )


def report_package(env: dict[str, str]) -> None:
    """Build the deployment zip and print its size and largest entries."""
    with tempfile.TemporaryDirectory(prefix="cocrea-package-") as out:
        zip_path = build_package(Path(out), env)
        size_mb = zip_path.stat().st_size / BYTES_PER_MB
        rows = zip_rows(zip_path, 10)
        unpacked = unpacked_import_rows(zip_path, env, 5)
    section(
        "Deployment package: `chalice package --stage dev`",
        markdown_table(
            ("zip", "MB", f"target < {ZIP_TARGET_MB:.0f} MB"),
            [["deployment.zip", f"{size_mb:.2f}", verdict(size_mb, ZIP_TARGET_MB, strict=True)]],
        ),
        "Largest top-level entries of the zip (1 MB = 2^20 bytes):",
        markdown_table(("entry", "compressed MB", "uncompressed MB"), rows),
        "`import app` from the unpacked zip plus the runtime's boto3/botocore (`python -S`, median of 5 runs),"
        " as a Lambda cold start:",
        markdown_table(("bytecode", "wall ms (median)", "CPU ms (median)"), unpacked),
    )


def parse_arguments() -> argparse.Namespace:
    """Iterations and runs; the defaults are the documented run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--iterations", type=int, default=200, help="measured requests per route (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per route first (default 20)")
    parser.add_argument("--import-runs", type=int, default=15, help="fresh processes per import figure (default 15)")
    arguments = parser.parse_args()
    if arguments.warmup < 1 or arguments.iterations < 1:
        parser.error("--warmup and --iterations must be at least 1")
    return arguments


def main() -> None:
    """Start DynamoDB Local, measure the routes, stop it (also on error), then imports and package."""
    arguments = parse_arguments()
    started = time.perf_counter()
    print(f"# Cocrea API benchmark\n\n{machine_description()}, {datetime.now().isoformat(timespec='seconds')}")
    with tempfile.TemporaryDirectory(prefix="cocrea-bench-") as data_dir:
        port = free_port()
        os.environ.update(bench_environment(port, data_dir))
        with DynamoDBLocal(port) as dynamodb:
            report_routes(dynamodb.endpoint, data_dir, arguments.warmup, arguments.iterations)
        env = dict(os.environ)
        report_imports(env, arguments.import_runs)
        report_package(env)
    print(f"\nTotal benchmark time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
