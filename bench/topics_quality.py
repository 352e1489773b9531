# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Quality of the topic pipeline beside plain BERTopic, on labelled intents.

Run from the repository root with the topics virtual environment::

    .venv-topics/bin/python bench/topics_quality.py                 # fb_mtod es, mixed; banking77 test
    .venv-topics/bin/python bench/topics_quality.py --sets es       # one set
    .venv-topics/bin/python bench/topics_quality.py --tune          # the banking77 train grid
    .venv-topics/bin/python bench/topics_quality.py --side passage  # e5's other side, to compare
    .venv-topics/bin/python bench/topics_quality.py --int8          # vectors as the semantic worker stores them
    .venv-topics/bin/python bench/topics_quality.py --set min_cluster_fraction=0.005  # other settings

Both pipelines cluster the same cached embeddings without being told the number of intents. The
figures: NMI and ARI against the intents (a text "not grouped yet" counts as a cluster of its own,
``-1``), topics found and their ratio to the intents, the share of texts left without one, and
the label check: each topic's label, embedded, is nearer its own topic's centroid than any other
topic's. Targets are printed beside the figures and never asserted.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np
import numpy.typing as npt
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from chalicelib.semantic.quantise import from_int8, to_int8
from chalicelib.topics import embeddings
from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, EmbeddingCache, embed, load_model, model_name
from chalicelib.topics.phrases import Embedder
from chalicelib.topics.pipeline import PipelineSettings, cluster

BENCH_DATA = REPO_ROOT.parent / "shared" / "bench-data"
DATA_DIR = BENCH_DATA / "banking77"
# name → (file, NMI target, ARI target)
SETS = {
    "es": (BENCH_DATA / "fb_mtod" / "train_es.csv", 0.66, 0.45),
    "mixed": (BENCH_DATA / "fb_mtod" / "train_mixed.csv", 0.62, 0.38),
    "banking": (DATA_DIR / "test.csv", 0.82, 0.53),
}
NMI_TARGET, ARI_TARGET = SETS["banking"][1:]
LABEL_TARGET = 0.9


@dataclasses.dataclass
class Row:
    name: str
    nmi: float
    ari: float
    topics: int
    outliers: float
    seconds: float
    labels_ok: float | None = None


def load(split: str | Path, cache_dir: Path) -> tuple[list[str], npt.NDArray[np.str_], npt.NDArray[np.float32]]:
    frame = pd.read_csv(split if isinstance(split, Path) else DATA_DIR / f"{split}.csv")
    texts = frame["text"].astype(str).tolist()
    name = model_name()
    with EmbeddingCache(cache_dir) as cache:
        vectors = embed(texts, model=lambda: load_model(name), model_id=name, cache=cache, progress=True)
    return texts, frame["label"].astype(str).to_numpy(), vectors


def score(name: str, labels: npt.NDArray[np.str_], topics: npt.NDArray[Any], seconds: float) -> Row:
    return Row(
        name=name,
        nmi=float(normalized_mutual_info_score(labels, topics)),
        ari=float(adjusted_rand_score(labels, topics)),
        topics=len(set(topics.tolist()) - {-1}),
        outliers=float((topics == -1).mean()),
        seconds=seconds,
    )


def run_pipeline(
    texts: list[str],
    labels: npt.NDArray[np.str_],
    vectors: npt.NDArray[np.float32],
    settings: PipelineSettings,
    embedder: Embedder | None = None,
) -> Row:
    start = time.perf_counter()
    result = cluster(texts, vectors, settings, embedder=embedder)
    row = score("this pipeline", labels, result.topics, time.perf_counter() - start)
    if embedder is not None:
        row.labels_ok = label_check(result.labels, result.centroids, embedder)
        for topic in list(result.labels)[:8]:
            print(f"  label {topic}: {result.labels[topic]!r}  keywords {[w for w, _ in result.keywords[topic][:4]]}")
    return row


def label_check(labels: dict[int, str], centroids: dict[int, npt.NDArray[np.float32]], embedder: Embedder) -> float:
    """Share of topics whose label, embedded, is nearer their own centroid than any other's."""
    ids = sorted(labels)
    if len(ids) < 2:
        return 1.0
    named = embedder([labels[t] for t in ids])
    nearest = (named @ np.vstack([centroids[t] for t in ids]).T).argmax(axis=1)
    return float(np.mean(nearest == np.arange(len(ids))))


