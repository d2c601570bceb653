"""The coach view in a phone's browser: a linked coach opens their lifter, sees the sets logged
this week against the plan and leaves a comment the lifter can read; a coach the lifter never
linked gets a page that says nothing about the lifter."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from helpers import PROFILE, LiveServer, account_of

pytestmark = pytest.mark.browser

#: Wednesday 2 December 2026, 19:00 UTC: the server's clock in this test.
NOW = dt.datetime(2026, 12, 2, 19, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 30)


def test_a_linked_coach_follows_the_week_and_comments_and_a_stranger_sees_nothing(
    browser: Any, live_server: LiveServer, signed_in: Any, assert_accessible: Any
) -> None:
    from conftest import new_phone

    live_server.set_now(NOW)
    lifter = live_server.register(profile=PROFILE)
    coach_phone, stranger_phone = new_phone(browser, live_server), new_phone(browser, live_server)
    try:
        coach = signed_in(coach_phone, live_server, role="coach")
        stranger = signed_in(stranger_phone, live_server, role="coach")
        with live_server.client(lifter) as me, live_server.client(account_of(coach)) as c:
            r = me.post("/api/v1/users/me/plans", json={"template": "full-body-3", "start": MONDAY.isoformat()})
            assert r.status_code == 201, r.text
            for minute in (0, 4, 8, 12):
                r = me.post("/api/v1/users/me/log/sets", json={
                    "uuid": str(uuid.uuid4()), "exercise": "barbell-back-squat", "load": 100,
                    "reps": 5, "performed_at": f"{MONDAY}T18:{minute:02d}:00"})
                assert r.status_code == 201, r.text
            invite = c.post("/api/v1/coaching/invites", json={
                "username": lifter.username, "permissions": ["read_log", "comment"]})
            assert invite.status_code == 201, invite.text
            assert me.post("/api/v1/coaching/accept", json={"code": invite.json()["code"]}).status_code == 200

            coach.goto("/coach")
            assert_accessible(coach)
            coach.get_by_role("link", name=lifter.username).click()
            coach.get_by_role("heading", name=lifter.username).wait_for()
            monday = coach.locator(f'tr[data-date="{MONDAY}"]')
            assert monday.locator(".status").inner_text() == "done"
            assert monday.locator(".done-sets").inner_text().startswith("4 sets")
            assert coach.locator(f'tr[data-date="{MONDAY + dt.timedelta(days=2)}"] .status').inner_text() == "today"
            assert_accessible(coach)
            coach.get_by_role("textbox", name="Comment").fill("Solid depth on Monday.")
            coach.get_by_role("button", name="Add comment").click()
            coach.get_by_text("Solid depth on Monday.").wait_for()
            first = me.get("/api/v1/users/me/log/sets", params={"limit": 1}).json()["items"][0]
            said = me.get("/api/v1/users/me/comments", params={
                "target_kind": "set", "target_uuid": first["uuid"]}).json()
            assert [c["body"] for c in said] == ["Solid depth on Monday."]

        response = stranger.goto(f"/coach/{lifter.uuid}")
        assert response is not None and response.status == 404
        body = stranger.locator("main").inner_text()
        assert lifter.username not in body and "100 kg" not in body
    finally:
        coach_phone.close()
        stranger_phone.close()
