"""Finding surges and backlash in recent activity, and saying what was found.

Counts the last ``HISTORY_DAYS + 1`` days of ideas, votes and comments per 24-hour window for
each board (product and phase) and each topic of the published run, and raises an alert where
the latest window stands out against the windows before it (``chalicelib.domain.alerts``).
Cheap enough to run every few minutes; each situation raises one alert per day.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Final

from chalicelib.clock import parse_stored, to_storage
from chalicelib.domain.alerts import Surge, surge
from chalicelib.domain.emerging import BASELINE_WEEKS, Activity
from chalicelib.store import alerts as alert_store
from chalicelib.store.ideas import get_ideas
from chalicelib.store.models import AlertModel, IdeaModel
from chalicelib.store.products import list_products
from chalicelib.store.topics import TopicView, current_view, slot_value_of
from chalicelib.texts import text

HISTORY_DAYS: Final = 14
WINDOW: Final = timedelta(hours=24)
# Stored with each alert for readers of the table; the API words an alert in its reader's language.
STORED_LANGUAGE: Final = "en"


def detect(now: datetime) -> list[AlertModel]:
    """Raise the alerts the latest 24 hours call for; returns those that are new."""
    since = now - WINDOW * (HISTORY_DAYS + 1)
    view = current_view(max_age=0)
    ideas = alert_store.ideas_since(since)
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
    votes = alert_store.votes_since(since, now)
    comments = alert_store.comments_since(since)
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
    return [alert for alert in raised if alert_store.save_once(alert)]


def _alert(kind: str, scope_kind: str, scope: str, found: Surge, now: datetime, view: TopicView | None) -> AlertModel:
    product = phase = topic_id = topic_label = None
    if scope_kind == "board":
        product, phase = scope.split("#", 1)
    else:
        topic_id, topic_label = scope, (view.labels.get(scope, scope) if view else scope)
    # One alert per situation per day, however often detection runs.
    identity = f"{kind}|{scope_kind}|{scope}|{now.date().isoformat()}"
    alert = AlertModel(
        id=hashlib.sha256(identity.encode()).hexdigest()[:24],
        at=to_storage(now),
        kind=kind,
        product=product,
        phase=phase,
        topic_id=topic_id,
        topic_label=topic_label,
        message="",
        evidence={
            "last_24h": float(found.current),
            "baseline_mean": found.baseline_mean,
            "baseline_stdev": found.baseline_stdev,
            "baseline_days": float(HISTORY_DAYS),
        },
    )
    alert.message = alert_message(alert, STORED_LANGUAGE)
    return alert


def product_names() -> dict[str, str]:
    """Every board's display name by slug (a handful of products: one short query)."""
    names: dict[str, str] = {}
    start = None
    while True:
        page, start = list_products(100, start)
        names.update((product.slug, product.name) for product in page)
        if start is None:
            return names


def alert_message(alert: AlertModel, language: str | None, products: Mapping[str, str] | None = None) -> str:
    """What an alert says, in ``language``, from what it found (not from its stored text),
    naming the board by its display name and the phase by its name in that language."""
    evidence = alert.evidence.as_dict() if alert.evidence else {}
    if "last_7_days" in evidence:  # an emerging topic (raise_emerging)
        recent, weekly = int(evidence["last_7_days"]), float(evidence.get("weekly_baseline", 0.0))
        return text(
            language,
            "alert.emerging",
            count=recent,
            where=text(language, "alert.where.topic", label=alert.topic_label or alert.topic_id),
            ratio=f"{recent / max(weekly, 1.0):.1f}",
            usual=f"{weekly:g}",
        )
    current = int(evidence.get("last_24h", 0))
    baseline_mean = float(evidence.get("baseline_mean", 0.0))
    if alert.topic_id:
        where = text(language, "alert.where.topic", label=alert.topic_label or alert.topic_id)
    else:
        where = text(
            language,
            "alert.where.board",
            product=(products or {}).get(alert.product or "", alert.product),
            phase=text(language, f"phase.{alert.phase}") if alert.phase else "",
        )
    return text(
        language,
        "alert.message",
        count=current,
        what=text(language, f"alert.{alert.kind}.what"),
        where=where,
        ratio=f"{Surge(current, baseline_mean, 0.0).ratio:.1f}",
        usual=f"{baseline_mean:g}",
    )


def raise_emerging(topic_id: str, label: str, product: str, activity: Activity, now: datetime) -> bool:
    """The surge alert of an emerging topic (chalicelib.domain.emerging), once per topic per day;
    True when it is new."""
    identity = f"surge|emerging|{topic_id}|{now.date().isoformat()}"
    alert = AlertModel(
        id=hashlib.sha256(identity.encode()).hexdigest()[:24],
        at=to_storage(now),
        kind="surge",
        product=product,
        phase=None,
        topic_id=topic_id,
        topic_label=label,
        message="",
        evidence={
            "last_7_days": float(activity.recent),
            "weekly_baseline": activity.weekly_baseline,
            "baseline_weeks": float(BASELINE_WEEKS),
        },
    )
    alert.message = alert_message(alert, STORED_LANGUAGE)
    return alert_store.save_once(alert)
