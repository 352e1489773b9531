"""Which cancelled transactions are tried again, and when the store gives up."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import StoreUnavailable
from chalicelib.store.transactions import CONDITION_FAILED, CONFLICT, Cancelled, retrying


class Attempts:
    """Raises the given cancellations in turn, then succeeds; counts its calls."""

    def __init__(self, *cancellations: frozenset[str]) -> None:
        self.cancellations = list(cancellations)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.cancellations:
            raise Cancelled(self.cancellations.pop(0))
        return "written"


def test_a_conflict_is_tried_again_until_it_goes_through() -> None:
    attempt = Attempts(frozenset({CONFLICT}), frozenset({CONFLICT}))

    assert retrying(attempt, attempts=5) == "written"
    assert attempt.calls == 3


def test_a_failed_condition_is_not_tried_again_unless_asked() -> None:
    attempt = Attempts(frozenset({CONDITION_FAILED}))

    with pytest.raises(Cancelled) as raised:
        retrying(attempt, attempts=5)
    assert raised.value.because(CONDITION_FAILED)
    assert attempt.calls == 1

    again = Attempts(frozenset({CONDITION_FAILED}))
    assert retrying(again, attempts=5, retry_on=frozenset({CONDITION_FAILED, CONFLICT})) == "written"
    assert again.calls == 2


def test_a_conflict_beside_a_failed_condition_is_the_condition_s_answer() -> None:
    attempt = Attempts(frozenset({CONFLICT, CONDITION_FAILED}))

    with pytest.raises(Cancelled):
        retrying(attempt, attempts=5)
    assert attempt.calls == 1


def test_the_store_is_unavailable_after_the_last_attempt() -> None:
    attempt = Attempts(*[frozenset({CONFLICT})] * 4)

    with pytest.raises(StoreUnavailable, match="busy voting"):
        retrying(attempt, attempts=3, exhausted="busy voting")
    assert attempt.calls == 3
