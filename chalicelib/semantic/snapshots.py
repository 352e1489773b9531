"""Per-product snapshots of every vector, loaded in one read; newer vectors come from DynamoDB.

A snapshot is one ``.npz`` (ids, phases, texts, int8 vectors and the time it covers up to): a
file under ``DATA_DIR/semantic/`` locally, an object in the semantic bucket in AWS. The worker
rewrites a product's snapshot once enough vectors have been added since the last one, so a
search reads one object plus a short Query of what is newer, whatever the product's size.
"""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from chalicelib.semantic.index import IndexedIdea, ProductIndex
from chalicelib.semantic.model import DIMENSIONS
from chalicelib.semantic.quantise import from_int8
from chalicelib.store.models import IdeaVectorModel
from chalicelib.store.vectors import vectors_of, vectors_since

BUCKET_ENV = "SEMANTIC_BUCKET"
# Vectors newer than the snapshot that make the worker rewrite it: a search merges at most
# about this many from DynamoDB.
REBUILD_AFTER = 25
# Before any snapshot exists, every vector of the product is "newer" than this.
BEGINNING = ""


@dataclass
class Snapshot:
    index: ProductIndex
    taken_at: str
    version: str


class SnapshotStore(Protocol):
    def read(self, product: str, known_version: str | None) -> tuple[bytes, str] | None:
        """The snapshot's bytes and version, or None when it is missing or still ``known_version``."""

    def write(self, product: str, data: bytes) -> None: ...


class FileSnapshots:
    """``<directory>/<product>.npz``, replaced atomically (write aside, then rename)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, product: str) -> Path:
        return self.directory / f"{product}.npz"

    def read(self, product: str, known_version: str | None) -> tuple[bytes, str] | None:
        path = self._path(product)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        version = f"{stat.st_mtime_ns}:{stat.st_size}"
        if version == known_version:
            return None
        return path.read_bytes(), version

    def write(self, product: str, data: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        aside = self.directory / f".{product}.{os.getpid()}.{threading.get_ident()}.tmp"
        aside.write_bytes(data)
        aside.replace(self._path(product))


class S3Snapshots:
    """``s3://<bucket>/snapshots/<product>.npz``; a conditional GET costs nothing when unchanged."""

    def __init__(self, bucket: str) -> None:
        import boto3

        self.bucket = bucket
        self._s3 = boto3.client("s3")

    def read(self, product: str, known_version: str | None) -> tuple[bytes, str] | None:
        from botocore.exceptions import ClientError

        arguments: dict[str, Any] = {"Bucket": self.bucket, "Key": f"snapshots/{product}.npz"}
        if known_version:
            arguments["IfNoneMatch"] = known_version
        try:
            response = self._s3.get_object(**arguments)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "304", "NotModified"):
                return None
            raise
        return response["Body"].read(), str(response["ETag"])

    def write(self, product: str, data: bytes) -> None:
        self._s3.put_object(Bucket=self.bucket, Key=f"snapshots/{product}.npz", Body=data)


def snapshot_store() -> SnapshotStore:
    """S3 where the stage names a bucket, else files under ``DATA_DIR``."""
    from chalicelib.config import get_settings

    bucket = os.environ.get(BUCKET_ENV)
    return S3Snapshots(bucket) if bucket else FileSnapshots(Path(get_settings().data_dir) / "semantic")


def index_of(items: list[IdeaVectorModel]) -> ProductIndex:
    ideas = [IndexedIdea(item.idea_id, item.phase, f"{item.title}\n{item.body}") for item in items]
    return ProductIndex(ideas=ideas, vectors=from_int8([bytes(item.vector) for item in items]))


def encode(items: list[IdeaVectorModel]) -> bytes:
    buffer = io.BytesIO()
    np.savez(
        buffer,
        ids=np.array([item.idea_id for item in items], dtype=str),
        phases=np.array([item.phase for item in items], dtype=str),
        texts=np.array([f"{item.title}\n{item.body}" for item in items], dtype=str),
        vectors=np.frombuffer(b"".join(bytes(item.vector) for item in items), dtype=np.int8).reshape(-1, DIMENSIONS),
        taken_at=np.array(max((item.embedded_at for item in items), default=BEGINNING)),
    )
    return buffer.getvalue()


def decode(data: bytes, version: str) -> Snapshot:
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        ideas = [
            IndexedIdea(str(idea_id), str(phase), str(text))
            for idea_id, phase, text in zip(arrays["ids"], arrays["phases"], arrays["texts"], strict=True)
        ]
        raw = arrays["vectors"]
        vectors = from_int8([row.tobytes() for row in raw]) if len(raw) else np.zeros((0, DIMENSIONS), np.float32)
        return Snapshot(ProductIndex(ideas=ideas, vectors=vectors), str(arrays["taken_at"]), version)


def rebuild(product: str, store: SnapshotStore) -> int:
    """Write the product's snapshot from every stored vector; returns how many it holds."""
    items = vectors_of(product)
    store.write(product, encode(items))
    return len(items)


class Indexes:
    """Each product's index as of now: its snapshot (re-read only when it changed) merged with
    the vectors written since; the merge is reused while nothing newer arrives."""

    def __init__(self, store: SnapshotStore) -> None:
        self.store = store
        self._snapshots: dict[str, Snapshot] = {}
        self._merged: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ProductIndex]] = {}
        self._lock = threading.Lock()

    def _snapshot(self, product: str) -> Snapshot:
        known = self._snapshots.get(product)
        found = self.store.read(product, known.version if known else None)
        if found is not None:
            known = decode(*found)
        if known is None:
            known = Snapshot(ProductIndex(), BEGINNING, "")
        self._snapshots[product] = known
        return known

    def index(self, product: str) -> tuple[ProductIndex, int]:
        """The product's index, and how many of its vectors are newer than its snapshot."""
        with self._lock:
            snapshot = self._snapshot(product)
            newer = vectors_since(product, snapshot.taken_at) if snapshot.taken_at else vectors_of(product)
            signature = (snapshot.version, tuple((item.idea_id, item.embedded_at) for item in newer))
            cached = self._merged.get(product)
            if cached is not None and cached[0] == signature:
                return cached[1], len(newer)
            fresh = index_of(newer)
            merged = snapshot.index.merged_with(fresh.ideas, fresh.vectors)
            self._merged[product] = (signature, merged)
            return merged, len(newer)
