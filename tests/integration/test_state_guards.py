"""Every state-changing request on hidden, held and merged ideas and comments, and the counters.

GIVEN an idea or comment in each state a moderator or a merge can leave it in, WHEN anyone tries
each change, THEN the change is refused with the contract's error and nothing moves; and after a
random sequence of hide / restore / merge / edit / vote / comment / answer, every counter equals
what the items themselves say.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from chalicelib.clock import parse_stored
from chalicelib.domain.ideas import TREND_WEIGHT, VOTE_WEIGHT
from chalicelib.domain.vocabulary import PENDING_MODERATION, PHASES
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store.models import CommentModel, IdeaModel, ProductModel, QueueEntryModel, VoteDayModel, VoteModel
from chalicelib.store.moderation import PUBLISHED, QUEUE
from tests.support import Api, User, assert_error, new_user

CLEAN_TITLE = "Pair the hub over Bluetooth"
FLAGGED_TITLE = "The installer is an idiota"


@pytest.fixture
def moderator(issuer: LocalIssuer) -> User:
    return new_user(issuer, "moderator", name="Marta Moderadora")


def new_idea(api: Api, user: User, product: str, title: str = CLEAN_TITLE, phase: str = "installation") -> str:
    reply = api.post("/ideas", user, {"title": title, "body": "Original text", "product": product, "phase": phase})
    assert reply.status == 201, reply.body
    idea_id: str = reply.body["id"]
    return idea_id


def stored(idea_id: str) -> IdeaModel:
    return IdeaModel.get(idea_id, consistent_read=True)


def board_count(api: Api, product: str, phase: str = "installation") -> int:
    count: int = api.get(f"/products/{product}").body["idea_counts"][phase]
    return count


def test_author_cannot_edit_a_hidden_idea_back_into_view(
    api: Api, customer: User, moderator: User, product: str
) -> None:
    idea_id = new_idea(api, customer, product)
    assert api.post(f"/ideas/{idea_id}/hide", moderator, {"reason": "Advertising"}).status == 200

    for change in ({"title": "Now it is fine"}, {"body": "New body"}, {"title": FLAGGED_TITLE}):
        reply = api.patch(f"/ideas/{idea_id}", customer, change)

        assert_error(reply, 409, "conflict")
        assert "hidden" in reply.body["error"]["message"]
    idea = stored(idea_id)
    assert (idea.title, idea.body, idea.hidden, idea.status) == (CLEAN_TITLE, "Original text", True, "open")
    assert board_count(api, product) == 0
    queue = [entry.item_id for entry in QueueEntryModel.query(QUEUE, consistent_read=True)]
    assert idea_id not in queue
    # The moderator's only action on it is still the one that makes sense.
    assert_error(api.post(f"/ideas/{idea_id}/hide", moderator, {"reason": "Again"}), 409, "conflict")
    assert api.post(f"/ideas/{idea_id}/restore", moderator).status == 200
    assert board_count(api, product) == 1


def test_nothing_changes_a_hidden_idea_but_restore(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product_user: User, product: str
) -> None:
    idea_id = new_idea(api, customer, product)
    other_id = new_idea(api, customer, product, "Another idea")
    team_moderator = new_user(issuer, "product", "moderator", name="Both Roles")
    voter = new_user(issuer)
    assert api.put(f"/ideas/{idea_id}/vote", voter).status == 200
    api.post(f"/ideas/{idea_id}/hide", moderator, {"reason": "Spam"})

    assert_error(api.put(f"/ideas/{idea_id}/vote", new_user(issuer)), 404, "not_found")
    assert_error(api.post(f"/ideas/{idea_id}/comments", customer, {"body": "Hello?"}), 404, "not_found")
    # To the product team a hidden idea does not exist; one who is also a moderator sees it and
    # is still refused.
    assert_error(api.patch(f"/ideas/{idea_id}", product_user, {"status": "planned"}), 404, "not_found")
    assert_error(api.post(f"/ideas/{idea_id}/merge", product_user, {"into": other_id}), 404, "not_found")
    assert_error(api.post(f"/ideas/{other_id}/merge", product_user, {"into": idea_id}), 404, "not_found")
    for change in ({"status": "planned"}, {"response": "We are on it"}):
        assert_error(api.patch(f"/ideas/{idea_id}", team_moderator, change), 409, "conflict")
    assert_error(api.post(f"/ideas/{idea_id}/merge", team_moderator, {"into": other_id}), 409, "conflict")
    assert_error(api.post(f"/ideas/{other_id}/merge", team_moderator, {"into": idea_id}), 409, "conflict")
    assert_error(api.post(f"/ideas/{idea_id}/hide", moderator, {"reason": "Twice"}), 409, "conflict")

    idea = stored(idea_id)
    assert idea.response is None
    assert (idea.status, int(idea.vote_count), int(idea.comment_count)) == ("open", 1, 0)
    assert stored(other_id).status == "open"
    assert board_count(api, product) == 1


def test_nothing_but_a_moderator_decides_a_held_idea(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product_user: User, product: str
) -> None:
    idea_id = new_idea(api, customer, product, FLAGGED_TITLE)
    other_id = new_idea(api, customer, product, "Another idea")
    assert stored(idea_id).status == PENDING_MODERATION

    assert_error(api.patch(f"/ideas/{idea_id}", customer, {"title": "Sorry, rewritten"}), 403, "forbidden")
    assert_error(api.put(f"/ideas/{idea_id}/vote", customer), 404, "not_found")
    assert_error(api.post(f"/ideas/{idea_id}/comments", customer, {"body": "Hello?"}), 404, "not_found")
    assert_error(api.patch(f"/ideas/{idea_id}", product_user, {"status": "planned"}), 404, "not_found")
    team_moderator = new_user(issuer, "product", "moderator", name="Both Roles")
    assert_error(api.patch(f"/ideas/{idea_id}", team_moderator, {"status": "planned"}), 409, "conflict")
    assert_error(api.post(f"/ideas/{idea_id}/merge", team_moderator, {"into": other_id}), 409, "conflict")
    assert_error(api.post(f"/ideas/{other_id}/merge", team_moderator, {"into": idea_id}), 409, "conflict")

    assert stored(idea_id).status == PENDING_MODERATION
    assert board_count(api, product) == 1


def test_a_merged_idea_takes_no_vote_comment_answer_or_edit(
    api: Api, issuer: LocalIssuer, customer: User, product_user: User, product: str
) -> None:
    source_id = new_idea(api, customer, product, "Dark theme please")
    target_id = new_idea(api, customer, product, "Dark mode for the app")
    third_id = new_idea(api, customer, product, "Something else")
    assert api.post(f"/ideas/{source_id}/merge", product_user, {"into": target_id}).status == 200

    assert_error(api.put(f"/ideas/{source_id}/vote", new_user(issuer)), 409, "conflict")
    reply = api.post(f"/ideas/{source_id}/comments", customer, {"body": "Me too"})
    assert_error(reply, 409, "conflict")
    assert target_id in reply.body["error"]["message"]
    assert_error(api.patch(f"/ideas/{source_id}", customer, {"title": "Retitled"}), 403, "forbidden")
    assert_error(api.patch(f"/ideas/{source_id}", product_user, {"status": "planned"}), 409, "conflict")
    assert_error(api.post(f"/ideas/{source_id}/merge", product_user, {"into": third_id}), 409, "conflict")
    assert_error(api.post(f"/ideas/{third_id}/merge", product_user, {"into": source_id}), 409, "conflict")

    source = stored(source_id)
    assert (source.status, source.title, int(source.comment_count)) == ("merged", "Dark theme please", 0)


def test_comments_are_hidden_once_and_restored_once(api: Api, customer: User, moderator: User, product: str) -> None:
    idea_id = new_idea(api, customer, product)
    comment_id = api.post(f"/ideas/{idea_id}/comments", customer, {"body": "Useful"}).body["id"]

    assert_error(api.post(f"/comments/{comment_id}/restore", moderator), 409, "conflict")
    assert api.post(f"/comments/{comment_id}/hide", moderator, {"reason": "Spam"}).status == 200
    assert_error(api.post(f"/comments/{comment_id}/hide", moderator, {"reason": "Spam"}), 409, "conflict")
    assert int(stored(idea_id).comment_count) == 0
    assert api.post(f"/comments/{comment_id}/restore", moderator).status == 200
    assert_error(api.post(f"/comments/{comment_id}/restore", moderator), 409, "conflict")
    assert int(stored(idea_id).comment_count) == 1


# ------------------------------------------------------------------ counters after random sequences


class Community:
    """The people and items a random sequence acts on, and the acts themselves."""

    def __init__(self, api: Api, issuer: LocalIssuer, product: str, rng: random.Random) -> None:
        self.api, self.product, self.rng = api, product, rng
        self.author = new_user(issuer, name="Ada Autora")
        self.voters = [new_user(issuer, name=f"Voter {n}") for n in range(3)]
        self.moderator = new_user(issuer, "moderator", name="Mo Derador")
        self.team = new_user(issuer, "product", name="Team Member")
        self.ideas = [new_idea(api, self.author, product, f"Idea number {n}", phase=PHASES[n % 2]) for n in range(4)]
        self.comments: list[str] = []

    def step(self) -> tuple[str, int]:
        """One random act; returns what it was and its status code."""
        rng, api = self.rng, self.api
        idea = rng.choice(self.ideas)
        person = rng.choice(self.voters)
        act = rng.choice(
            ["hide", "restore", "edit", "edit_flagged", "merge", "vote", "unvote", "comment", "comment_flagged",
             "hide_comment", "restore_comment", "answer"]
        )  # fmt: skip
        reply: Any
        if act == "hide":
            reply = api.post(f"/ideas/{idea}/hide", self.moderator, {"reason": "Random hide"})
        elif act == "restore":
            reply = api.post(f"/ideas/{idea}/restore", self.moderator)
        elif act in ("edit", "edit_flagged"):
            title = FLAGGED_TITLE if act == "edit_flagged" else f"Edited {rng.randrange(1000)}"
            reply = api.patch(f"/ideas/{idea}", self.author, {"title": title})
        elif act == "merge":
            reply = api.post(f"/ideas/{idea}/merge", self.team, {"into": rng.choice(self.ideas)})
        elif act == "vote":
            reply = api.put(f"/ideas/{idea}/vote", person)
        elif act == "unvote":
            reply = api.delete(f"/ideas/{idea}/vote", person)
        elif act in ("comment", "comment_flagged"):
            body = "What a piece of sh1t" if act == "comment_flagged" else "Good point"
            reply = api.post(f"/ideas/{idea}/comments", person, {"body": body})
            if reply.status == 201:
                self.comments.append(reply.body["id"])
        elif act in ("hide_comment", "restore_comment") and self.comments:
            comment = rng.choice(self.comments)
            if act == "hide_comment":
                reply = api.post(f"/comments/{comment}/hide", self.moderator, {"reason": "Random hide"})
            else:
                reply = api.post(f"/comments/{comment}/restore", self.moderator)
        elif act == "answer":
            status = rng.choice(["under_review", "planned", "open"])
            reply = api.patch(f"/ideas/{idea}", self.team, {"status": status, "response": "Thanks"})
        else:
            return act, 0
        return act, reply.status


def recount_and_compare(product: str, idea_ids: list[str]) -> None:
    """Every counter recomputed from the items it counts."""
    ideas = [stored(idea_id) for idea_id in idea_ids]
    visible_per_phase = Counter(idea.phase for idea in ideas if not idea.hidden and idea.status != PENDING_MODERATION)
    counts = ProductModel.get(product, consistent_read=True).idea_counts.as_dict()
    assert {phase: int(counts.get(phase, 0)) for phase in PHASES} == {
        phase: visible_per_phase[phase] for phase in PHASES
    }
    queued = Counter(entry.item_id for entry in QueueEntryModel.query(QUEUE, consistent_read=True))
    for idea in ideas:
        vote_items = list(VoteModel.query(idea.id, consistent_read=True))
        votes = len(vote_items)
        assert int(idea.vote_count) == votes, idea.id
        # Every vote of this test is recent: each counts on its day counter and on trend_rank.
        for day, count in Counter(vote.created_at[:10] for vote in vote_items).items():
            assert int(VoteDayModel.get(day, idea.id, consistent_read=True).votes) == count, (day, idea.id)
        assert int(idea.trend_rank) == int(idea.top_score) + votes * TREND_WEIGHT, idea.id
        assert int(idea.top_score) == votes * VOTE_WEIGHT + int(parse_stored(idea.created_at).timestamp())
        comments = list(CommentModel.query(idea.id, consistent_read=True))
        published = [c for c in comments if c.status == PUBLISHED and not c.hidden]
        assert int(idea.comment_count) == len(published), idea.id
        held = idea.status == PENDING_MODERATION and not idea.hidden
        assert queued[idea.id] == (1 if held else 0), idea.id
        for comment in comments:
            waiting = comment.status == PENDING_MODERATION and not comment.hidden
            assert queued[comment.id] == (1 if waiting else 0), comment.id


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_counters_equal_the_items_after_a_random_sequence(
    api: Api, issuer: LocalIssuer, product: str, seed: int
) -> None:
    community = Community(api, issuer, product, random.Random(seed))  # noqa: S311 - a reproducible sequence, not crypto
    acts = []
    for _ in range(60):
        act, status = community.step()
        acts.append((act, status))
        assert status < 500, acts

    recount_and_compare(product, community.ideas)
