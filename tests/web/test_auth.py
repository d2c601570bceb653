"""Signing in, registering and signing out from a phone; the pages' CSRF and content policy."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from helpers import PASSWORD, PROFILE, LiveServer, new_phone


@pytest.mark.browser
def test_a_visitor_is_sent_to_sign_in_and_then_to_the_page_they_asked_for(
    browser: Any, live_server: LiveServer
) -> None:
    account = live_server.register(profile=PROFILE)
    context = new_phone(browser, live_server)
    try:
        page = context.new_page()
        page.goto("/today")
        assert page.url.endswith("/signin?next=/today")
        page.get_by_label("Username").fill(account.username)
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        assert "wrong username or password" in page.get_by_role("alert").inner_text().lower()
        assert not [c for c in context.cookies() if c["name"] == "spotter_session"]
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/today")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Today")
    finally:
        context.close()


@pytest.mark.browser
def test_a_new_lifter_registers_with_the_phones_time_zone_and_signs_out(
    browser: Any, live_server: LiveServer
) -> None:
    context = new_phone(browser, live_server, timezone_id="Europe/Berlin")
    try:
        page = context.new_page()
        page.goto("/register")
        page.get_by_label("Username").fill("ana.web")
        page.get_by_label("Password").fill(PASSWORD)
        assert page.get_by_label("Time zone").input_value() == "Europe/Berlin"
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url("**/onboarding")
        with live_server.client() as c:
            r = c.post(
                "/api/v1/auth/login", json={"username": "ana.web", "password": PASSWORD}
            )
        assert r.json()["account"]["timezone"] == "Europe/Berlin"
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/signin")
        page.goto("/onboarding")
        assert "/signin?next=/onboarding" in page.url
    finally:
        context.close()


def test_a_taken_username_is_refused_on_the_form_with_the_reason(live_server: LiveServer) -> None:
    account = live_server.register()
    with httpx.Client(base_url=live_server.url) as c:
        r = c.post("/register", data={"username": account.username, "password": PASSWORD})
    assert r.status_code == 409
    assert f"the username {account.username!r} is taken".replace("'", "&#39;") in r.text


def test_a_form_post_without_the_sessions_csrf_token_changes_nothing(
    live_server: LiveServer,
) -> None:
    account = live_server.register()
    cookies = {"spotter_session": account.cookie}
    with httpx.Client(base_url=live_server.url, cookies=cookies) as c:
        refused = c.post("/signout", data={"csrf_token": "forged"})
        assert refused.status_code == 403
        assert c.get("/onboarding").status_code == 200  # still signed in
        done = c.post("/signout", data={"csrf_token": account.csrf})
        assert done.status_code == 303
        assert c.get("/onboarding").status_code == 303  # signed out: to the sign-in page


def test_pages_allow_only_this_sites_scripts_and_static_files_are_cached_long(
    live_server: LiveServer,
) -> None:
    with httpx.Client(base_url=live_server.url) as c:
        page = c.get("/signin")
        script = c.get("/static/app.js")
        worker = c.get("/sw.js")
    policy = page.headers["content-security-policy"]
    assert policy.startswith("default-src 'self';") and "unsafe-inline" not in policy
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # no inline script
    assert not re.search(r"\son[a-z]+=", page.text)  # no inline event handler
    assert "max-age=31536000" in script.headers["cache-control"]
    assert worker.headers["service-worker-allowed"] == "/"
    assert worker.headers["cache-control"] == "no-cache"
