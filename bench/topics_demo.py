# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Topics on the demo data: per product against together-then-split, themes, labels, stable theme ids.

Run from the repository root with the topics virtual environment::

    .venv-topics/bin/python bench/topics_demo.py

The demo (devstack/demo_data.json, from devstack/generate_demo.py) records the request each idea
repeats, so the topics can be scored against it. Figures, all printed and never asserted:

- per product: NMI / ARI against the requests (one-off ideas count as their own class each, so a
  pipeline that leaves them "not grouped yet" is not punished for it), topics, not grouped;
- the alternative: every product clustered together, then each topic split by product;
- products mixed in one topic (always 0 per product: the figure is for the alternative);
- themes per product (target 3-15) and the label check (each label nearer its own centroid);
- theme ids kept: the same full run on 95 % of the ideas and then on all of them, with the
  themes matched as the nightly job matches them; and the incremental path (new topics join a
  kept theme), which keeps every id by construction.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np
import numpy.typing as npt
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, EmbeddingCache, embed, load_model, model_name
from chalicelib.topics.pipeline import NO_TOPIC, PipelineSettings, cluster
from chalicelib.topics.products import cluster_by_product, indexes_by_product, split_by_product
from chalicelib.topics.stable_ids import SAME_THEME_GROUP, match
from chalicelib.topics.themes import describe, group_topics

DEMO = REPO_ROOT / "devstack" / "demo_data.json"
NEW_SHARE = 0.05


def truth(requests: list[str]) -> list[str]:
    """One-off ideas are each a class of their own."""
    return [f"{r}#{i}" if r.endswith("/one-off") else r for i, r in enumerate(requests)]


def scored(requests: list[str], topics: npt.NDArray[np.int64]) -> tuple[float, float]:
    # Ideas not grouped yet are each their own cluster too: no credit for lumping them together.
    clusters = [f"t{t}" if t != NO_TOPIC else f"u{i}" for i, t in enumerate(topics)]
    return normalized_mutual_info_score(truth(requests), clusters), adjusted_rand_score(truth(requests), clusters)


def main() -> None:
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    ideas = data["ideas"]
    texts = [f"{idea['title']}. {idea['body']}".strip() for idea in ideas]
    titles = [idea["title"] for idea in ideas]
    products = [idea["product"] for idea in ideas]
    requests = [idea["request"] for idea in ideas]
    name = model_name()
    with EmbeddingCache(REPO_ROOT / DEFAULT_CACHE_DIR) as cache:

        def embedder(phrases: list[str]) -> npt.NDArray[np.float32]:
            return embed(phrases, model=lambda: load_model(name), model_id=name, cache=cache)

        vectors = embedder(texts)
        settings = PipelineSettings()
        print(f"demo: {len(ideas)} ideas, {len(set(products))} products, model {name}")

        started = time.perf_counter()
        result, product_of = cluster_by_product(products, texts, vectors, settings, titles=titles, embedder=embedder)
        per_product_seconds = time.perf_counter() - started
        started = time.perf_counter()
        together = cluster(texts, vectors, settings)
        split = split_by_product(together.topics, products, settings.min_small_topic)
        together_seconds = time.perf_counter() - started
        mixed = sum(1 for t in set(together.topics.tolist()) - {NO_TOPIC}
                    if len({products[i] for i in np.flatnonzero(together.topics == t)}) > 1)  # fmt: skip

        print(f"\n{'product':<16} {'NMI':>6} {'ARI':>6} {'topics':>7} {'requests':>9} {'ungrouped':>10} {'themes':>7}")
        indexes = indexes_by_product(products)
        theme_counts = {}
        for product, index in indexes.items():
            mine = result.topics[index]
            nmi, ari = scored([requests[i] for i in index], mine)
            local = {t: result.centroids[t] for t in set(mine.tolist()) - {NO_TOPIC}}
            theme_counts[product] = len(set(group_topics(local).values()))
            n_requests = len({requests[i] for i in index} - {f"{product}/one-off"})
            print(
                f"{product:<16} {nmi:>6.3f} {ari:>6.3f} {len(local):>7} {n_requests:>9} "
                f"{(mine == NO_TOPIC).mean():>9.1%} {theme_counts[product]:>7}"
            )
        for title, topics, seconds in (
            ("per product", result.topics, per_product_seconds),
            ("together+split", split, together_seconds),
        ):
            nmi, ari = scored(requests, topics)
            found = len(set(topics.tolist()) - {NO_TOPIC})
            print(
                f"{title:<16} {nmi:>6.3f} {ari:>6.3f} {found:>7} {'':>9} {(topics == NO_TOPIC).mean():>9.1%} "
                f"{'':>7} {seconds:.1f} s"
            )
        print(f"together, before the split: {mixed} of {together.n_topics} topics mix products")

        ids = sorted(result.labels)
        named = embedder([result.labels[t] for t in ids])
        ok = 0
        for row, topic in enumerate(ids):
            same = [t for t in ids if product_of[t] == product_of[topic]]
            sims = {t: float(named[row] @ result.centroids[t]) for t in same}
            ok += max(sims, key=lambda t: sims[t]) == topic
        print(f"label check: {ok}/{len(ids)} = {ok / len(ids):.0%} nearer their own centroid (target 90 %)")
        print(f"themes per product: {theme_counts} (target 3-15)")
        examples = Counter(product_of[t] for t in ids)
        print(f"topics per product: {dict(examples)}")
        for topic in ids[:12]:
            members = np.flatnonzero(result.topics == topic)
            shown = [titles[i] for i in members[:3]]
            print(f"  [{product_of[topic]}] {result.labels[topic]!r} <- {shown}")

        kept_share = theme_stability(products, texts, titles, vectors, settings, embedder)
        print(f"theme ids kept after {NEW_SHARE:.0%} new ideas (full runs, matched): {kept_share:.0%} (target 90 %)")


def theme_stability(
    products: list[str],
    texts: list[str],
    titles: list[str],
    vectors: npt.NDArray[np.float32],
    settings: PipelineSettings,
    embedder: object,
) -> float:
    """Full run on 95 % of the ideas, then on all: share of the first run's theme ids still there."""
    rng = np.random.default_rng(7)
    kept = total = 0
    for _product, index in indexes_by_product(products).items():
        newest = set(rng.choice(index, size=max(1, round(NEW_SHARE * len(index))), replace=False).tolist())
        before = np.array([i for i in index if i not in newest])
        themes_ids: list[dict[int, str]] = []
        previous: dict[str, npt.NDArray[np.float32]] = {}
        for part in (before, index):
            sub_texts = [texts[i] for i in part]
            sub_titles = [titles[i] for i in part]
            found = cluster(sub_texts, vectors[part], settings, titles=sub_titles)
            grouping = group_topics(found.centroids)
            described = describe(sub_texts, sub_titles, vectors[part], found.topics, grouping, None)
            ids = match(previous, described.centroids, SAME_THEME_GROUP)
            themes_ids.append(ids)
            previous = {ids[n]: c for n, c in described.centroids.items()}
        first, second = set(themes_ids[0].values()), set(themes_ids[1].values())
        kept += len(first & second)
        total += len(first)
    return kept / max(total, 1)


if __name__ == "__main__":
    main()
