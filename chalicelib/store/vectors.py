"""Stored idea vectors (``idea_vectors``): written by the semantic worker, read by search."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chalicelib.store.models import IdeaVectorModel


def get_vector(product: str, idea_id: str) -> IdeaVectorModel | None:
    try:
        return IdeaVectorModel.get(product, idea_id)
    except IdeaVectorModel.DoesNotExist:
        return None


def vectors_for(keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], IdeaVectorModel]:
    """The stored vectors among ``(product, idea id)`` keys (BatchGetItem, paged by PynamoDB),
    without the copied title and body: what the nightly job reuses."""
    wanted = ["product", "idea_id", "vector", "model", "text_hash"]
    unique = list(dict.fromkeys(keys))
    return {(item.product, item.idea_id): item for item in IdeaVectorModel.batch_get(unique, attributes_to_get=wanted)}


def put_vectors(items: Iterable[IdeaVectorModel]) -> None:
    with IdeaVectorModel.batch_write() as batch:
        for item in items:
            batch.save(item)


def vectors_of(product: str) -> list[IdeaVectorModel]:
    """Every vector of a product (one Query, paged by PynamoDB): what a snapshot is built from."""
    return list(IdeaVectorModel.query(product))


def vectors_since(product: str, since: str) -> list[IdeaVectorModel]:
    """Vectors embedded at or after ``since``: what a search merges over the product's snapshot.
    The boundary is included because the snapshot may have been taken within that instant; a
    vector found in both is taken from here."""
    return list(IdeaVectorModel.by_time.query(product, IdeaVectorModel.embedded_at >= since))
