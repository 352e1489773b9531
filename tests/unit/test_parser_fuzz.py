"""A bounded fuzzer over the request parsers: whatever the input, each one answers a value or its
own refusal (which the API renders as a 4xx), never another exception (a 500)."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.api.errors import contract_error
from chalicelib.api.request import bearer_token
from chalicelib.cursor import CursorCodec
from chalicelib.domain.errors import InvalidInput, Unauthenticated
from chalicelib.strict_json import MAX_DEPTH, MalformedJson, parse

FUZZ = settings(max_examples=300, deadline=None, derandomize=True)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)


def depth(document: object) -> int:
    if isinstance(document, list):
        return 1 + max(map(depth, document), default=0)
    if isinstance(document, dict):
        return 1 + max(map(depth, document.values()), default=0)
    return 0


@FUZZ
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_parse_or_are_refused(raw: bytes) -> None:
    try:
        parse(raw)
    except MalformedJson as error:
        reason = error.reason
    else:
        reason = "accepted"
    assert reason


@FUZZ
@given(json_values)
def test_every_valid_document_within_bounds_round_trips(document: object) -> None:
    raw = json.dumps(document).encode()
    if depth(document) <= MAX_DEPTH and "\\ud" not in raw.decode():
        assert parse(raw) == document


@FUZZ
@given(json_values, st.integers(min_value=0, max_value=400), st.sampled_from(["[", "{", '"', "\\", "]", "}", ","]))
def test_documents_broken_anywhere_parse_or_are_refused(document: object, cut: int, insert: str) -> None:
    text = json.dumps(document)
    position = cut % (len(text) + 1)
    with contextlib.suppress(MalformedJson):
        parse(text[:position] + insert + text[position:])


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 1_000, 60_000])
def test_nesting_beyond_the_limit_is_refused_quickly(levels: int) -> None:
    with pytest.raises(MalformedJson):
        parse("[" * levels + "]" * levels)


@FUZZ
@given(st.text(max_size=300))
def test_any_cursor_text_decodes_or_is_a_400(cursor: str) -> None:
    try:
        CursorCodec("fuzz-secret").decode("GET /ideas|ideas", cursor)
    except InvalidInput as error:
        refusal = (contract_error(error)[0], list(error.fields))
    else:
        raise AssertionError("a cursor the API never issued was accepted")
    assert refusal == (400, ["cursor"])


@FUZZ
@given(st.text(max_size=200))
def test_any_authorization_header_gives_a_token_or_a_401(header: str) -> None:
    try:
        token = bearer_token(header)
    except Unauthenticated:
        return
    assert token and token == token.strip()
