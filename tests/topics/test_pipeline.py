"""The topic pipeline end to end with the real packaged model, on a small slice of banking77."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from chalicelib.topics import embeddings
from chalicelib.topics.__main__ import main
from chalicelib.topics.embeddings import CacheStats, EmbeddingCache, cache_key, embed, load_model, model_name
from chalicelib.topics.labels import make_label, topic_keywords
from chalicelib.topics.pipeline import PipelineSettings, cluster
from chalicelib.topics.stored_vectors import stored_idea_vectors

BANKING77_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "bench-data" / "banking77" / "train.csv"
INTENTS = ("card_arrival", "exchange_rate", "lost_or_stolen_phone", "atm_support")
PER_INTENT = 30


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    """120 texts of 4 intents, with an id column whose leading zeros must survive the round trip."""
    if not BANKING77_TRAIN.exists():
        pytest.skip(f"banking77 is missing: {BANKING77_TRAIN} (shared/bench-data is beside the repository)")
    frame = pd.read_csv(BANKING77_TRAIN)
    frame = pd.concat([frame[frame["label"] == intent].head(PER_INTENT) for intent in INTENTS], ignore_index=True)
    frame.insert(0, "id", [f"{i:04d}" for i in range(len(frame))])
    return frame


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embeddings")


def run_cli(
    source: Path, output: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[list[dict[str, str]], str]:
    args = ["cluster", str(source), "--text-column", "text", "--output", str(output), "--cache-dir", str(cache_dir)]
    code = main([*args, "--quiet"])
    assert code == 0
    with open(output, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows, capsys.readouterr().err


def test_cluster_cli_finds_the_intents_and_reuses_the_cache(
    corpus: pd.DataFrame, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    corpus.to_csv(source, index=False)

    rows, err = run_cli(source, tmp_path / "out.csv", cache_dir, capsys)

    assert list(rows[0]) == ["id", "text", "label", "topic", "topic_label"]
    assert [row["id"] for row in rows] == corpus["id"].tolist()
    assert [row["text"] for row in rows] == corpus["text"].tolist()
    topics = np.array([int(row["topic"]) for row in rows])
    assert len(set(topics.tolist()) - {-1}) >= 3
    assert normalized_mutual_info_score(corpus["label"], topics) >= 0.6
    assert all(row["topic_label"] for row in rows if row["topic"] != "-1")
    assert f"0 from cache, {len(corpus)} computed" in err

    again, err = run_cli(source, tmp_path / "again.csv", cache_dir, capsys)

    assert f"{len(corpus)} from cache, 0 computed" in err
    # Same input and seed, same topics and labels.
    assert [(row["topic"], row["topic_label"]) for row in again] == [(row["topic"], row["topic_label"]) for row in rows]


@pytest.mark.parametrize("size", [0, 1, 5, 30])
def test_tiny_corpora_get_topics_without_failing(
    size: int, corpus: pd.DataFrame, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every 4th row: the tiny corpora mix the intents as a new portal would.
    source = tmp_path / "in.csv"
    corpus.iloc[::4].head(size)[["id", "text"]].to_csv(source, index=False)

    rows, _ = run_cli(source, tmp_path / "out.csv", cache_dir, capsys)

    assert len(rows) == size
    for row in rows:
        assert int(row["topic"]) >= -1
        assert (row["topic"] == "-1") == (row["topic_label"] == "")
    if size == 30:
        assert len({row["topic"] for row in rows} - {"-1"}) >= 2


def test_blank_texts_get_no_topic(tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text,other\n,a\nthe app crashes on login,b\n   ,c\n", encoding="utf-8")

    rows, _ = run_cli(source, tmp_path / "out.csv", cache_dir, capsys)

    assert [row["topic"] for row in rows] == ["-1", "0", "-1"]
    assert [row["other"] for row in rows] == ["a", "b", "c"]


def test_pipeline_is_deterministic_and_returns_reusable_parts(corpus: pd.DataFrame, cache_dir: Path) -> None:
    texts = corpus["text"].tolist()
    name = model_name()
    stats = CacheStats()
    with EmbeddingCache(cache_dir) as cache:
        vectors = embed(texts, model=lambda: load_model(name), model_id=name, cache=cache, stats=stats)

    # small_corpus lowered so that these 120 texts take the UMAP + HDBSCAN path.
    first = cluster(texts, vectors, PipelineSettings(seed=7, small_corpus=50))
    second = cluster(texts, vectors, PipelineSettings(seed=7, small_corpus=50))

    assert np.array_equal(first.topics, second.topics)
    assert first.labels == second.labels
    assert first.method == "bertopic"
    assert set(first.centroids) == set(first.labels) == set(first.keywords)
    for centroid in first.centroids.values():
        assert centroid.shape == (vectors.shape[1],)
        assert np.isclose(np.linalg.norm(centroid), 1.0, atol=1e-4)
    # Topic 0 is the largest.
    sizes = np.bincount(first.topics[first.topics >= 0])
    assert sizes[0] == sizes.max()


def test_labels_join_bigrams_and_never_repeat_a_word() -> None:
    keywords = [("card", 0.9), ("arrival", 0.8), ("card arrival", 0.7), ("delivery", 0.5), ("card delivery", 0.4)]
    assert make_label(keywords) == "card arrival · delivery"
    assert make_label([]) == ""
    assert re.fullmatch(r"[^·]+", make_label([("pin", 1.0)]))


def test_keywords_of_a_one_word_vocabulary_do_not_fail() -> None:
    """A tiny product whose ideas share a single word (BERTopic's c-TF-IDF fails on it)."""
    keywords = topic_keywords(["wifi", "wifi"], np.array([0, 1]))

    assert {topic: [word for word, _ in words] for topic, words in keywords.items()} == {0: ["wifi"], 1: ["wifi"]}


def test_topics_of_another_model_get_new_ids_instead_of_failing() -> None:
    """The store holds a previous run of another model (another dimension): nothing to match."""
    from chalicelib.topics.stable_ids import match

    previous = {"t-old": np.full(4, 0.5, dtype=np.float32)}
    current = {0: np.full(384, 1 / np.sqrt(384), dtype=np.float32)}

    ids = match(previous, current)

    assert list(ids) == [0] and ids[0] != "t-old"


def test_stored_vectors_stand_in_for_texts_the_cache_lacks(tmp_path: Path) -> None:
    """``embed(stored=...)`` asks once, for each text new to the cache at its first position; what
    it gets is used as is, cached, and not embedded; the rest is embedded."""
    name = model_name()
    model = load_model(name)
    texts = ["my card has not arrived", "what is the exchange rate", "my card has not arrived", "I lost my phone"]
    workers = model.encode(["what is the exchange rate"])[0]
    asked: list[list[int]] = []

    def stored(positions: Sequence[int]) -> dict[int, npt.NDArray[np.float32]]:
        asked.append(list(positions))
        return {1: workers}

    with EmbeddingCache(tmp_path) as cache:
        stats = CacheStats()
        vectors = embed(texts, model=model, model_id=name, cache=cache, stats=stats, stored=stored)
        again = CacheStats()
        embed(texts, model=model, model_id=name, cache=cache, stats=again, stored=stored)

    assert asked == [[0, 1, 3]]  # the second call found everything in the cache
    assert (stats.misses, stats.reused, stats.embedded) == (3, 1, 2)
    assert again.hits == len(texts) and again.misses == 0
    assert np.array_equal(vectors[1], workers) and np.array_equal(vectors[0], vectors[2])
    assert float(vectors[0] @ vectors[3]) < 0.99  # the others were embedded, each its own


def test_the_two_e5_sides_never_share_a_cache_entry_or_stored_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    name = model_name()
    text = "dark mode for the app"
    query_key, query_row = cache_key(name, text), load_model(name).encode([text])[0]
    monkeypatch.setattr(embeddings, "JOB_SIDE", "passage")
    passage_key, passage_row = cache_key(name, text), load_model(name).encode([text])[0]

    assert query_key != passage_key
    assert float(query_row @ passage_row) < 0.99  # another prefix, another vector
    # The worker stores ideas on the "query: " side: a job on the other side reuses none of them.
    assert stored_idea_vectors([], [], name) is None
