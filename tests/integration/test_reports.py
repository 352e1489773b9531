"""``/reports/summary`` from stored data: period bounds, empty days, per phase and status, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import Principal
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store import ideas as idea_store
from chalicelib.store.votes import add_vote
from tests.support import Api, User, assert_error, new_user


def test_summary_counts_the_period_and_nothing_outside_it(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    # A period far in the past that no other test writes to, so the totals are exact.
    day = utc_now().replace(year=2001, month=3, day=10, hour=23, minute=59)
    author = Principal("report-author", "Ana", "", ("customer",))
    voter = "report-voter"
    inside = idea_store.create_idea(author, "Inside the period", "", product, "testing", to_storage(day))
    after_midnight = day + timedelta(minutes=2)  # next day, 00:01: outside a one-day period
    outside = idea_store.create_idea(author, "Just after midnight", "", product, "design", to_storage(after_midnight))
    add_vote(inside.id, voter, day)
    add_vote(outside.id, voter, after_midnight)
    team = Principal(product_user.id, product_user.name, "", ("product",))
    stored = idea_store.get_idea(inside.id, consistent=True)
    assert stored is not None
    idea_store.answer(stored, team, "planned", "Thanks!", to_storage(day + timedelta(hours=5)))

    reply = api.get("/reports/summary?from=2001-03-10&to=2001-03-10", product_user)

    assert reply.status == 200
    summary = reply.body
    assert (summary["ideas"], summary["votes"], summary["comments"]) == (1, 1, 0)
    assert summary["active_users"] == 2
    assert summary["per_phase"]["testing"] == {"ideas": 1, "votes": 1, "comments": 0}
    assert summary["per_phase"]["design"] == {"ideas": 0, "votes": 0, "comments": 0}
    assert summary["per_status"]["planned"] == 1
    assert summary["median_first_response_hours"] == 5.0
    assert summary["per_day"] == [{"date": "2001-03-10", "ideas": 1, "votes": 1, "comments": 0}]

    two_days = api.get("/reports/summary?from=2001-03-10&to=2001-03-12", new_user(issuer, "marketing")).body
    assert (two_days["ideas"], two_days["votes"]) == (2, 2)
    assert [d["date"] for d in two_days["per_day"]] == ["2001-03-10", "2001-03-11", "2001-03-12"]
    assert two_days["per_day"][2] == {"date": "2001-03-12", "ideas": 0, "votes": 0, "comments": 0}


def test_empty_period_and_csv(api: Api, product_user: User) -> None:
    empty = api.get("/reports/summary?from=1999-01-01&to=1999-01-03", product_user).body
    assert (empty["ideas"], empty["votes"], empty["comments"], empty["active_users"]) == (0, 0, 0, 0)
    assert empty["median_first_response_hours"] is None
    assert len(empty["per_day"]) == 3

    reply = api.call("GET", "/reports/summary?from=1999-01-01&to=1999-01-03&format=csv", product_user, parse=False)

    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(reply.body.removeprefix("\ufeff"))))
    assert rows[0] == ["metric", "dimension", "value"]
    assert ["ideas", "total", "0"] in rows
    assert ["votes", "day:1999-01-02", "0"] in rows


def test_report_refusals(api: Api, customer: User, product_user: User) -> None:
    assert_error(api.get("/reports/summary", customer), 403, "forbidden")
    assert_error(api.get("/reports/summary"), 401, "unauthorized")
    assert_error(api.get("/reports/summary?from=2026-02-01&to=2026-01-01", product_user), 400, "validation_error")
    assert_error(api.get("/reports/summary?from=2020-01-01&to=2026-01-01", product_user), 400, "validation_error")
    assert_error(api.get("/reports/summary?from=yesterday", product_user), 400, "validation_error")
    assert_error(api.get("/reports/summary?format=xml", product_user), 400, "validation_error")
    assert api.get("/reports/summary", product_user).status == 200
