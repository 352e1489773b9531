# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Quality of the topic pipeline beside plain BERTopic, on labelled intents (banking77).

Run from the repository root with the topics virtual environment::

    .venv-topics/bin/python bench/topics_quality.py            # report on test.csv
    .venv-topics/bin/python bench/topics_quality.py --tune     # the grid the defaults came from

Both pipelines cluster the same cached embeddings without being told the number of intents. The
figures: NMI and ARI against the intents (an outlier counts as a cluster of its own, ``-1``), the
number of topics found and the share of texts left without one. Settings are chosen on train.csv
(``--tune``) and only reported on test.csv, so the test figures are not fitted to it. Targets are
printed beside the figures and never asserted.
"""

from __future__ import annotations

import argparse
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

from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, EmbeddingCache, embed, load_model, model_name
from chalicelib.topics.pipeline import PipelineSettings, cluster

DATA_DIR = REPO_ROOT.parent / "shared" / "bench-data" / "banking77"
NMI_TARGET = 0.80
ARI_TARGET = 0.50


@dataclasses.dataclass
class Row:
    name: str
    nmi: float
    ari: float
    topics: int
    outliers: float
    seconds: float


def load(split: str, cache_dir: Path) -> tuple[list[str], npt.NDArray[np.str_], npt.NDArray[np.float32]]:
    frame = pd.read_csv(DATA_DIR / f"{split}.csv")
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
    texts: list[str], labels: npt.NDArray[np.str_], vectors: npt.NDArray[np.float32], settings: PipelineSettings
) -> Row:
    start = time.perf_counter()
    result = cluster(texts, vectors, settings)
    return score("this pipeline", labels, result.topics, time.perf_counter() - start)


def run_plain(texts: list[str], labels: npt.NDArray[np.str_], vectors: npt.NDArray[np.float32]) -> Row:
    """BERTopic with its defaults on the same embeddings (its UMAP is unseeded, as by default)."""
    from bertopic import BERTopic

    start = time.perf_counter()
    model = BERTopic(embedding_model=load_model(model_name()))
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    return score("plain BERTopic", labels, np.asarray(topics), time.perf_counter() - start)


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"{'':<16} {'NMI':>6} {'ARI':>6} {'topics':>7} {'outliers':>9} {'seconds':>8}")
    for row in rows:
        print(
            f"{row.name:<16} {row.nmi:>6.3f} {row.ari:>6.3f} {row.topics:>7} {row.outliers:>8.1%} {row.seconds:>8.1f}"
        )
    print(f"{'target':<16} {NMI_TARGET:>6.2f} {ARI_TARGET:>6.2f}")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune", action="store_true", help="run the settings grid on train.csv instead")
    parser.add_argument("--split", default="test", help="the split to report on (default: test)")
    parser.add_argument("--cache-dir", type=Path, default=REPO_ROOT / DEFAULT_CACHE_DIR)
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.tune:
        tune(args.cache_dir)
        return
    texts, labels, vectors = load(args.split, args.cache_dir)
    rows = [run_pipeline(texts, labels, vectors, PipelineSettings()), run_plain(texts, labels, vectors)]
    print_table(
        f"banking77 {args.split}.csv: {len(texts)} texts, {len(set(labels))} intents, model {model_name()}", rows
    )


if __name__ == "__main__":
    main()
