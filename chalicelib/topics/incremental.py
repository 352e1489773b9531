"""A nightly run that extends the previous run instead of clustering everything again.

Most nights only a few percent of the ideas are new. Re-running UMAP and HDBSCAN over all of
them costs as much as the first night (and, in a fresh container, numba's compilation on top),
while the themes have barely moved. An incremental run keeps every idea's topic, gives each new
idea the nearest existing topic when it is as close to it as the topic's own members are, and
clusters only the new ideas left over, so that a theme that is really new still becomes a topic.
A full run (``pipeline.cluster``) happens when enough has changed (``needs_full_run``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import numpy as np

from chalicelib.topics.labels import topic_keywords
from chalicelib.topics.phrases import Embedder
from chalicelib.topics.pipeline import (
    NO_TOPIC,
    FloatMatrix,
    IntArray,
    PipelineSettings,
    TopicResult,
    centroids_of,
    name_topics,
)
from chalicelib.topics.pipeline import cluster as cluster_all
from chalicelib.topics.stable_ids import new_topic_id

FULL_RUN_EVERY = timedelta(days=7)
MAX_NEW_SHARE = 0.2
# A new idea joins its nearest topic when it is at least as similar to the centroid as the least
# similar 5 % of all topics' members are. JOIN_FLOOR is the similarity used when there is no
# previous topic to compare with.
MEMBER_PERCENTILE = 5.0
# A text of the same theme in other words often sits a little below the members already there.
JOIN_MARGIN = 0.03
JOIN_FLOOR = 0.6
# New ideas among themselves merge (average linkage) down to the joining similarity less this.
LEFTOVER_SLACK = 0.02


def needs_full_run(new_share: float, last_full_run: datetime | None, now: datetime) -> bool:
    """Cluster everything again once a week, or as soon as a fifth of the ideas are new."""
    return last_full_run is None or now - last_full_run >= FULL_RUN_EVERY or new_share > MAX_NEW_SHARE


def extend(
    texts: Sequence[str],
    vectors: FloatMatrix,
    previous: Sequence[str | None],
    centroids: Mapping[str, FloatMatrix],
    settings: PipelineSettings | None = None,
    *,
    titles: Sequence[str] | None = None,
    embedder: Embedder | None = None,
) -> tuple[TopicResult, dict[int, str]]:
    """Topics of ``texts`` that keep each text's ``previous`` topic id where it has one.

    Returns the result with integer topics, and the topic id of each integer (previous ids kept,
    new ids for the new themes among the leftovers).
    """
    settings = settings or PipelineSettings()
    known = sorted(topic for topic in centroids if topic in set(previous))
    number = {topic: index for index, topic in enumerate(known)}
    topics: IntArray = np.array([number.get(topic or "", NO_TOPIC) for topic in previous], dtype=np.int64)
    ids = dict(enumerate(known))
    pending = np.flatnonzero(topics == NO_TOPIC)
    threshold = JOIN_FLOOR
    if len(known) and len(pending):
        matrix = np.vstack([centroids[topic] for topic in known])
        members = np.flatnonzero(topics != NO_TOPIC)
        own = np.einsum("ij,ij->i", vectors[members], matrix[topics[members]])
        # Relative to the model: multilingual e5 puts unrelated texts of one product at 0.75-0.8,
        # so a fixed floor would let every new idea join some topic and no new one could form.
        threshold = float(np.percentile(own, MEMBER_PERCENTILE)) - JOIN_MARGIN
        similarity = vectors[pending] @ matrix.T
        best = similarity.argmax(axis=1)
        close = similarity[np.arange(len(pending)), best] >= threshold
        topics[pending[close]] = best[close]
        pending = pending[~close]
    if len(pending) >= settings.min_cluster_floor:
        # Leftovers may all share one theme, so a threshold relative to their own spread (the
        # small-corpus default) would split it: they merge at the similarity that joins a topic.
        absolute = dataclasses.replace(settings, small_distance_threshold=1.0 - threshold + LEFTOVER_SLACK)
        leftovers = cluster_all([texts[int(i)] for i in pending], vectors[pending], absolute)
        for local in sorted(set(leftovers.topics.tolist()) - {NO_TOPIC}):
            chosen = pending[leftovers.topics == local]
            if len(chosen) >= settings.min_cluster_floor:
                topic = len(ids)
                ids[topic] = new_topic_id()
                topics[chosen] = topic
    keywords = topic_keywords(texts, topics, settings.top_n_words)
    present = {int(t) for t in topics if t != NO_TOPIC}
    current = centroids_of(vectors, topics)
    labels = name_topics(titles or texts, vectors, topics, current, keywords, embedder)
    result = TopicResult(
        topics=topics,
        labels={t: labels.get(t, f"topic {t}") for t in present},
        keywords={t: keywords.get(t, []) for t in present},
        centroids=current,
        method="incremental",
    )
    return result, {t: ids[t] for t in present}
