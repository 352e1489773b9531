"""The check every integration reply goes through does catch a body that drifts from its schema."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from chalicelib.api.errors import contract_error
from chalicelib.domain import errors
from tests.contract import assert_conforms, operation_of

VOTE = {"idea_id": "abc", "vote_count": 3, "voted": True}
IDEA = {
    "id": "i1",
    "title": "Dark mode",
    "body": "",
    "product": "app",
    "phase": "design",
    "status": "open",
    "vote_count": 0,
    "comment_count": 0,
    "author": {"id": "u1", "name": "Ana"},
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
    "topic": None,
    "response": None,
    "merged_into": None,
}
MARKED = {**IDEA, "voted": False, "following": True}


def test_a_reply_as_declared_passes() -> None:
    assert_conforms("PUT", "/ideas/abc/vote", 200, VOTE, "application/json")
    assert_conforms("PUT", "/ideas/abc/vote", 404, {"error": {"code": "not_found", "message": "idea not found"}})


@pytest.mark.parametrize(
    "body",
    [
        {**VOTE, "secret": "leaked"},  # a field the schema does not declare
        {"idea_id": "abc", "voted": True},  # a required field missing
        {**VOTE, "vote_count": "3"},  # a field of the wrong type
    ],
)
def test_a_body_off_its_schema_fails(body: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="does not match"):
        assert_conforms("PUT", "/ideas/abc/vote", 200, body)


def test_a_status_the_operation_does_not_document_fails() -> None:
    with pytest.raises(AssertionError, match="does not document"):
        assert_conforms("PUT", "/ideas/abc/vote", 201, VOTE)


def test_paths_resolve_to_their_templates() -> None:
    assert operation_of("GET", "/ideas/abc/history?limit=5") is not None
    assert operation_of("GET", "/ideas/abc/vote") is None  # the path exists, the method does not
    assert operation_of("GET", "/no/such/path") is None


def test_every_domain_error_has_a_contract_answer() -> None:
    """Only the base class falls back to a 500; every named failure has its own status."""
    named = [
        kind
        for _, kind in inspect.getmembers(errors, inspect.isclass)
        if issubclass(kind, errors.DomainError) and kind is not errors.DomainError
    ]
    assert len(named) > 10
    for kind in named:
        status = contract_error(kind()).status
        assert 400 <= status < 500 or status == 503, kind


def test_ideas_carry_the_readers_marks_exactly_when_signed_in() -> None:
    assert_conforms("GET", "/ideas/i1", 200, MARKED, "application/json", signed_in=True)
    assert_conforms("GET", "/ideas/i1", 200, IDEA, "application/json", signed_in=False)
    page = {"items": [MARKED, MARKED], "next_cursor": None}
    assert_conforms("GET", "/ideas", 200, page, "application/json", signed_in=True)


@pytest.mark.parametrize(
    ("path", "body", "signed_in"),
    [
        ("/ideas/i1", {**IDEA, "voted": True}, True),  # "following" forgotten
        ("/ideas/i1", {**IDEA, "following": True}, True),  # "voted" forgotten
        ("/ideas/i1", MARKED, False),  # marks shown to nobody in particular
        ("/ideas", {"items": [MARKED, {**IDEA, "voted": True}], "next_cursor": None}, True),  # one of a page
        # Inside a free-form field too: the hidden list's item is "the Idea or the Comment".
        (
            "/moderation/hidden",
            {
                "items": [
                    {
                        "kind": "idea",
                        "id": "i1",
                        "reason": "spam",
                        "hidden_at": "2026-01-01T00:00:00Z",
                        "hidden_by": {"id": "m1", "name": "Mod"},
                        "item": {**IDEA, "voted": False},
                    }
                ],
                "next_cursor": None,
            },
            True,
        ),
    ],
)
def test_an_idea_without_both_marks_for_a_signed_in_reader_fails(path: str, body: Any, signed_in: bool) -> None:
    with pytest.raises(AssertionError, match="must get"):
        assert_conforms("GET", path, 200, body, "application/json", signed_in=signed_in)
