"""Journey 6 in a phone's browser: after sets logged through the API, Progress draws the e1RM and
volume charts from the JSON API and shows the numbers a lifter can check by hand (Epley,
SCIENCE.md), the week's sets against the landmarks, recovery and the records."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: Wednesday 18 November 2026, noon UTC.
NOW = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.UTC)


def epley(load: float, reps: int) -> float:
    """SCIENCE.md: w * (1 + r/30)."""
    return load * (1 + reps / 30)


def test_progress_charts_and_numbers_follow_the_logged_sets(
    phone: Any, live_server: Any, signed_in: Callable[..., Any],
    assert_accessible: Callable[[Any], None],
) -> None:
    from helpers import account_of
    from playwright.sync_api import expect

    live_server.set_now(NOW)
    page = signed_in(phone, live_server)
    sets = [  # (exercise, kg, reps, when): past 10 reps the estimate is Epley's
        ("barbell-back-squat", 90, 12, "2026-11-02T18:00:00"),
        ("barbell-back-squat", 95, 12, "2026-11-09T18:00:00"),
        ("barbell-back-squat", 100, 12, "2026-11-16T18:00:00"),
        ("barbell-bench-press", 60, 8, "2026-11-18T10:00:00"),
        ("barbell-bench-press", 60, 8, "2026-11-18T10:05:00"),
    ]
    with live_server.client(account_of(page)) as api:
        for exercise, kg, reps, when in sets:
            r = api.post("/api/v1/users/me/log/sets", json={
                "uuid": str(uuid.uuid4()), "exercise": exercise, "load": kg, "reps": reps,
                "performed_at": when,
            })
            assert r.status_code == 201, r.text
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto("/progress?exercise=barbell-back-squat")
    expect(page.locator(".charts[data-drawn='2']")).to_be_attached()
    assert page.locator(".charts canvas").count() == 2
    page.get_by_text("The numbers by session").click()
    best = page.locator("#sessions tbody tr").first.locator("td").first
    expect(best).to_have_text(f"{epley(100, 12):g} kg")  # 140 kg
    assert page.locator("#sessions tbody tr").count() == 3
    squat = page.locator("#records tr[data-exercise='barbell-back-squat']")
    assert "140 kg" in squat.inner_text() and "100 kg" in squat.inner_text()
    # chest: two bench sets this week against MEV 10 (SCIENCE.md, Israetel 2017)
    chest = page.locator("#landmarks li[data-muscle='chest']").inner_text()
    assert "2 sets, below MEV" in chest and "MEV 10" in chest
    chest_recovery = float(page.locator("#rec-chest").get_attribute("value") or "100")
    assert chest_recovery < 90  # benched two hours ago
    assert_accessible(page)

    page.get_by_label("Exercise").select_option("barbell-bench-press")  # submits by itself
    expect(page.locator("#ex-title")).to_have_text("Barbell Bench Press")
    expect(page.locator(".charts[data-drawn='2']")).to_be_attached()
    assert not [p for p in problems if "Content Security Policy" in p], problems
