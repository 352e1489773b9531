"""Vectors stored as 384 signed bytes instead of 1,536 bytes of float32.

A unit vector's components lie in [-1, 1]; scaling by 127 and rounding keeps cosine similarity
within about 0.002 of the float value for 384-d e5 vectors (bench/semantic_models.py measures it),
which is far below the gap between a duplicate and a different idea. Stored bytes are what the
snapshot and DynamoDB hold; they are turned back into unit float32 rows before ranking.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chalicelib.semantic.model import DIMENSIONS, FloatMatrix, normalise

_SCALE = 127.0


def to_int8(vector: npt.NDArray[np.float32]) -> bytes:
    """One unit vector → ``DIMENSIONS`` bytes."""
    row = np.asarray(vector, dtype=np.float32).reshape(DIMENSIONS)
    stored: bytes = np.clip(np.rint(row * _SCALE), -127, 127).astype(np.int8).tobytes()
    return stored


def from_int8(blobs: list[bytes]) -> FloatMatrix:
    """Stored vectors → unit float32 rows, ``(len(blobs), DIMENSIONS)``."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    for blob in blobs:
        if len(blob) != DIMENSIONS:
            raise ValueError(f"a stored vector has {len(blob)} bytes, expected {DIMENSIONS}")
    matrix = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(len(blobs), DIMENSIONS).astype(np.float32)
    return normalise(matrix)
