"""Answers in API.md's shapes for the routes that the nightly-topics work serves (``/topics``,
``/me/feed``, ``/segments``, ``/alerts``, ``/reports/summary``), so that their pages are tested in
the browser before those routes land. Once they are served, the same tests also run against the
real routes (see the ``*_served_*`` tests), and these fakes only pin the rendering."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Page, Route

from tests.web.conftest import Stack

RUN = {"id": "run-2026-11-24", "finished_at": "2026-11-24T03:00:00Z", "idea_count": 42}
CSV = "user_id,name,email,engagement,top_topics\ndemo-ana,Ana García,ana@example.com,0.92,Modo oscuro\n"


def topic(stack: Stack, topic_id: str, label: str, size: int, ideas: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": topic_id,
        "label": label,
        "keywords": [*label.lower().split()[:3], "app"],
        "size": size,
        "vote_total": size * 3,
        "trend": {"size_delta": 2, "votes_delta": -1},
        "phases": {"design": size - 1, "installation": 1},
        "representative_ideas": [{"id": idea["id"], "title": idea["title"]} for idea in ideas[:2]],
    }


def segments() -> dict[str, Any]:
    return {
        "items": [
            {"id": "seg-dark", "name": "Fans del modo oscuro", "description": "Votan ideas de pantalla.", "size": 14},
            {"id": "seg-install", "name": "Instaladores", "description": "Comentan la instalación.", "size": 5},
        ]
    }


def members() -> dict[str, Any]:
    return {
        "items": [
            {
                "user_id": "demo-ana",
                "name": "Ana García",
                "email": "ana@example.com",
                "engagement": 0.92,
                "top_topics": ["Modo oscuro"],
            },
            {
                "user_id": "demo-joao",
                "name": "João Silva",
                "email": "joao@example.com",
                "engagement": 0.4,
                "top_topics": ["Instalación"],
            },
        ],
        "next_cursor": None,
    }


def alerts(stack: Stack) -> dict[str, Any]:
    return {
        "items": [
            {
                "id": "alert-1",
                "at": "2026-11-24T08:00:00Z",
                "kind": "backlash",
                "product": stack.product,
                "phase": "design",
                "topic": {"id": "topic-dark", "label": "Modo oscuro"},
                "message": "Los votos negativos sobre el modo oscuro se triplicaron en 24 h",
                "evidence": {"votes": 30},
            }
        ],
        "next_cursor": None,
    }


def summary() -> dict[str, Any]:
    return {
        "from": "2026-10-26",
        "to": "2026-11-24",
        "ideas": 12345,
        "votes": 5678,
        "comments": 90,
        "active_users": 321,
        "per_phase": {
            "design": 10,
            "development": 4,
            "testing": 3,
            "provision": 0,
            "installation": 7,
            "modification": 1,
        },
        "per_status": {"open": 12, "planned": 5, "done": 2},
        "median_first_response_hours": 30,
    }


def _json(route: Route, body: Any) -> None:
    route.fulfill(status=200, content_type="application/json", body=json.dumps(body))


def serve_fakes(page: Page, stack: Stack) -> dict[str, Any]:
    """Answer the not-yet-served routes in this tab; returns the fake topics for assertions."""
    ideas = stack.get(f"/ideas?product={stack.product}&limit=5")["items"]
    topics = [
        topic(stack, "topic-dark", "Modo oscuro", 9, ideas),
        topic(stack, "topic-export", "Exportar datos", 4, ideas[1:]),
    ]
    page.route(re.compile(r"/topics(\?.*)?$"), lambda route: _json(route, {"run": RUN, "items": topics}))
    page.route(
        re.compile(r"/topics/topic-dark(\?.*)?$"),
        lambda route: _json(route, {**topics[0], "ideas": ideas, "next_cursor": None}),
    )
    page.route(re.compile(r"/me/feed(\?.*)?$"), lambda route: _json(route, {"items": ideas, "next_cursor": None}))
    page.route(re.compile(r"/segments$"), lambda route: _json(route, segments()))
    page.route(
        re.compile(r"/segments/seg-dark/members\?.*format=csv"),
        lambda route: route.fulfill(status=200, content_type="text/csv", body=CSV),
    )
    page.route(re.compile(r"/segments/seg-dark/members\?limit"), lambda route: _json(route, members()))
    page.route(re.compile(r"/alerts(\?.*)?$"), lambda route: _json(route, alerts(stack)))
    page.route(re.compile(r"/reports/summary(\?.*)?$"), lambda route: _json(route, summary()))
    return {"topics": topics, "ideas": ideas}
