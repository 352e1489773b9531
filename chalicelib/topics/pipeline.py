"""The topic pipeline on precomputed embeddings: the part shared by the CLI and the nightly job.

Corpora of at least ``small_corpus`` texts go through BERTopic: seeded UMAP, HDBSCAN with a minimum
cluster size that grows with the corpus, then outlier reduction by embedding similarity to the
topic centroids. Smaller corpora (a new portal has 5 ideas) go to average-linkage agglomerative
clustering on cosine distance, where a text unlike any other stays without a topic. Both paths then
label their topics with the same c-TF-IDF keywords (:mod:`chalicelib.topics.labels`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from chalicelib.topics import languages
from chalicelib.topics.labels import Keywords, topic_keywords
from chalicelib.topics.phrases import Embedder, Group, label_groups

NO_TOPIC = -1
# Any word character run: BERTopic's interim vocabulary must never come out empty.
ANY_WORD_PATTERN = r"(?u)\b\w+\b"
Method = Literal["empty", "agglomerative", "bertopic", "incremental"]
IntArray = npt.NDArray[np.int64]
FloatMatrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class PipelineSettings:
    """Knobs of the pipeline, chosen on fb_mtod and banking77 (bench/topics_quality.py, docs/benchmarks.md).

    Attributes
    ----------
    seed
        UMAP's random state: the same texts and embeddings give the same topics.
    n_neighbors, n_components
        UMAP: local neighbourhood size and the reduced dimension HDBSCAN clusters in.
    min_cluster_fraction, min_cluster_floor
        HDBSCAN's ``min_cluster_size`` is ``max(floor, round(fraction * n))``: a theme must be
        shared by a share of the corpus to count, whatever the corpus size. 1 % with the
        multilingual model: at 0.5 % fb_mtod's Spanish set fragments into 41 topics for 12
        intents (NMI 0.54); at 1 % it finds its large intents (docs/benchmarks.md).
    min_samples
        HDBSCAN's density smoothing; lower keeps more points in clusters.
    selection
        HDBSCAN's ``cluster_selection_method``: ``leaf`` favours many fine-grained topics,
        ``eom`` fewer, broader ones.
    outlier_threshold, outlier_member_percentile
        An outlier joins its nearest topic only when its cosine similarity to the centroid is at
        least ``outlier_threshold`` and at least that of the topic's own least similar
        ``outlier_member_percentile`` % of members; otherwise it stays "not grouped yet".
    center_languages
        Remove each language's mean embedding before clustering (:func:`center_languages`), so
        that a multilingual corpus clusters by subject rather than by language.
    min_small_topic
        Fallback path: a cluster needs this many texts to be a topic (two ideas alike are a
        coincidence more often than a theme); smaller ones are "not grouped yet".
    umap_epochs
        UMAP's optimisation epochs. UMAP's own default is 500 below 10,000 texts and 200 above;
        200 everywhere halves the nightly run at 10,000 ideas for the same topics (banking77
        train: identical NMI/ARI; test: NMI 0.825, ARI 0.535 against 0.822 / 0.565).
    small_corpus
        Below this many texts the agglomerative fallback replaces UMAP + HDBSCAN: their
        neighbourhood graphs are meaningless on a handful of points, and on a few hundred
        mixed-language ideas HDBSCAN keeps only a couple of broad blobs (one per language with
        an English model), where average linkage finds the themes (measured on the demo data:
        2 topics with HDBSCAN, 26 readable ones with linkage at 0.7).
    small_distance_threshold, small_distance_percentile
        Fallback: average-linkage cosine distance under which clusters merge; by default the
        given percentile of the corpus's own pairwise distances, because how close texts sit
        depends on the model and the language (an English model packs Spanish texts tightly).
    language_groups, min_language_group
        Cluster each language (es, en, pt; ``languages.groups``) on its own when it has at least
        ``min_language_group`` texts: only for an English-only model (``TOPICS_MODEL``), where a
        mixed corpus otherwise splits by language before theme. Off with the multilingual
        model, so that a Spanish and an English idea on one subject share a topic.
    top_n_words
        Keywords kept per topic.
    """

    seed: int = 42
    n_neighbors: int = 30
    n_components: int = 5
    min_cluster_fraction: float = 0.01
    min_cluster_floor: int = 5
    min_samples: int | None = 5
    selection: Literal["eom", "leaf"] = "eom"
    outlier_threshold: float = 0.0
    outlier_member_percentile: float = 0.0
    center_languages: bool = True
    min_small_topic: int = 3
    small_corpus: int = 500
    small_distance_threshold: float | None = None
    small_distance_percentile: float = 10.0
    umap_epochs: int | None = 200
    language_groups: bool = False
    min_language_group: int = 20
    top_n_words: int = 10

    def min_cluster_size(self, n: int) -> int:
        return max(self.min_cluster_floor, round(self.min_cluster_fraction * n))


@dataclass
class TopicResult:
    """The topics of one run.

    Attributes
    ----------
    topics
        The topic of each text (``-1``: none). Ids are ``0..k-1`` by decreasing size.
    labels
        Topic id → short label such as ``"card arrival · delivery"``.
    keywords
        Topic id → c-TF-IDF keywords with their weights, best first.
    centroids
        Topic id → unit-length mean embedding of its texts (to match topics across runs).
    method
        Which path produced the topics.
    timings
        Step → seconds.
    """

    topics: IntArray
    labels: dict[int, str]
    keywords: dict[int, Keywords]
    centroids: dict[int, FloatMatrix]
    method: Method
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def n_topics(self) -> int:
        return len(self.labels)

    @property
    def outlier_share(self) -> float:
        return float((self.topics == NO_TOPIC).mean()) if len(self.topics) else 0.0


# A corpus is multilingual when at least two languages each hold this share of its texts.
MIXED_LANGUAGE_SHARE = 0.1


def center_languages(texts: Sequence[str], embeddings: FloatMatrix, min_group: int) -> FloatMatrix:
    """Embeddings with each language's mean removed, renormalised.

    A multilingual model still puts a language "direction" into every vector: Spanish requests
    sit a little closer to each other than to the English request that means the same. The
    difference between the language means is that direction; subtracting each language's own
    mean (languages with at least ``min_group`` texts, the others keep the overall mean) removes
    it, so density clustering groups by subject instead of by language (fb_mtod Spanish +
    English: NMI 0.75 against 0.54 uncentred). A corpus with one main language is left as is.
    """
    guesses = [languages.guess(text) for text in texts]
    large = max(min_group, MIXED_LANGUAGE_SHARE * len(texts))
    present = [language for language in languages.LANGUAGES if guesses.count(language) >= large]
    if len(present) < 2:
        # One language (a few texts guessed as another are noise): nothing to remove, and
        # re-centring a monolingual corpus only blurs it (fb_mtod Spanish: NMI 0.59 against 0.71).
        return embeddings
    centered = np.asarray(embeddings, dtype=np.float32).copy()
    overall = centered.mean(axis=0)
    done = np.zeros(len(texts), dtype=bool)
    for language in languages.LANGUAGES:
        index = np.array([g == language for g in guesses])
        if index.sum() >= min_group:
            centered[index] -= centered[index].mean(axis=0)
            done |= index
    centered[~done] -= overall
    return _normalise(centered)


def _normalise(vectors: npt.NDArray[np.floating]) -> FloatMatrix:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def centroids_of(embeddings: FloatMatrix, topics: IntArray) -> dict[int, FloatMatrix]:
    """Unit-length mean of the (unit-length) embeddings of each topic other than -1."""
    unit = _normalise(embeddings)
    ids = sorted({int(t) for t in topics if t != NO_TOPIC})
    if not ids:
        return {}
    means = np.vstack([unit[topics == t].mean(axis=0) for t in ids])
    return dict(zip(ids, _normalise(means), strict=True))


def reduce_outliers(embeddings: FloatMatrix, topics: IntArray, threshold: float, member_percentile: float) -> IntArray:
    """Give each outlier the topic whose centroid is most similar, when it is as close to it as
    that topic's own members are.

    HDBSCAN leaves the texts between dense regions out; most are ordinary members of a theme that
    UMAP put at its edge, and leaving them out hides them from every topic page. A text farther
    from the nearest centroid than ``member_percentile`` % of that topic's members (and than
    ``threshold``) is not forced in: it stays in the "not grouped yet" bucket.
    """
    centroids = centroids_of(embeddings, topics)
    outliers = np.flatnonzero(topics == NO_TOPIC)
    if not centroids or not len(outliers):
        return topics
    ids = np.array(list(centroids), dtype=np.int64)
    unit = _normalise(embeddings)
    matrix = np.vstack(list(centroids.values()))
    members = np.flatnonzero(topics != NO_TOPIC)
    own = np.einsum("ij,ij->i", unit[members], matrix[np.searchsorted(ids, topics[members])])
    floor = {
        int(topic): max(threshold, float(np.percentile(own[topics[members] == topic], member_percentile)))
        for topic in ids
    }
    similarity = unit[outliers] @ matrix.T
    best = similarity.argmax(axis=1)
    reduced = topics.copy()
    keep = similarity[np.arange(len(outliers)), best] >= np.array([floor[int(ids[b])] for b in best])
    reduced[outliers[keep]] = ids[best[keep]]
    return reduced


def _by_size(topics: IntArray) -> IntArray:
    """Renumber topics 0..k-1 by decreasing size (ties by first occurrence), -1 unchanged."""
    ids, first, counts = np.unique(topics[topics != NO_TOPIC], return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-counts[i], first[i]))
    mapping = {int(ids[i]): rank for rank, i in enumerate(order)}
    return np.array([mapping.get(int(t), NO_TOPIC) for t in topics], dtype=np.int64)


def _agglomerative(embeddings: FloatMatrix, settings: PipelineSettings) -> IntArray:
    """Average-linkage clusters on cosine distance; singletons get no topic."""
    n = len(embeddings)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    from sklearn.cluster import AgglomerativeClustering

    threshold = settings.small_distance_threshold
    if threshold is None:
        distances = 1.0 - _normalise(embeddings) @ _normalise(embeddings).T
        threshold = float(np.percentile(distances[np.triu_indices(n, 1)], settings.small_distance_percentile))
        threshold = max(threshold, 1e-6)

    clusters = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    ).fit_predict(_normalise(embeddings))
    sizes = np.bincount(clusters)
    smallest = settings.min_small_topic if n >= 10 * settings.min_small_topic else 2
    topics = np.where(sizes[clusters] >= smallest, clusters, NO_TOPIC).astype(np.int64)
    # Nothing alike at all: one topic for everything beats none (the labels still say something).
    return topics if (topics != NO_TOPIC).any() else np.zeros(n, dtype=np.int64)


def _bertopic(texts: Sequence[str], embeddings: FloatMatrix, settings: PipelineSettings) -> IntArray:
    """UMAP + HDBSCAN through BERTopic, before outlier reduction."""
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.feature_extraction.text import CountVectorizer
    from umap import UMAP

    n = len(texts)
    model = BERTopic(
        umap_model=UMAP(
            n_neighbors=min(settings.n_neighbors, n - 1),
            n_components=settings.n_components,
            min_dist=0.0,
            metric="cosine",
            random_state=settings.seed,
            n_epochs=settings.umap_epochs,
        ),
        hdbscan_model=HDBSCAN(
            min_cluster_size=settings.min_cluster_size(n),
            min_samples=settings.min_samples,
            metric="euclidean",
            cluster_selection_method=settings.selection,
            prediction_data=False,
        ),
        # BERTopic's own representation is replaced by labels.topic_keywords after outlier
        # reduction; a permissive vocabulary keeps it from failing on odd corpora.
        vectorizer_model=CountVectorizer(token_pattern=ANY_WORD_PATTERN),
        calculate_probabilities=False,
    )
    topics, _ = model.fit_transform(list(texts), embeddings=embeddings)
    return np.asarray(topics, dtype=np.int64)


def _cluster_group(
    texts: Sequence[str], embeddings: FloatMatrix, settings: PipelineSettings, timings: dict[str, float]
) -> tuple[Method, IntArray]:
    """Topics of one language group: linkage for small groups, UMAP + HDBSCAN for large ones."""
    start = time.perf_counter()
    if len(texts) < settings.small_corpus:
        topics = _agglomerative(embeddings, settings)
        timings["cluster"] = timings.get("cluster", 0.0) + time.perf_counter() - start
        return "agglomerative", topics
    topics = _bertopic(texts, embeddings, settings)
    timings["umap+hdbscan"] = timings.get("umap+hdbscan", 0.0) + time.perf_counter() - start
    method: Method = "bertopic"
    if not (topics != NO_TOPIC).any():
        # HDBSCAN found no dense region (e.g. every text unlike the others).
        method, topics = "agglomerative", _agglomerative(embeddings, settings)
    start = time.perf_counter()
    topics = reduce_outliers(embeddings, topics, settings.outlier_threshold, settings.outlier_member_percentile)
    timings["outliers"] = timings.get("outliers", 0.0) + time.perf_counter() - start
    return method, topics


def cluster(
    texts: Sequence[str],
    embeddings: FloatMatrix,
    settings: PipelineSettings | None = None,
    *,
    titles: Sequence[str] | None = None,
    embedder: Embedder | None = None,
) -> TopicResult:
    """Topics of ``texts`` from their precomputed embeddings.

    Parameters
    ----------
    texts
        The documents (used for keywords and labels only).
    embeddings
        ``(len(texts), dim)``, one row per text, from :func:`chalicelib.topics.embeddings.embed`.
    settings
        The pipeline's knobs; the defaults suit customer feedback of a few dozen to tens of
        thousands of texts.
    titles
        A short form of each text (an idea's title) that labels are cut from; the texts
        themselves by default.
    embedder
        The model the embeddings came from, to choose labels by meaning
        (:func:`chalicelib.topics.phrases.label_groups`); without it labels are chosen by
        keywords alone.

    Returns
    -------
    TopicResult
        Assignments, labels, keywords, centroids and step timings.
    """
    settings = settings or PipelineSettings()
    n = len(texts)
    if len(embeddings) != n:
        raise ValueError(f"{n} texts but {len(embeddings)} embeddings")
    timings: dict[str, float] = {}
    if n == 0:
        return TopicResult(np.zeros(0, dtype=np.int64), {}, {}, {}, "empty", timings)
    embeddings = np.asarray(embeddings, dtype=np.float32)
    unit = _normalise(embeddings)
    space = center_languages(texts, unit, settings.min_language_group) if settings.center_languages else unit

    parts = languages.groups(texts, settings.min_language_group) if settings.language_groups else [list(range(n))]
    topics = np.full(n, NO_TOPIC, dtype=np.int64)
    method: Method = "agglomerative"
    offset = 0
    for part in parts:
        index = np.asarray(part, dtype=np.int64)
        method, found = _cluster_group([texts[i] for i in part], space[index], settings, timings)
        topics[index] = np.where(found == NO_TOPIC, NO_TOPIC, found + offset)
        offset += int(found.max()) + 1 if (found != NO_TOPIC).any() else 0
    topics = _by_size(topics)

    start = time.perf_counter()
    keywords = topic_keywords(texts, topics, settings.top_n_words)
    timings["keywords"] = time.perf_counter() - start
    centroids = centroids_of(embeddings, topics)
    start = time.perf_counter()
    labels = name_topics(titles or texts, unit, topics, centroids, keywords, embedder)
    timings["labels"] = time.perf_counter() - start
    return TopicResult(topics, labels, keywords, centroids, method, timings)


def name_topics(
    titles: Sequence[str],
    unit: FloatMatrix,
    topics: IntArray,
    centroids: dict[int, FloatMatrix],
    keywords: dict[int, Keywords],
    embedder: Embedder | None,
) -> dict[int, str]:
    """A readable phrase for each topic, cut from its members' titles nearest its centroid."""
    groups = {}
    for topic, centroid in centroids.items():
        members = np.flatnonzero(topics == topic)
        nearest = members[np.argsort(-(unit[members] @ centroid), kind="stable")]
        groups[topic] = Group([titles[int(i)] for i in nearest], centroid)
    labels = label_groups(groups, keywords, embedder)
    return {topic: labels.get(topic) or f"topic {topic}" for topic in centroids}
