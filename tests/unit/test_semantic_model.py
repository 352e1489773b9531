"""The embedding adapter: prefixes, cross-language meaning, int8 storage."""

from __future__ import annotations

import numpy as np
import pytest

from chalicelib.semantic.model import DIMENSIONS, get_model, idea_text
from chalicelib.semantic.quantise import from_int8, to_int8


def test_a_spanish_query_is_closer_to_the_same_request_in_english_than_to_another_request() -> None:
    model = get_model()
    query = model.queries(["la app se cierra al abrir la cámara"])[0]
    same, other = model.passages(["The app crashes when I open the camera", "The invoice total is wrong"])
    assert float(same @ query) > float(other @ query) + 0.05


def test_rows_are_unit_length_and_384_wide() -> None:
    rows = get_model().passages(["uno", "two", "três"])
    assert rows.shape == (3, DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)


def test_int8_storage_is_384_bytes_and_keeps_cosine_close() -> None:
    rows = get_model().passages(["Exportar a PDF", "Export to PDF", "Modo oscuro"])
    blobs = [to_int8(row) for row in rows]
    assert [len(blob) for blob in blobs] == [DIMENSIONS] * 3
    restored = from_int8(blobs)
    np.testing.assert_allclose(restored @ restored.T, rows @ rows.T, atol=0.01)


def test_a_stored_vector_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="expected 384"):
        from_int8([b"\x00" * 10])


def test_an_unknown_model_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown semantic model"):
        get_model("no-such-model")


def test_idea_text_is_the_title_then_the_start_of_the_body() -> None:
    assert idea_text(" Dark mode ", "") == "Dark mode"
    assert idea_text("Dark mode", "x" * 5000) == "Dark mode. " + "x" * 600
