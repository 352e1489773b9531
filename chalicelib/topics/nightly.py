"""The nightly job against the store: topics, stable ids, assignments, affinities, segments, alerts.

Steps (DESIGN.md, "The nightly job"):

1. read the visible ideas and embed only new or changed texts (DynamoDB embedding cache);
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from chalicelib.clock import parse_stored, to_storage, utc_now
from chalicelib.domain.feed import Interaction, affinities
from chalicelib.domain.segments import UserActivity, build_segments, engagement, engagement_score, may_be_marketed_to
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION
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
from chalicelib.store.topics import assign, current_view, forget_cached_view, publish, publishing_slot, slot_value_of
from chalicelib.store.vote_days import expire_days
from chalicelib.topics.embeddings import CacheStats, Encoder, embed, load_model, model_name
from chalicelib.topics.incremental import extend, needs_full_run
from chalicelib.topics.pipeline import NO_TOPIC, PipelineSettings, TopicResult, cluster
from chalicelib.topics.stable_ids import match
from chalicelib.topics.store_cache import DynamoEmbeddingCache

# Interest and engagement look back this far; older activity has faded from affinities anyway.
LOOKBACK = timedelta(days=180)
REPRESENTATIVES = 3


@dataclass
class NightlyReport:
    run_id: str
    full_run: bool = True
    ideas: int = 0
    embedded: int = 0
    topics: int = 0
    new_topics: int = 0
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
    with step("embed"):
        stats = CacheStats()
        vectors = embed(
            texts,
            model=model or (lambda: load_model()),
            model_id=model_name(),
            cache=DynamoEmbeddingCache(),
            progress=progress,
            stats=stats,
        )
    report.embedded = stats.misses
    previous_topics = {t.topic_id: t for t in TopicModel.query(previous.run_id)} if previous else {}
    centroids = {tid: np.frombuffer(t.centroid, dtype=np.float32) for tid, t in previous_topics.items()}
    before = [slot_value_of(idea, previous.slot) if previous else None for idea in ideas]
    new_share = stats.misses / max(len(ideas), 1)  # texts the cache had not seen: new or edited ideas
    last_full = parse_stored(previous.full_at) if previous and previous.full_at else None
    report.full_run = full_run or not centroids or needs_full_run(new_share, last_full, now)
    with step("cluster"):
        if report.full_run:
            result = cluster(texts, vectors, settings)
            ids = match(centroids, result.centroids)
            run.full_at = run.started_at
        else:
            result, ids = extend(texts, vectors, before, centroids, settings)
            run.full_at = previous.full_at if previous else run.started_at
    report.topics = len(ids)
    report.new_topics = sum(1 for topic_id in ids.values() if topic_id not in previous_topics)
    topic_of = {idea.id: ids[int(t)] for idea, t in zip(ideas, result.topics, strict=True) if t != NO_TOPIC}
    with step("write topics"):
        _write_topics(run_id, ideas, vectors, result, ids, previous_topics)
    with step("assign ideas"):
        for idea in ideas:
            wanted = topic_of.get(idea.id)
            if slot_value_of(idea, slot) != wanted:
                assign(idea.id, slot, wanted)
                report.assignments_written += 1
    with step("people"):
        ideas_by_id = {idea.id: idea for idea in ideas}
        interactions = list(_interactions(ideas_by_id, topic_of, now))
        report.users = _write_affinities(run_id, interactions, now)
        labels = {ids[t]: label for t, label in result.labels.items()}
        sizes = Counter(topic_of.values())
        report.segments = _write_segments(run_id, interactions, labels, sizes, now)
    with step("publish"):
        publish(run, to_storage(utc_now()), previous.run_id if previous else None)
        forget_cached_view()
    with step("alerts"):
        report.alerts = len(alerts.detect(now))
    with step("trending"):
        # Days that left the trending window come off the ideas' ranks (store/vote_days.py).
        report.trending_days_swept = expire_days(now)
    return report


def _clusterable_ideas() -> list[IdeaModel]:
    """Visible ideas; merged ones are duplicates whose voters already count on their target."""
    condition = (IdeaModel.hidden == False) & (IdeaModel.status != PENDING_MODERATION) & (IdeaModel.status != MERGED)  # noqa: E712
    return list(IdeaModel.every_new.query("idea", filter_condition=condition))


def _write_topics(
    run_id: str,
    ideas: list[IdeaModel],
    vectors: np.ndarray[Any, Any],
    result: TopicResult,
    ids: dict[int, str],
    previous: dict[str, TopicModel],
) -> None:
    with TopicModel.batch_write() as batch:
        for topic, topic_id in ids.items():
            members = [i for i, t in enumerate(result.topics) if t == topic]
            closest = sorted(members, key=lambda i: -float(vectors[i] @ result.centroids[topic]))[:REPRESENTATIVES]
            size = len(members)
            vote_total = sum(int(ideas[i].vote_count) for i in members)
            before = previous.get(topic_id)
            batch.save(
                TopicModel(
                    run_id=run_id,
                    topic_id=topic_id,
                    label=result.labels[topic],
                    keywords=[word for word, _ in result.keywords.get(topic, [])],
                    size=size,
                    vote_total=vote_total,
                    size_delta=size - int(before.size) if before else size,
                    votes_delta=vote_total - int(before.vote_total) if before else vote_total,
                    boards=dict(Counter(f"{ideas[i].product}#{ideas[i].phase}" for i in members)),
                    representative_ideas=[RepresentativeIdea(id=ideas[i].id, title=ideas[i].title) for i in closest],
                    centroid=np.asarray(result.centroids[topic], dtype=np.float32).tobytes(),
                )
            )


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
