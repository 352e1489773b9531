"""Speed of a nightly run over 10,000 ideas of which 5 % are new, beside plain BERTopic.

Run from the repository root with the topics environment::

    .venv-topics/bin/python bench/topics_speed.py
    .venv-topics/bin/python bench/topics_speed.py --worker   # new ideas already embedded by the semantic worker

In one run: DynamoDB Local (in memory) holds 9,500 ideas (banking77 train texts) whose
embeddings the job's cache already has, as after previous nights, and two nightly runs have
filled both assignment slots. Then 500 new ideas arrive (banking77 test texts, never embedded)
and the measured nightly run reads, embeds the new ones, clusters, matches ids, writes and
publishes. The baseline is plain ``BERTopic(embedding_model=model).fit_transform`` over the same
10,000 texts, embedding all of them. Each measured run is its own process, so its peak resident
memory is its own; both share a warm numba cache (as the job's image does). The nightly run
includes what it does beyond plain BERTopic: one clustering per product, phrase labels (their
candidates embedded through the cache), themes and emerging topics. Figures are printed, never
asserted: the target is a nightly run at most 0.25x the baseline's time.

With ``--worker`` the semantic worker has stored the new ideas' vectors before the measured run,
as it does seconds after each post in production, and the job reuses them instead of embedding.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chalicelib.store.models import IdeaModel

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT.parent / "shared" / "bench-data" / "banking77"
KNOWN = 9_500
NEW = 500
TARGET = 0.25


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str) -> None:
    """One measured run in this process; prints a JSON line with seconds and peak memory."""
    import pandas as pd

    if mode == "baseline":
        from bertopic import BERTopic

        from chalicelib.topics.embeddings import load_model

        texts = pd.read_csv(DATA / "train.csv")["text"].astype(str).tolist()[:KNOWN]
        texts += pd.read_csv(DATA / "test.csv")["text"].astype(str).tolist()[:NEW]
        model = load_model()
        started = time.perf_counter()
        # BERTopic embeds every text with the same model, then fits (its defaults otherwise).
        BERTopic().fit_transform(texts, embeddings=model.encode(texts))
    else:
        from chalicelib.topics.nightly import run_nightly

        started = time.perf_counter()
        report = run_nightly(full_run=mode == "full")
        print(json.dumps({"timings": report.timings, "embedded": report.embedded, "reused": report.reused}), flush=True)
    print(json.dumps({"mode": mode, "seconds": time.perf_counter() - started, "peak_mb": peak_rss_mb()}), flush=True)


def seed(n_known: int) -> None:
    """9,500 ideas with cached embeddings, then two nightly runs (both slots filled)."""
    import pandas as pd

    from chalicelib.clock import to_storage, utc_now
    from chalicelib.semantic.model import idea_text
    from chalicelib.store.models import EmbeddingModel, IdeaModel
    from chalicelib.store.tables import create_missing_tables
    from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, EmbeddingCache, cache_key, embed, load_model, model_name

    create_missing_tables()
    texts = pd.read_csv(DATA / "train.csv")["text"].astype(str).tolist()[:n_known]
    # The text the job embeds for an idea with this title and no body.
    embedded = [idea_text(text[:140]) for text in texts]
    name = model_name()
    with EmbeddingCache(REPO_ROOT / DEFAULT_CACHE_DIR) as cache:
        vectors = embed(embedded, model=lambda: load_model(name), model_id=name, cache=cache, progress=True)
    now = utc_now()
    cached: set[str] = set()  # banking77 repeats a few texts; a batch may not repeat a key
    with IdeaModel.batch_write() as ideas, EmbeddingModel.batch_write() as embeddings:
        for n, (text, vector) in enumerate(zip(texts, vectors, strict=True)):
            ideas.save(new_idea(f"known-{n:05d}", text, to_storage(now)))
            key = cache_key(name, embedded[n])
            if key not in cached:
                cached.add(key)
                embeddings.save(EmbeddingModel(key=key, vector=vector.tobytes()))


def new_idea(idea_id: str, text: str, at: str) -> IdeaModel:
    from chalicelib.store.models import IdeaModel

    return IdeaModel(
        id=idea_id, title=text[:140], body="", product="bank", phase="provision", board="bank#provision",
        status="open", vote_count=0, top_score=0, comment_count=0, author_id="bench", author_name="Bench",
        created_at=at, updated_at=at,
    )  # fmt: skip


def add_new_ideas(worker: bool) -> None:
    """The new ideas; with ``worker``, also their vectors as the semantic worker stores them."""
    import pandas as pd

    from chalicelib.clock import to_storage, utc_now
    from chalicelib.store.models import IdeaModel

    texts = pd.read_csv(DATA / "test.csv")["text"].astype(str).tolist()[:NEW]
    ideas = [new_idea(f"new-{n:04d}", text, to_storage(utc_now())) for n, text in enumerate(texts)]
    with IdeaModel.batch_write() as batch:
        for idea in ideas:
            batch.save(idea)
    if worker:
        from chalicelib.semantic.snapshots import FileSnapshots, Indexes
        from chalicelib.semantic.writer import embed_ideas

        embed_ideas(ideas, Indexes(FileSnapshots(Path(os.environ["DATA_DIR"]) / "semantic")))


def measure(mode: str, env: dict[str, str]) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode], env=env, cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    result: dict[str, float] = lines[-1]
    if len(lines) > 1:
        print(f"  nightly steps: {lines[0]['timings']} (embedded {lines[0]['embedded']}, reused {lines[0]['reused']})")
    return result


def main(worker: bool) -> None:
    from devstack.dynamodb import DynamoDBLocal, free_port

    port = free_port()
    numba_cache = REPO_ROOT / ".data" / "numba-cache"
    env = {
        **os.environ,
        "STAGE": "local",
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{port}",
        "TABLE_PREFIX": "bench-",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "DATA_DIR": tempfile.mkdtemp(prefix="topics-speed-"),
        "NUMBA_CACHE_DIR": str(numba_cache),
        "TOKENIZERS_PARALLELISM": "false",
    }
    os.environ.update(env)
    with DynamoDBLocal(port):
        print(f"seeding {KNOWN} ideas with cached embeddings ...", flush=True)
        seed(KNOWN)
        for warm_up in (1, 2):
            print(f"warm-up nightly run {warm_up} (fills an assignment slot and the numba cache) ...", flush=True)
            measure("nightly", env)
        add_new_ideas(worker)
        stored = ", their vectors stored by the semantic worker" if worker else ""
        print(f"measured nightly run: {KNOWN} known + {NEW} new ideas{stored} ...", flush=True)
        nightly = measure("nightly", env)
        print("for comparison, the weekly full run over the same 10,000 ideas ...", flush=True)
        full = measure("full", env)
    print("baseline: plain BERTopic fit_transform over the same 10,000 texts ...", flush=True)
    baseline = measure("baseline", env)
    print()
    print(f"{'':32}{'seconds':>10}{'peak MB':>10}")
    print(f"{'nightly run (5% new)':32}{nightly['seconds']:>10.1f}{nightly['peak_mb']:>10.0f}")
    print(f"{'weekly full run':32}{full['seconds']:>10.1f}{full['peak_mb']:>10.0f}")
    print(f"{'plain BERTopic fit_transform':32}{baseline['seconds']:>10.1f}{baseline['peak_mb']:>10.0f}")
    print(f"{'ratio, nightly':32}{nightly['seconds'] / baseline['seconds']:>10.2f}   (target <= {TARGET})")
    print(f"{'ratio, weekly full run':32}{full['seconds'] / baseline['seconds']:>10.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main(worker="--worker" in sys.argv[1:])
