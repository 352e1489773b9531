"""Error messages in the reader's language: profile language, else Accept-Language, else English."""

from __future__ import annotations

from chalicelib.local_issuer import LocalIssuer
from chalicelib.texts import text
from tests.support import Api, User, assert_error, new_user


def test_accept_language_chooses_the_message_of_each_common_error(api: Api, issuer: LocalIssuer) -> None:
    customer = new_user(issuer)
    spanish = {"accept-language": "es-ES,es;q=0.9,en;q=0.5"}

    reply = api.get("/ideas/no-such-idea", headers=spanish)
    assert_error(reply, 404, "not_found")
    assert reply.body["error"]["message"] == text("es", "error.not_found")

    reply = api.get("/users", customer, headers={"accept-language": "pt-BR"})
    assert_error(reply, 403, "forbidden")
    assert reply.body["error"]["message"] == text("pt", "error.forbidden")

    reply = api.get("/me", User("x", "x", [], "not-a-token"), headers=spanish)
    assert_error(reply, 401, "unauthorized")
    assert reply.body["error"]["message"] == text("es", "error.unauthorized")

    reply = api.call("POST", "/ideas", customer, raw_body="x" * 70_000, headers=spanish)
    assert_error(reply, 413, "payload_too_large")
    assert reply.body["error"]["message"] == text("es", "error.payload_too_large")

    # English, asked for or by default, keeps the detailed message.
    reply = api.get("/ideas/no-such-idea", headers={"accept-language": "de, en;q=0.5"})
    assert reply.body["error"]["message"] != text("es", "error.not_found")
    assert reply.body["error"]["message"] != text("en", "error.not_found")


def test_validation_errors_name_fields_and_translate_their_messages(api: Api, issuer: LocalIssuer) -> None:
    customer = new_user(issuer)
    reply = api.post("/ideas", customer, {"title": "", "phase": "design"}, headers={"accept-language": "es"})
    assert_error(reply, 400, "validation_error")
    assert reply.body["error"]["message"] == text("es", "error.validation_error.fields", names="product, title")
    assert reply.body["error"]["fields"]["product"] == ["Obligatorio."]
    assert reply.body["error"]["fields"]["title"] == [text("es", "field.length", min=3, max=140)]

    english = api.post("/ideas", customer, {"title": "", "phase": "design"})
    assert english.body["error"]["fields"]["product"] == ["Missing data for required field."]


def test_the_profile_language_wins_over_accept_language(api: Api, issuer: LocalIssuer) -> None:
    admin = new_user(issuer, "admin")
    assert api.patch("/me", admin, {"language": "pt"}).status == 200
    reply = api.put(f"/users/{admin.id}/roles", admin, json_body={"roles": []}, headers={"accept-language": "es"})
    assert_error(reply, 400, "validation_error")
    assert reply.body["error"]["message"] == text("pt", "error.own_admin_role")
    assert reply.body["error"]["fields"] == {"roles": [text("pt", "error.own_admin_role")]}
    reply = api.get("/ideas/no-such-idea", admin, headers={"accept-language": "es"})
    assert reply.body["error"]["message"] == text("pt", "error.not_found")


def test_errors_chalice_answers_itself_are_localised_too(api: Api) -> None:
    reply = api.call("DELETE", "/health", headers={"accept-language": "pt"})
    assert_error(reply, 405, "method_not_allowed")
    assert reply.body["error"]["message"] == text("pt", "error.method_not_allowed")
