"""Verification of Cognito-shaped ID tokens (RS256 JWTs) against the issuer's JWKS.

The same code runs in every stage: in AWS the keys come from the user pool's JWKS URL, in the
local stage from the dev issuer's key file. Only RS256 is accepted, so ``alg: none`` and HS256
tokens (the classic algorithm-confusion attack) are refused before any key is looked at.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from typing import Any, Protocol

import jwt

from chalicelib.domain.errors import IdentityProviderUnavailable, Unauthenticated
from chalicelib.domain.roles import Principal, roles_from_groups

logger = logging.getLogger("cocrea.auth")

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
    ``refresh_interval`` seconds, so forged kids cannot make us hammer the issuer. A failed fetch
    is remembered only ``failure_retry`` seconds (a network blip must not lock everyone out for
    the refresh interval), and it never discards the keys fetched before: tokens they signed go
    on verifying while the issuer is unreachable. A token whose key cannot be looked up because
    of the outage is a 503 (retry), never a 401 (sign in again).
    """

    def __init__(
        self, url: str, refresh_interval: float = 300.0, failure_retry: float = 5.0, timeout: float = 3.0
    ) -> None:
        self._url = url
        self._refresh_interval = refresh_interval
        self._failure_retry = failure_retry
        self._timeout = timeout
        self._keys: dict[str, Any] = {}
        self._next_fetch_at = float("-inf")
        self._outage: IdentityProviderUnavailable | None = None
        self._lock = threading.Lock()

    def key_for(self, kid: str) -> Any:
        key = self._keys.get(kid)
        if key is not None:
            return key
        with self._lock:
            if kid not in self._keys and time.monotonic() >= self._next_fetch_at:
                self._refresh()
        key = self._keys.get(kid)
        if key is not None:
            return key
        if self._outage is not None:
            raise self._outage
        raise Unauthenticated("token signed by an unknown key")

    def _refresh(self) -> None:
        try:
            keys = self._fetch()
        except IdentityProviderUnavailable as error:
            # Counted as an attempt, so an issuer that is down is not asked on every request.
            self._next_fetch_at = time.monotonic() + self._failure_retry
            self._outage = error
            return
        self._keys = keys
        self._outage = None
        self._next_fetch_at = time.monotonic() + self._refresh_interval

    def _fetch(self) -> dict[str, Any]:
        """The issuer's keys; an issuer that cannot be reached makes the request a 503, not a 500."""
        try:
            with urllib.request.urlopen(self._url, timeout=self._timeout) as response:  # noqa: S310 - URL from settings
                jwks = json.load(response)
            return _keys_by_id(jwks)
        except (OSError, ValueError, jwt.PyJWKSetError) as error:
            logger.warning("JWKS fetch from %s failed: %s", self._url, error)
            raise IdentityProviderUnavailable(
                "the identity provider's keys could not be fetched; retry shortly"
            ) from None


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
