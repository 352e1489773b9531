"""A reader's marks are read for the ideas of a reply; rendering another idea with them is a
programming error, never a silent ``false``."""

from __future__ import annotations

import pytest

from chalicelib.domain.roles import Principal
from chalicelib.services.readers import Reader, UnreadIdea, reader_of

ANA = Principal("u1", "Ana", "", ("customer",))


def test_marks_of_the_ideas_read() -> None:
    reader = Reader(ANA, frozenset({"a", "b"}), voted=frozenset({"a"}), followed=frozenset({"a", "b"}))

    assert reader.marks("a") == {"voted": True, "following": True}
    assert reader.marks("b") == {"voted": False, "following": True}


def test_an_idea_whose_marks_were_not_read_is_refused() -> None:
    reader = Reader(ANA, frozenset({"a"}), voted=frozenset(), followed=frozenset())

    with pytest.raises(UnreadIdea, match="idea c"):
        reader.marks("c")


def test_a_signed_out_request_has_no_reader() -> None:
    assert reader_of(None, []) is None
