"""The profile and the exercise catalog over HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, is_problem, open_api, profile


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def test_the_profile_is_recorded_whole_and_validated_by_field(api: Api) -> None:
    me = api.lifter(units=None)
    assert is_problem(me.get("/profile"), 404)
    r = me.put("/profile", json=profile("lb", training_days=["fri", "mon"], equipment=["barbell"]))
    assert r.status_code == 200, r.text
    got = me.get("/profile").json()
    assert (got["units"], got["training_days"], got["sessions_per_week"]) == ("lb", ["mon", "fri"], 2)
    assert is_problem(me.put("/profile", json=profile(units="stone")), 422, "body.units")
    assert is_problem(me.put("/profile", json=profile(minutes_per_session=5)), 422,
                      "body.minutes_per_session")
    assert is_problem(me.put("/profile", json=profile(equipment=["jetpack"])), 422,
                      "body.equipment")
    assert is_problem(me.put("/profile", json={**profile(), "colour": "red"}), 422, "body.colour")
    assert me.get("/profile").json()["units"] == "lb"  # the refused ones changed nothing


def test_search_tolerates_typos_and_spacing(api: Api) -> None:
    me = api.lifter()
    hits = me.get("/exercises", params={"q": "lat pull down", "limit": 3}).json()
    assert "pulldown" in hits[0]["exercise"]["slug"]
    typo = me.get("/exercises", params={"q": "bench pres"}).json()
    assert typo[0]["exercise"]["slug"] == "barbell-bench-press"
    assert is_problem(me.get("/exercises", params={"pattern": "sideways"}), 422)


def test_an_exercise_page_and_its_alternatives(api: Api) -> None:
    me = api.lifter()
    page = me.get("/exercises/barbell-back-squat").json()
    assert page["name"] == "Barbell Back Squat" and "quads" in page["primary"]
    assert page["steps"] and page["tempo"].count("-") == 3
    assert is_problem(me.get("/exercises/no-such-lift"), 404)
    alts = me.get("/exercises/barbell-back-squat/alternatives",
                  params={"equipment": ["dumbbell"]}).json()
    assert alts["alternatives"]
    for a in alts["alternatives"]:
        assert set(a["exercise"]["equipment"]) <= {"dumbbell"}  # only what is at hand
        assert a["shared_primary"] or a["same_pattern"]


def test_a_custom_exercise_is_the_lifters_own_and_retry_safe(api: Api) -> None:
    me, other = api.lifter("me"), api.lifter("other")
    body = {"uuid": str(uuid.uuid4()), "name": "Zercher carry walk", "primary": ["abs"],
            "load_type": "barbell", "measure": "meters"}
    first = me.post("/custom-exercises", json=body)
    assert first.status_code == 201, first.text
    assert me.post("/custom-exercises", json=body).status_code == 200
    slug = first.json()["slug"]
    assert [c["slug"] for c in me.get("/custom-exercises").json()] == [slug]
    assert other.get("/custom-exercises").json() == []
    assert is_problem(other.get(f"/exercises/{slug}"), 404)
    assert me.get(f"/exercises/{slug}").json()["measure"] == "meters"
    assert is_problem(me.post("/custom-exercises", json={"name": "x", "primary": ["wings"]}), 422,
                      "body.primary")
    assert me.delete(f"/custom-exercises/{slug}").status_code == 204
    assert is_problem(me.delete(f"/custom-exercises/{slug}"), 404)
