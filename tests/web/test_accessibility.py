"""Every main page on a phone passes axe-core with no serious or critical violation: each
control has a label, contrast is enough, landmarks and headings are in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import (
    LiveServer,
    account_of,
    assert_accessible,
    log_history,
    make_plan,
    new_phone,
    set_clock,
    signed_in,
)

pytestmark = pytest.mark.browser

MONDAY = dt.datetime(2026, 11, 16, 17, 0, tzinfo=dt.UTC)

#: The pages a signed-in lifter reaches from the navigation, and the ones on the way there.
LIFTER_PAGES = [
    "/today",
    "/today/done",
    "/onboarding",
    "/plan",
    "/learn",
    "/learn/barbell-bench-press",
    "/progress",
    "/history",
    "/import",
    "/form",
]


@pytest.fixture(scope="module")
def lifter_context(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A phone signed in as a lifter with last week's bench press and a plan from today."""
    context = new_phone(browser, live_server)
    set_clock(context, live_server, MONDAY)
    page = signed_in(context, live_server)
    account = account_of(page)
    log_history(
        live_server,
        account,
        [("barbell-bench-press", 80, 5, f"2026-11-09T18:0{i}:00+00:00") for i in range(3)],
    )
    make_plan(live_server, account, MONDAY.date())
    page.close()
    yield context
    context.close()


@pytest.mark.parametrize("path", LIFTER_PAGES)
def test_a_lifters_page_has_no_serious_accessibility_violation(
    lifter_context: Any, path: str
) -> None:
    page = lifter_context.new_page()
    try:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(page)
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                              && !el.getAttribute('aria-labelledby') && !(el.textContent || '').trim())
                .map(el => el.outerHTML.slice(0, 120))"""
        )
        assert unlabelled == [], f"{path}: controls without a label: {unlabelled}"
    finally:
        page.close()


def test_the_sign_in_and_registration_pages_have_no_serious_accessibility_violation(
    browser: Any, live_server: LiveServer
) -> None:
    context = new_phone(browser, live_server)
    try:
        page = context.new_page()
        for path in ("/signin", "/register"):
            page.goto(path)
            assert_accessible(page)
        page.get_by_role("button", name="Create account").click()  # the form with its errors
        assert_accessible(page)
    finally:
        context.close()


def test_the_coach_page_has_no_serious_accessibility_violation(
    browser: Any, live_server: LiveServer
) -> None:
    context = new_phone(browser, live_server)
    try:
        page = signed_in(context, live_server, role="coach")
        page.goto("/coach")
        assert_accessible(page)
    finally:
        context.close()
