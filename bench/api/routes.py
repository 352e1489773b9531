"""Every route through ``chalice.test.Client``, interleaved with its bare calls: latency ratios."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from bench.api.bare import BareCalls, bare_client
from bench.api.calls import CallLog, summarize_calls, watch_app_clients
from bench.api.common import (
    REPO_ROOT,
    ROUTE_TARGET,
    BenchError,
    Step,
    Timing,
    median_cpu,
    median_wall,
    p99_wall,
    timed,
    verdict,
)
from bench.api.seed import COMMENT_BODY, IDEA_BODY, PRODUCT_DESCRIPTION, World, seed

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.
from chalicelib.domain.vocabulary import LANGUAGES

if TYPE_CHECKING:
    pass

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
