"""The request schemas: the limits of API.md at their exact boundaries, and nothing unexpected let in."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import Schema, ValidationError

from chalicelib.domain.vocabulary import PHASES, WORKFLOW_STATUSES
from chalicelib.schemas import (
    CommentCreateSchema,
    DevTokenRequestSchema,
    IdeaCreateSchema,
    IdeaListQuerySchema,
    IdeaPatchSchema,
    MePatchSchema,
    ProductCreateSchema,
)

IDEA = {"title": "Dark mode", "product": "app", "phase": "design"}


def refused_fields(schema: Schema, document: dict[str, Any]) -> set[str]:
    """The field names that ``schema`` refuses in ``document`` (fails the test if it accepts it)."""
    with pytest.raises(ValidationError) as raised:
        schema.load(document)
    messages = raised.value.normalized_messages()
    assert isinstance(messages, dict)
    return set(messages)


# ----------------------------------------------------------------------------- idea title and body


def test_title_is_trimmed() -> None:
    loaded = IdeaCreateSchema().load({**IDEA, "title": " \t Offline mode \n "})

    assert loaded["title"] == "Offline mode"
    assert loaded["body"] == ""


@pytest.mark.parametrize("title", ["abc", "  abc  ", "x" * 140, "  " + "x" * 140 + "  ", "ñ" * 140])
def test_title_within_3_to_140_characters_after_trimming_is_accepted(title: str) -> None:
    assert IdeaCreateSchema().load({**IDEA, "title": title})["title"] == title.strip()


@pytest.mark.parametrize("title", ["", "ab", "   ab   ", " " * 10, "x" * 141, "  " + "x" * 141])
def test_title_outside_3_to_140_characters_after_trimming_is_refused(title: str) -> None:
    assert refused_fields(IdeaCreateSchema(), {**IDEA, "title": title}) == {"title"}


@pytest.mark.parametrize("title", [None, 42, ["Dark mode"], {"text": "Dark mode"}])
def test_title_must_be_a_string(title: Any) -> None:
    assert refused_fields(IdeaCreateSchema(), {**IDEA, "title": title}) == {"title"}


def test_idea_body_up_to_5000_characters_is_accepted() -> None:
    assert IdeaCreateSchema().load({**IDEA, "body": "y" * 5000})["body"] == "y" * 5000
    assert IdeaCreateSchema().load({**IDEA, "body": ""})["body"] == ""


def test_idea_body_over_5000_characters_is_refused() -> None:
    assert refused_fields(IdeaCreateSchema(), {**IDEA, "body": "y" * 5001}) == {"body"}


@pytest.mark.parametrize("missing", ["title", "product", "phase"])
def test_idea_required_fields(missing: str) -> None:
    document = {name: value for name, value in IDEA.items() if name != missing}

    assert refused_fields(IdeaCreateSchema(), document) == {missing}


def test_patch_applies_the_same_title_limits() -> None:
    assert IdeaPatchSchema().load({"title": "  New  "}) == {"title": "New"}
    assert refused_fields(IdeaPatchSchema(), {"title": "  no "}) == {"title"}
    assert refused_fields(IdeaPatchSchema(), {"body": "b" * 5001}) == {"body"}


# ----------------------------------------------------------------------------- comment body


@pytest.mark.parametrize("body", ["k", "  k  ", "c" * 2000])
def test_comment_of_1_to_2000_characters_is_accepted(body: str) -> None:
    assert CommentCreateSchema().load({"body": body}) == {"body": body.strip()}


@pytest.mark.parametrize("body", ["", "   ", "\n\t", "c" * 2001])
def test_comment_outside_1_to_2000_characters_is_refused(body: str) -> None:
    assert refused_fields(CommentCreateSchema(), {"body": body}) == {"body"}


def test_comment_body_is_required() -> None:
    assert refused_fields(CommentCreateSchema(), {}) == {"body"}


# ----------------------------------------------------------------------------- unknown fields


@pytest.mark.parametrize(
    ("schema", "document"),
    [
        (IdeaCreateSchema(), {**IDEA, "votes": 100}),
        (IdeaCreateSchema(), {**IDEA, "status": "done"}),
        (IdeaPatchSchema(), {"title": "Fine title", "author": "someone-else"}),
        (CommentCreateSchema(), {"body": "hi", "official": True}),
        (MePatchSchema(), {"name": "Ana", "roles": ["admin"]}),
        (ProductCreateSchema(), {"slug": "app", "name": "App", "idea_counts": {}}),
        (DevTokenRequestSchema(), {"sub": "u", "name": "U", "admin": True}),
    ],
)
def test_unknown_fields_are_refused_by_name(schema: Schema, document: dict[str, Any]) -> None:
    known = set(schema.fields)
    unknown = set(document) - known

    assert refused_fields(schema, document) == unknown


# ----------------------------------------------------------------------------- strict booleans


@pytest.mark.parametrize("value", [True, False])
def test_profile_booleans_accept_json_booleans(value: bool) -> None:
    loaded = MePatchSchema().load({"marketing_consent": value, "notifications": value})

    assert loaded == {"marketing_consent": value, "notifications": value}
    assert loaded["marketing_consent"] is value


@pytest.mark.parametrize("value", ["true", "false", "yes", "on", 1, 0, 1.0, None, [], {}])
@pytest.mark.parametrize("name", ["marketing_consent", "notifications"])
def test_profile_booleans_refuse_anything_else(name: str, value: Any) -> None:
    assert refused_fields(MePatchSchema(), {name: value}) == {name}


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_profile_language_accepts_the_three_languages(language: str) -> None:
    assert MePatchSchema().load({"language": language}) == {"language": language}


@pytest.mark.parametrize("language", ["fr", "ES", "es-ES", "", " en"])
def test_profile_language_refuses_others(language: str) -> None:
    assert refused_fields(MePatchSchema(), {"language": language}) == {"language"}


@pytest.mark.parametrize("name", ["", "   ", "n" * 101])
def test_profile_name_must_be_1_to_100_characters(name: str) -> None:
    assert refused_fields(MePatchSchema(), {"name": name}) == {"name"}


# ----------------------------------------------------------------------------- phase and status


@pytest.mark.parametrize("phase", PHASES)
def test_every_phase_is_accepted(phase: str) -> None:
    assert IdeaCreateSchema().load({**IDEA, "phase": phase})["phase"] == phase


@pytest.mark.parametrize("phase", ["launch", "Design", "design ", ""])
def test_unknown_phase_is_refused(phase: str) -> None:
    assert refused_fields(IdeaCreateSchema(), {**IDEA, "phase": phase}) == {"phase"}


@pytest.mark.parametrize("status", WORKFLOW_STATUSES)
def test_product_may_set_each_workflow_status(status: str) -> None:
    assert IdeaPatchSchema().load({"status": status}) == {"status": status}


@pytest.mark.parametrize("status", ["merged", "pending_moderation", "closed", "OPEN", ""])
def test_product_may_not_set_merged_pending_or_unknown_status(status: str) -> None:
    assert refused_fields(IdeaPatchSchema(), {"status": status}) == {"status"}


def test_list_filter_accepts_every_status_but_refuses_unknown_ones() -> None:
    assert IdeaListQuerySchema().load({"status": "merged"})["status"] == "merged"
    assert refused_fields(IdeaListQuerySchema(), {"status": "closed"}) == {"status"}


# ----------------------------------------------------------------------------- slugs


@pytest.mark.parametrize("slug", ["ab", "a1", "0-day", "app-movil", "x" + "-" * 39, "a" * 40])
def test_valid_slugs_are_accepted(slug: str) -> None:
    assert ProductCreateSchema().load({"slug": slug, "name": "A product"})["slug"] == slug


@pytest.mark.parametrize(
    "slug",
    [
        "a",
        "a" * 41,
        "-app",
        "App",
        "app_movil",
        "app movil",
        "app.movil",
        "ápp",
        "",
        "app\nx",
        " app",
    ],
)
def test_invalid_slugs_are_refused(slug: str) -> None:
    assert refused_fields(ProductCreateSchema(), {"slug": slug, "name": "A product"}) == {"slug"}
    assert refused_fields(IdeaCreateSchema(), {**IDEA, "product": slug}) == {"product"}


def test_slug_with_a_trailing_newline_is_refused() -> None:
    """API.md's ``^...$`` anchors the whole string; Python's ``$`` also matches before a final newline."""
    assert refused_fields(ProductCreateSchema(), {"slug": "app\n", "name": "A product"}) == {"slug"}
    assert refused_fields(IdeaCreateSchema(), {**IDEA, "product": "app\n"}) == {"product"}


# ----------------------------------------------------------------------------- dev tokens


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"name": "No sub"}, "sub"),
        ({"sub": "", "name": "Empty"}, "sub"),
        ({"sub": "u", "name": "U", "groups": ["superuser"]}, "groups"),
        ({"sub": "u", "name": "U", "groups": "admin"}, "groups"),
        ({"sub": "u", "name": "U", "ttl": 0}, "ttl"),
        ({"sub": "u", "name": "U", "ttl": "60"}, "ttl"),
        ({"sub": "u", "name": "U", "ttl": 8 * 24 * 3600}, "ttl"),
        ({"sub": "u", "name": "U", "email": "not-an-email"}, "email"),
    ],
)
def test_dev_token_request_is_validated(document: dict[str, Any], field: str) -> None:
    assert field in refused_fields(DevTokenRequestSchema(), document)
