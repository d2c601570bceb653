"""History in a phone's browser: the sets logged show by day, one is edited in place (htmx),
another deleted and brought back with Undo, and the server's log agrees each time."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from helpers import LiveServer, account_of

pytestmark = pytest.mark.browser


def log(client: Any, exercise: str, load: float, reps: int, when: str) -> str:
    set_uuid = str(uuid.uuid4())
    r = client.post("/api/v1/users/me/log/sets", json={
        "uuid": set_uuid, "exercise": exercise, "load": load, "reps": reps, "performed_at": when})
    assert r.status_code == 201, r.text
    return set_uuid


def test_a_lifter_edits_deletes_and_restores_sets_from_the_history(
    phone: Any, live_server: LiveServer, signed_in: Any, assert_accessible: Any
) -> None:
    page = signed_in(phone, live_server)
    with live_server.client(account_of(page)) as api:
        squat = log(api, "barbell-back-squat", 100, 5, "2026-11-30T18:00:00")
        bench = log(api, "barbell-bench-press", 80, 8, "2026-12-02T18:00:00")
        page.goto("/history")
        days = page.locator("section.day h2")
        assert days.nth(0).inner_text().startswith("Wed 2 Dec 2026")
        assert days.nth(1).inner_text().startswith("Mon 30 Nov 2026")
        assert_accessible(page)

        row = page.locator(f"#set-{squat}")
        row.get_by_text("Edit").click()
        row.get_by_label("Load (kg)").fill("102.5")
        row.get_by_label("Reps").fill("4")
        row.get_by_role("button", name="Save").click()
        page.locator(f"#set-{squat} .ok").wait_for()
        assert page.locator(f"#set-{squat} .set-words").inner_text() == "102.5 kg × 4"
        stored = api.get(f"/api/v1/users/me/log/sets/{squat}").json()
        assert (stored["load"], stored["reps"]) == (102.5, 4)

        row = page.locator(f"#set-{bench}")
        row.get_by_text("Edit").click()
        row.get_by_role("button", name="Delete this set").click()
        page.get_by_text("Deleted: Barbell Bench Press, 80 kg × 8.").wait_for()
        assert [s["uuid"] for s in api.get("/api/v1/users/me/log/sets").json()["items"]] == [squat]
        page.get_by_role("button", name="Undo").click()
        page.get_by_text("Restored").wait_for()
        items = api.get("/api/v1/users/me/log/sets").json()["items"]
        assert sorted((s["exercise"], s["load"], s["reps"]) for s in items) == [
            ("barbell-back-squat", 102.5, 4),
            ("barbell-bench-press", 80.0, 8),
        ]
