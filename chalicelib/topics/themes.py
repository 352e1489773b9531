"""Themes: the second level above topics, a handful per product.

A product manager with 2,000 ideas reads a dozen themes first, then the precise topics inside
one. Themes are agglomerative clusters (average linkage, cosine) of the product's topic
centroids, cut at the number of themes that suits the number of topics
(:func:`theme_count`: about one theme per three topics, between 3 and 15, never more than there
are topics). Each theme gets a centroid (the mean of its ideas), a readable label chosen like a
topic's (:mod:`chalicelib.topics.phrases`) and an id kept across runs by the same matching rule as
topics (:func:`chalicelib.topics.stable_ids.match`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from chalicelib.topics.labels import Keywords, topic_keywords
from chalicelib.topics.phrases import Embedder
from chalicelib.topics.pipeline import NO_TOPIC, FloatMatrix, IntArray, centroids_of, name_topics

MIN_THEMES = 3
MAX_THEMES = 15
TOPICS_PER_THEME = 3


def theme_count(n_topics: int) -> int:
    """How many themes ``n_topics`` topics are grouped into."""
    if n_topics <= MIN_THEMES:
        return n_topics
    return int(min(MAX_THEMES, max(MIN_THEMES, round(n_topics / TOPICS_PER_THEME))))


def group_topics(centroids: Mapping[int, FloatMatrix]) -> dict[int, int]:
    """Topic → theme number (0..k-1, by first topic), from the topics' centroids."""
    ids = sorted(centroids)
    k = theme_count(len(ids))
    if k == len(ids):
        return {topic: index for index, topic in enumerate(ids)}
    from sklearn.cluster import AgglomerativeClustering

    matrix = np.vstack([centroids[topic] for topic in ids])
    found = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(matrix)
    # Number themes by their first topic (topics are numbered by size): the same input, the same numbers.
    order = {int(label): rank for rank, label in enumerate(dict.fromkeys(int(f) for f in found))}
    return {topic: order[int(label)] for topic, label in zip(ids, found, strict=True)}


def join_nearest(theme_centroids: Mapping[str, FloatMatrix], centroid: FloatMatrix) -> str:
    """The theme id whose centroid is nearest ``centroid`` (a new topic on an incremental night)."""
    ids = list(theme_centroids)
    similarity = np.vstack([theme_centroids[t] for t in ids]) @ centroid
    return ids[int(np.argmax(similarity))]


@dataclass
class Themes:
    """The themes of one product: topic → theme number, and each theme's label, keywords and centroid."""

    of_topic: dict[int, int]
    labels: dict[int, str]
    keywords: dict[int, Keywords]
    centroids: dict[int, FloatMatrix]


def themes_of_ideas(topics: IntArray, of_topic: Mapping[int, int]) -> IntArray:
    """Each idea's theme number (-1 for an idea without a topic)."""
    return np.array([of_topic.get(int(t), NO_TOPIC) for t in topics], dtype=np.int64)


def describe(
    texts: Sequence[str],
    titles: Sequence[str],
    unit: FloatMatrix,
    topics: IntArray,
    of_topic: Mapping[int, int],
    embedder: Embedder | None,
    top_n: int = 10,
) -> Themes:
    """Keywords, label and centroid of each theme, from the ideas of its topics."""
    theme_of_idea = themes_of_ideas(topics, of_topic)
    keywords = topic_keywords(texts, theme_of_idea, top_n)
    centroids = centroids_of(unit, theme_of_idea)
    labels = name_topics(titles, unit, theme_of_idea, centroids, keywords, embedder)
    return Themes(dict(of_topic), labels, keywords, centroids)
