"""Reading and publishing the nightly topics.

A run writes its topics under its own ``run_id``, its idea assignments (topic ids, stable from
run to run) into the idea slot that readers are not using, and only then moves the ``current``
pointer to itself, in one write. Readers follow the pointer, so they see the previous run or the
new one, never a mix; a run that crashed simply writes its slot again. Only ideas whose topic
differs from what the slot holds are written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from pynamodb.attributes import MapAttribute
from pynamodb.expressions.update import Action

from chalicelib.store.models import AffinityModel, IdeaModel, TopicModel, TopicRunModel
from chalicelib.store.transactions import save_if

POINTER = "current"
THEME = "theme"
# A warm API container re-reads the pointer at most this often: a new run shows up within
# half a minute, and a page of ideas costs no extra read.
VIEW_TTL_SECONDS = 30.0


@dataclass(frozen=True)
class TopicView:
    """The published run a request reads: its id, slot and topic labels."""

    run_id: str
    slot: int
    finished_at: str
    idea_count: int
    labels: dict[str, str] = field(default_factory=dict)
    full_at: str | None = None
    ungrouped: dict[str, int] = field(default_factory=dict)

    def topic_of(self, idea: IdeaModel) -> dict[str, str] | None:
        topic_id = slot_value_of(idea, self.slot)
        if topic_id is None or topic_id not in self.labels:
            return None  # posted after the run, or left unclustered
        return {"id": topic_id, "label": self.labels[topic_id]}


def slot_value_of(idea: IdeaModel, slot: int) -> str | None:
    value: str | None = idea.topic_slot1 if slot else idea.topic_slot0
    return value


_cached: tuple[float, TopicView | None] = (float("-inf"), None)


def current_view(max_age: float = VIEW_TTL_SECONDS) -> TopicView | None:
    """The published run, or None before the first run has finished."""
    global _cached
    read_at, view = _cached
    if time.monotonic() - read_at < max_age:
        return view
    try:
        pointer = TopicRunModel.get(POINTER)
    except TopicRunModel.DoesNotExist:
        view = None
    else:
        assert pointer.current_run is not None
        labels = {
            topic.topic_id: topic.label for topic in TopicModel.query(pointer.current_run) if topic.level != THEME
        }
        view = TopicView(
            run_id=pointer.current_run,
            slot=int(pointer.slot),
            finished_at=pointer.finished_at or pointer.started_at,
            idea_count=int(pointer.idea_count),
            labels=labels,
            full_at=pointer.full_at,
            ungrouped={key: int(n) for key, n in (pointer.ungrouped.as_dict() if pointer.ungrouped else {}).items()},
        )
    _cached = (time.monotonic(), view)
    return view


def topics_of(run_id: str) -> list[TopicModel]:
    return list(TopicModel.query(run_id))


def get_topic(run_id: str, topic_id: str) -> TopicModel | None:
    try:
        return TopicModel.get(run_id, topic_id)
    except TopicModel.DoesNotExist:
        return None


def affinity_weights(user_id: str, run_id: str) -> dict[str, float]:
    """How strongly the user leans to each topic of the run (empty when the run left it out)."""
    try:
        affinity = AffinityModel.get(user_id, run_id)
    except AffinityModel.DoesNotExist:
        return {}
    return {topic: float(weight) for topic, weight in (affinity.weights.as_dict() if affinity.weights else {}).items()}


# ------------------------------------------------------------------ writing (the nightly job)


def publishing_slot() -> int:
    """The slot readers are not using, where a new run writes its assignments."""
    try:
        return 1 - int(TopicRunModel.get(POINTER, consistent_read=True).slot)
    except TopicRunModel.DoesNotExist:
        return 0


def assign(idea_id: str, slot: int, value: str | None) -> None:
    attribute = IdeaModel.topic_slot1 if slot else IdeaModel.topic_slot0
    action: Any = attribute.set(value) if value else attribute.remove()
    IdeaModel(idea_id).update(actions=[action], condition=IdeaModel.id.exists())


def publish(run: TopicRunModel, finished_at: str, previous_run: str | None) -> None:
    """Flip the pointer to ``run``, unless another run published meanwhile."""
    # update() reloads the item from the table: what only this object holds is read first.
    held = run.ungrouped
    ungrouped = {
        str(key): int(n) for key, n in (held.as_dict() if isinstance(held, MapAttribute) else held or {}).items()
    }
    actions: list[Action] = [
        TopicRunModel.state.set("finished"),
        TopicRunModel.finished_at.set(finished_at),
        TopicRunModel.ungrouped.set(ungrouped),
    ]
    if run.full_at:
        actions.append(TopicRunModel.full_at.set(run.full_at))
    run.update(actions=actions)
    pointer = TopicRunModel(
        run_id=POINTER,
        state="finished",
        slot=run.slot,
        started_at=run.started_at,
        finished_at=finished_at,
        idea_count=run.idea_count,
        full_at=run.full_at,
        current_run=run.run_id,
        ungrouped=ungrouped,
    )
    unchanged = (
        TopicRunModel.run_id.does_not_exist() if previous_run is None else TopicRunModel.current_run == previous_run
    )
    if not save_if(pointer, unchanged):
        raise RuntimeError("another run was published while this one ran; run the job again")


def forget_cached_view() -> None:
    """For the job and the tests: the next read goes to the store."""
    global _cached
    _cached = (float("-inf"), None)
