"""The nightly job against the store: topics, stable ids, assignments, affinities, segments, alerts.

Steps (DESIGN.md, "The nightly job"):

1. read the visible ideas and embed only new or changed texts (DynamoDB embedding cache), taking
   the vectors the semantic worker already stored for them when they are of the same model, side
   and text (``stored_vectors``);
2. cluster them (``pipeline.cluster``);
3. give each topic the id of the previous run's matching topic (``stable_ids.match``);
4. write the run's topics, the idea assignments into the slot readers do not use, per-user
   affinities and segments, then flip the ``current`` pointer: readers see the previous run or
   this one, never a mix, and a run that crashed before the flip can simply be run again;
5. detect surges and backlash (``chalicelib.services.alerts``), which can also run on its own;
6. take the days that left the trending window off the ideas' ranks (``store.vote_days``).
"""

from __future__ import annotations

import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from chalicelib.clock import parse_stored, to_storage, utc_now
from chalicelib.domain.emerging import Activity
from chalicelib.domain.feed import Interaction, affinities
from chalicelib.domain.segments import UserActivity, build_segments, engagement, engagement_score, may_be_marketed_to
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION
from chalicelib.semantic.model import idea_text
from chalicelib.services import alerts
from chalicelib.store.models import (
    AffinityModel,
    CommentModel,
    IdeaModel,
    RepresentativeIdea,
    SegmentMemberModel,
    SegmentModel,
    TopicModel,
    TopicRunModel,
    UserModel,
    VoteModel,
)
from chalicelib.store.topics import (
    THEME,
    assign,
    current_view,
    forget_cached_view,
    publish,
    publishing_slot,
    slot_value_of,
)
from chalicelib.store.vote_days import expire_days
from chalicelib.topics.embeddings import CacheStats, Encoder, embed, load_model, model_name
from chalicelib.topics.incremental import extend, needs_full_run
from chalicelib.topics.phrases import Embedder
from chalicelib.topics.pipeline import FloatMatrix, PipelineSettings, cluster
from chalicelib.topics.products import indexes_by_product
from chalicelib.topics.stable_ids import SAME_THEME_GROUP, match
from chalicelib.topics.store_cache import DynamoEmbeddingCache
from chalicelib.topics.stored_vectors import stored_idea_vectors
from chalicelib.topics.themes import describe, group_topics, join_nearest

# Interest and engagement look back this far; older activity has faded from affinities anyway.
LOOKBACK = timedelta(days=180)
REPRESENTATIVES = 3


