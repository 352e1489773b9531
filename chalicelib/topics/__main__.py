"""``python -m chalicelib.topics cluster IN.csv --text-column text --output OUT.csv`` and
``python -m chalicelib.topics nightly``.

``cluster`` clusters any CSV of texts offline with the nightly job's pipeline. ``nightly`` runs the
job once against the store that ``DYNAMODB_ENDPOINT`` (or AWS) points at. OUT.csv is IN.csv, every column
and value as read, plus ``topic`` (``-1`` for none) and ``topic_label``. Progress bars and the time
of each step go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from chalicelib.csv_safety import safe_cell
from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, CacheStats, EmbeddingCache, embed, load_model, model_name
from chalicelib.topics.pipeline import NO_TOPIC, FloatMatrix, PipelineSettings, cluster


@contextmanager
def _step(name: str, timings: dict[str, float]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - start
    print(f"[topics] {name}: {timings[name]:.2f} s", file=sys.stderr, flush=True)


def run_cluster(args: argparse.Namespace) -> int:
    timings: dict[str, float] = {}
    with _step("read", timings):
        # Every value stays a string and an empty cell stays empty: OUT.csv must be IN.csv plus two
        # columns, without pandas' type guessing rewriting "007" as 7 or "" as NaN.
        with open(args.input, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            columns = list(reader.fieldnames or [])
            rows = list(reader)
        if args.text_column not in columns:
            print(f"error: {args.input} has no column {args.text_column!r} (columns: {columns})", file=sys.stderr)
            return 2
        clashing = {"topic", "topic_label"} & set(columns)
        if clashing:
            print(f"error: {args.input} already has the column(s) {sorted(clashing)}", file=sys.stderr)
            return 2
    texts = [(row.get(args.text_column) or "").strip() for row in rows]
    # Blank texts have no topic and are not embedded.
    present = [i for i, text in enumerate(texts) if text]
    print(f"[topics] {len(rows)} rows, {len(present)} with text, model {args.model}", file=sys.stderr)

    stats = CacheStats()
    with _step("embed", timings), EmbeddingCache(args.cache_dir) as cache:
        vectors = embed(
            [texts[i] for i in present],
            model=lambda: load_model(args.model),
            model_id=args.model,
            cache=cache,
            progress=not args.quiet,
            stats=stats,
        )
    print(f"[topics] embeddings: {stats.hits} from cache, {stats.misses} computed", file=sys.stderr)

    with _step("cluster", timings), EmbeddingCache(args.cache_dir) as cache:

        def embedder(phrases: list[str]) -> FloatMatrix:
            """Label candidates, by the same model and cache as the texts."""
            return embed(phrases, model=lambda: load_model(args.model), model_id=args.model, cache=cache)

        result = cluster([texts[i] for i in present], vectors, PipelineSettings(seed=args.seed), embedder=embedder)
    for name, seconds in result.timings.items():
        print(f"[topics]   {name}: {seconds:.2f} s", file=sys.stderr)
    print(
        f"[topics] {result.n_topics} topics ({result.method}), {result.outlier_share:.1%} of texts without one",
        file=sys.stderr,
    )

    topics = [NO_TOPIC] * len(rows)
    for i, topic in zip(present, result.topics.tolist(), strict=True):
        topics[i] = topic
    with _step("write", timings):
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[*columns, "topic", "topic_label"])
            writer.writeheader()
            for row, topic in zip(rows, topics, strict=True):
                # The input's own columns are written back untouched (OUT.csv is IN.csv plus two
                # columns); the label, made from the texts' words, is neutralised like every
                # cell the portal writes (chalicelib/csv_safety.py).
                label = safe_cell(result.labels.get(topic, ""))
                writer.writerow({**row, "topic": topic, "topic_label": label})
    print(f"[topics] total: {sum(timings.values()):.2f} s → {args.output}", file=sys.stderr)
    return 0


def run_nightly_job(args: argparse.Namespace) -> int:
    from chalicelib.topics.lease import nightly_lease
    from chalicelib.topics.nightly import run_nightly

    def waiting(reason: str) -> None:
        print(f"[topics] {reason}; waiting up to {args.wait:.0f} s for it to finish ...", file=sys.stderr, flush=True)

    # SIGTERM (make run stopping, a supervisor) unwinds through the lease's release instead of
    # leaving it held until it expires.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    with nightly_lease(wait=args.wait, on_wait=waiting) as held:
        if not held:
            print(
                "[topics] another nightly run is in progress and will publish the topics; this one did not run "
                "(pass --wait SECONDS to wait for it)",
                file=sys.stderr,
            )
            return 0
        print("[topics] nightly run against the store ...", file=sys.stderr, flush=True)
        report = run_nightly(settings=PipelineSettings(seed=args.seed), progress=not args.quiet, full_run=args.full)
    print(
        f"[topics] {'full' if report.full_run else 'incremental'} run {report.run_id}: "
        f"{report.ideas} ideas ({report.embedded} embedded), "
        f"{report.topics} topics ({report.new_topics} new), {report.assignments_written} assignments written, "
        f"{report.users} users, {report.segments} segments, {report.alerts} new alerts",
        file=sys.stderr,
    )
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m chalicelib.topics", description="Topic pipeline of the nightly job.")
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("cluster", help="cluster a CSV of texts offline")
    run.add_argument("input", type=Path, help="CSV file with a header row")
    run.add_argument("--text-column", default="text", help="column holding the texts (default: text)")
    run.add_argument("--output", type=Path, required=True, help="where to write IN.csv plus topic, topic_label")
    run.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help=f"embedding cache (default: {DEFAULT_CACHE_DIR})"
    )
    run.add_argument(
        "--model", default=model_name(), help="embedding model (default: $TOPICS_MODEL or the packaged one)"
    )
    run.add_argument("--seed", type=int, default=PipelineSettings.seed, help="UMAP random state (default: 42)")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.set_defaults(handler=run_cluster)
    nightly = commands.add_parser("nightly", help="run the nightly job once against the store")
    nightly.add_argument("--seed", type=int, default=PipelineSettings.seed, help="UMAP random state (default: 42)")
    nightly.add_argument("--quiet", action="store_true", help="no progress output")
    nightly.add_argument("--full", action="store_true", help="cluster everything again, even if extending would do")
    nightly.add_argument(
        "--wait",
        type=float,
        default=0.0,
        help="seconds to wait while another nightly run holds the lease (default: exit at once, status 0)",
    )
    nightly.set_defaults(handler=run_nightly_job)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    # Tokenizers' thread pool warns and can deadlock when the process later forks (UMAP, joblib).
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    args = parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
