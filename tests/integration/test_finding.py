"""Finding ideas: search, hints while typing and duplicate pairs, with the real model, on ideas
embedded from the ideas table's real stream (DynamoDB Local), as the local worker does."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from chalicelib.local_issuer import LocalIssuer
from chalicelib.services import finding
from devstack.semantic_worker import StreamReader, ensure_stream, process_stream
from tests.support import Api, User, assert_error, new_user

CAMERA_ES = "La aplicación se cierra al abrir la cámara"
IDEAS = {
    "camera": (CAMERA_ES, "Cada vez que intento hacer una foto desde la app, se cierra sola."),
    "invoice": ("Exportar las facturas a PDF", "Necesito descargar cada factura mensual en PDF para contabilidad."),
    "dark": ("Modo escuro no aplicativo", "Gostaria de um tema escuro para usar à noite."),
    "code": ("El termostato muestra el error E-4012", "Tras la actualización aparece E-4012 y no calienta."),
    "battery": ("Battery drains overnight", "The sensor battery is empty after a single night."),
}


@pytest.fixture(scope="module")
def users(issuer: LocalIssuer) -> dict[str, User]:
    return {
        "customer": new_user(issuer, name="Carla Cliente"),
        "other": new_user(issuer, name="Otto Other"),
        "product": new_user(issuer, "product", name="Pablo Producto"),
        "moderator": new_user(issuer, "moderator", name="Marta Moderadora"),
    }


@pytest.fixture(scope="module")
def stream(dynamodb: Any) -> StreamReader:
    """The ideas table's stream from now on: what the local worker (the semantic function in AWS) reads."""
    return StreamReader(ensure_stream(), from_now=True)


@pytest.fixture(scope="module")
def board(api: Api, users: dict[str, User], stream: StreamReader) -> dict[str, Any]:
    """A product with ideas in Spanish, Portuguese and English, embedded from the stream."""
    slug = f"f-{uuid.uuid4().hex[:10]}"
    assert api.post("/products", users["product"], {"slug": slug, "name": "Hogar"}).status == 201
    ids = {}
    for key, (title, body) in IDEAS.items():
        reply = api.post(
            "/ideas", users["customer"], {"title": title, "body": body, "product": slug, "phase": "testing"}
        )
        assert reply.status == 201, reply.body
        ids[key] = reply.body["id"]
    report = process_stream(stream)
    assert set(ids.values()) <= set(report.embedded)
    return {"slug": slug, "ids": ids}


def post_idea(api: Api, user: User, product: str, title: str, body: str = "", phase: str = "testing") -> str:
    reply = api.post("/ideas", user, {"title": title, "body": body, "product": product, "phase": phase})
    assert reply.status == 201, reply.body
    return str(reply.body["id"])


def similar(api: Api, title: str, product: str | None = None, user: User | None = None) -> list[Any]:
    body: dict[str, Any] = {"title": title}
    if product:
        body["product"] = product
    reply = api.post("/ideas/similar", user, body)
    assert reply.status == 200, reply.body
    return list(reply.body["items"])


def search(api: Api, query: str, user: User | None = None) -> list[Any]:
    reply = api.get(f"/search?{query}", user)
    assert reply.status == 200, reply.body
    return list(reply.body["items"])


def test_a_title_typed_in_english_is_hinted_the_spanish_idea_with_the_same_request(api: Api, board: Any) -> None:
    items = similar(api, "App crashes when I open the camera", board["slug"])

    assert items, "expected the Spanish idea as a hint"
    assert items[0]["idea"]["id"] == board["ids"]["camera"]
    assert items[0]["idea"]["title"] == CAMERA_ES
    assert len(items) <= 5
    assert [item["score"] for item in items] == sorted((item["score"] for item in items), reverse=True)


def test_a_portuguese_title_finds_the_spanish_idea_too(api: Api, board: Any) -> None:
    items = similar(api, "O aplicativo fecha quando abro a câmera", board["slug"])

    assert items and items[0]["idea"]["id"] == board["ids"]["camera"]


def test_nothing_close_gives_no_hints(api: Api, board: Any) -> None:
    assert similar(api, "Recetas de cocina vegetariana para el verano", board["slug"]) == []


def test_hints_and_search_carry_the_readers_vote_and_follow(api: Api, board: Any, users: dict[str, User]) -> None:
    camera = board["ids"]["camera"]
    assert api.put(f"/ideas/{camera}/follow", users["other"]).status == 200

    items = similar(api, "App crashes when I open the camera", board["slug"], users["other"])
    assert items[0]["idea"]["id"] == camera
    assert (items[0]["idea"]["voted"], items[0]["idea"]["following"]) == (False, True)

    found = search(api, f"q=E-4012&product={board['slug']}", users["customer"])
    code = next(item["idea"] for item in found if item["idea"]["id"] == board["ids"]["code"])
    assert (code["voted"], code["following"]) == (False, True)  # the author follows their own idea


