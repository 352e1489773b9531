"""The embedding cache of the nightly job, in DynamoDB: it survives between container runs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from chalicelib.store.models import EmbeddingModel

_BATCH = 100  # BatchGetItem's limit


class DynamoEmbeddingCache:
    """Same interface as the offline ``EmbeddingCache``; vectors as float32 bytes."""

    def get_many(self, keys: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        unique = list(dict.fromkeys(keys))
        found: dict[str, npt.NDArray[np.float32]] = {}
        for start in range(0, len(unique), _BATCH):
            for item in EmbeddingModel.batch_get(unique[start : start + _BATCH]):
                found[item.key] = np.frombuffer(item.vector, dtype=np.float32)
        return found

    def put_many(self, items: Iterable[tuple[str, npt.NDArray[np.float32]]]) -> None:
        with EmbeddingModel.batch_write() as batch:
            for key, vector in items:
                batch.save(EmbeddingModel(key=key, vector=np.asarray(vector, dtype=np.float32).tobytes()))
