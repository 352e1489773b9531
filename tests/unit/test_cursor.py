"""Page cursors: what the API issued comes back intact; anything else is a 400 naming ``cursor``."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from chalicelib.api.errors import contract_error
from chalicelib.cursor import CursorCodec
from chalicelib.domain.errors import InvalidInput

SECRET = "unit-test-cursor-secret"
QUERY = 'ideas:["top", "p-demo", null, null, null, null]'
POSITION: dict[str, Any] = {"pk": "PRODUCT#p-demo", "sk": "IDEA#0000000001#abc", "top_score": 12345678901}


def assert_invalid_cursor(codec: CursorCodec, query: str, cursor: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        codec.decode(query, cursor)
    assert contract_error(raised.value) == (400, "validation_error")
    assert list(raised.value.fields) == ["cursor"]
    assert raised.value.fields["cursor"]


@pytest.mark.parametrize("position", [POSITION, {"ranked": 40}, {"rest": {"id": "é ünïcode"}}, 17, "key", [1, "a"]])
def test_issued_cursor_round_trips(position: Any) -> None:
    codec = CursorCodec(SECRET)

    cursor = codec.encode(QUERY, position)

    assert codec.decode(QUERY, cursor) == position


def test_cursor_is_opaque_url_safe_text() -> None:
    cursor = CursorCodec(SECRET).encode(QUERY, POSITION)

    assert cursor.isascii()
    assert not set(cursor) & set("+/=&?# ")
    assert "PRODUCT" not in cursor


def test_cursor_with_any_byte_changed_is_refused() -> None:
    codec = CursorCodec(SECRET)
    raw = bytearray(base64.urlsafe_b64decode(codec.encode(QUERY, POSITION) + "=="))

    for index in range(len(raw)):
        tampered = bytearray(raw)
        tampered[index] ^= 0x01
        cursor = base64.urlsafe_b64encode(bytes(tampered)).rstrip(b"=").decode()

        assert_invalid_cursor(codec, QUERY, cursor)


def test_cursor_with_a_forged_position_is_refused() -> None:
    """Rewriting the readable payload (to jump to another key) without the secret is refused."""
    codec = CursorCodec(SECRET)
    raw = base64.urlsafe_b64decode(codec.encode(QUERY, POSITION) + "==")
    forged = raw.replace(b"p-demo", b"p-priv")
    assert forged != raw

    assert_invalid_cursor(codec, QUERY, base64.urlsafe_b64encode(forged).rstrip(b"=").decode())


def test_cursor_signed_with_another_secret_is_refused() -> None:
    cursor = CursorCodec("another-deployment-secret").encode(QUERY, POSITION)

    assert_invalid_cursor(CursorCodec(SECRET), QUERY, cursor)


def test_cursor_of_another_query_is_refused() -> None:
    codec = CursorCodec(SECRET)
    cursor = codec.encode("products", POSITION)

    assert_invalid_cursor(codec, QUERY, cursor)
    assert codec.decode("products", cursor) == POSITION


@pytest.mark.parametrize(
    "garbage",
    [
        "x",
        "abcde",
        "!!!!",
        "%%%",
        "null",
        "eyJxIjoiaWRlYXMiLCJwIjpudWxsfQ",  # base64 of unsigned JSON
        "é",
        "🙂🙂🙂🙂",
        "A" * 2048,
        "====",
        " ",
    ],
)
def test_garbage_is_refused(garbage: str) -> None:
    assert_invalid_cursor(CursorCodec(SECRET), QUERY, garbage)