def test_search_matches_meaning_across_languages(api: Api, board: Any) -> None:
    items = search(api, f"q=dark+theme+for+the+night&product={board['slug']}")

    assert items[0]["idea"]["id"] == board["ids"]["dark"]


def test_an_error_code_typed_verbatim_ranks_first(api: Api, board: Any) -> None:
    items = search(api, f"q=E-4012&product={board['slug']}")

    assert items[0]["idea"]["id"] == board["ids"]["code"]


def test_search_filters_by_phase_and_status(api: Api, board: Any, users: dict[str, User]) -> None:
    slug = board["slug"]
    assert search(api, f"q=factura+PDF&product={slug}&phase=design") == []
    assert search(api, f"q=factura+PDF&product={slug}&status=planned") == []
    found = search(api, f"q=factura+PDF&product={slug}&phase=testing&status=open")
    assert found[0]["idea"]["id"] == board["ids"]["invoice"]


def test_search_without_a_product_looks_in_every_product(api: Api, board: Any) -> None:
    ids = [item["idea"]["id"] for item in search(api, "q=E-4012&limit=50")]

    assert board["ids"]["code"] in ids


def test_hidden_held_and_merged_ideas_never_show_in_search_hints_or_pairs(
    api: Api, board: Any, users: dict[str, User], stream: StreamReader
) -> None:
    slug = board["slug"]
    hidden = post_idea(api, users["other"], slug, "Garage door opener keeps beeping at night")
    held = post_idea(api, users["other"], slug, "Garage door opener beeps, you idiots")
    merged = post_idea(api, users["other"], slug, "The garage door opener beeps all night long")
    target = post_idea(api, users["other"], slug, "Garage door opener beeping every night")
    process_stream(stream)
    moderator, team = users["moderator"], users["product"]
    assert api.post(f"/ideas/{hidden}/hide", moderator, {"reason": "Duplicate spam"}).status == 200
    assert api.post(f"/ideas/{merged}/merge", team, {"into": target}).status == 200
    for reader in (None, users["customer"], moderator):
        shown = {item["idea"]["id"] for item in search(api, f"q=garage+door+beeping&product={slug}", reader)}
        hinted = {item["idea"]["id"] for item in similar(api, "Garage door opener beeps at night", slug, reader)}
        assert target in shown and target in hinted
        assert not {hidden, held, merged} & (shown | hinted)
    pairs = api.get(f"/moderation/duplicates?product={slug}&limit=100", moderator).body["items"]
    paired = {item[side]["id"] for item in pairs for side in ("a", "b")}
    assert not {hidden, held, merged} & paired
    assert search(api, f"q=garage+door+beeping&product={slug}&status=merged")[0]["idea"]["id"] == merged


def test_an_edit_is_embedded_from_the_stream(
    api: Api, board: Any, users: dict[str, User], stream: StreamReader
) -> None:
    slug = board["slug"]
    idea = post_idea(api, users["customer"], slug, "Smart plug schedule")
    process_stream(stream)
    assert idea not in {item["idea"]["id"] for item in similar(api, "Water leak sensor in the basement", slug)}

    edited = api.patch(f"/ideas/{idea}", users["customer"], {"title": "Water leak sensor for the basement"})
    assert edited.status == 200
    report = process_stream(stream)

    assert report.embedded == [idea]
    assert similar(api, "Water leak sensor in the basement", slug)[0]["idea"]["id"] == idea


def test_a_vote_does_not_embed_again(api: Api, board: Any, users: dict[str, User], stream: StreamReader) -> None:
    assert api.put(f"/ideas/{board['ids']['battery']}/vote", users["other"]).status == 200

    assert process_stream(stream).embedded == []


def test_duplicate_pairs_are_found_on_write_listed_and_dismissed_for_good(
    api: Api, board: Any, users: dict[str, User], stream: StreamReader
) -> None:
    slug, moderator = board["slug"], users["moderator"]
    twin = post_idea(api, users["other"], slug, "The app closes when I open the camera", "It crashes taking a photo.")
    process_stream(stream)

    pairs = api.get(f"/moderation/duplicates?product={slug}", moderator).body["items"]
    match = [item for item in pairs if {item["a"]["id"], item["b"]["id"]} == {twin, board["ids"]["camera"]}]
    assert match, pairs
    assert [item["score"] for item in pairs] == sorted((item["score"] for item in pairs), reverse=True)
    assert api.get(f"/moderation/duplicates?product={slug}", users["product"]).status == 200

    dismissed = api.post("/moderation/duplicates/dismiss", users["product"], {"a": board["ids"]["camera"], "b": twin})
    assert dismissed.status == 200 and dismissed.body == {"dismissed": True}
    edited = api.patch(f"/ideas/{twin}", users["other"], {"body": "It crashes whenever I take a photo."})
    assert edited.status == 200
    assert process_stream(stream).embedded == [twin]

    after = api.get(f"/moderation/duplicates?product={slug}&limit=100", moderator).body["items"]
    assert not [item for item in after if {item["a"]["id"], item["b"]["id"]} == {twin, board["ids"]["camera"]}]


