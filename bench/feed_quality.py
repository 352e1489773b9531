# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Offline quality of the personal feed: hit-rate@10 against a most-voted baseline.

Run from the repository root with the topics environment::

    .venv-topics/bin/python bench/feed_quality.py

Simulated customers over banking77's train split (10,003 texts standing in for ideas): each user
cares about two intents, casts 20 votes (80 % on ideas of its intents, 20 % anywhere, popular
ideas more often), and 20 % of its votes are held out. The pipeline clusters the texts into
topics (it is never told the intents); affinities come from the kept votes with the production
code (``domain.feed.affinities``), and the feed picks from the strongest topics with
``domain.feed.pick``, each topic's ideas ranked by their kept votes. The baseline recommends the
most-voted ideas the user has not voted. Hit-rate@10: the share of users with at least one
held-out idea among the 10 recommended. Both lists are built from the same kept votes.
"""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np
import pandas as pd

from chalicelib.domain.feed import Interaction, affinities, pick, strongest
from chalicelib.topics.embeddings import DEFAULT_CACHE_DIR, EmbeddingCache, embed, load_model, model_name
from chalicelib.topics.pipeline import NO_TOPIC, cluster

TRAIN = REPO_ROOT.parent / "shared" / "bench-data" / "banking77" / "train.csv"
USERS = 400
VOTES_PER_USER = 20
ON_INTEREST = 0.8
HELD_OUT = 0.2
K = 10
SEED = 20261124


@dataclass
class Idea:
    id: str
    status: str = "open"
    hidden: bool = False


def simulate(labels: list[str], rng: random.Random) -> dict[str, list[int]]:
    """Each user's votes (idea indexes), interest-driven and popularity-skewed."""
    by_intent: dict[str, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_intent[label].append(index)
    popularity = [rng.paretovariate(1.2) for _ in labels]
    intents = sorted(by_intent)
    votes: dict[str, list[int]] = {}
    for user in range(USERS):
        interests = rng.sample(intents, 2)
        chosen: set[int] = set()
        while len(chosen) < VOTES_PER_USER:
            pool = by_intent[rng.choice(interests)] if rng.random() < ON_INTEREST else range(len(labels))
            candidates = list(pool)
            chosen.add(rng.choices(candidates, weights=[popularity[i] for i in candidates])[0])
        votes[f"u{user}"] = sorted(chosen)
    return votes


def main() -> None:
    rng = random.Random(SEED)
    frame = pd.read_csv(TRAIN)
    texts = frame["text"].astype(str).tolist()
    labels = frame["label"].astype(str).tolist()
    name = model_name()
    with EmbeddingCache(REPO_ROOT / DEFAULT_CACHE_DIR) as cache:
        vectors = embed(texts, model=lambda: load_model(name), model_id=name, cache=cache, progress=True)
    result = cluster(texts, vectors)
    topic_of = {str(i): str(t) for i, t in enumerate(result.topics.tolist()) if t != NO_TOPIC}

    votes = simulate(labels, rng)
    kept: dict[str, set[str]] = {}
    held: dict[str, set[str]] = {}
    for user, ideas in votes.items():
        shuffled = [str(i) for i in ideas]
        rng.shuffle(shuffled)
        cut = int(len(shuffled) * HELD_OUT)
        held[user], kept[user] = set(shuffled[:cut]), set(shuffled[cut:])
    counts = Counter(idea for ideas in kept.values() for idea in ideas)
    now = datetime.now(UTC)
    interactions = [
        Interaction(user, topic_of[idea], "voted", now)
        for user, ideas in kept.items()
        for idea in ideas
        if idea in topic_of
    ]
    weights = affinities(interactions, now)
    ranked_by_topic: dict[str, list[Idea]] = defaultdict(list)
    for idea in sorted(topic_of, key=lambda i: (-counts[i], int(i))):
        ranked_by_topic[topic_of[idea]].append(Idea(idea))
    most_voted = [idea for idea, _ in counts.most_common()]

    feed_hits = baseline_hits = 0
    for user in votes:
        strong = strongest(weights.get(user, {}))
        feed = pick({t: ranked_by_topic[t] for t in strong}, weights.get(user, {}), kept[user], K)
        feed_hits += bool({idea.id for idea in feed} & held[user])
        baseline = [idea for idea in most_voted if idea not in kept[user]][:K]
        baseline_hits += bool(set(baseline) & held[user])

    feed_rate, baseline_rate = feed_hits / USERS, baseline_hits / USERS
    print(f"banking77 train: {len(texts)} ideas, {result.n_topics} topics found, {USERS} simulated users")
    print(f"{'':24}hit-rate@{K}")
    print(f"{'personal feed':24}{feed_rate:.3f}")
    print(f"{'most-voted baseline':24}{baseline_rate:.3f}")
    print(f"{'ratio':24}{feed_rate / max(baseline_rate, 1e-9):.2f}x")
    print(f"(mean held-out votes per user: {np.mean([len(h) for h in held.values()]):.1f})")


if __name__ == "__main__":
    main()
