"""Going offline mid-session: Today opens without a connection, sets wait in the phone's outbox,
and reach the server exactly once when the connection is back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers import (
    PASSWORD,
    LiveServer,
    account_of,
    log_history,
    make_plan,
    new_phone,
    set_clock,
    sets_on_server,
    signed_in,
    wait_for_sets,
)

pytestmark = pytest.mark.browser

WEDNESDAY = dt.datetime(2026, 11, 18, 17, 30, tzinfo=dt.UTC)


def test_three_sets_logged_offline_reach_the_server_exactly_once_when_back_online(
    browser: Any, live_server: LiveServer
) -> None:
    context = new_phone(browser, live_server)
    try:
        set_clock(context, live_server, WEDNESDAY)
        page = signed_in(context, live_server)
        account = account_of(page)
        log_history(
            live_server,
            account,
            [("barbell-bench-press", 80, 5, f"2026-11-16T18:0{i}:00+00:00") for i in range(3)],
        )
        make_plan(live_server, account, WEDNESDAY.date() - dt.timedelta(days=2))
        page.goto("/today")
        page.wait_for_function("() => document.documentElement.dataset.offlineReady === 'true'")
        before = len(sets_on_server(live_server, account))
        cards = page.locator("section.exercise")
        slug = cards.first.get_attribute("data-exercise")
        assert slug

        context.set_offline(True)
        page.reload()  # Today from the phone's copy
        card = page.locator(f"#card-{slug}")
        for _ in range(3):
            if card.locator("input[name=load]").input_value() == "":  # a test set: choose a load
                card.locator("input[name=load]").fill("40")
            card.locator("button.log-set").click()
        outbox = page.locator("#outbox")
        assert "3 sets waiting to be sent" in outbox.inner_text()
        page.reload()  # still offline: the three sets are still shown and still waiting
        assert "3 sets waiting to be sent" in page.locator("#outbox").inner_text()
        assert page.locator(f"#card-{slug} li.set.done.waiting").count() == 3
        # Chromium's offline emulation can let a request through while it is being switched on
        # (the page then sees the failure and keeps the set): whatever reached the server is one
        # of the outbox's sets, under the same id, so sending it again cannot make a second.
        waiting_ids = set(
            page.evaluate(
                "() => JSON.parse(localStorage.getItem('spotter.outbox.' + document.body.dataset.user))"
                ".map(e => e.id)"
            )
        )
        assert len(waiting_ids) == 3
        leaked = {s["uuid"] for s in sets_on_server(live_server, account)[before:]}
        assert leaked <= waiting_ids

        # A reply lost on the way looks like this to the phone: the same write twice.
        page.evaluate(
            """() => {
                const key = 'spotter.outbox.' + document.body.dataset.user;
                const items = JSON.parse(localStorage.getItem(key));
                localStorage.setItem(key, JSON.stringify(items.concat([items[0]])));
            }"""
        )
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        after = wait_for_sets(live_server, account, before + 3)
        page.wait_for_function("() => window.Spotter.outbox.waiting() === 0")
        assert len(sets_on_server(live_server, account)) == before + 3
        new = after[before:]
        assert {s["exercise"] for s in new} == {slug}
        assert len({s["uuid"] for s in new}) == 3
        assert "waiting" not in page.locator("#outbox").inner_text()
    finally:
        context.close()


def test_a_set_logged_after_the_session_ended_waits_and_is_sent_after_signing_in_again(
    browser: Any, live_server: LiveServer
) -> None:
    context = new_phone(browser, live_server)
    try:
        set_clock(context, live_server, WEDNESDAY)
        page = signed_in(context, live_server)
        account = account_of(page)
        page.goto("/today")
        with live_server.client(account) as c:  # signed out elsewhere: this cookie is dead
            assert c.post("/api/v1/auth/logout").status_code == 204
        page.locator("#free-exercise").fill("bench press")
        page.locator("#free-load").fill("60")
        page.locator("#free-reps").fill("5")
        page.locator("#free-log button[type=submit]").click()
        again = page.get_by_role("link", name="Sign in again to send them")
        again.wait_for()
        assert "1 set waiting to be sent" in page.locator("#outbox").inner_text()
        again.click()
        page.get_by_label("Username").fill(account.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/today")
        page.wait_for_function("() => window.Spotter.outbox.waiting() === 0")
        sets = sets_on_server(live_server, live_server.login(account.username))
        assert [(s["exercise"], s["load"], s["reps"]) for s in sets] == [
            ("barbell-bench-press", 60, 5)
        ]
    finally:
        context.close()
