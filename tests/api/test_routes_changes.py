"""The change feed: what changed since the last poll, with delete markers, none twice."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, Lifter, is_problem, open_api


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def settle() -> None:
    """Wait until what was just written is old enough for the feed (it holds back the last
    second, see spotter.api.routes.changes.SETTLE)."""
    from spotter.store.log_repo import now_utc

    start = now_utc()
    while now_utc() < start + dt.timedelta(seconds=2):
        time.sleep(0.05)


def poll(me: Lifter, since: str | None) -> tuple[list[dict[str, Any]], str]:
    params = {} if since is None else {"updated_since": since}
    r = me.get("/changes", params=params)
    assert r.status_code == 200, r.text
    return r.json()["changes"], r.json()["next"]


def test_a_new_set_then_its_deletion_show_up_once_each_in_the_feed(api: Api) -> None:
    me = api.lifter()
    _, since = poll(me, None)  # a fresh client starts here (the profile is not a synced kind)
    s = me.log_set("barbell-back-squat", 100, 5, "2026-11-20T18:00:00")
    settle()
    changes, since = poll(me, since)
    assert {(c["kind"], c["deleted"]) for c in changes} == {
        ("batches", False), ("workouts", False), ("sets", False)
    }
    the_set = next(c for c in changes if c["kind"] == "sets")
    assert the_set["uuid"] == s["uuid"]
    assert (the_set["record"]["load_kg"], the_set["record"]["reps"]) == (100.0, 5)
    assert poll(me, since)[0] == []  # nothing twice
    assert me.delete(f"/log/sets/{s['uuid']}").status_code == 204
    settle()
    changes, since = poll(me, since)
    markers = {(c["kind"], c["uuid"]) for c in changes if c["deleted"]}
    assert ("sets", s["uuid"]) in markers
    assert any(kind == "workouts" for kind, _ in markers)  # the emptied workout goes too
    assert poll(me, since)[0] == []


def test_a_small_limit_pages_through_every_change_without_repeats(api: Api) -> None:
    me = api.lifter()
    uuids = {me.log_set("barbell-back-squat", 60 + i, 5, f"2026-11-0{1 + i}T18:00:00")["uuid"]
             for i in range(4)}
    settle()
    seen: list[str] = []
    since = None
    for _ in range(20):
        r = me.get("/changes", params={"limit": 2} | ({"updated_since": since} if since else {}))
        body = r.json()
        seen += [c["uuid"] for c in body["changes"]]
        since = body["next"]
        if not body["more"]:
            break
    assert len(seen) == len(set(seen)) == 12  # 4 sets, 4 batches, 4 workouts
    assert uuids <= set(seen)


def test_a_date_time_starts_the_feed_there_and_nonsense_is_refused(api: Api) -> None:
    me = api.lifter()
    me.log_set("barbell-back-squat", 100, 5, "2026-11-20T18:00:00")
    settle()
    everything, _ = poll(me, "2000-01-01T00:00:00Z")
    assert len(everything) == 3
    future, _ = poll(me, "2999-01-01T00:00:00+00:00")
    assert future == []
    assert is_problem(me.get("/changes", params={"updated_since": "yesterday"}), 422,
                      "query.updated_since")


def test_another_lifters_changes_never_appear(api: Api) -> None:
    me, other = api.lifter("me"), api.lifter("other")
    other.log_set("barbell-back-squat", 140, 3, "2026-11-20T18:00:00")
    settle()
    assert poll(me, "2000-01-01T00:00:00Z")[0] == []
