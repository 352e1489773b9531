"""Likely duplicate pairs (``duplicate_pairs``): found on write, listed most likely first,
dismissed for good."""

from __future__ import annotations

from pynamodb.exceptions import PutError

from chalicelib.store.models import DuplicatePairModel
from chalicelib.store.paging import LastKey, read_page

EVERYWHERE = "pair"


def pair_key(first: str, second: str) -> str:
    """One key per unordered pair: whichever idea finds the other, the pair is the same item."""
    low, high = sorted((first, second))
    return f"{low}#{high}"


def record_pair(product: str, first: str, second: str, score: float, at: str) -> bool:
    """Store or refresh an open pair; a dismissed pair stays dismissed. True when stored."""
    low, high = sorted((first, second))
    item = DuplicatePairModel(
        pair=pair_key(low, high),
        product=product,
        idea_a=low,
        idea_b=high,
        score=score,
        found_at=at,
        open_in=product,
        open_anywhere=EVERYWHERE,
    )
    try:
        item.save(condition=DuplicatePairModel.pair.does_not_exist() | DuplicatePairModel.open_in.exists())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def open_pairs(
    product: str | None, limit: int, start: LastKey | None
) -> tuple[list[DuplicatePairModel], LastKey | None]:
    """A page of open pairs, most likely first, of one product or of all."""
    if product:
        results = DuplicatePairModel.by_score.query(
            product, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        )
    else:
        results = DuplicatePairModel.open_by_score.query(
            EVERYWHERE, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        )
    return read_page(results, limit)


def dismiss(first: str, second: str, actor_id: str, at: str) -> None:
    """Close the pair for good, whether or not it was ever found (a pair dismissed before the
    worker finds it is never listed either)."""
    low, high = sorted((first, second))
    DuplicatePairModel(pair_key(low, high)).update(
        actions=[
            DuplicatePairModel.open_in.remove(),
            DuplicatePairModel.open_anywhere.remove(),
            DuplicatePairModel.dismissed_by.set(actor_id),
            DuplicatePairModel.dismissed_at.set(at),
            DuplicatePairModel.idea_a.set(low),
            DuplicatePairModel.idea_b.set(high),
            DuplicatePairModel.product.set(DuplicatePairModel.product | ""),
            DuplicatePairModel.score.set(DuplicatePairModel.score | 0),
            DuplicatePairModel.found_at.set(DuplicatePairModel.found_at | at),
        ]
    )
