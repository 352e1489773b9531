# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Ten labels before and after, each with three of its ideas, for docs/topics.md.

Run from the repository root with the topics virtual environment::

    .venv-topics/bin/python bench/topics_labels.py demo
    .venv-topics/bin/python bench/topics_labels.py fb_mtod

For the same topics (this pipeline's, on the demo data per product, or on fb_mtod's Spanish and
English set), "before" is the label the previous labelling gave (the two best c-TF-IDF keywords
joined by a dot, ``labels.make_label``) and "after" the phrase label (``phrases.label_groups``).
Prints a Markdown table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np
import numpy.typing as npt
import pandas as pd

from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, EmbeddingCache, embed, load_model, model_name
from chalicelib.topics.labels import make_label
from chalicelib.topics.pipeline import NO_TOPIC, PipelineSettings, cluster
from chalicelib.topics.products import cluster_by_product

SHOWN = 10
FB_MTOD = REPO_ROOT.parent / "shared" / "bench-data" / "fb_mtod" / "train_mixed.csv"


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "demo"
    name = model_name()
    with EmbeddingCache(REPO_ROOT / DEFAULT_CACHE_DIR) as cache:

        def embedder(phrases: list[str]) -> npt.NDArray[np.float32]:
            return embed(phrases, model=lambda: load_model(name), model_id=name, cache=cache)

        if which == "demo":
            ideas = json.loads((REPO_ROOT / "devstack" / "demo_data.json").read_text(encoding="utf-8"))["ideas"]
            texts = [f"{idea['title']}. {idea['body']}" for idea in ideas]
            titles = [idea["title"] for idea in ideas]
            products = [idea["product"] for idea in ideas]
            result, product_of = cluster_by_product(
                products, texts, embedder(texts), PipelineSettings(), titles=titles, embedder=embedder
            )
        else:
            texts = pd.read_csv(FB_MTOD)["text"].astype(str).tolist()
            titles = texts
            result = cluster(texts, embedder(texts), PipelineSettings(), embedder=embedder)
            product_of = dict.fromkeys(result.labels, "fb_mtod")
    # Every other topic, so the table spans products and sizes.
    chosen = sorted(result.labels)[:: max(1, len(result.labels) // SHOWN)][:SHOWN]
    print("| product | before (keywords) | after (phrase) | three of its ideas |")
    print("|---|---|---|---|")
    for topic in chosen:
        members = np.flatnonzero(result.topics == topic)
        examples = list(dict.fromkeys(titles[i] for i in members))[:3]
        before = make_label(result.keywords.get(topic, []))
        shown = "<br>".join(e.replace("|", "/") for e in examples)
        print(f"| {product_of[topic]} | {before} | **{result.labels[topic]}** | {shown} |")
    print(f"\n{len(result.labels)} topics, {float((result.topics == NO_TOPIC).mean()):.1%} not grouped yet")


if __name__ == "__main__":
    main()