def run_plain(texts: list[str], labels: npt.NDArray[np.str_], vectors: npt.NDArray[np.float32]) -> Row:
    """BERTopic with its defaults on the same embeddings (its UMAP is unseeded, as by default)."""
    from bertopic import BERTopic

    start = time.perf_counter()
    model = BERTopic()
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    return score("plain BERTopic", labels, np.asarray(topics), time.perf_counter() - start)


def print_table(
    title: str, rows: list[Row], intents: int, nmi_target: float = NMI_TARGET, ari_target: float = ARI_TARGET
) -> None:
    print(f"\n{title}")
    print(f"{'':<16} {'NMI':>6} {'ARI':>6} {'topics':>7} {'x intents':>9} {'outliers':>9} {'labels':>7} {'seconds':>8}")
    for row in rows:
        labels = f"{row.labels_ok:.0%}" if row.labels_ok is not None else "-"
        print(
            f"{row.name:<16} {row.nmi:>6.3f} {row.ari:>6.3f} {row.topics:>7} {row.topics / intents:>9.1f} "
            f"{row.outliers:>8.1%} {labels:>7} {row.seconds:>8.1f}"
        )
    print(f"{'target':<16} {nmi_target:>6.2f} {ari_target:>6.2f} {'':>7} {3.0:>9.1f} {'':>9} {LABEL_TARGET:>7.0%}")


def tune(cache_dir: Path) -> None:
    """The grid on train.csv that the defaults of PipelineSettings were chosen from."""
    texts, labels, vectors = load("train", cache_dir)
    grid: dict[str, list[Any]] = {
        "n_neighbors": [15, 30],
        "min_cluster_fraction": [0.002, 0.003, 0.005],
        "min_samples": [None, 5],
        "selection": ["eom", "leaf"],
    }
    for values in itertools.product(*grid.values()):
        changes: dict[str, Any] = dict(zip(grid, values, strict=True))
        row = run_pipeline(texts, labels, vectors, dataclasses.replace(PipelineSettings(), **changes))
        print(
            f"{changes} NMI {row.nmi:.3f} ARI {row.ari:.3f} topics {row.topics} "
            f"outliers {row.outliers:.1%} {row.seconds:.0f}s",
            flush=True,
        )


def parse_settings(pairs: list[str]) -> PipelineSettings:
    """``name=value`` pairs over the defaults: numbers, ``None``, ``True``/``False``, else a word."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        key, _, text = pair.partition("=")
        if key not in {f.name for f in dataclasses.fields(PipelineSettings)}:
            raise SystemExit(f"unknown setting {key!r}")
        try:
            changes[key] = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            changes[key] = text
    return dataclasses.replace(PipelineSettings(), **changes)


def as_stored(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The vectors after the int8 round trip of the semantic worker's store, which the nightly
    job reuses."""
    return from_int8([to_int8(row) for row in vectors])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune", action="store_true", help="run the settings grid on train.csv instead")
    parser.add_argument("--sets", default="es,mixed,banking", help="comma-separated: es, mixed, banking")
    parser.add_argument("--no-plain", action="store_true", help="skip plain BERTopic (halves the run)")
    parser.add_argument("--cache-dir", type=Path, default=REPO_ROOT / DEFAULT_CACHE_DIR)
    parser.add_argument(
        "--side", choices=["query", "passage"], help="e5 side to embed on (default: the job's own, JOB_SIDE)"
    )
    parser.add_argument("--int8", action="store_true", help="cluster vectors as stored by the semantic worker")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a PipelineSettings field (repeatable)"
    )
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.side:
        embeddings.JOB_SIDE = args.side  # read by load_model and the cache keys
    settings = parse_settings(args.set)
    if args.tune:
        tune(args.cache_dir)
        return
    name = model_name()
    with EmbeddingCache(args.cache_dir) as cache:

        def embedder(phrases: list[str]) -> npt.NDArray[np.float32]:
            return embed(phrases, model=lambda: load_model(name), model_id=name, cache=cache)

        for key in args.sets.split(","):
            path, nmi_target, ari_target = SETS[key]
            texts, labels, vectors = load(path, args.cache_dir)
            if args.int8:
                vectors = as_stored(vectors)
            rows = [run_pipeline(texts, labels, vectors, settings, embedder)]
            if not args.no_plain:
                rows.append(run_plain(texts, labels, vectors))
            intents = len(set(labels))
            title = (
                f"{path.parent.name}/{path.name}: {len(texts)} texts, {intents} intents, "
                f"model {embeddings.embedding_id(name)}{' (int8)' if args.int8 else ''}"
                f"{', ' + ' '.join(args.set) if args.set else ''}"
            )
            print_table(title, rows, intents, nmi_target, ari_target)


if __name__ == "__main__":
    main()
