"""The OpenAPI 3 document, generated from the marshmallow schemas.

Imported by ``GET /openapi.json`` on its first call only: apispec is not part of the cold
start. ``ROUTES`` declares every route; a unit test checks it against Chalice's route table,
so a route cannot be added without being documented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema

from chalicelib import schemas

PUBLIC = "public"  # no token needed; a token, when sent, must be valid
SIGNED_IN = "signed_in"


@dataclass(frozen=True)
class RouteDoc:
    method: str
    path: str
    summary: str
    auth: str
    success: int = 200
    response: type[Schema] | None = None
    body: type[Schema] | None = None
    query: type[Schema] | None = None
    errors: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    csv: bool = False  # also answers ``text/csv`` with ``?format=csv``
    tag: str = "ideas"


ROUTES: tuple[RouteDoc, ...] = (
    RouteDoc("get", "/health", "Liveness check", PUBLIC, response=schemas.HealthSchema, tag="meta"),
    RouteDoc("get", "/openapi.json", "This document", PUBLIC, tag="meta"),
    RouteDoc(
        "get",
        "/products",
        "A page of products",
        PUBLIC,
        response=schemas.ProductPageSchema,
        query=schemas.PageQuerySchema,
        errors=(400,),
        tag="products",
    ),
    RouteDoc(
        "post",
        "/products",
        "Create a product (board)",
        SIGNED_IN,
        success=201,
        response=schemas.ProductSchema,
        body=schemas.ProductCreateSchema,
        errors=(400, 403, 409),
        roles=("product", "admin"),
        headers={"Location": "URL of the new product"},
        tag="products",
    ),
    RouteDoc(
        "get", "/products/{slug}", "One product", PUBLIC, response=schemas.ProductSchema, errors=(404,), tag="products"
    ),
    RouteDoc(
        "post",
        "/ideas",
        "Post an idea",
        SIGNED_IN,
        success=201,
        response=schemas.IdeaSchema,
        body=schemas.IdeaCreateSchema,
        errors=(400,),
        headers={"Location": "URL of the new idea"},
    ),
    RouteDoc(
        "get",
        "/ideas",
        "A page of ideas, filtered and sorted",
        PUBLIC,
        response=schemas.IdeaPageSchema,
        query=schemas.IdeaListQuerySchema,
        errors=(400,),
    ),
    RouteDoc("get", "/ideas/{idea_id}", "One idea", PUBLIC, response=schemas.IdeaSchema, errors=(404,)),
    RouteDoc(
        "patch",
        "/ideas/{idea_id}",
        "Author edit (title, body) or product answer (status, response)",
        SIGNED_IN,
        response=schemas.IdeaSchema,
        body=schemas.IdeaPatchSchema,
        errors=(400, 403, 404, 409),
    ),
    RouteDoc(
        "delete", "/ideas/{idea_id}", "Never allowed: ideas are hidden, not deleted", PUBLIC, success=405, errors=(405,)
    ),
    RouteDoc(
        "put",
        "/ideas/{idea_id}/vote",
        "Vote for an idea (idempotent)",
        SIGNED_IN,
        response=schemas.VoteResultSchema,
        errors=(404, 409),
        tag="votes",
    ),
    RouteDoc(
        "delete",
        "/ideas/{idea_id}/vote",
        "Take a vote back (idempotent)",
        SIGNED_IN,
        response=schemas.VoteResultSchema,
        errors=(404,),
        tag="votes",
    ),
    RouteDoc(
        "get",
        "/ideas/{idea_id}/comments",
        "Visible comments, oldest first",
        PUBLIC,
        response=schemas.CommentPageSchema,
        query=schemas.PageQuerySchema,
        errors=(400, 404),
        tag="comments",
    ),
    RouteDoc(
        "post",
        "/ideas/{idea_id}/comments",
        "Comment on an idea",
        SIGNED_IN,
        success=201,
        response=schemas.CommentSchema,
        body=schemas.CommentCreateSchema,
        errors=(400, 404),
        tag="comments",
    ),
    RouteDoc(
        "delete",
        "/comments/{comment_id}",
        "Never allowed: comments are hidden, not deleted",
        PUBLIC,
        success=405,
        errors=(405,),
        tag="comments",
    ),
    RouteDoc(
        "post",
        "/ideas/{idea_id}/hide",
        "Hide an idea (it stays stored and in its history)",
        SIGNED_IN,
        response=schemas.IdeaSchema,
        body=schemas.HideSchema,
        errors=(400, 403, 404, 409),
        roles=("moderator",),
        tag="moderation",
    ),
    RouteDoc(
        "post",
        "/ideas/{idea_id}/restore",
        "Restore a hidden idea or approve a held one",
        SIGNED_IN,
        response=schemas.IdeaSchema,
        errors=(403, 404, 409),
        roles=("moderator",),
        tag="moderation",
    ),
    RouteDoc(
        "post",
        "/comments/{comment_id}/hide",
        "Hide a comment",
        SIGNED_IN,
        response=schemas.CommentSchema,
        body=schemas.HideSchema,
        errors=(400, 403, 404, 409),
        roles=("moderator",),
        tag="moderation",
    ),
    RouteDoc(
        "post",
        "/comments/{comment_id}/restore",
        "Restore a hidden comment or approve a held one",
        SIGNED_IN,
        response=schemas.CommentSchema,
        errors=(403, 404, 409),
        roles=("moderator",),
        tag="moderation",
    ),
    RouteDoc(
        "get",
        "/ideas/{idea_id}/history",
        "Audit history of an idea and its comments",
        SIGNED_IN,
        response=schemas.HistoryPageSchema,
        query=schemas.PageQuerySchema,
        errors=(400, 403, 404),
        roles=("moderator", "product"),
        tag="moderation",
    ),
    RouteDoc(
        "get",
        "/moderation/queue",
        "Items held by the moderation filter, oldest first",
        SIGNED_IN,
        response=schemas.QueuePageSchema,
        query=schemas.PageQuerySchema,
        errors=(400, 403),
        roles=("moderator",),
        tag="moderation",
    ),
    RouteDoc(
        "post",
        "/ideas/{idea_id}/merge",
        "Merge a duplicate into another idea, keeping every voter",
        SIGNED_IN,
        response=schemas.IdeaSchema,
        body=schemas.MergeSchema,
        errors=(400, 403, 404, 409),
        roles=("product",),
        tag="ideas",
    ),
    RouteDoc(
        "get",
        "/reports/summary",
        "Activity of a period (default: the last 30 days), as JSON or CSV",
        SIGNED_IN,
        response=schemas.ReportSummarySchema,
        query=schemas.ReportQuerySchema,
        errors=(400, 403),
        roles=("product", "marketing"),
        csv=True,
        tag="reports",
    ),
    RouteDoc(
        "get",
        "/topics",
        "Topics of the newest nightly run, largest first",
        PUBLIC,
        response=schemas.TopicsSchema,
        query=schemas.TopicQuerySchema,
        errors=(400,),
        tag="topics",
    ),
    RouteDoc(
        "get",
        "/topics/{topic_id}",
        "A topic and a page of its ideas, top first",
        PUBLIC,
        response=schemas.TopicDetailSchema,
        query=schemas.PageQuerySchema,
        errors=(400, 401, 404),
        tag="topics",
    ),
    RouteDoc(
        "get",
        "/me/feed",
        "Ideas picked from the reader's topics (trending for newcomers)",
        SIGNED_IN,
        response=schemas.IdeaPageSchema,
        query=schemas.PageQuerySchema,
        errors=(400,),
        tag="topics",
    ),
    RouteDoc(
        "get",
        "/segments",
        "Marketing segments of the newest run",
        SIGNED_IN,
        response=schemas.SegmentsSchema,
        errors=(403,),
        roles=("marketing",),
        tag="segments",
    ),
    RouteDoc(
        "get",
        "/segments/{segment_id}/members",
        "Members with marketing consent; ?format=csv for all",
        SIGNED_IN,
        response=schemas.SegmentMemberPageSchema,
        query=schemas.MembersQuerySchema,
        errors=(400, 403, 404),
        roles=("marketing",),
        csv=True,
        tag="segments",
    ),
    RouteDoc(
        "get",
        "/alerts",
        "Surges and backlash, newest first",
        SIGNED_IN,
        response=schemas.AlertPageSchema,
        query=schemas.PageQuerySchema,
        errors=(400, 403),
        roles=("product", "moderator"),
        tag="topics",
    ),
    RouteDoc(
        "get", "/me", "The signed-in user's profile", SIGNED_IN, response=schemas.MeSchema, errors=(404,), tag="me"
    ),
    RouteDoc(
        "patch",
        "/me",
        "Change name, consent, notifications or language",
        SIGNED_IN,
        response=schemas.MeSchema,
        body=schemas.MePatchSchema,
        errors=(400, 404),
        tag="me",
    ),
    RouteDoc(
        "post",
        "/dev/token",
        "Local stage only: a token signed by the dev issuer",
        PUBLIC,
        response=schemas.DevTokenSchema,
        body=schemas.DevTokenRequestSchema,
        errors=(400, 404),
        tag="dev",
    ),
    RouteDoc(
        "get",
        "/dev/jwks.json",
        "Local stage only: the dev issuer's public keys",
        PUBLIC,
        response=schemas.JwksSchema,
        errors=(404,),
        tag="dev",
    ),
    RouteDoc(
        "get",
        "/",
        "Local stage only: the web portal's page (text/html, with its Content-Security-Policy)",
        PUBLIC,
        errors=(404,),
        tag="web",
    ),
    RouteDoc(
        "get",
        "/assets/{name}",
        "Local stage only: one of the web portal's files (JavaScript, CSS, SVG or JSON)",
        PUBLIC,
        errors=(404,),
        tag="web",
    ),
)

_ERROR_DESCRIPTIONS = {
    400: "Validation error; `fields` names each invalid field",
    401: "Missing, expired or invalid token",
    403: "The signed-in user's role may not do this",
    404: "Not found (hidden and held items are not found for the public)",
    405: "Method not allowed",
    409: "Conflict with the current state",
    413: "Request body above 64 KiB",
    503: "The data store is unavailable; retry later",
}


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    spec = APISpec(
        title="Cocrea API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Customer co-creation portal: ideas, votes, comments, topics."},
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    spec.components.schema("Error", schema=schemas.ErrorSchema)
    for route in ROUTES:
        spec.path(path=route.path, operations={route.method: _operation(route)})
    return spec.to_dict()


def _operation(route: RouteDoc) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": route.summary, "tags": [route.tag], "responses": {}}
    if route.roles:
        operation["description"] = "Roles: " + ", ".join(route.roles) + "."
    operation["security"] = [{"bearer": []}] if route.auth == SIGNED_IN else [{}, {"bearer": []}]
    parameters: list[dict[str, Any]] = [
        {"in": "path", "name": name, "required": True, "schema": {"type": "string"}} for name in _path_names(route.path)
    ]
    if route.query is not None:
        parameters.append({"in": "query", "schema": route.query})
    if parameters:
        operation["parameters"] = parameters
    if route.body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": route.body}}}
    if route.success != 405:
        success: dict[str, Any] = {"description": "Success"}
        if route.response is not None:
            success["content"] = {"application/json": {"schema": route.response}}
        if route.csv:
            success["content"]["text/csv"] = {"schema": {"type": "string"}}
        if route.headers:
            success["headers"] = {
                name: {"description": text, "schema": {"type": "string"}} for name, text in route.headers.items()
            }
        operation["responses"][str(route.success)] = success
    errors = set(route.errors) | {503}
    if route.auth == SIGNED_IN or route.path.startswith("/ideas"):
        errors.add(401)  # public reads also refuse a bad token rather than ignore it
    if route.body is not None:
        errors |= {400, 413}
    if route.auth == SIGNED_IN and route.roles:
        errors.add(403)
    for status in sorted(errors):
        operation["responses"][str(status)] = {
            "description": _ERROR_DESCRIPTIONS[status],
            "content": {"application/json": {"schema": "Error"}},
        }
    return operation


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]