@dataclass
class NightlyReport:
    run_id: str
    full_run: bool = True
    ideas: int = 0
    embedded: int = 0
    reused: int = 0  # new to the job's cache, but taken from the semantic worker's stored vectors
    topics: int = 0
    themes: int = 0
    new_topics: int = 0
    emerging: int = 0
    assignments_written: int = 0
    users: int = 0
    segments: int = 0
    alerts: int = 0
    trending_days_swept: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def run_nightly(
    model: Encoder | Callable[[], Encoder] | None = None,
    settings: PipelineSettings | None = None,
    now: datetime | None = None,
    progress: bool = False,
    full_run: bool = False,
) -> NightlyReport:
    """Run the job once. ``full_run`` clusters everything again even when extending the previous
    run would do (``incremental.needs_full_run`` decides otherwise)."""
    now = now or utc_now()
    run_id = f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    report = NightlyReport(run_id)

    @contextmanager
    def step(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        report.timings[name] = round(time.perf_counter() - started, 3)
        if progress:
            print(f"  {name}: {report.timings[name]:.2f} s", file=sys.stderr, flush=True)

    with step("read ideas"):
        ideas = _clusterable_ideas()
        previous = current_view(max_age=0)
        slot = publishing_slot()
    report.ideas = len(ideas)
    run = TopicRunModel(run_id=run_id, state="running", slot=slot, started_at=to_storage(now), idea_count=len(ideas))
    run.save()
    texts = [f"{idea.title}. {idea.body}".strip() for idea in ideas]
    # What is embedded is what the semantic worker embeds, so that its stored vectors match.
    idea_texts = [idea_text(idea.title, idea.body) for idea in ideas]
    name = model_name()
    cache = DynamoEmbeddingCache()
    encoder = _lazy(model or (lambda: load_model(name)))

    def embedder(phrases: list[str]) -> FloatMatrix:
        """Label candidates, through the same cache: most recur from night to night."""
        return embed(phrases, model=encoder, model_id=name, cache=cache)

    with step("embed"):
        stats = CacheStats()
        vectors = embed(
            idea_texts,
            model=encoder,
            model_id=name,
            cache=cache,
            progress=progress,
            stats=stats,
            stored=stored_idea_vectors(ideas, idea_texts, name),
        )
    report.embedded = stats.embedded
    report.reused = stats.reused
    earlier = [t for t in TopicModel.query(previous.run_id)] if previous else []
    previous_topics = {t.topic_id: t for t in earlier if t.level != THEME}
    previous_themes = {t.topic_id: t for t in earlier if t.level == THEME}
    before = [slot_value_of(idea, previous.slot) if previous else None for idea in ideas]
    # Texts the job's cache had not seen (embedded or reused): new or edited ideas.
    new_share = stats.misses / max(len(ideas), 1)
    last_full = parse_stored(previous.full_at) if previous and previous.full_at else None
    report.full_run = full_run or not previous_topics or needs_full_run(new_share, last_full, now)
    run.full_at = run.started_at if report.full_run else (previous.full_at if previous else run.started_at)
    parts: list[ProductTopics] = []
    with step("cluster"):
        for product, index in indexes_by_product([idea.product for idea in ideas]).items():
            parts.append(
                _product_topics(
                    product,
                    [ideas[int(i)] for i in index],
                    [texts[int(i)] for i in index],
                    vectors[index],
                    [before[int(i)] for i in index],
                    previous_topics,
                    previous_themes,
                    settings,
                    embedder,
                    report.full_run,
                )
            )
    topic_of = {idea_id: topic for part in parts for idea_id, topic in part.topic_of.items()}
    report.topics = sum(len(part.topics) for part in parts)
    report.themes = sum(len(part.themes) for part in parts)
    report.new_topics = sum(1 for part in parts for topic_id in part.topics if topic_id not in previous_topics)
    ideas_by_id = {idea.id: idea for idea in ideas}
    with step("people"):
        interactions = list(_interactions(ideas_by_id, topic_of, now))
    emerging = _emerging(interactions, now)
    with step("write topics"):
        for part in parts:
            _write_topics(run_id, part, previous_topics, previous_themes, emerging)
        run.ungrouped = dict(Counter(f"{idea.product}#{idea.phase}" for idea in ideas if idea.id not in topic_of))
    with step("assign ideas"):
        for idea in ideas:
            wanted = topic_of.get(idea.id)
            if slot_value_of(idea, slot) != wanted:
                assign(idea.id, slot, wanted)
                report.assignments_written += 1
    with step("people"):
        report.users = _write_affinities(run_id, interactions, now)
        labels = {topic_id: topic.label for part in parts for topic_id, topic in part.topics.items()}
        sizes = Counter(topic_of.values())
        report.segments = _write_segments(run_id, interactions, labels, sizes, now)
    with step("publish"):
        publish(run, to_storage(utc_now()), previous.run_id if previous else None)
        forget_cached_view()
    with step("alerts"):
        report.alerts = len(alerts.detect(now))
        for part in parts:
            for topic_id, topic in part.topics.items():
                if topic_id in emerging:
                    report.alerts += alerts.raise_emerging(topic_id, topic.label, part.product, emerging[topic_id], now)
        report.emerging = sum(1 for part in parts for topic_id in part.topics if topic_id in emerging)
    with step("trending"):
        # Days that left the trending window come off the ideas' ranks (store/vote_days.py).
        report.trending_days_swept = expire_days(now)
    return report


def _lazy(model: Encoder | Callable[[], Encoder]) -> Callable[[], Encoder]:
    """Load the model at most once, and only when a text is not in the cache."""
    loaded: list[Encoder] = []

    def get() -> Encoder:
        if not loaded:
            loaded.append(model if isinstance(model, Encoder) else model())
        return loaded[0]

    return get


@dataclass
class Named:
    """A topic or theme of this run, ready to write."""

    label: str
    keywords: list[str]
    members: list[int]  # positions among the product's ideas
    centroid: FloatMatrix
    theme_id: str | None = None
    member_topics: list[str] = field(default_factory=list)


@dataclass
class ProductTopics:
    """One product's topics and themes, by their stable ids."""

    product: str
    ideas: list[IdeaModel]
    vectors: FloatMatrix
    topics: dict[str, Named]
    themes: dict[str, Named]
    topic_of: dict[str, str]


def _product_topics(
    product: str,
    ideas: list[IdeaModel],
    texts: list[str],
    vectors: FloatMatrix,
    before: list[str | None],
    previous_topics: dict[str, TopicModel],
    previous_themes: dict[str, TopicModel],
    settings: PipelineSettings | None,
    embedder: Embedder,
    full: bool,
) -> ProductTopics:
    """Cluster one product (everything again, or extending the previous run), then its themes."""
    titles = [idea.title for idea in ideas]
    mine = {tid: _centroid(t) for tid, t in previous_topics.items() if _product_of(t) == product}
    if full:
        result = cluster(texts, vectors, settings, titles=titles, embedder=embedder)
        ids = match(mine, result.centroids)
    else:
        result, ids = extend(texts, vectors, before, mine, settings, titles=titles, embedder=embedder)
    # Themes: a full run groups the topics again and matches the groups to the previous themes;
    # an incremental run keeps each topic's theme and puts a new topic in the nearest theme.
    old_themes = {tid: _centroid(t) for tid, t in previous_themes.items() if _product_of(t) == product}
    if full or not old_themes:
        grouping = group_topics(result.centroids)
        described = describe(texts, titles, vectors, result.topics, grouping, embedder)
        theme_ids = match(old_themes, described.centroids, SAME_THEME_GROUP)
    else:
        kept: dict[int, str] = {}
        for topic, centroid in result.centroids.items():
            earlier = previous_topics.get(ids[topic])
            theme = earlier.theme_id if earlier is not None else None
            kept[topic] = theme if theme in old_themes else join_nearest(old_themes, centroid)
        numbers = {theme: n for n, theme in enumerate(sorted(set(kept.values())))}
        grouping = {topic: numbers[theme] for topic, theme in kept.items()}
        described = describe(texts, titles, vectors, result.topics, grouping, embedder)
        theme_ids = {n: theme for theme, n in numbers.items()}
    topics = {
        ids[t]: Named(
            label=result.labels[t],
            keywords=[word for word, _ in result.keywords.get(t, [])],
            members=[int(i) for i in np.flatnonzero(result.topics == t)],
            centroid=result.centroids[t],
            theme_id=theme_ids[grouping[t]],
        )
        for t in result.centroids
    }
    themes = {
        theme_ids[n]: Named(
            label=described.labels[n],
            keywords=[word for word, _ in described.keywords.get(n, [])],
            members=[i for t in result.centroids if grouping[t] == n for i in topics[ids[t]].members],
            centroid=described.centroids[n],
            member_topics=[ids[t] for t in result.centroids if grouping[t] == n],
        )
        for n in described.centroids
    }
    topic_of = {ideas[i].id: topic_id for topic_id, named in topics.items() for i in named.members}
    return ProductTopics(product, ideas, vectors, topics, themes, topic_of)


def _votes_by_board(ideas: list[IdeaModel]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for idea in ideas:
        votes[f"{idea.product}#{idea.phase}"] += int(idea.vote_count)
    return votes


def _centroid(topic: TopicModel) -> FloatMatrix:
    return np.frombuffer(topic.centroid, dtype=np.float32)


def _product_of(topic: TopicModel) -> str | None:
    """A topic's product; runs from before topics were per product name it in their boards only."""
    if topic.product:
        return str(topic.product)
    boards = topic.boards.as_dict() if topic.boards else {}
    return next(iter(boards), "#").split("#", 1)[0] or None


def _emerging(interactions: list[Interaction], now: datetime) -> dict[str, Activity]:
    """Emerging topics (chalicelib.domain.emerging) from the ideas posted and votes cast on them."""
    activity: dict[str, Activity] = {}
    for interaction in interactions:
        if interaction.action in ("posted", "voted"):
            activity.setdefault(interaction.topic_id, Activity()).add(interaction.at, now)
    return {topic_id: counted for topic_id, counted in activity.items() if counted.emerging}


def _clusterable_ideas() -> list[IdeaModel]:
    """Visible ideas; merged ones are duplicates whose voters already count on their target."""
    condition = (IdeaModel.hidden == False) & (IdeaModel.status != PENDING_MODERATION) & (IdeaModel.status != MERGED)  # noqa: E712
    return list(IdeaModel.every_new.query("idea", filter_condition=condition))


def _write_topics(
    run_id: str,
    part: ProductTopics,
    previous_topics: dict[str, TopicModel],
    previous_themes: dict[str, TopicModel],
    emerging: dict[str, Activity],
) -> None:
    """The product's topics and themes, each with its counts, boards and representative ideas."""
    with TopicModel.batch_write() as batch:
        for level, named_items, earlier in (
            ("topic", part.topics, previous_topics),
            (THEME, part.themes, previous_themes),
        ):
            for item_id, named in named_items.items():
                ideas = [part.ideas[i] for i in named.members]
                closest = sorted(named.members, key=lambda i: -float(part.vectors[i] @ named.centroid))
                size = len(ideas)
                vote_total = sum(int(idea.vote_count) for idea in ideas)
                before = earlier.get(item_id)
                is_emerging = (
                    item_id in emerging if level == "topic" else any(t in emerging for t in named.member_topics)
                )
                batch.save(
                    TopicModel(
                        run_id=run_id,
                        topic_id=item_id,
                        level=level,
                        product=part.product,
                        label=named.label,
                        keywords=named.keywords,
                        size=size,
                        vote_total=vote_total,
                        size_delta=size - int(before.size) if before else size,
                        votes_delta=vote_total - int(before.vote_total) if before else vote_total,
                        boards=dict(Counter(f"{idea.product}#{idea.phase}" for idea in ideas)),
                        board_votes=dict(_votes_by_board(ideas)),
                        representative_ideas=[
                            RepresentativeIdea(id=part.ideas[i].id, title=part.ideas[i].title)
                            for i in _distinct_titles(closest, part.ideas)[:REPRESENTATIVES]
                        ],
                        centroid=np.asarray(named.centroid, dtype=np.float32).tobytes(),
                        theme_id=named.theme_id,
                        member_topics=named.member_topics,
                        emerging=is_emerging,
                    )
                )


def _distinct_titles(order: list[int], ideas: Sequence[IdeaModel]) -> list[int]:
    """``order`` without the ideas whose title repeats an earlier one (letter case and spaces
    aside): customers post the same request word for word, and three copies of one title say
    less about a topic than three different requests."""
    seen: set[str] = set()
    kept = []
    for index in order:
        title = " ".join(ideas[index].title.casefold().split())
        if title not in seen:
            seen.add(title)
            kept.append(index)
    return kept


def _interactions(ideas: dict[str, IdeaModel], topic_of: dict[str, str], now: datetime) -> Iterator[Interaction]:
    """Who posted, voted and commented on which topic, and when (over ``LOOKBACK``)."""
    since = to_storage(now - LOOKBACK)
    for idea in ideas.values():
        if idea.id in topic_of and idea.created_at >= since:
            yield Interaction(idea.author_id, topic_of[idea.id], "posted", parse_stored(idea.created_at), idea.phase)
    day = (now - LOOKBACK).date()
    while day <= now.date():
        for vote in VoteModel.by_day.query(day.isoformat()):
            if vote.idea_id in topic_of:
                yield Interaction(
                    vote.user_id, topic_of[vote.idea_id], "voted", parse_stored(vote.created_at), vote.phase
                )
        day += timedelta(days=1)
    for comment in CommentModel.by_time.query("comment", CommentModel.created_at >= since):
        if comment.idea_id in topic_of and not comment.hidden:
            yield Interaction(
                comment.author_id,
                topic_of[comment.idea_id],
                "commented",
                parse_stored(comment.created_at),
                comment.phase,
            )


def _write_affinities(run_id: str, interactions: list[Interaction], now: datetime) -> int:
    weights = affinities(interactions, now)
    with AffinityModel.batch_write() as batch:
        for user_id, topics in weights.items():
            batch.save(AffinityModel(user_id=user_id, run_id=run_id, weights=topics))
    return len(weights)


def _write_segments(
    run_id: str, interactions: list[Interaction], labels: dict[str, str], sizes: Counter[str], now: datetime
) -> int:
    activity: dict[str, UserActivity] = {}
    for interaction in interactions:
        user = activity.setdefault(
            interaction.user_id, UserActivity(interaction.user_id, interaction.at, interaction.at)
        )
        user.first_at = min(user.first_at, interaction.at)
        user.last_at = max(user.last_at, interaction.at)
        user.counts[{"posted": "ideas", "voted": "votes", "commented": "comments"}[interaction.action]] += 1
        user.topics[interaction.topic_id] += 1
        if interaction.phase:
            user.phases[interaction.phase] += 1
    users = {u.id: u for u in UserModel.batch_get(list(activity))}
    for user_id, record in users.items():
        # A user's first activity may be older than the look-back: its account creation tells.
        activity[user_id].first_at = min(activity[user_id].first_at, parse_stored(record.created_at))
    segments = build_segments(activity.values(), labels, sizes, now)
    tiers = {user_id: engagement(user_activity, now) for user_id, user_activity in activity.items()}
    with SegmentModel.batch_write() as segment_batch, SegmentMemberModel.batch_write() as member_batch:
        for segment in segments:
            # Only people marketing may contact are stored: the store never lists anyone else.
            consenting = [
                m
                for m in segment.members
                if m in users
                and may_be_marketed_to([str(r) for r in users[m].roles or []], bool(users[m].marketing_consent))
            ]
            segment_batch.save(
                SegmentModel(
                    run_id=run_id,
                    segment_id=segment.id,
                    name=segment.name,
                    description=segment.description,
                    size=len(consenting),
                )
            )
            for member in consenting:
                member_batch.save(
                    SegmentMemberModel(
                        segment_key=f"{run_id}#{segment.id}",
                        user_id=member,
                        engagement=tiers[member],
                        score=engagement_score(activity[member], now),
                        top_topics=[labels.get(t, t) for t in activity[member].top_topics()],
                    )
                )
    return len(segments)
