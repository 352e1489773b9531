"""Sign-in as a client sees it: bad tokens are 401 everywhere, roles gate writes, the profile is
created from the token, the dev issuer works only in the local stage, and another stage verifies
tokens against its issuer's remote JWKS."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from chalicelib.config import LOCAL_AUDIENCE, LOCAL_ISSUER
from chalicelib.local_issuer import LocalIssuer
from devstack.dynamodb import DynamoDBLocal, free_port, stop
from tests.conftest import DATA_DIR
from tests.integration.conftest import serve_api
from tests.support import Api, User, assert_error, http_call, new_user, serve_jwks

# ----------------------------------------------------------------------------- tokens


ALL_KINDS_ON = {"updates": True, "merges": True, "release_notes": True, "webhooks": True}
ALL_KINDS_OFF = dict.fromkeys(ALL_KINDS_ON, False)


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def segment(document: dict[str, Any]) -> str:
    return b64url(json.dumps(document, separators=(",", ":")).encode())


def id_token_claims(issuer: str = LOCAL_ISSUER, audience: str = LOCAL_AUDIENCE, **extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "sub": f"user-{uuid.uuid4().hex[:12]}",
        "name": "Mallory",
        "email": "mallory@example.com",
        "cognito:groups": ["admin"],
        "token_use": "id",
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "exp": now + 600,
        **extra,
    }


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def issuer_public_pem(issuer: LocalIssuer) -> bytes:
    public_key = jwt.PyJWK(issuer.jwks()["keys"][0]).key
    assert isinstance(public_key, rsa.RSAPublicKey)
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@pytest.fixture(scope="module")
def bad_authorizations(issuer: LocalIssuer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """``Authorization`` header values that must all be refused with 401, by name."""
    forged = jwt.encode(id_token_claims(), new_rsa_key(), algorithm="RS256", headers={"kid": issuer.kid})
    foreign = LocalIssuer(tmp_path_factory.mktemp("foreign-issuer"), LOCAL_ISSUER, LOCAL_AUDIENCE)
    unsigned = f"{segment({'alg': 'none', 'typ': 'JWT', 'kid': issuer.kid})}.{segment(id_token_claims())}."
    hs256_input = f"{segment({'alg': 'HS256', 'typ': 'JWT', 'kid': issuer.kid})}.{segment(id_token_claims())}"
    hs256_mac = hmac.new(issuer_public_pem(issuer), hs256_input.encode(), hashlib.sha256).digest()
    return {
        "expired": "Bearer " + issuer.issue("expired-user", "Late", ttl=-120),
        "forged with the issuer's kid": f"Bearer {forged}",
        "foreign issuer key": "Bearer " + foreign.issue("foreign-user", "Foreign", groups=["admin"]),
        "wrong audience": "Bearer " + LocalIssuer(DATA_DIR, LOCAL_ISSUER, "another-app").issue("aud-user", "Aud"),
        "wrong issuer": "Bearer " + LocalIssuer(DATA_DIR, "https://evil.example.com", LOCAL_AUDIENCE).issue("i", "I"),
        "alg none": f"Bearer {unsigned}",
        "hs256 with the public key": f"Bearer {hs256_input}.{b64url(hs256_mac)}",
        "basic scheme": "Basic dXNlcjpwYXNzd29yZA==",
        "bearer without token": "Bearer",
        "bearer with blank token": "Bearer    ",
        "garbage token": "Bearer not.a.jwt",
    }


BAD_AUTHORIZATIONS = [
    "expired",
    "forged with the issuer's kid",
    "foreign issuer key",
    "wrong audience",
    "wrong issuer",
    "alg none",
    "hs256 with the public key",
    "basic scheme",
    "bearer without token",
    "bearer with blank token",
    "garbage token",
]


# ----------------------------------------------------------------------------- 401 everywhere


def test_signed_in_routes_refuse_a_missing_token(api: Api, product: str) -> None:
    assert_error(api.get("/me"), 401, "unauthorized")
    assert_error(
        api.post("/ideas", json_body={"title": "Anonymous idea", "product": product, "phase": "design"}),
        401,
        "unauthorized",
    )


@pytest.mark.parametrize("name", BAD_AUTHORIZATIONS)
def test_bad_token_on_me_is_401(api: Api, bad_authorizations: dict[str, str], name: str) -> None:
    reply = api.get("/me", headers={"authorization": bad_authorizations[name]})

    assert_error(reply, 401, "unauthorized")


@pytest.mark.parametrize("name", BAD_AUTHORIZATIONS)
def test_bad_token_cannot_post_an_idea(api: Api, bad_authorizations: dict[str, str], product: str, name: str) -> None:
    body = {"title": "Sneaky idea", "product": product, "phase": "design"}

    reply = api.post("/ideas", json_body=body, headers={"authorization": bad_authorizations[name]})

    assert_error(reply, 401, "unauthorized")
    assert api.get(f"/ideas?product={product}").body["items"] == []


@pytest.mark.parametrize("name", BAD_AUTHORIZATIONS)
def test_public_read_with_a_bad_token_is_401_not_anonymous(
    api: Api, bad_authorizations: dict[str, str], product: str, name: str
) -> None:
    assert api.get(f"/ideas?product={product}").status == 200

    reply = api.get(f"/ideas?product={product}", headers={"authorization": bad_authorizations[name]})

    assert_error(reply, 401, "unauthorized")


# ----------------------------------------------------------------------------- roles


def new_slug() -> str:
    return f"p-{uuid.uuid4().hex[:12]}"


def test_customer_cannot_create_a_product(api: Api, customer: User) -> None:
    slug = new_slug()

    assert_error(api.post("/products", customer, {"slug": slug, "name": "Mine"}), 403, "forbidden")
    assert_error(api.get(f"/products/{slug}"), 404, "not_found")


@pytest.mark.parametrize("group", ["product", "admin"])
def test_product_team_and_admin_create_products(api: Api, issuer: LocalIssuer, group: str) -> None:
    slug = new_slug()

    reply = api.post(
        "/products", new_user(issuer, group), {"slug": slug, "name": "  Mobile app ", "description": "iOS"}
    )

    assert reply.status == 201, reply.body
    assert reply.headers["location"] == f"/products/{slug}"
    assert reply.body["slug"] == slug and reply.body["name"] == "Mobile app"
    assert api.get(f"/products/{slug}").body["description"] == "iOS"


def test_existing_slug_is_a_conflict_and_keeps_the_first_product(api: Api, issuer: LocalIssuer, product: str) -> None:
    reply = api.post("/products", new_user(issuer, "admin"), {"slug": product, "name": "Replacement"})

    assert_error(reply, 409, "conflict")
    assert api.get(f"/products/{product}").body["name"] == f"Product {product}"


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("A", id="too-short-and-upper"),
        pytest.param("Mobile", id="upper"),
        pytest.param("mobile_app", id="underscore"),
        pytest.param("-mobile", id="leading-dash"),
        pytest.param("m" * 41, id="too-long"),
        pytest.param("mobile\n", id="trailing-newline"),
        pytest.param(42, id="not-a-string"),
    ],
)
def test_invalid_slug_is_refused_naming_it(api: Api, product_user: User, slug: object) -> None:
    reply = api.post("/products", product_user, {"slug": slug, "name": "Bad slug"})

    assert_error(reply, 400, "validation_error")
    assert list(reply.body["error"]["fields"]) == ["slug"]


# ----------------------------------------------------------------------------- the profile


def new_member(issuer: LocalIssuer, groups: list[str]) -> User:
    subject = f"user-{uuid.uuid4().hex[:12]}"
    token = issuer.issue(subject, "Nora Núñez", email=f"{subject}@correo.example", groups=groups)
    return User(subject, "Nora Núñez", groups, token)


def test_first_signed_in_request_creates_the_profile_from_the_token(api: Api, issuer: LocalIssuer) -> None:
    member = new_member(issuer, ["moderator", "beta-testers", "marketing"])

    reply = api.get("/me", member)

    assert reply.status == 200, reply.body
    assert reply.body == {
        "id": member.id,
        "name": "Nora Núñez",
        "email": f"{member.id}@correo.example",
        "roles": ["marketing", "moderator"],
        "marketing_consent": False,
        "notifications": ALL_KINDS_ON,
        "language": "es",
        "stats": {"ideas": 0, "votes": 0, "comments": 0},
    }


def test_token_without_groups_is_a_customer(api: Api, customer: User) -> None:
    assert api.get("/me", customer).body["roles"] == ["customer"]


def test_profile_changes_are_returned_and_kept(api: Api, issuer: LocalIssuer) -> None:
    member = new_member(issuer, [])
    changes = {"name": "  Nora N.  ", "language": "pt", "marketing_consent": True, "notifications": False}

    reply = api.patch("/me", member, changes)

    assert reply.status == 200, reply.body
    # ``false`` turns every kind of e-mail off at once (the single switch the profile once had).
    expected = {"name": "Nora N.", "language": "pt", "marketing_consent": True, "notifications": ALL_KINDS_OFF}
    assert {name: reply.body[name] for name in expected} == expected
    again = api.get("/me", member).body
    assert {name: again[name] for name in expected} == expected
    assert again["email"] == f"{member.id}@correo.example"


def test_one_profile_field_changes_alone(api: Api, issuer: LocalIssuer) -> None:
    member = new_member(issuer, [])

    api.patch("/me", member, {"language": "en"})

    profile = api.get("/me", member).body
    assert profile["language"] == "en"
    assert (
        profile["name"] == "Nora Núñez"
        and profile["marketing_consent"] is False
        and profile["notifications"] == ALL_KINDS_ON
    )


@pytest.mark.parametrize(
    ("changes", "field_name"),
    [
        ({"language": "fr"}, "language"),
        ({"marketing_consent": "yes"}, "marketing_consent"),
        ({"notifications": 0}, "notifications"),
        ({"email": "new@example.com"}, "email"),
        ({"roles": ["admin"]}, "roles"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "Valid Name", "language": "fr"}, "language"),
        ({"marketing_consent": True, "nickname": "N"}, "nickname"),
    ],
)
def test_invalid_profile_change_is_refused_and_changes_nothing(
    api: Api, issuer: LocalIssuer, changes: dict[str, Any], field_name: str
) -> None:
    member = new_member(issuer, [])
    before = api.get("/me", member).body

    reply = api.patch("/me", member, changes)

    assert_error(reply, 400, "validation_error")
    assert field_name in reply.body["error"]["fields"]
    assert api.get("/me", member).body == before


# ----------------------------------------------------------------------------- the dev issuer


def test_dev_token_signs_in(api: Api) -> None:
    subject = f"dev-{uuid.uuid4().hex[:12]}"

    issued = api.post("/dev/token", json_body={"sub": subject, "name": "Dev Product", "groups": ["product"]})

    assert issued.status == 200, issued.body
    me = api.get("/me", headers={"authorization": f"Bearer {issued.body['token']}"})
    assert me.status == 200, me.body
    assert me.body["id"] == subject and me.body["name"] == "Dev Product"
    assert me.body["email"] == f"{subject}@example.com"
    assert me.body["roles"] == ["product"]


@pytest.mark.parametrize(
    ("body", "field_prefix"),
    [
        ({"name": "No Sub"}, "sub"),
        ({"sub": "u-1", "name": "Bad Group", "groups": ["superuser"]}, "groups"),
        ({"sub": "u-1", "name": "Zero TTL", "ttl": 0}, "ttl"),
        ({"sub": "u-1", "name": "Negative TTL", "ttl": -60}, "ttl"),
    ],
)
def test_invalid_dev_token_request_is_refused(api: Api, body: dict[str, Any], field_prefix: str) -> None:
    reply = api.post("/dev/token", json_body=body)

    assert_error(reply, 400, "validation_error")
    assert any(name.split(".")[0] == field_prefix for name in reply.body["error"]["fields"]), reply.body


def test_dev_jwks_publishes_the_issuer_key(api: Api, issuer: LocalIssuer) -> None:
    reply = api.get("/dev/jwks.json")

    assert reply.status == 200
    assert issuer.kid in [key["kid"] for key in reply.body["keys"]]
    assert all(key["kty"] == "RSA" and "d" not in key for key in reply.body["keys"])


# ----------------------------------------------------------------------------- another stage


@pytest.mark.served
def test_dev_stage_has_no_dev_issuer_and_verifies_against_the_remote_jwks(
    dynamodb: DynamoDBLocal, issuer: LocalIssuer, tmp_path: Path
) -> None:
    pool_issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_DevPool"
    audience = "dev-app-client"
    key, kid = new_rsa_key(), "dev-pool-key-1"
    jwks = {"keys": [{**RSAAlgorithm.to_jwk(key.public_key(), as_dict=True), "kid": kid, "use": "sig", "alg": "RS256"}]}
    data_dir = tmp_path / "data"

    with serve_jwks(jwks) as jwks_server:
        env = {
            **os.environ,
            "STAGE": "dev",
            "JWT_ISSUER": pool_issuer,
            "JWT_AUDIENCE": audience,
            "JWKS_URL": jwks_server.url,
            "CURSOR_SECRET": "dev-stage-test-secret",
            "DATA_DIR": str(data_dir),
            # The API fetches the JWKS with urllib, which would send it to a configured proxy.
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
        port = free_port()
        process = serve_api(port, env, tmp_path / "chalice.log")
        try:
            base_url = f"http://127.0.0.1:{port}"

            assert_error(http_call(base_url, "POST", "/dev/token", body={"sub": "x", "name": "X"}), 404, "not_found")
            assert_error(http_call(base_url, "GET", "/dev/jwks.json"), 404, "not_found")

            subject = f"pool-{uuid.uuid4().hex[:12]}"
            claims = id_token_claims(pool_issuer, audience, sub=subject, name="Pía Pool", **{"cognito:groups": []})
            pool_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
            me = http_call(base_url, "GET", "/me", pool_token)
            assert me.status == 200, me.body
            assert me.body["id"] == subject and me.body["name"] == "Pía Pool" and me.body["roles"] == ["customer"]
            assert http_call(base_url, "GET", "/me", pool_token).status == 200

            local_token = issuer.issue(f"local-{uuid.uuid4().hex[:8]}", "Local", groups=["admin"])
            assert_error(http_call(base_url, "GET", "/me", local_token), 401, "unauthorized")
            # Keys were fetched from the issuer's URL once and then cached; a stranger's kid
            # does not make the API fetch them again.
            assert jwks_server.requests == 1
            assert not (data_dir / "dev-issuer").exists()
        finally:
            stop(process)
