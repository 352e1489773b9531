"""Topics, the feed, segments and alerts as the API serves them from a published run.

The run is written here with the store functions the nightly job uses (the job itself, with its
model, is tested in tests/topics), so these tests run in the API's environment.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from chalicelib.clock import to_storage, utc_now
from chalicelib.local_issuer import LocalIssuer
from chalicelib.services.alerts import detect
from chalicelib.store import topics as topic_store
from chalicelib.store.models import (
    AffinityModel,
    IdeaModel,
    RepresentativeIdea,
    SegmentMemberModel,
    SegmentModel,
    TopicModel,
    TopicRunModel,
)
from chalicelib.store.votes import add_vote
from tests.support import Api, User, assert_error, new_user


@dataclass
class PublishedRun:
    run_id: str
    product: str
    battery: str  # topic ids
    export: str
    battery_ideas: list[str]
    export_ideas: list[str]
    theme: str
    fan: User  # a user with affinity for the battery topic
    consenting: User
    not_consenting: User


def _publish(run_id: str, slot: int, ungrouped: dict[str, int] | None = None) -> None:
    current = topic_store.current_view(max_age=0)
    run = TopicRunModel(
        run_id=run_id, state="running", slot=slot, started_at=to_storage(utc_now()), idea_count=6,
        ungrouped=ungrouped or {},
    )  # fmt: skip
    run.save()
    topic_store.publish(run, to_storage(utc_now()), current.run_id if current else None)
    topic_store.forget_cached_view()


@pytest.fixture
def published(api: Api, issuer: LocalIssuer, product: str) -> Iterator[PublishedRun]:
    author = new_user(issuer)
    battery = [
        api.post("/ideas", author, {"title": f"Battery lasts longer {n}", "product": product, "phase": "design"}).body[
            "id"
        ]
        for n in range(3)
    ]
    export = [
        api.post("/ideas", author, {"title": f"Export to CSV {n}", "product": product, "phase": "testing"}).body["id"]
        for n in range(3)
    ]
    run_id = f"run-{uuid.uuid4().hex[:8]}"
    slot = topic_store.publishing_slot()
    battery_id, export_id = f"tb{uuid.uuid4().hex[:8]}", f"te{uuid.uuid4().hex[:8]}"
    theme_id, elsewhere_id = f"th{uuid.uuid4().hex[:8]}", f"tx{uuid.uuid4().hex[:8]}"
    # A theme grouping both topics, and a topic of another product that this product never lists.
    TopicModel(
        run_id=run_id, topic_id=theme_id, level="theme", product=product, label="Battery and data export",
        keywords=[], size=6, vote_total=0, boards={f"{product}#design": 3, f"{product}#testing": 3},
        board_votes={f"{product}#design": 2}, member_topics=[battery_id, export_id], centroid=bytes(16),
    ).save()  # fmt: skip
    TopicModel(
        run_id=run_id, topic_id=elsewhere_id, product="elsewhere", label="Other product", keywords=[], size=9,
        vote_total=0, boards={"elsewhere#design": 9}, centroid=bytes(16), emerging=True,
    ).save()  # fmt: skip
    for topic_id, label, ideas, board in (
        (battery_id, "battery · charge", battery, "design"),
        (export_id, "export · csv", export, "testing"),
    ):
        TopicModel(
            run_id=run_id,
            topic_id=topic_id,
            product=product,
            theme_id=theme_id,
            label=label,
            keywords=label.split(" · "),
            size=3,
            vote_total=0,
            size_delta=1,
            votes_delta=0,
            boards={f"{product}#{board}": 3},
            representative_ideas=[RepresentativeIdea(id=ideas[0], title="x")],
            centroid=bytes(16),  # four float32 zeros: these tests never match centroids
        ).save()
        for idea_id in ideas:
            topic_store.assign(idea_id, slot, topic_id)
    fan = new_user(issuer, name="Battery fan")
    api.get("/me", fan)  # creates the user record
    AffinityModel(user_id=fan.id, run_id=run_id, weights={battery_id: 0.9, export_id: 0.1}).save()
    consenting, not_consenting = new_user(issuer, name="Yes Please"), new_user(issuer, name="No Thanks")
    assert api.patch("/me", consenting, {"marketing_consent": True}).status == 200
    assert api.patch("/me", not_consenting, {"marketing_consent": False}).status == 200
    SegmentModel(run_id=run_id, segment_id="engagement-champions", name="Champions", description="Top", size=1).save()
    for user in (consenting, not_consenting):
        SegmentMemberModel(
            segment_key=f"{run_id}#engagement-champions",
            user_id=user.id,
            engagement="champions",
            score=87,
            top_topics=["battery · charge"],
        ).save()
    _publish(run_id, slot, {f"{product}#design": 2, "elsewhere#design": 5})
    yield PublishedRun(
        run_id, product, battery_id, export_id, battery, export, theme_id, fan, consenting, not_consenting
    )
    topic_store.forget_cached_view()


def test_topics_of_the_newest_run_with_filters(api: Api, published: PublishedRun) -> None:
    reply = api.get(f"/topics?product={published.product}")

    assert reply.status == 200
    assert reply.body["run"]["id"] == published.run_id
    assert {t["id"] for t in reply.body["items"]} == {published.battery, published.export}
    battery = next(t for t in reply.body["items"] if t["id"] == published.battery)
    assert battery["phases"]["design"] == 3 and battery["trend"] == {"size_delta": 1, "votes_delta": 0}
    only_testing = api.get(f"/topics?product={published.product}&phase=testing").body["items"]
    assert [t["id"] for t in only_testing] == [published.export]
    assert_error(api.get("/topics?phase=launch"), 400, "validation_error")


def test_a_products_topics_name_their_theme_and_count_its_ungrouped_ideas(api: Api, published: PublishedRun) -> None:
    reply = api.get(f"/topics?product={published.product}").body

    assert [t["theme"] for t in reply["items"]] == [{"id": published.theme, "label": "Battery and data export"}] * 2
    assert all(t["emerging"] is False for t in reply["items"])
    assert reply["ungrouped"] == 2  # this product's only, not the other product's five
    assert api.get(f"/topics?product={published.product}&phase=testing").body["ungrouped"] == 0

    themes = api.get(f"/topics?product={published.product}&level=theme").body["items"]
    assert [t["id"] for t in themes] == [published.theme]
    assert themes[0]["theme"] is None and themes[0]["size"] == 6
    assert themes[0]["phase_votes"]["design"] == 2
    assert {t["id"] for t in themes[0]["topics"]} == {published.battery, published.export}
    theme_page = api.get(f"/topics/{published.theme}").body
    assert {t["label"] for t in theme_page["topics"]} == {"battery · charge", "export · csv"}
    assert theme_page["ideas"] == []

    everything = api.get("/topics").body
    assert any(t["label"] == "Other product" and t["emerging"] for t in everything["items"])
    assert everything["ungrouped"] == 7
    assert_error(api.get("/topics?level=galaxy"), 400, "validation_error")


def test_topic_page_idea_topic_and_topic_filter(api: Api, published: PublishedRun) -> None:
    page = api.get(f"/topics/{published.battery}?limit=2").body

    assert page["label"] == "battery · charge"
    assert len(page["ideas"]) == 2 and page["next_cursor"]
    assert {i["id"] for i in api.get(f"/ideas?topic={published.battery}&limit=100").body["items"]} == set(
        published.battery_ideas
    )
    idea = api.get(f"/ideas/{published.export_ideas[0]}").body
    assert idea["topic"] == {"id": published.export, "label": "export · csv"}
    assert_error(api.get("/topics/unknown"), 404, "not_found")


def test_the_feed_never_recommends_the_readers_own_ideas(
    api: Api, issuer: LocalIssuer, published: PublishedRun
) -> None:
    writer = new_user(issuer, name="Battery writer")
    body = {"title": "My own battery idea", "product": published.product, "phase": "design"}
    own = api.post("/ideas", writer, body).body["id"]
    view = topic_store.current_view(max_age=0)
    assert view is not None
    topic_store.assign(own, view.slot, published.battery)
    AffinityModel(user_id=writer.id, run_id=published.run_id, weights={published.battery: 1.0}).save()

    mine = [item["id"] for item in api.get("/me/feed?limit=50", writer).body["items"]]
    theirs = [item["id"] for item in api.get("/me/feed?limit=50", published.fan).body["items"]]

    assert own in theirs  # a good pick for someone else
    assert own not in mine
    assert set(published.battery_ideas) <= set(mine)


def test_feed_follows_affinity_and_skips_what_the_user_voted(
    api: Api, issuer: LocalIssuer, published: PublishedRun
) -> None:
    api.put(f"/ideas/{published.battery_ideas[0]}/vote", published.fan)

    feed = api.get("/me/feed?limit=10", published.fan).body["items"]

    ids = [item["id"] for item in feed]
    assert published.battery_ideas[0] not in ids
    assert set(published.battery_ideas[1:]) <= set(ids)
    assert ids[0] in published.battery_ideas  # the strongest topic leads
    newcomer = api.get("/me/feed", new_user(issuer))
    assert newcomer.status == 200  # trending ideas for a user without history
    assert_error(api.get("/me/feed"), 401, "unauthorized")


def test_segment_members_only_with_marketing_consent(api: Api, issuer: LocalIssuer, published: PublishedRun) -> None:
    marketing = new_user(issuer, "marketing")

    segments = api.get("/segments", marketing).body["items"]
    members = api.get("/segments/engagement-champions/members", marketing).body["items"]
    exported = api.call("GET", "/segments/engagement-champions/members?format=csv", marketing, parse=False)

    assert [s["id"] for s in segments] == ["engagement-champions"]
    assert [m["user_id"] for m in members] == [published.consenting.id]
    assert members[0]["email"] == f"{published.consenting.id}@example.com"
    assert members[0]["engagement"] == 87  # the contract's number 0-100, not the tier word
    rows = list(csv.DictReader(io.StringIO(exported.body.removeprefix("\ufeff"))))
    assert [row["user_id"] for row in rows] == [published.consenting.id]
    assert rows[0]["engagement"] == "87"
    # Consent withdrawn after the run: gone from the very next listing.
    api.patch("/me", published.consenting, {"marketing_consent": False})
    assert api.get("/segments/engagement-champions/members", marketing).body["items"] == []
    assert_error(api.get("/segments", new_user(issuer, "product")), 403, "forbidden")
    assert_error(api.get("/segments/unknown/members", marketing), 404, "not_found")


def test_segments_are_named_in_the_readers_language(api: Api, issuer: LocalIssuer, published: PublishedRun) -> None:
    marketing = new_user(issuer, "marketing")

    def champions(accept: str) -> dict[str, str]:
        items = api.get("/segments", marketing, headers={"accept-language": accept}).body["items"]
        found: dict[str, str] = next(item for item in items if item["id"] == "engagement-champions")
        return found

    assert champions("es-ES")["name"] == "Campeones"
    assert "30 días" in champions("es-ES")["description"]
    assert champions("pt-PT")["name"] == "Campeões"
    assert champions("en-GB")["name"] == "Champions"


def test_surge_raises_one_alert_however_often_detection_runs(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    author = new_user(issuer)
    idea = api.post("/ideas", author, {"title": "Sudden problem", "product": product, "phase": "provision"}).body
    now = utc_now()
    for n in range(12):
        add_vote(idea["id"], f"surge-voter-{uuid.uuid4().hex[:6]}-{n}", now - timedelta(minutes=n))

    first = detect(now)
    again = detect(now + timedelta(minutes=5))

    mine = [a for a in first if a.product == product and a.phase == "provision"]
    assert len(mine) == 1 and mine[0].kind == "surge"
    assert not [a for a in again if a.product == product]
    listed = api.get("/alerts?limit=100", product_user).body["items"]
    assert any(a["id"] == mine[0].id and a["evidence"]["last_24h"] == 13 for a in listed)
    assert_error(api.get("/alerts", new_user(issuer, "marketing")), 403, "forbidden")


def test_what_the_run_derived_never_shows_hidden_held_or_merged_ideas(
    api: Api, issuer: LocalIssuer, published: PublishedRun
) -> None:
    """GIVEN a published run WHEN, before the next run, a representative idea is hidden, another
    is held by an edit and another merged, THEN no list the run derived shows any of them."""
    moderator, team = new_user(issuer, "moderator"), new_user(issuer, "product")
    hidden, held, _ = published.battery_ideas
    merged, merge_target, _ = published.export_ideas
    # The representatives are the ones that will change.
    for topic_id, first in ((published.battery, hidden), (published.export, merged)):
        topic = TopicModel.get(published.run_id, topic_id)
        topic.update(
            actions=[
                TopicModel.representative_ideas.set(
                    [RepresentativeIdea(id=idea_id, title=f"Stale title {idea_id}") for idea_id in (first, held)]
                )
            ]
        )
    assert api.post(f"/ideas/{hidden}/hide", moderator, {"reason": "Leaks a customer's address"}).status == 200
    assert api.post(f"/ideas/{merged}/merge", team, {"into": merge_target}).status == 200
    IdeaModel(held).update(actions=[IdeaModel.status.set("pending_moderation")])  # as a flagged edit leaves it
    gone = {hidden, held, merged}

    topics = api.get(f"/topics?product={published.product}").body["items"]
    battery_page = api.get(f"/topics/{published.battery}?limit=100").body
    export_page = api.get(f"/topics/{published.export}?limit=100").body
    feed = api.get("/me/feed?limit=100", published.fan).body["items"]

    representatives = [idea for topic in topics for idea in topic["representative_ideas"]]
    representatives += battery_page["representative_ideas"] + export_page["representative_ideas"]
    assert not {idea["id"] for idea in representatives} & gone
    assert all(not idea["title"].startswith("Stale title") for idea in representatives)
    assert not {idea["id"] for idea in battery_page["ideas"] + export_page["ideas"]} & gone
    assert not {idea["id"] for idea in feed} & gone
    assert published.battery_ideas[2] in {idea["id"] for idea in feed}


def test_alerts_speak_the_readers_language_with_display_names(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    author = new_user(issuer)
    idea = api.post("/ideas", author, {"title": "Crash at install", "product": product, "phase": "installation"}).body
    now = utc_now()
    for n in range(12):
        add_vote(idea["id"], f"lang-voter-{uuid.uuid4().hex[:6]}-{n}", now - timedelta(minutes=n))
    mine = [a.id for a in detect(now) if a.product == product]
    assert len(mine) == 1

    def message(user: User, accept: str) -> str:
        listed = api.get("/alerts?limit=100", user, headers={"accept-language": accept}).body["items"]
        found: str = next(a["message"] for a in listed if a["id"] == mine[0])
        return found

    spanish = message(product_user, "es-ES,es;q=0.9,en;q=0.5")
    assert f"Product {product} / Instalación" in spanish and "últimas 24 horas" in spanish
    assert "installation" not in spanish and f"{product} /" not in spanish.replace(f"Product {product}", "")
    assert f"Product {product} / Instalação" in message(product_user, "pt-BR")
    assert "Installation" in message(product_user, "fr-FR, de;q=0.8")  # none of ours: English
    speaks_pt = new_user(issuer, "product")
    assert api.patch("/me", speaks_pt, {"language": "pt"}).status == 200
    assert "Instalação" in message(speaks_pt, "es-ES")  # the profile wins over the browser
