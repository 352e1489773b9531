"""Finding surges and backlash in stored activity, and keeping the alerts.

Reads the last ``HISTORY_DAYS + 1`` days of ideas, votes and comments through their time
indexes (no Scan), counts them per 24-hour window for each board (product and phase) and each
topic of the published run, and raises an alert where the latest window stands out against
the windows before it (``chalicelib.domain.alerts``). Cheap enough to run every few minutes.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import PutError

from chalicelib.clock import parse_stored, to_storage
from chalicelib.domain.alerts import Surge, surge
from chalicelib.domain.emerging import BASELINE_WEEKS, RECENT_DAYS, Activity
from chalicelib.store.ideas import get_ideas
from chalicelib.store.models import AlertModel, CommentModel, IdeaModel, VoteModel
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.topics import TopicView, current_view, slot_value_of

HISTORY_DAYS = 14
WINDOW = timedelta(hours=24)


def detect(now: datetime) -> list[AlertModel]:
    """Raise the alerts the latest 24 hours call for; returns those that are new."""
    since = now - WINDOW * (HISTORY_DAYS + 1)
    view = current_view(max_age=0)
    ideas = {idea.id: idea for idea in IdeaModel.every_new.query("idea", IdeaModel.created_at >= to_storage(since))}
    activity: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)  # (scope kind, scope) → window → n
    held: dict[str, Counter[int]] = defaultdict(Counter)

    def window_of(at: str) -> int:
        return int((now - parse_stored(at)) / WINDOW)  # 0 is the latest window

    def count(idea: IdeaModel, at: str) -> None:
        window = window_of(at)
        activity[("board", f"{idea.product}#{idea.phase}")][window] += 1
        topic = slot_value_of(idea, view.slot) if view else None
        if topic and view and topic in view.labels:
            activity[("topic", topic)][window] += 1

    for idea in ideas.values():
        count(idea, idea.created_at)
        if idea.held_reason:
            held[f"{idea.product}#{idea.phase}"][window_of(idea.created_at)] += 1
    votes = _votes_since(since, now)
    comments = list(CommentModel.by_time.query("comment", CommentModel.created_at >= to_storage(since)))
    ideas.update(get_ideas({v.idea_id for v in votes} | {c.idea_id for c in comments} - ideas.keys()))
    for vote in votes:
        if vote.idea_id in ideas:
            count(ideas[vote.idea_id], vote.created_at)
    for comment in comments:
        if comment.idea_id in ideas:
            idea = ideas[comment.idea_id]
            count(idea, comment.created_at)
            if comment.held_reason:
                held[f"{idea.product}#{idea.phase}"][window_of(comment.created_at)] += 1

    raised = []
    for (scope_kind, scope), windows in activity.items():
        found = surge(windows[0], [windows[w] for w in range(1, HISTORY_DAYS + 1)])
        if found:
            raised.append(_alert("surge", scope_kind, scope, found, now, view))
    for board, windows in held.items():
        found = surge(windows[0], [windows[w] for w in range(1, HISTORY_DAYS + 1)])
        if found:
            raised.append(_alert("backlash", "board", board, found, now, view))
    return [alert for alert in raised if _save_once(alert)]


def _votes_since(since: datetime, now: datetime) -> list[VoteModel]:
    votes = []
    day = since.date()
    while day <= now.date():
        votes += list(VoteModel.by_day.query(day.isoformat(), VoteModel.created_at >= to_storage(since)))
        day += timedelta(days=1)
    return votes


def _alert(kind: str, scope_kind: str, scope: str, found: Surge, now: datetime, view: TopicView | None) -> AlertModel:
    product = phase = topic_id = topic_label = None
    if scope_kind == "board":
        product, phase = scope.split("#", 1)
        where = f"{product} / {phase}"
    else:
        topic_id, topic_label = scope, (view.labels.get(scope, scope) if view else scope)
        where = f"topic “{topic_label}”"
    what = "new ideas, votes and comments" if kind == "surge" else "posts held by moderation"
    message = (
        f"{found.current} {what} in {where} in the last 24 hours, "
        f"{found.ratio:.1f} times the usual {found.baseline_mean:g}."
    )
    # One alert per situation per day, however often detection runs.
    identity = f"{kind}|{scope_kind}|{scope}|{now.date().isoformat()}"
    return AlertModel(
        id=hashlib.sha256(identity.encode()).hexdigest()[:24],
        at=to_storage(now),
        kind=kind,
        product=product,
        phase=phase,
        topic_id=topic_id,
        topic_label=topic_label,
        message=message,
        evidence={
            "last_24h": float(found.current),
            "baseline_mean": found.baseline_mean,
            "baseline_stdev": found.baseline_stdev,
            "baseline_days": float(HISTORY_DAYS),
        },
    )


def _save_once(alert: AlertModel) -> bool:
    try:
        alert.save(condition=AlertModel.id.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def list_alerts(limit: int, start: LastKey | None) -> tuple[list[AlertModel], LastKey | None]:
    results = AlertModel.newest.query("alerts", scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1)
    return read_page(results, limit)


def render(alert: AlertModel) -> dict[str, Any]:
    from chalicelib.clock import to_api

    return {
        "id": alert.id,
        "at": to_api(alert.at),
        "kind": alert.kind,
        "product": alert.product,
        "phase": alert.phase,
        "topic": {"id": alert.topic_id, "label": alert.topic_label or ""} if alert.topic_id else None,
        "message": alert.message,
        "evidence": alert.evidence.as_dict() if alert.evidence else {},
    }


def raise_emerging(topic_id: str, label: str, product: str, activity: Activity, now: datetime) -> bool:
    """The surge alert of an emerging topic (chalicelib.domain.emerging), once per topic per day;
    True when it is new."""
    message = (
        f"{activity.recent} new ideas and votes in topic “{label}” in the last {RECENT_DAYS} days, "
        f"{activity.recent / max(activity.weekly_baseline, 1.0):.1f} times its usual week "
        f"({activity.weekly_baseline:g})."
    )
    identity = f"surge|emerging|{topic_id}|{now.date().isoformat()}"
    alert = AlertModel(
        id=hashlib.sha256(identity.encode()).hexdigest()[:24],
        at=to_storage(now),
        kind="surge",
        product=product,
        phase=None,
        topic_id=topic_id,
        topic_label=label,
        message=message,
        evidence={
            "last_7_days": float(activity.recent),
            "weekly_baseline": activity.weekly_baseline,
            "baseline_weeks": float(BASELINE_WEEKS),
        },
    )
    return _save_once(alert)
