"""The bare DynamoDB calls each route makes, issued directly: the baseline of a route's latency."""

from __future__ import annotations

import contextlib
import time
import uuid
from typing import TYPE_CHECKING, Any

from bench.api.common import BATCH_GET_LIMIT, PAGE_LIMIT, REGION, TABLE_PREFIX
from bench.api.seed import COMMENT_BODY, IDEA_BODY, PRODUCT_DESCRIPTION, BenchUser, World

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.ideas import TREND_WEIGHT, VOTE_WEIGHT
from chalicelib.domain.vocabulary import LANGUAGES, PHASES

if TYPE_CHECKING:
    pass

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

    def _batch_get(self, table: str, keys: list[dict[str, Any]], consistent: bool = False) -> list[dict[str, Any]]:
        """BatchGetItem in chunks of 100 keys, retrying unprocessed keys."""
        items: list[dict[str, Any]] = []
        for start in range(0, len(keys), BATCH_GET_LIMIT):
            chunk = keys[start : start + BATCH_GET_LIMIT]
            request: dict[str, Any] = {self._table(table): {"Keys": chunk, "ConsistentRead": consistent}}
            while request:
                response = self._client.batch_get_item(RequestItems=request, ReturnConsumedCapacity="TOTAL")
                items.extend(response["Responses"].get(self._table(table), []))
                request = response.get("UnprocessedKeys") or {}
        return items

    def _marks(self, user_id: str, ideas: list[dict[str, Any]]) -> None:
        """The ``voted`` and ``following`` marks of a signed-in reader (services/readers.py): one
        BatchGetItem of vote keys, one consistent BatchGetItem of follow keys, and for ideas still
        undecided (no choice, not the reader's, not voted) one Query of the reader's comments."""
        keys = [{"idea_id": idea["id"], "user_id": string(user_id)} for idea in ideas]
        if not keys:
            return
        voted = {item["idea_id"]["S"] for item in self._batch_get("votes", keys)}
        chosen = {item["idea_id"]["S"] for item in self._batch_get("follows", keys, consistent=True)}
        undecided = [
            idea["id"]["S"]
            for idea in ideas
            if idea["id"]["S"] not in chosen | voted and idea.get("author_id", {}).get("S") != user_id
        ]
        if undecided:
            names = {f":{n}": string(idea_id) for n, idea_id in enumerate(undecided[:BATCH_GET_LIMIT], start=1)}
            self._query_all(
                TableName=self._table("comments"),
                IndexName="by_author",
                KeyConditionExpression="#0 = :0",
                FilterExpression=f"#1 IN ({', '.join(names)})",
                ExpressionAttributeNames={"#0": "author_id", "#1": "idea_id"},
                ExpressionAttributeValues={":0": string(user_id), **names},
            )

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
        """GET /ideas?product&sort=top: a Query, then the reader's marks."""
        self._marks(self._world.reader.id, self._board_page("product_top"))

    def list_new(self, _: int) -> None:
        """GET /ideas?product&sort=new: a Query, then the reader's marks."""
        self._marks(self._world.reader.id, self._board_page("product_new"))

    def list_trending(self, _: int) -> None:
        """One Query of ``product_trend`` from ``TREND_WEIGHT`` up (ideas with votes in the window,
        by ``trend_rank``), the rest of the page in ``new`` order if it is short, the reader's marks."""
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
        self._marks(self._world.reader.id, page)

    def get_idea(self, _: int) -> None:
        """GET /ideas/{id}, anonymous: one GetItem."""
        self._get("ideas", {"id": string(self._world.ideas[1])})

    def get_idea_signed_in(self, _: int) -> None:
        """GET /ideas/{id}, signed in: the GetItem and the reader's marks."""
        self._marks(self._world.reader.id, [self._get("ideas", {"id": string(self._world.ideas[1])})])

    def edit_idea(self, iteration: int) -> None:
        """PATCH /ideas/{id} by its author: read, history and guarded update in a transaction, the marks."""
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
        self._marks(author.id, [idea])

    def _vote_target(self, iteration: int) -> tuple[dict[str, Any], str]:
        """The idea key and bare voter of an iteration: each pair once, as on the route side."""
        ideas = self._world.ideas
        return {"id": string(ideas[iteration % len(ideas)])}, self._world.bare_voters[iteration // len(ideas)]

    def vote(self, iteration: int) -> None:
        """PUT /ideas/{id}/vote: consistent read, vote and counter in a transaction, consistent read, follow."""
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
        self._follow_on_engagement(key, voter, at)

    def _follow_on_engagement(self, key: dict[str, Any], user_id: str, at: str) -> None:
        """A vote or comment follows the idea unless the person already chose (store/follows.py):
        one conditional PutItem, its refusal expected and ignored."""
        with contextlib.suppress(self._client.exceptions.ConditionalCheckFailedException):
            self._client.put_item(
                TableName=self._table("follows"),
                Item={"idea_id": key["id"], "user_id": string(user_id), "following": boolean(True), "at": string(at)},
                ConditionExpression="attribute_not_exists (#0)",
                ExpressionAttributeNames={"#0": "user_id"},
                ReturnConsumedCapacity="TOTAL",
            )

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
        vote_key = {"idea_id": key["id"], "user_id": string(voter)}
        vote = self._get("votes", vote_key, consistent=True)  # its day: the trending counter it moves
        self._get("ideas", key, consistent=True)
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
        """POST /ideas/{id}/comments: the idea, then comment, history and counter in a transaction, follow."""
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
        self._follow_on_engagement(key, reader.id, at)

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