def test_duplicate_routes_are_for_the_team_and_moderators(api: Api, board: Any, users: dict[str, User]) -> None:
    assert_error(api.get("/moderation/duplicates"), 401, "unauthorized")
    assert_error(api.get("/moderation/duplicates", users["customer"]), 403, "forbidden")
    pair = {"a": board["ids"]["camera"], "b": board["ids"]["invoice"]}
    assert_error(api.post("/moderation/duplicates/dismiss", users["customer"], pair), 403, "forbidden")
    assert_error(api.post("/moderation/duplicates/dismiss", None, pair), 401, "unauthorized")


def test_dismissing_needs_two_existing_different_ideas(api: Api, board: Any, users: dict[str, User]) -> None:
    team, camera = users["product"], board["ids"]["camera"]
    assert_error(api.post("/moderation/duplicates/dismiss", team, {"a": camera, "b": camera}), 400, "validation_error")
    assert_error(api.post("/moderation/duplicates/dismiss", team, {"a": camera, "b": "f" * 32}), 404, "not_found")
    assert_error(api.post("/moderation/duplicates/dismiss", team, {"a": camera}), 400, "validation_error")
    assert_error(
        api.post("/moderation/duplicates/dismiss", team, {"a": camera, "b": "x", "c": "y"}), 400, "validation_error"
    )


@pytest.mark.parametrize(
    "query",
    [
        "q=a",
        "q=" + "x" * 201,
        "",
        "q=camera&colour=red",
        "q=camera&limit=51",
        "q=camera&limit=0",
        "q=camera&phase=orbit",
        "q=camera&status=lost",
        "q=camera&product=Not+A+Slug",
        "q=++a++",
    ],
)
def test_bad_search_queries_are_400(api: Api, query: str) -> None:
    reply = api.get(f"/search?{query}")

    assert_error(reply, 400, "validation_error")


@pytest.mark.parametrize(
    "body",
    [
        {"title": "ab"},
        {"title": "x" * 141},
        {},
        {"title": "Camera crash", "colour": "red"},
        {"title": "Camera crash", "product": "NOPE"},
        {"title": "Camera crash", "body": "x" * 5001},
        {"title": 42},
    ],
)
def test_bad_hint_requests_are_400(api: Api, body: dict[str, Any]) -> None:
    assert_error(api.post("/ideas/similar", None, body), 400, "validation_error")


def test_an_unknown_product_is_400_not_an_empty_answer(api: Api) -> None:
    reply = api.get("/search?q=camera&product=no-such-board")

    assert_error(reply, 400, "validation_error")
    assert "product" in reply.body["error"]["fields"]


def test_too_many_calls_from_one_caller_are_429_with_retry_after(
    api: Api, board: Any, issuer: LocalIssuer, users: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    minute = (int(time.time()) // 60 + 1) * 60 + 15
    monkeypatch.setattr(finding, "now", lambda: minute)
    monkeypatch.setattr(finding, "SIMILAR_CALLS_PER_MINUTE", 2)
    monkeypatch.setattr(finding, "SEARCH_CALLS_PER_MINUTE", 2)
    caller = new_user(issuer, name="Rapid Typist")
    replies = [api.post("/ideas/similar", caller, {"title": "Camera crash"}) for _ in range(3)]
    searches = [api.get("/search?q=camera", caller) for _ in range(3)]

    assert [reply.status for reply in replies[:2]] == [200, 200]
    for reply in (replies[2], searches[2]):
        assert_error(reply, 429, "rate_limited")
        assert reply.headers["retry-after"] == "45"
    assert api.post("/ideas/similar", users["customer"], {"title": "Camera crash"}).status == 200


def test_the_semantic_function_answers_the_apis_invocations(board: Any) -> None:
    """The AWS handler's own entry point: the API sends {"op": ...}; ids and scores come back."""
    from chalicelib.semantic.handler import handle

    hints = handle(
        {"op": "similar", "title": "App crashes when I open the camera", "products": [board["slug"]], "limit": 5}, None
    )
    found = handle({"op": "search", "text": "E-4012", "products": [board["slug"]], "phase": None, "limit": 5}, None)

    assert board["ids"]["camera"] in [idea_id for idea_id, _ in hints["items"]]
    assert found["items"][0][0] == board["ids"]["code"]
    with pytest.raises(ValueError, match="unknown event"):
        handle({"op": "train"}, None)
