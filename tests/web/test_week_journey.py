"""A whole week with only the phone app: a lifter registers, answers the profile questions, makes
an upper/lower plan, trains four sessions on four server dates (Thursday's with no signal), finds
the work in History and Progress, accepts a coach's invitation sent from the coach's phone, and
that coach sees the week; a coach they never linked sees nothing of it.

Independent values: the loads and reps typed on Today, the plan's sets as the API shows them,
the count of sets tapped."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers import (
    PASSWORD,
    Account,
    LiveServer,
    new_phone,
    set_clock,
    sets_on_server,
    wait_for_sets,
)

pytestmark = pytest.mark.browser

MONDAY = dt.date(2026, 11, 23)
#: The training days chosen at onboarding, and the four sessions of the week (18:00 UTC each).
DAYS = ("Mon", "Tue", "Thu", "Fri")
SESSIONS = [MONDAY + dt.timedelta(days=d) for d in (0, 1, 3, 4)]
#: Thursday's session is trained with no signal.
OFFLINE = SESSIONS[2]
#: The loads (kg) and reps typed for the three sets of each session's first exercise.
LOADS = (40.0, 42.5, 45.0)
REPS = 6


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def account_of_page(page: Any, username: str) -> Account:
    """The account a page registered through the web form is signed in as."""
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "spotter_session")
    csrf = page.locator('meta[name="csrf-token"]').get_attribute("content")
    user = page.locator("body").get_attribute("data-user")
    assert csrf and user
    return Account(username, user, "lifter", cookie, csrf)


def register_and_onboard(page: Any) -> None:
    page.goto("/register")
    page.get_by_label("Username").fill("week.lifter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/onboarding")
    page.get_by_text("Kilograms (kg)").click()
    page.get_by_text("Strength", exact=True).click()
    page.get_by_text("Intermediate", exact=True).click()
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        box = page.locator(f"input[name=training_days][value={day.lower()}]")
        if box.is_checked() != (day in DAYS):
            page.locator("label.choice", has=box).click()
        assert box.is_checked() == (day in DAYS)
    page.get_by_label("Minutes per session").fill("60")
    page.get_by_text("Full gym", exact=True).click()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/today")


def make_plan(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/plan")
    page.get_by_text("Upper/lower, 4 days").click()
    page.get_by_label("Start date").fill(MONDAY.isoformat())
    page.get_by_role("button", name="Make the plan").click()
    expect(page.locator("#plan-active")).to_be_visible(timeout=60_000)


def train(page: Any) -> str:
    """Log the three sets of Today's first exercise with the loads and reps above; its slug."""
    from playwright.sync_api import expect

    card = page.locator("section.exercise").first
    slug = card.get_attribute("data-exercise")
    assert slug
    for done, load in enumerate(LOADS, 1):
        card.locator("input[name=load]").fill(f"{load:g}")
        card.locator("input[name=reps]").fill(str(REPS))
        card.locator("button.log-set").click()
        expect(card.locator("li.set.done")).to_have_count(done)  # shown before the next one
    return slug


def test_a_week_of_training_from_the_phone_with_a_coach_following(
    browser: Any, live_server: LiveServer, assert_accessible: Any
) -> None:
    from playwright.sync_api import expect

    lifter_phone = new_phone(browser, live_server, timezone_id="UTC")
    coach_phone = new_phone(browser, live_server)
    stranger_phone = new_phone(browser, live_server)
    try:
        set_clock(lifter_phone, live_server, at(MONDAY, 7))
        page = lifter_phone.new_page()
        register_and_onboard(page)
        me = account_of_page(page, "week.lifter")
        make_plan(page)
        with live_server.client(me) as api:
            plan = api.get("/api/v1/users/me/plans/active", params={"week": 1}).json()
        planned = {s["date"]: sum(x["sets"] for x in s["slots"]) for s in plan["sessions"]}
        assert sorted(planned) == [d.isoformat() for d in SESSIONS]

        trained: dict[dt.date, str] = {}
        for n, day in enumerate(SESSIONS, 1):
            set_clock(lifter_phone, live_server, at(day, 18))
            page.goto("/today")
            if day == OFFLINE:
                page.wait_for_function(
                    "() => document.documentElement.dataset.offlineReady === 'true'"
                )
                lifter_phone.set_offline(True)
                page.reload()  # Today from the phone's own copy
                trained[day] = train(page)
                assert len(sets_on_server(live_server, me)) == 3 * (n - 1)  # all still waiting
                lifter_phone.set_offline(False)
                page.evaluate("window.dispatchEvent(new Event('online'))")
            else:
                trained[day] = train(page)
            found = wait_for_sets(live_server, me, 3 * n)
            assert len(found) == 3 * n
        logged = sets_on_server(live_server, me)
        assert [(s["performed_at"][:10], s["exercise"], s["load"], s["reps"]) for s in logged] == [
            (day.isoformat(), trained[day], load, REPS) for day in SESSIONS for load in LOADS
        ]

        page.goto("/history")
        assert page.locator("section.day").count() == 4
        friday = page.locator("section.day").first
        assert friday.locator("h2").inner_text().startswith("Fri 27 Nov 2026")
        assert [t.split(" @")[0] for t in friday.locator(".set-words").all_inner_texts()] == [
            f"{load:g} kg × {REPS}" for load in LOADS
        ]
        page.goto(f"/progress?exercise={trained[SESSIONS[-1]]}")
        for slug in set(trained.values()):
            row = page.locator(f"#records tr[data-exercise='{slug}']")
            expect(row).to_contain_text(f"{LOADS[-1]:g} kg")

        coach = live_server.register(role="coach")
        stranger = live_server.register(role="coach")
        for context, account in ((coach_phone, coach), (stranger_phone, stranger)):
            context.add_cookies(
                [{"name": "spotter_session", "value": account.cookie, "url": live_server.url}]
            )
        watching = coach_phone.new_page()
        watching.goto("/coach")
        watching.get_by_label("Their username").fill("week.lifter")
        watching.get_by_role("button", name="Send invitation").click()
        watching.locator("#invite-code").wait_for()
        page.goto("/coach")  # the lifter's side: their coaches and invitations
        page.get_by_role("button", name=f"Accept {coach.username}").click()
        page.get_by_role("heading", name="Following you").wait_for()
        assert_accessible(page)

        watching.goto("/coach")
        watching.get_by_role("link", name="week.lifter").click()
        summary = watching.locator("#week-summary").inner_text()
        assert summary == (
            f"4 of 4 planned sessions trained; {3 * len(SESSIONS)} working sets done of "
            f"{sum(planned.values())} planned."
        )
        for day in SESSIONS:
            row = watching.locator(f'tr[data-date="{day.isoformat()}"]')
            assert row.locator(".status").inner_text() == "done"
            assert row.locator(".done-sets").inner_text().startswith("3 sets")
        assert watching.locator(".recent li").count() == 3 * len(SESSIONS)

        looking = stranger_phone.new_page()
        response = looking.goto(f"/coach/{me.uuid}")
        assert response is not None and response.status == 404
        assert "week.lifter" not in looking.locator("main").inner_text()
        looking.goto("/coach")
        assert "week.lifter" not in looking.locator("main").inner_text()
    finally:
        for context in (lifter_phone, coach_phone, stranger_phone):
            context.close()
