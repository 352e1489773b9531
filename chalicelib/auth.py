"""Verification of Cognito-shaped ID tokens (RS256 JWTs) against the issuer's JWKS.

The same code runs in every stage: in AWS the keys come from the user pool's JWKS URL, in the
local stage from the dev issuer's key file. Only RS256 is accepted, so ``alg: none`` and HS256
tokens (the classic algorithm-confusion attack) are refused before any key is looked at.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from typing import Any, Protocol

import jwt

from chalicelib.domain.errors import IdentityProviderUnavailable, Unauthenticated
from chalicelib.domain.roles import Principal, roles_from_groups

ACCEPTED_ALGORITHM = "RS256"
REQUIRED_CLAIMS = ("sub", "exp", "iat", "iss", "aud", "token_use")
# Clock skew tolerated between the issuer and this server.
LEEWAY_SECONDS = 30


class KeySource(Protocol):
    """Finds the public key that signed a token, by the token's ``kid``."""

    def key_for(self, kid: str) -> Any: ...


class StaticKeySource:
    """Keys known up front (the local dev issuer)."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self._keys = _keys_by_id(jwks)

    def key_for(self, kid: str) -> Any:
        try:
            return self._keys[kid]
        except KeyError:
            raise Unauthenticated("token signed by an unknown key") from None


class RemoteKeySource:
    """A JWKS fetched over HTTPS and cached for the life of the Lambda container.

    Cognito rotates keys rarely; an unknown ``kid`` triggers one refresh, at most once per
    ``refresh_interval`` seconds, so forged kids cannot make us hammer the issuer.
    """

    def __init__(self, url: str, refresh_interval: float = 300.0, timeout: float = 3.0) -> None:
        self._url = url
        self._refresh_interval = refresh_interval
        self._timeout = timeout
        self._keys: dict[str, Any] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def key_for(self, kid: str) -> Any:
        key = self._keys.get(kid)
        if key is not None:
            return key
        with self._lock:
            if kid not in self._keys and time.monotonic() - self._fetched_at >= self._refresh_interval:
                # Counted before fetching, so an issuer that is down is not asked on every request.
                self._fetched_at = time.monotonic()
                self._keys = self._fetch()
        try:
            return self._keys[kid]
        except KeyError:
            raise Unauthenticated("token signed by an unknown key") from None

    def _fetch(self) -> dict[str, Any]:
        """The issuer's keys; an issuer that cannot be reached makes the request a 503, not a 500."""
        try:
            with urllib.request.urlopen(self._url, timeout=self._timeout) as response:  # noqa: S310 - URL from settings
                jwks = json.load(response)
            return _keys_by_id(jwks)
        except (OSError, ValueError, jwt.PyJWKSetError) as error:
            raise IdentityProviderUnavailable(f"the identity provider's keys could not be fetched: {error}") from None


def _keys_by_id(jwks: dict[str, Any]) -> dict[str, Any]:
    return {key.key_id: key.key for key in jwt.PyJWKSet.from_dict(jwks).keys if key.key_id}


class TokenVerifier:
    """Checks signature, ``iss``, ``aud``, ``exp`` and ``token_use`` and returns the principal."""

    def __init__(self, keys: KeySource, issuer: str, audience: str) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience

    def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise Unauthenticated("malformed token") from None
        if header.get("alg") != ACCEPTED_ALGORITHM:
            raise Unauthenticated("token algorithm not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Unauthenticated("token has no key id")
        key = self._keys.key_for(kid)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ACCEPTED_ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": list(REQUIRED_CLAIMS)},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("token expired") from None
        except jwt.InvalidTokenError as error:
            raise Unauthenticated(f"invalid token: {error}") from None
        if claims.get("token_use") != "id":
            raise Unauthenticated("not an ID token")
        return principal_from_claims(claims)


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    subject = str(claims["sub"])
    name = claims.get("name") or claims.get("cognito:username") or subject
    return Principal(
        id=subject,
        name=str(name)[:100],
        email=str(claims.get("email") or ""),
        roles=roles_from_groups(claims.get("cognito:groups")),
    )
