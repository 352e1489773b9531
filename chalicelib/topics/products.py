"""Topics per product: each product's ideas are clustered on their own.

A product team reviews its own product, so a topic never mixes products: "dark mode" in the
banking app and "dark mode" in the home hub are two topics, each counted on its own board.
Clustering each product apart does that by construction, and a product with few ideas simply
takes the pipeline's small-corpus path (:func:`chalicelib.topics.pipeline.cluster`).
``bench/topics_demo.py`` measures it against the alternative kept here for that measurement,
clustering every product together and splitting each topic by product (:func:`split_by_product`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chalicelib.topics.phrases import Embedder
from chalicelib.topics.pipeline import NO_TOPIC, FloatMatrix, IntArray, PipelineSettings, TopicResult, cluster


def indexes_by_product(products: Sequence[str]) -> dict[str, IntArray]:
    """Product → the positions of its ideas, products in sorted order."""
    return {
        product: np.flatnonzero(np.asarray(products) == product).astype(np.int64) for product in sorted(set(products))
    }


def cluster_by_product(
    products: Sequence[str],
    texts: Sequence[str],
    vectors: FloatMatrix,
    settings: PipelineSettings | None = None,
    *,
    titles: Sequence[str] | None = None,
    embedder: Embedder | None = None,
) -> tuple[TopicResult, dict[int, str]]:
    """Topics of every product, numbered apart (topic → its product in the second value)."""
    titles = titles or texts
    topics = np.full(len(texts), NO_TOPIC, dtype=np.int64)
    merged = TopicResult(topics, {}, {}, {}, "empty", {})
    product_of: dict[int, str] = {}
    for product, index in indexes_by_product(products).items():
        found = cluster(
            [texts[int(i)] for i in index],
            vectors[index],
            settings,
            titles=[titles[int(i)] for i in index],
            embedder=embedder,
        )
        offset = len(product_of)
        topics[index] = np.where(found.topics == NO_TOPIC, NO_TOPIC, found.topics + offset)
        for local in found.labels:
            product_of[local + offset] = product
            merged.labels[local + offset] = found.labels[local]
            merged.keywords[local + offset] = found.keywords[local]
            merged.centroids[local + offset] = found.centroids[local]
        for step, seconds in found.timings.items():
            merged.timings[step] = merged.timings.get(step, 0.0) + seconds
        merged.method = found.method if merged.method == "empty" else merged.method
    return merged, product_of


def split_by_product(topics: IntArray, products: Sequence[str], min_size: int) -> IntArray:
    """Topics clustered over every product, cut so that each holds one product's ideas; pieces
    smaller than ``min_size`` go without a topic."""
    pairs = [(int(t), p) for t, p in zip(topics, products, strict=True)]
    sizes: dict[tuple[int, str], int] = {}
    for pair in pairs:
        sizes[pair] = sizes.get(pair, 0) + 1
    numbers: dict[tuple[int, str], int] = {}
    split = np.full(len(pairs), NO_TOPIC, dtype=np.int64)
    for i, pair in enumerate(pairs):
        if pair[0] != NO_TOPIC and sizes[pair] >= min_size:
            split[i] = numbers.setdefault(pair, len(numbers))
    return split
