"""Parsing a request body as strict JSON, within bounds, so that no input can make the parser
itself fail: the standard ``json`` module alone recurses until ``RecursionError`` on 60,000 ``[``,
raises ``ValueError`` on integers over 4,300 digits, decodes UTF-16 and UTF-32 bodies, accepts
``NaN``, keeps the last of duplicate keys and lets lone surrogates through (which later fail to
encode when written to DynamoDB).

``parse`` accepts exactly RFC 8259 JSON in UTF-8 (no byte-order mark), nested at most
``MAX_DEPTH`` deep, with numbers of at most ``MAX_NUMBER_CHARS`` characters that are finite,
no duplicate keys, and strings that are valid Unicode text. Anything else is ``MalformedJson``,
with a reason a client can act on.
"""

from __future__ import annotations

import json
import math
from typing import Any, Final

MAX_DEPTH: Final = 16
MAX_NUMBER_CHARS: Final = 40


class MalformedJson(ValueError):
    """The body is not a JSON document this API accepts; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse(raw: bytes | str) -> Any:
    """The JSON document in ``raw``, or ``MalformedJson``."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedJson("The body is not UTF-8 text.") from None
    else:
        text = raw
    if text.startswith("\ufeff"):
        raise MalformedJson("The body starts with a byte-order mark; send plain UTF-8.")
    try:
        document = json.loads(
            text,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except MalformedJson:
        raise
    except RecursionError:  # the C scanner's own guard, hit long before the stack runs out
        raise MalformedJson(f"The body is nested more than {MAX_DEPTH} levels deep.") from None
    except ValueError:  # JSONDecodeError is a ValueError
        raise MalformedJson("Not valid JSON.") from None
    _check_shape(document)
    return document


def _integer(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise MalformedJson(f"A number is longer than {MAX_NUMBER_CHARS} characters.")
    return int(literal)


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise MalformedJson(f"A number is longer than {MAX_NUMBER_CHARS} characters.")
    value = float(literal)
    if not math.isfinite(value):
        raise MalformedJson("A number is out of range.")
    return value


def _constant(literal: str) -> Any:
    raise MalformedJson(f"{literal} is not a JSON number.")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise MalformedJson("An object names the same key twice.")
    return document


def _check_shape(document: Any) -> None:
    """Nested at most ``MAX_DEPTH`` deep, and every string and key valid Unicode (a lone
    surrogate escape, ``"\\ud800"``, is not). Iterative: the document may be deeper than Python's
    own recursion allows."""
    pending: list[tuple[Any, int]] = [(document, 0)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, str):
            _check_text(node)
        elif isinstance(node, list | dict):
            if depth >= MAX_DEPTH:
                raise MalformedJson(f"The body is nested more than {MAX_DEPTH} levels deep.")
            if isinstance(node, dict):
                for key in node:
                    _check_text(key)
                pending.extend((value, depth + 1) for value in node.values())
            else:
                pending.extend((item, depth + 1) for item in node)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise MalformedJson("A string holds an unpaired surrogate escape.") from None
