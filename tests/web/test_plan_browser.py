"""Journey 5 in a phone's browser: a lifter makes a plan from their profile, reads its weeks,
review and explanation, makes a template plan, exports a calendar and switches the active plan
back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: Wednesday 18 November 2026, 07:00 UTC: the plan starts on this week's Monday or later.
NOW = dt.datetime(2026, 11, 18, 7, 0, tzinfo=dt.UTC)


def test_a_lifter_makes_reads_exports_and_switches_plans(
    phone: Any, live_server: Any, signed_in: Callable[..., Any],
    assert_accessible: Callable[[Any], None],
) -> None:
    from playwright.sync_api import expect

    live_server.set_now(NOW)
    page = signed_in(phone, live_server)  # trains Mon, Wed, Fri
    page.goto("/plan")
    expect(page.locator("h1")).to_have_text("New plan")
    assert_accessible(page)
    assert page.get_by_label("My profile").is_checked()  # the planner is the default
    page.get_by_label("Start date").fill("2026-11-23")
    page.get_by_role("button", name="Make the plan").click()
    expect(page.locator("#plan-active")).to_be_visible(timeout=60_000)
    profile_plan = page.url
    assert page.locator("h1").inner_text().startswith("Strength, 3 days from 2026-11-23")
    days = page.locator("article.day h3").all_inner_texts()
    assert [d.split(":")[0] for d in days] == ["Mon 23 Nov 2026", "Wed 25 Nov 2026", "Fri 27 Nov 2026"]
    assert page.locator("#review li").count() >= 10 and page.locator("#explanation").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="New plan").click()
    page.get_by_text("Full body, 3 days").click()
    page.get_by_label("Start date").fill("2026-11-16")
    page.get_by_role("button", name="Make the plan").click()
    expect(page.locator("h1")).to_contain_text("Full body, 3 days")
    page.get_by_role("link", name="Week 6").click()
    expect(page.locator("#week-title")).to_have_text("Week 6 of 6 (deload)")
    page.get_by_label("Session time").fill("07:30")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to calendar (.ics)").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 18 and "DTSTART:20261116T073000" in ics

    page.goto(profile_plan)
    page.get_by_role("button", name="Make this plan active").click()
    expect(page.locator("#plan-active")).to_be_visible()
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Strength, 3 days")
