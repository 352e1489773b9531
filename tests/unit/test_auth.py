"""Token verification: real RSA keys, real signatures, and the attacks a token verifier must refuse.

The remote key source is exercised against a real HTTP server on 127.0.0.1 serving a JWKS, so
the caching and refresh rules are observed by counting the requests it really receives.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from chalicelib.api.errors import contract_error
from chalicelib.auth import LEEWAY_SECONDS, RemoteKeySource, StaticKeySource, TokenVerifier
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.roles import ROLES
from tests.support import JwksServer, serve_jwks

ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool"
AUDIENCE = "test-app-client"
KID = "key-1"
OTHER_KID = "key-2"


# ----------------------------------------------------------------------------- helpers


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwks_of(*keys: tuple[str, rsa.RSAPrivateKey]) -> dict[str, Any]:
    """The public JWKS of ``(kid, private key)`` pairs, as Cognito publishes it."""
    entries = []
    for kid, key in keys:
        entry = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
        entries.append({**entry, "kid": kid, "use": "sig", "alg": "RS256"})
    return {"keys": entries}


def claims(**overrides: Any) -> dict[str, Any]:
    """Claims of a valid Cognito-shaped ID token; an override of ``None`` removes the claim."""
    now = int(time.time())
    base: dict[str, Any] = {
        "sub": "user-123",
        "name": "Ana Pérez",
        "email": "ana@example.com",
        "cognito:groups": [],
        "token_use": "id",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 600,
    }
    base.update(overrides)
    return {name: value for name, value in base.items() if value is not None}


def groups(value: object) -> dict[str, Any]:
    """The ``cognito:groups`` claim, as keyword overrides (its name is not a Python identifier)."""
    return {"cognito:groups": value}


def sign(key: rsa.RSAPrivateKey, kid: str = KID, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), key, algorithm="RS256", headers={"kid": kid})


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def segment(document: dict[str, Any]) -> str:
    return b64url(json.dumps(document, separators=(",", ":")).encode())


def public_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return new_key()


@pytest.fixture(scope="module")
def other_key() -> rsa.RSAPrivateKey:
    return new_key()


@pytest.fixture
def verifier(key: rsa.RSAPrivateKey) -> TokenVerifier:
    return TokenVerifier(StaticKeySource(jwks_of((KID, key))), ISSUER, AUDIENCE)


def assert_refused(verifier: TokenVerifier, token: str) -> None:
    with pytest.raises(Unauthenticated) as raised:
        verifier.verify(token)
    assert contract_error(raised.value) == (401, "unauthorized")


# ----------------------------------------------------------------------------- valid tokens


def test_valid_token_gives_the_principal_of_its_claims(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    principal = verifier.verify(sign(key, **groups(["product", "moderator"])))

    assert principal.id == "user-123"
    assert principal.name == "Ana Pérez"
    assert principal.email == "ana@example.com"
    assert set(principal.roles) == {"product", "moderator"}


@pytest.mark.parametrize("no_groups", [[], None])
def test_token_without_groups_is_a_customer(
    verifier: TokenVerifier, key: rsa.RSAPrivateKey, no_groups: list[str] | None
) -> None:
    principal = verifier.verify(sign(key, **groups(no_groups)))

    assert principal.roles == ("customer",)
    assert not principal.has_any("product", "marketing", "moderator")


def test_unknown_groups_are_ignored(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    principal = verifier.verify(sign(key, **groups(["beta-testers", "marketing", "Admins"])))

    assert principal.roles == ("marketing",)


def test_admin_may_act_as_every_role(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    principal = verifier.verify(sign(key, **groups(["admin"])))

    assert all(principal.has_any(role) for role in ROLES)
    assert principal.is_official


def test_name_falls_back_to_username_then_subject(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    with_username = verifier.verify(sign(key, name=None, **{"cognito:username": "ana_p"}))
    bare = verifier.verify(sign(key, name=None))

    assert with_username.name == "ana_p"
    assert bare.name == "user-123"


def test_small_clock_skew_is_tolerated(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    now = int(time.time())

    principal = verifier.verify(sign(key, iat=now - 600, exp=now - LEEWAY_SECONDS // 3))

    assert principal.id == "user-123"


# ----------------------------------------------------------------------------- refused tokens


def test_token_expired_beyond_the_leeway_is_refused(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    now = int(time.time())

    assert_refused(verifier, sign(key, iat=now - 3600, exp=now - LEEWAY_SECONDS - 30))


def test_token_for_another_audience_is_refused(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    assert_refused(verifier, sign(key, aud="some-other-client"))


def test_token_of_another_issuer_is_refused(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    assert_refused(verifier, sign(key, iss="https://evil.example.com"))


@pytest.mark.parametrize("token_use", [None, "access", "ID", ""])
def test_only_id_tokens_are_accepted(verifier: TokenVerifier, key: rsa.RSAPrivateKey, token_use: str | None) -> None:
    assert_refused(verifier, sign(key, token_use=token_use))


@pytest.mark.parametrize("missing", ["exp", "sub", "iat", "iss", "aud"])
def test_token_missing_a_required_claim_is_refused(
    verifier: TokenVerifier, key: rsa.RSAPrivateKey, missing: str
) -> None:
    removed: dict[str, Any] = {missing: None}

    assert_refused(verifier, sign(key, **removed))


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
@pytest.mark.parametrize("signature", ["", "c2lnbmF0dXJl"])
def test_alg_none_is_refused(verifier: TokenVerifier, alg: str, signature: str) -> None:
    token = f"{segment({'alg': alg, 'typ': 'JWT', 'kid': KID})}.{segment(claims())}.{signature}"

    assert_refused(verifier, token)


@pytest.mark.parametrize("alg", ["HS256", "RS256"])
def test_hmac_signed_with_the_public_key_is_refused(verifier: TokenVerifier, key: rsa.RSAPrivateKey, alg: str) -> None:
    """The algorithm-confusion attack: the public key, which anyone has, used as an HMAC secret
    (declared honestly as HS256, or disguised as RS256)."""
    signing_input = f"{segment({'alg': alg, 'typ': 'JWT', 'kid': KID})}.{segment(claims())}"
    mac = hmac.new(public_pem(key), signing_input.encode(), hashlib.sha256).digest()

    assert_refused(verifier, f"{signing_input}.{b64url(mac)}")


def test_token_signed_by_another_key_under_a_known_kid_is_refused(
    verifier: TokenVerifier, other_key: rsa.RSAPrivateKey
) -> None:
    assert_refused(verifier, sign(other_key, kid=KID, **groups(["admin"])))


def test_token_with_claims_altered_after_signing_is_refused(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    header, _, signature = sign(key).split(".")
    escalated = segment(claims(**groups(["admin"])))

    assert_refused(verifier, f"{header}.{escalated}.{signature}")


def test_token_signed_by_an_unknown_kid_is_refused(verifier: TokenVerifier, other_key: rsa.RSAPrivateKey) -> None:
    assert_refused(verifier, sign(other_key, kid=OTHER_KID))


def test_token_without_kid_is_refused(verifier: TokenVerifier, key: rsa.RSAPrivateKey) -> None:
    assert_refused(verifier, jwt.encode(claims(), key, algorithm="RS256"))


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-token",
        "a.b",
        "a.b.c",
        "...",
        "ey.ey.ey",
        f"{b64url(b'not json')}.{segment({'sub': 'x'})}.c2ln",
        f"{b64url(b'[1, 2]')}.{segment({'sub': 'x'})}.c2ln",
        f"{segment({'alg': 'RS256', 'kid': KID})}.!!!.c2ln",
        f"{segment({'alg': 'RS256', 'kid': KID})}.{b64url(b'not json')}.c2ln",
        "é.é.é",
    ],
)
def test_malformed_token_is_refused(verifier: TokenVerifier, token: str) -> None:
    assert_refused(verifier, token)


# ----------------------------------------------------------------------------- remote JWKS


@pytest.fixture
def jwks_server(key: rsa.RSAPrivateKey) -> Iterator[JwksServer]:
    with serve_jwks(jwks_of((KID, key))) as server:
        yield server


def test_remote_keys_are_fetched_once_and_cached(jwks_server: JwksServer, key: rsa.RSAPrivateKey) -> None:
    verifier = TokenVerifier(RemoteKeySource(jwks_server.url), ISSUER, AUDIENCE)

    for subject in ("user-1", "user-2", "user-3"):
        assert verifier.verify(sign(key, sub=subject)).id == subject

    assert jwks_server.requests == 1


def test_unknown_kid_refreshes_at_most_once_per_interval(
    jwks_server: JwksServer, key: rsa.RSAPrivateKey, other_key: rsa.RSAPrivateKey
) -> None:
    interval = 1.0
    current, rotated, forged = sign(key), sign(other_key, kid=OTHER_KID), sign(other_key, kid="forged-kid")
    verifier = TokenVerifier(RemoteKeySource(jwks_server.url, refresh_interval=interval), ISSUER, AUDIENCE)
    verifier.verify(current)
    # The issuer rotates a new key in right after our fetch: it is not seen before the interval.
    jwks_server.jwks = jwks_of((KID, key), (OTHER_KID, other_key))

    for _ in range(5):
        assert_refused(verifier, rotated)
        assert_refused(verifier, forged)
    assert jwks_server.requests == 1

    time.sleep(interval + 0.1)

    assert verifier.verify(rotated).id == "user-123"
    assert verifier.verify(current).id == "user-123"
    assert jwks_server.requests == 2
    for _ in range(5):
        assert_refused(verifier, forged)
    assert jwks_server.requests == 2


def test_first_unknown_kid_fetches_the_keys(jwks_server: JwksServer, other_key: rsa.RSAPrivateKey) -> None:
    source = RemoteKeySource(jwks_server.url)

    with pytest.raises(Unauthenticated):
        source.key_for(OTHER_KID)
    with pytest.raises(Unauthenticated):
        source.key_for(OTHER_KID)

    assert jwks_server.requests == 1
    assert isinstance(source.key_for(KID), rsa.RSAPublicKey)
    assert jwks_server.requests == 1
