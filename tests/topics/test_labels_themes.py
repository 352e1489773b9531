"""Readable labels (phrases cut from titles), themes over topics, topics per product: pure parts."""

from __future__ import annotations

import numpy as np

from chalicelib.topics.phrases import Group, label_groups, majority_language, spans
from chalicelib.topics.products import split_by_product
from chalicelib.topics.themes import MAX_THEMES, group_topics, theme_count


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_spans_are_runs_of_two_to_six_words_without_stop_words_at_the_ends() -> None:
    found = spans("La app se cierra al abrir la cámara, por favor")

    assert "app se cierra" in found and "abrir la cámara" in found
    assert all(2 <= len(span.split()) <= 6 for span in found)
    assert not any(span.split()[0].lower() in {"la", "al", "por"} for span in found)
    assert not any("cámara por" in span for span in found)  # never across punctuation


def test_the_label_is_a_phrase_in_the_majority_language_not_a_keyword_list() -> None:
    titles = ["Modo oscuro en la app", "Modo oscuro por favor", "Dark mode for the app", "Tema oscuro para la app"]
    groups = {0: Group(titles, unit(1, 0, 0)), 1: Group(["Exportar facturas a CSV"] * 3, unit(0, 1, 0))}
    keywords = {0: [("oscuro", 0.9), ("modo", 0.8), ("app", 0.3)], 1: [("csv", 0.9), ("facturas", 0.8)]}

    labels = label_groups(groups, keywords)

    assert majority_language(titles) == "es"
    assert labels[0] == "Modo oscuro"
    assert labels[1] == "Facturas a CSV"  # the keywords' words, capitalised as a phrase
    assert all("·" not in label and "," not in label for label in labels.values())


def test_with_a_model_the_label_is_the_candidate_nearest_its_own_topic_and_not_its_neighbour() -> None:
    # Candidate phrases embedded by a stand-in model: "exportar facturas" sits on topic 1's
    # centroid, "facturas a CSV" between both topics; the label must say what is inside topic 1.
    vectors = {
        "Exportar facturas": unit(0, 1, 0.1),
        "facturas a CSV": unit(0.7, 0.7, 0),
        "Exportar facturas a CSV": unit(0.5, 0.8, 0),
    }

    def embedder(phrases: list[str]) -> np.ndarray:
        return np.vstack([vectors.get(p, unit(0, 0, 1)) for p in phrases])

    groups = {0: Group(["Modo oscuro"] * 2, unit(1, 0, 0)), 1: Group(["Exportar facturas a CSV"] * 3, unit(0, 1, 0))}
    labels = label_groups(groups, {1: [("facturas", 1.0), ("csv", 0.9), ("exportar", 0.5)]}, embedder)

    assert labels[1] == "Exportar facturas"


def test_themes_are_between_three_and_fifteen_and_group_near_topics() -> None:
    assert [theme_count(n) for n in (1, 3, 4, 9, 30, 100)] == [1, 3, 3, 3, 10, MAX_THEMES]
    centroids = {0: unit(1, 0, 0), 1: unit(1, 0.05, 0), 2: unit(0, 1, 0), 3: unit(0, 1, 0.05), 4: unit(0, 0, 1)}

    themes = group_topics(centroids)

    assert themes[0] == themes[1] != themes[2] == themes[3] != themes[4]
    assert themes == group_topics(centroids)  # the same topics, the same numbering


def test_splitting_shared_topics_by_product_keeps_only_pieces_large_enough() -> None:
    topics = np.array([0, 0, 0, 0, 1, 1, -1])
    products = ["a", "a", "a", "b", "b", "b", "a"]

    split = split_by_product(topics, products, min_size=2)

    assert split.tolist() == [0, 0, 0, -1, 1, 1, -1]
