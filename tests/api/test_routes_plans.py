"""Plans over HTTP: from a template, shown by week, exported, activated, followed today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, is_problem, open_api, profile

MONDAY = "2026-11-16"


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def test_a_template_plan_has_its_sessions_on_the_lifters_days_and_exports_as_a_calendar(
    api: Api,
) -> None:
    me = api.lifter()  # trains mon, wed, fri
    r = me.post("/plans", json={"template": "full-body-3", "start": MONDAY})
    assert r.status_code == 201, r.text
    plan = r.json()["plan"]
    assert (plan["weeks"], plan["active"], plan["template"]) == (6, True, "full-body-3")
    assert len(plan["sessions"]) == 6 * 3
    days = {dt.date.fromisoformat(s["date"]).strftime("%a").lower() for s in plan["sessions"]}
    assert days == {"mon", "wed", "fri"}
    assert r.json()["review"]["items"]
    week2 = me.get("/plans/active", params={"week": 2}).json()["sessions"]
    assert [s["date"] for s in week2] == ["2026-11-23", "2026-11-25", "2026-11-27"]
    ics = me.get("/plans/active/export.ics", params={"time": "07:30"})
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.count("BEGIN:VEVENT") == 18
    assert "DTSTART:20261116T073000" in ics.text
    exported = me.get(f"/plans/{plan['id']}/export.json")
    assert "attachment" in exported.headers["content-disposition"]
    assert len(exported.json()["sessions"]) == 18


def test_the_newest_plan_is_active_until_another_is_assigned(api: Api) -> None:
    me = api.lifter()
    first = me.post("/plans", json={"template": "full-body-3", "start": MONDAY}).json()["plan"]
    second = me.post("/plans", json={"template": "gzclp", "start": MONDAY}).json()["plan"]
    assert [p["active"] for p in me.get("/plans").json()] == [False, True]
    assert me.post(f"/plans/{first['id']}/activate").json()["active"] is True
    assert {p["id"]: p["active"] for p in me.get("/plans").json()} == {
        first["id"]: True, second["id"]: False
    }
    assert me.get("/plans/active").json()["template"] == "full-body-3"


def test_today_follows_the_active_plan_on_training_and_rest_days(api: Api) -> None:
    me = api.lifter()
    assert is_problem(me.get("/today", params={"date": MONDAY}), 404)  # no plan yet
    me.post("/plans", json={"template": "full-body-3", "start": MONDAY})
    day = me.get("/today", params={"date": MONDAY}).json()
    assert day["status"] == "training" and day["unit"] == "kg"
    assert day["exercises"] and all(x["sets"] >= 1 for x in day["exercises"])
    rest = me.get("/today", params={"date": "2026-11-17"}).json()
    assert (rest["status"], rest["exercises"]) == ("rest", [])
    assert rest["next_session"]["date"] == "2026-11-18"
    assert is_problem(me.get("/today", params={"date": "1850-01-01"}), 422, "query.date")


def test_plans_are_named_by_id_or_active_and_explained(api: Api) -> None:
    me = api.lifter()
    assert is_problem(me.get("/plans/active"), 404)
    me.post("/plans", json={"template": "full-body-3", "start": MONDAY})
    assert is_problem(me.get("/plans/lastweek"), 422, "path.plan")
    assert is_problem(me.get("/plans/999999"), 404)
    # An id past PostgreSQL's 32-bit INTEGER is a malformed reference, not a server error.
    assert is_problem(me.get("/plans/123456789012345"), 422, "path.plan")
    why = me.get("/plans/active/explain").json()
    assert why["rows"] and why["exercises"] and why["review"]["items"]
    assert is_problem(me.post("/plans", json={"template": "no-such-template"}), 422,
                      "body.template")


def test_a_plan_from_the_profile_uses_only_the_lifters_days_and_equipment(api: Api) -> None:
    me = api.lifter()
    kit = me.put("/profile", json=profile(equipment=["dumbbell", "adjustable-bench"],
                                          training_days=["tue", "sat"])).json()["equipment"]
    r = me.post("/plans", json={"weeks": 3, "start": MONDAY})
    assert r.status_code == 201, r.text
    plan = r.json()["plan"]
    assert len(plan["sessions"]) == 3 * 2
    assert {s["day"] for s in plan["sessions"]} == {"tue", "sat"}
    slugs = {x["exercise"] for s in plan["sessions"] for x in s["slots"]}
    for slug in slugs:
        needs = set(me.get(f"/exercises/{slug}").json()["equipment"])
        assert needs <= set(kit), (slug, needs)
