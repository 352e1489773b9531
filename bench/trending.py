"""Does ``GET /ideas?sort=trending`` cost the same however many votes the community casts?

One run, one DynamoDB Local (in memory, free port, stopped at the end, also on error): a board of
the demo's size (199 ideas) gets the demo's number of votes (1,300) spread over the last 14 days,
then ten and a hundred times that many. At each size the route is timed through ``chalice.test.Client``
beside its **bare** DynamoDB calls (the same Queries and BatchGetItem, issued directly by a
botocore client): the ratio of the two is the app's own cost, comparable between runs on a noisy
machine. The items DynamoDB examines per request are counted too, and so is what the previous
design read (every vote of the last eight days), for contrast.

The votes are written in bulk (``BatchWriteItem``) with their day counters and the ideas'
counters (``vote_count``, ``top_score``, ``trend_rank``), as the vote transactions leave them:
writing 130,000 votes one transaction at a time would take most of an hour here and measure
nothing more.

Run: ``.venv/bin/python bench/trending.py`` (``make bench`` runs it after bench/api.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devstack.dynamodb import DynamoDBLocal, free_port

TABLE_PREFIX = "bench-trending-"
REGION = "eu-west-1"
PRODUCT = "nube-hogar"
IDEAS = 199  # the demo's ideas (README)
DEMO_VOTES = 1_300  # the demo's votes (README)
SCALES = (1, 10, 100)
VOTE_SPAN_DAYS = 14
PAGE_LIMIT = 20
WINDOW_DAYS = 7


def machine_description() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def environment(port: int, data_dir: str) -> dict[str, str]:
    return {
        "STAGE": "local",
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{port}",
        "DATA_DIR": data_dir,
        "TABLE_PREFIX": TABLE_PREFIX,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": REGION,
    }


# ----------------------------------------------------------------------------- the board


@dataclass
class Board:
    ideas: list[Any]  # IdeaModel
    voters_used: int = 0
    votes: int = 0


def seed_board(rng: random.Random) -> Board:
    """The board's ideas through the store's own function (transactions, counters, history)."""
    from chalicelib.clock import to_storage, utc_now
    from chalicelib.domain.roles import Principal
    from chalicelib.domain.vocabulary import PHASES
    from chalicelib.store import ideas as idea_store
    from chalicelib.store.products import create_product

    now = utc_now()
    create_product(PRODUCT, "Nube Hogar", "Bench board", to_storage(now - timedelta(days=90)))
    author = Principal("bench-author", "Bench Author", "", ("customer",))
    ideas = [
        idea_store.create_idea(
            author,
            f"Idea {n}",
            "",
            PRODUCT,
            PHASES[n % len(PHASES)],
            to_storage(now - timedelta(days=rng.uniform(0, 60))),
        )
        for n in range(IDEAS)
    ]
    return Board(ideas)


def add_votes(rng: random.Random, board: Board, count: int) -> None:
    """``count`` more votes by new voters, each on an idea picked by popularity (Zipf), at a
    moment of the last ``VOTE_SPAN_DAYS`` days; vote items, day counters and idea counters are
    written as the vote transactions leave them (``store/vote_days.py``)."""
    from chalicelib.clock import to_storage, utc_now
    from chalicelib.store.models import IdeaModel, VoteDayModel, VoteModel
    from chalicelib.store.vote_days import Tally, day_of, idea_actions
    from chalicelib.store.votes import new_vote

    now = utc_now()
    weights = [1 / (rank + 1) for rank in range(len(board.ideas))]
    per_day: Counter[tuple[str, str]] = Counter()
    with VoteModel.batch_write() as batch:
        for idea in rng.choices(board.ideas, weights=weights, k=count):
            board.voters_used += 1
            at = to_storage(now - timedelta(days=rng.uniform(0, VOTE_SPAN_DAYS)))
            batch.save(new_vote(idea, f"bench-voter-{board.voters_used}", at))
            per_day[(idea.id, day_of(at))] += 1
    tallies: dict[str, list[Tally]] = {}
    for (idea_id, day), votes in per_day.items():
        tally = Tally(day, votes, now.date())
        tallies.setdefault(idea_id, []).append(tally)
        if tally.recent:
            VoteDayModel(day, idea_id).update(actions=[VoteDayModel.votes.add(votes)])
    for idea_id, of_idea in tallies.items():
        IdeaModel(idea_id).update(actions=idea_actions(of_idea))
    board.votes += count


# ----------------------------------------------------------------------------- what is measured


class ItemsExamined:
    """Items DynamoDB examined (Query ``ScannedCount``, BatchGetItem items) while on."""

    def __init__(self) -> None:
        self.items = 0

    def __call__(self, parsed: dict[str, Any], **_: Any) -> None:
        self.items += int(parsed.get("ScannedCount", 0))
        self.items += sum(len(found) for found in parsed.get("Responses", {}).values())


def string(value: str) -> dict[str, str]:
    return {"S": value}


class BareReads:
    """The route's DynamoDB calls, issued directly with a botocore client."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def _query_all(self, **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        while True:
            response = self.client.query(ReturnConsumedCapacity="TOTAL", **params)
            items.extend(response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return items
            params["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def trending_page(self) -> None:
        """The board's ideas with votes in the window, by ``trend_rank`` (one Query of
        ``product_trend``, up to the page and its look-ahead); the rest of the page in ``new``
        order when the ranked part is short."""
        from chalicelib.domain.ideas import TREND_WEIGHT

        ranked = self._query_page(
            TableName=f"{TABLE_PREFIX}ideas",
            IndexName="product_trend",
            KeyConditionExpression="#0 = :0 AND #1 >= :1",
            FilterExpression="#2 = :2 AND #3 <> :3",
            ExpressionAttributeNames={"#0": "product", "#1": "trend_rank", "#2": "hidden", "#3": "status"},
            ExpressionAttributeValues={
                ":0": string(PRODUCT),
                ":1": {"N": str(TREND_WEIGHT)},
                ":2": {"BOOL": False},
                ":3": string("pending_moderation"),
            },
            ScanIndexForward=False,
        )
        if len(ranked) < PAGE_LIMIT:
            self._query_page(
                TableName=f"{TABLE_PREFIX}ideas",
                IndexName="product_new",
                KeyConditionExpression="#0 = :0",
                FilterExpression="#2 = :2 AND #3 <> :3 AND (#1 < :1 OR attribute_not_exists(#1))",
                ExpressionAttributeNames={"#0": "product", "#1": "trend_rank", "#2": "hidden", "#3": "status"},
                ExpressionAttributeValues={
                    ":0": string(PRODUCT),
                    ":1": {"N": str(TREND_WEIGHT)},
                    ":2": {"BOOL": False},
                    ":3": string("pending_moderation"),
                },
                ScanIndexForward=False,
                limit=PAGE_LIMIT - len(ranked),
            )

    def _query_page(self, limit: int = PAGE_LIMIT, **params: Any) -> list[dict[str, Any]]:
        """Up to ``limit + 1`` items (the page and its look-ahead), as ``read_page`` reads them."""
        items: list[dict[str, Any]] = []
        while len(items) <= limit:
            response = self.client.query(Limit=limit + 1, ReturnConsumedCapacity="TOTAL", **params)
            items.extend(response["Items"])
            if "LastEvaluatedKey" not in response:
                break
            params["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return items[: limit + 1]

    def every_recent_vote(self) -> None:
        """What the previous design read on each request: every vote of the board's last 8 days."""
        from chalicelib.clock import to_storage, utc_now

        now = utc_now()
        since = to_storage(now - timedelta(days=WINDOW_DAYS))
        for back in range(WINDOW_DAYS + 1):
            day = (now.date() - timedelta(days=back)).isoformat()
            self._query_all(
                TableName=f"{TABLE_PREFIX}votes",
                IndexName="by_product_day",
                KeyConditionExpression="#0 = :0 AND #1 >= :1",
                ExpressionAttributeNames={"#0": "product_day", "#1": "created_at"},
                ExpressionAttributeValues={":0": string(f"{PRODUCT}#{day}"), ":1": string(since)},
            )


def median_ms(action: Callable[[], object], iterations: int) -> float:
    samples = []
    for _ in range(iterations):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def examined(clients: list[Any], action: Callable[[], object]) -> int:
    counter = ItemsExamined()
    for client in clients:
        client.meta.events.register("after-call.dynamodb", counter)
    try:
        action()
    finally:
        for client in clients:
            client.meta.events.unregister("after-call.dynamodb", counter)
    return counter.items


@dataclass
class Row:
    votes: int
    route_ms: float
    bare_ms: float
    route_items: int
    bare_items: int
    old_ms: float
    old_items: int


def measure(http: Any, bare: BareReads, app_clients: list[Any], votes: int, iterations: int) -> Row:
    def route() -> None:
        response = http.get(f"/ideas?product={PRODUCT}&sort=trending&limit={PAGE_LIMIT}")
        if response.status_code != 200:
            raise RuntimeError(f"trending answered {response.status_code}: {response.body[:200]!r}")

    for _ in range(3):  # warm: the topic view, connections, lazy imports
        route()
        bare.trending_page()
    # Alternate route and bare reads so that the machine's noise falls on both alike.
    route_ms, bare_ms = [], []
    for _ in range(iterations):
        route_ms.append(median_ms(route, 1))
        bare_ms.append(median_ms(bare.trending_page, 1))
    old_ms = median_ms(bare.every_recent_vote, max(3, iterations // 5))
    return Row(
        votes=votes,
        route_ms=statistics.median(route_ms),
        bare_ms=statistics.median(bare_ms),
        route_items=examined(app_clients, route),
        bare_items=examined([bare.client], bare.trending_page),
        old_ms=old_ms,
        old_items=examined([bare.client], bare.every_recent_vote),
    )


def table(rows: list[Row]) -> str:
    first = rows[0]
    lines = [
        "| votes | route ms (median) | bare reads ms | route / bare | items read per request | "
        "route ms / route ms at the demo's votes | previous design: every vote of 8 days, ms (items) |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.votes:,} | {row.route_ms:.2f} | {row.bare_ms:.2f} | {row.route_ms / row.bare_ms:.2f} | "
            f"{row.route_items} (bare {row.bare_items}) | {row.route_ms / first.route_ms:.2f} | "
            f"{row.old_ms:.1f} ({row.old_items:,}) |"
        )
    return "\n".join(lines)


def run(iterations: int) -> list[Row]:
    import botocore.session
    from botocore.config import Config
    from chalice.test import Client

    from app import app
    from chalicelib.store.models import IdeaModel, VoteDayModel, VoteModel
    from chalicelib.store.tables import create_missing_tables

    create_missing_tables()
    rng = random.Random(12)
    board = seed_board(rng)
    client = botocore.session.get_session().create_client(
        "dynamodb",
        REGION,
        endpoint_url=os.environ["DYNAMODB_ENDPOINT"],
        config=Config(parameter_validation=False, retries={"total_max_attempts": 3, "mode": "standard"}),
    )
    bare = BareReads(client)
    app_clients = list(
        {
            id(c): c for c in (m._get_connection().connection.client for m in (IdeaModel, VoteModel, VoteDayModel))
        }.values()
    )
    rows = []
    with Client(app, stage_name="local") as test_client:
        for scale in SCALES:
            started = time.perf_counter()
            add_votes(rng, board, DEMO_VOTES * scale - board.votes)
            print(f"  {board.votes:,} votes written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            rows.append(measure(test_client.http, bare, app_clients, board.votes, iterations))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=40, help="timed requests per size")
    arguments = parser.parse_args()
    print(f"# Trending cost against the number of votes\n\n{machine_description()}, {datetime.now():%Y-%m-%d %H:%M}")
    with tempfile.TemporaryDirectory(prefix="cocrea-bench-trending-") as data_dir:
        port = free_port()
        os.environ.update(environment(port, data_dir))
        with DynamoDBLocal(port):
            rows = run(arguments.iterations)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
