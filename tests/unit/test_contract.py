"""The check every integration reply goes through does catch a body that drifts from its schema."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from chalicelib.api.errors import contract_error
from chalicelib.domain import errors
from tests.contract import assert_conforms, operation_of

VOTE = {"idea_id": "abc", "vote_count": 3, "voted": True}


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
