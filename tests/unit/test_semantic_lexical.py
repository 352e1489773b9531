"""The exact-word half of search: rare words weigh most, verbatim text wins, stop words and
accents do not matter."""

from __future__ import annotations

from chalicelib.semantic.lexical import LexicalIndex, content_words, phrase

DOCUMENTS = [
    "El termostato muestra el error E-4012 tras actualizar",
    "La app muestra un error al abrir la cámara",
    "Exportar las facturas a PDF para contabilidad",
]


def test_a_code_typed_verbatim_scores_its_idea_above_one() -> None:
    scores = LexicalIndex.build(DOCUMENTS).scores("E-4012")

    assert set(scores) == {0}
    assert scores[0] > 1.0


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    scores = LexicalIndex.build(DOCUMENTS).scores("error termostato")

    assert scores[0] > scores[1] > 0


def test_stop_words_match_nothing_and_accents_are_folded() -> None:
    index = LexicalIndex.build(DOCUMENTS)

    assert index.scores("para la de el") == {}
    assert set(index.scores("camara")) == {1}
    assert content_words("Não é para a câmera") == ["camera"]
    assert phrase("  E-4012!! ") == "e 4012"
