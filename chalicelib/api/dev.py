"""``/dev/token`` and ``/dev/jwks.json``: the local stage's stand-in for Cognito.

The routes are always registered so that every other stage answers them with the contract's
404 (an unregistered path would get API Gateway's own 403 instead).
"""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.request import local_issuer
from chalicelib.api.routing import PUBLIC, Call, endpoint
from chalicelib.config import DEFAULT_DEV_TOKEN_TTL_SECONDS
from chalicelib.services.users import stored_groups

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/dev/token",
    "POST",
    summary="Local stage only: a token signed by the dev issuer",
    access=PUBLIC,
    body="DevTokenRequestSchema",
    response="DevTokenSchema",
    errors=(400, 404),
    local_only=True,
    tag="dev",
)
def dev_token(call: Call) -> dict[str, str]:
    data = call.body
    # Like Cognito, which puts the pool's groups in a token: roles an admin assigned
    # (PUT /users/{id}/roles) replace the groups asked for.
    groups = stored_groups(data["sub"])
    token = local_issuer().issue(
        data["sub"],
        data["name"],
        email=data.get("email"),
        groups=data.get("groups") if groups is None else groups,
        ttl=data.get("ttl", DEFAULT_DEV_TOKEN_TTL_SECONDS),
    )
    return {"token": token}


@endpoint(
    blueprint,
    "/dev/jwks.json",
    "GET",
    summary="Local stage only: the dev issuer's public keys",
    access=PUBLIC,
    response="JwksSchema",
    errors=(404,),
    local_only=True,
    tag="dev",
)
def dev_jwks(call: Call) -> dict[str, Any]:
    jwks: dict[str, Any] = local_issuer().jwks()
    return jwks
