"""Page cursors: what the API issued comes back intact; anything else, or anything too old, is a 400
naming ``cursor``; and a cursor shows nothing of what it carries."""

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
    raw = base64.urlsafe_b64decode(cursor + "==")
    for visible in (b"PRODUCT", b"p-demo", b"abc", b"12345678901", b"top_score", b"ideas"):
        assert visible not in raw


def test_same_position_never_gives_the_same_cursor() -> None:
    """A fresh nonce each time: two cursors cannot be compared to learn that they point alike."""
    codec = CursorCodec(SECRET)

    assert codec.encode(QUERY, POSITION) != codec.encode(QUERY, POSITION)


def test_cursor_expires_after_its_lifetime() -> None:
    now = [1_000_000.0]
    codec = CursorCodec(SECRET, lifetime=60, clock=lambda: now[0])
    cursor = codec.encode(QUERY, POSITION)

    now[0] += 60
    assert codec.decode(QUERY, cursor) == POSITION
    now[0] += 1
    assert_invalid_cursor(codec, QUERY, cursor)


def test_cursor_with_any_byte_changed_is_refused() -> None:
    codec = CursorCodec(SECRET)
    raw = bytearray(base64.urlsafe_b64decode(codec.encode(QUERY, POSITION) + "=="))

    for index in range(len(raw)):
        tampered = bytearray(raw)
        tampered[index] ^= 0x01
        cursor = base64.urlsafe_b64encode(bytes(tampered)).rstrip(b"=").decode()

        assert_invalid_cursor(codec, QUERY, cursor)


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
        "AQ" + "A" * 40,  # the version byte and a zero nonce, nothing sealed
        "é",
        "🙂🙂🙂🙂",
        "A" * 2048,
        "====",
        " ",
    ],
)
def test_garbage_is_refused(garbage: str) -> None:
    assert_invalid_cursor(CursorCodec(SECRET), QUERY, garbage)
