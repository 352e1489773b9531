"""The nightly job against DynamoDB Local with the real model: publish, stable ids, crash and re-run,
reuse of the vectors the semantic worker stored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import Principal
from chalicelib.semantic.model import get_model, idea_text
from chalicelib.semantic.snapshots import FileSnapshots, Indexes
from chalicelib.semantic.writer import embed_ideas, text_hash
from chalicelib.services.topics import list_topics
from chalicelib.store import ideas as idea_store
from chalicelib.store.comments import create_comment
from chalicelib.store.models import (
    AffinityModel,
    AlertModel,
    IdeaModel,
    IdeaVectorModel,
    SegmentMemberModel,
    SegmentModel,
    TopicModel,
    TopicRunModel,
    UserModel,
)
from chalicelib.store.products import create_product
from chalicelib.store.tables import create_missing_tables
from chalicelib.store.topics import POINTER, current_view, forget_cached_view, slot_value_of
from chalicelib.store.vectors import put_vectors
from chalicelib.store.votes import add_vote
from chalicelib.topics import nightly
from chalicelib.topics.embeddings import cache_key, model_name
from chalicelib.topics.store_cache import DynamoEmbeddingCache
from devstack.dynamodb import DynamoDBLocal
from tests.conftest import DYNAMODB_PORT

BANKING77_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "bench-data" / "banking77" / "train.csv"
INTENTS = ("card_arrival", "exchange_rate", "lost_or_stolen_phone")
PER_INTENT = 25
# A second product whose customers ask for other things: its topics never take "bank" ideas.
OTHER_PRODUCT_INTENTS = ("pin_blocked", "card_payment_fee_charged")
OTHER_PER_INTENT = 10
# Bank ideas the semantic worker has embedded before the first nightly run (it embeds every idea
# seconds after it is written; these stand for those of the last day).
EMBEDDED_BY_WORKER = 30


@dataclass
class Seeded:
    ideas: list[str]
    reusable: list[str]  # stored vectors of the current text, by the job's model
    not_reusable: list[str]  # stored, but the idea was edited since, or another model made it


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """DynamoDB Local with two products: 75 ideas of three themes (bank), 20 of two (wallet), votes
    and comments; the semantic worker has stored the vectors of some bank ideas, one of which was
    edited since, and one wallet idea has a vector of another model."""
    if not BANKING77_TRAIN.exists():
        pytest.skip(f"banking77 is missing: {BANKING77_TRAIN}")
    frame = pd.read_csv(BANKING77_TRAIN)
    texts = [text for intent in INTENTS for text in frame[frame["label"] == intent]["text"].head(PER_INTENT)]
    with DynamoDBLocal(DYNAMODB_PORT):
        create_missing_tables()
        now = utc_now()
        create_product("bank", "Bank", "", to_storage(now))
        create_product("wallet", "Wallet", "", to_storage(now))
        people = [Principal(f"user-{n}", f"User {n}", f"user{n}@example.com", ("customer",)) for n in range(6)]
        for person in people:
            UserModel(id=person.id, name=person.name, email=person.email, created_at=to_storage(now),
                      marketing_consent=True).save()  # fmt: skip
        ideas = []
        for n, text in enumerate(texts):
            at = to_storage(now - timedelta(days=n % 20, hours=1))
            idea = idea_store.create_idea(people[n % 6], text[:140], "", "bank", "provision", at)
            ideas.append(idea.id)
            add_vote(idea.id, people[(n + 1) % 6].id, now - timedelta(days=n % 10))
            if n % 5 == 0:
                create_comment(idea, people[(n + 2) % 6], "Same here", at)
        other = [
            t
            for intent in OTHER_PRODUCT_INTENTS
            for t in frame[frame["label"] == intent]["text"].head(OTHER_PER_INTENT)
        ]
        for n, text in enumerate(other):
            at = to_storage(now - timedelta(days=10 + n % 20))
            ideas.append(idea_store.create_idea(people[n % 6], text[:140], "", "wallet", "testing", at).id)
        worker_saw = [IdeaModel.get(idea_id) for idea_id in ideas[:EMBEDDED_BY_WORKER]]
        report = embed_ideas(worker_saw, Indexes(FileSnapshots(tmp_path_factory.mktemp("snapshots"))))
        assert sorted(report.embedded) == sorted(ideas[:EMBEDDED_BY_WORKER])
        edited = worker_saw[0]
        idea_store.edit_text(edited, people[0], f"{edited.title} urgently", "", to_storage(now))
        wallet_idea = IdeaModel.get(ideas[-1])
        text = idea_text(wallet_idea.title, wallet_idea.body)
        put_vectors([
            IdeaVectorModel(product="wallet", idea_id=wallet_idea.id, phase=wallet_idea.phase,
                            title=wallet_idea.title, vector=bytes(384), model="another-model",
                            text_hash=text_hash("another-model", text), embedded_at=to_storage(now))
        ])  # fmt: skip
        forget_cached_view()
        yield Seeded(ideas, ideas[1:EMBEDDED_BY_WORKER], [edited.id, wallet_idea.id])


@pytest.fixture(scope="module")
def store(seeded: Seeded) -> list[str]:
    return seeded.ideas


def published_run() -> str:
    pointer = TopicRunModel.get(POINTER, consistent_read=True)
    assert pointer.current_run is not None
    return pointer.current_run


def test_run_publishes_topics_assignments_affinities_and_segments(store: list[str], seeded: Seeded) -> None:
    report = nightly.run_nightly()

    assert report.ideas == len(store)
    # The worker's vectors of the ideas' current texts are reused; the rest are embedded.
    assert report.reused == len(seeded.reusable)
    assert report.embedded == len(store) - len(seeded.reusable)
    assert report.topics >= 3
    assert published_run() == report.run_id
    view = current_view(max_age=0)
    assert view is not None and view.run_id == report.run_id
    topics = {t.topic_id: t for t in TopicModel.query(report.run_id) if t.level == "topic"}
    assigned = [view.topic_of(IdeaModel.get(idea_id)) for idea_id in store]
    # Most ideas get a topic; the rest (banking77's odd phrasings of an intent, which a small
    # product's linkage clustering does not force in) are counted, per board, as "not grouped yet".
    grouped = sum(topic is not None for topic in assigned)
    assert grouped >= 0.6 * len(store)
    assert sum(view.ungrouped.values()) == len(store) - grouped
    assert all(topic["id"] in topics for topic in assigned if topic)
    assert sum(t.size for t in topics.values()) == sum(topic is not None for topic in assigned)
    assert AffinityModel.count("user-0", AffinityModel.run_id == report.run_id) == 1
    assert {s.segment_id for s in SegmentModel.query(report.run_id)} >= {"engagement-champions", "phase-provision"}
    members = [
        member
        for segment in SegmentModel.query(report.run_id)
        for member in SegmentMemberModel.query(f"{report.run_id}#{segment.segment_id}")
    ]
    assert all(member.score is not None and 0 <= member.score <= 100 for member in members)  # engagement 0-100


def test_the_job_clusters_the_model_own_vectors_of_the_current_texts(seeded: Seeded) -> None:
    """Reused vectors are the worker's (int8) of the same text; the others were embedded by the
    job, and all of them are now in its cache under the text the job embeds."""
    checked = [IdeaModel.get(idea_id) for idea_id in seeded.reusable[:3] + seeded.not_reusable]
    texts = [idea_text(idea.title, idea.body) for idea in checked]
    keys = [cache_key(model_name(), text) for text in texts]
    cached = DynamoEmbeddingCache().get_many(keys)

    assert set(cached) == set(keys)
    fresh = get_model().ideas(texts)
    similarity = np.array([float(cached[key] @ row) for key, row in zip(keys, fresh, strict=True)])
    # int8 storage moves a cosine by at most ~0.01; the other model's (zero) vector would score 0.
    assert (similarity > 0.98).all(), similarity


def test_each_topic_holds_one_product_has_a_readable_label_and_names_its_theme(store: list[str]) -> None:
    run = published_run()
    items = list(TopicModel.query(run))
    topics = [t for t in items if t.level == "topic"]
    themes = {t.topic_id: t for t in items if t.level == "theme"}

    assert {t.product for t in topics} == {"bank", "wallet"}
    for topic in topics:
        assert {board.split("#")[0] for board in topic.boards.as_dict()} == {topic.product}
        assert 2 <= len(topic.label.split()) <= 6 and "·" not in topic.label
        titles = [" ".join(idea.title.casefold().split()) for idea in topic.representative_ideas]
        assert titles and len(set(titles)) == len(titles)  # three requests, not one thrice
        assert themes[topic.theme_id].product == topic.product
        assert topic.topic_id in themes[topic.theme_id].member_topics
    assert sum(t.size for t in themes.values()) == sum(t.size for t in topics)
    # The product's listing counts that product only; the rest of its ideas are "not grouped yet".
    bank = list_topics("bank", None)
    assert bank.items and all(t.product == "bank" for t in bank.items)
    assert sum(int(t.size) for t in bank.items) + bank.ungrouped == PER_INTENT * len(INTENTS)
    assert {t.product for t in list_topics("wallet", None, "theme").items} == {"wallet"}


def test_representative_ideas_skip_titles_already_shown() -> None:
    # Nearest the centroid first; a title repeated word for word (case and spaces aside) is skipped.
    titles = ["Dark mode", "dark  MODE", "Export to CSV", "Dark mode", "A night theme", "Export to csv"]
    ideas = [IdeaModel(id=f"idea-{n}", title=title) for n, title in enumerate(titles)]
    assert nightly._distinct_titles([0, 1, 2, 3, 4, 5], ideas) == [0, 2, 4]
    assert nightly._distinct_titles([5, 3, 1], ideas) == [5, 3]


def test_next_runs_keep_topic_ids_and_rewrite_only_what_changed(store: list[str]) -> None:
    first = published_run()
    first_ids = {t.topic_id for t in TopicModel.query(first)}

    # Full runs (the weekly case): topics are matched to the previous run's by their centroids.
    second = nightly.run_nightly(full_run=True)
    third = nightly.run_nightly(full_run=True)

    assert second.embedded == 0 and third.embedded == 0  # every text came from the cache
    assert {t.topic_id for t in TopicModel.query(second.run_id)} == first_ids
    assert second.new_topics == 0
    assert third.assignments_written == 0  # its slot already holds these very topics
    assert all(t.size_delta == 0 for t in TopicModel.query(third.run_id))


def previous_themes(run_id: str) -> set[str]:
    return {t.topic_id for t in TopicModel.query(run_id) if t.level == "theme"}


def test_an_incremental_run_places_new_ideas_and_finds_a_new_theme(store: list[str]) -> None:
    published = published_run()
    previous = {t.topic_id for t in TopicModel.query(published) if t.level == "topic"}
    frame = pd.read_csv(BANKING77_TRAIN)
    same_theme = frame[frame["label"] == INTENTS[0]]["text"].iloc[PER_INTENT : PER_INTENT + 2].tolist()
    new_theme = frame[frame["label"] == "top_up_failed"]["text"].head(8).tolist()
    author = Principal("user-0", "User 0", "", ("customer",))
    at = to_storage(utc_now())
    added = {
        text: idea_store.create_idea(author, text[:140], "", "bank", "testing", at).id
        for text in same_theme + new_theme
    }

    report = nightly.run_nightly()

    assert not report.full_run  # 10 new of 105: the previous run is extended
    view = current_view(max_age=0)
    assert view is not None
    topic_of = {text: view.topic_of(IdeaModel.get(idea_id)) for text, idea_id in added.items()}
    assert all((topic := topic_of[text]) and topic["id"] in previous for text in same_theme)
    fresh = {topic["id"] for text in new_theme if (topic := topic_of[text])} - previous
    # The new theme became one new topic (ideas left "not grouped yet" before may form others).
    assert len(fresh) == 1 and report.new_topics >= 1
    assert {t.topic_id for t in TopicModel.query(report.run_id)} >= previous
    # Eight ideas in a topic that did not exist last week: it is emerging and raised a surge alert.
    (fresh_id,) = fresh
    new_topic = TopicModel.get(report.run_id, fresh_id)
    assert new_topic.emerging and new_topic.theme_id in previous_themes(published)
    assert any(alert.topic_id == fresh_id and alert.kind == "surge" for alert in AlertModel.scan())


def test_a_run_that_crashes_before_publishing_changes_nothing_readers_see(
    store: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = published_run()
    view = current_view(max_age=0)
    assert view is not None
    seen_before = {idea_id: slot_value_of(IdeaModel.get(idea_id), view.slot) for idea_id in store}

    def power_cut(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the container was stopped")

    monkeypatch.setattr(nightly, "publish", power_cut)
    with pytest.raises(RuntimeError):
        nightly.run_nightly()

    assert published_run() == before
    assert {idea_id: slot_value_of(IdeaModel.get(idea_id), view.slot) for idea_id in store} == seen_before
    monkeypatch.undo()
    rerun = nightly.run_nightly()
    assert published_run() == rerun.run_id != before


def test_second_run_exits_cleanly_while_another_holds_the_lease(
    store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`make cluster` during make run's start-up run: no half-published race, no error, a clear
    message; the job runs once the lease is free again."""
    from chalicelib.store import leases
    from chalicelib.topics.__main__ import main

    assert leases.acquire(leases.NIGHTLY_LEASE, "the start-up run", ttl=600)
    before = TopicRunModel.get(POINTER, consistent_read=True).current_run if current_view(max_age=0) else None
    try:
        status = main(["nightly", "--quiet"])
    finally:
        leases.release(leases.NIGHTLY_LEASE, "the start-up run")

    assert status == 0
    assert "another nightly run is in progress" in capsys.readouterr().err
    after = TopicRunModel.get(POINTER, consistent_read=True).current_run if current_view(max_age=0) else None
    assert after == before
