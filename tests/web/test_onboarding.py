"""Onboarding: the profile questions, each answer checked as it is given."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers import LiveServer, account_of, new_phone, signed_in


@pytest.mark.browser
def test_a_wrong_answer_is_flagged_at_once_and_the_profile_is_saved_with_the_bodyweight(
    browser: Any, live_server: LiveServer
) -> None:
    context = new_phone(browser, live_server)
    try:
        page = signed_in(context, live_server, profile=None)
        page.goto("/today")
        page.wait_for_url("**/onboarding")
        minutes = page.get_by_label("Minutes per session")
        message = page.locator("#minutes_per_session-error")
        minutes.fill("5")
        minutes.blur()
        page.wait_for_function(
            "() => document.getElementById('minutes_per_session-error').textContent.trim() !== ''"
        )
        assert message.inner_text() == "5 minutes is outside 10 to 240."  # the profile's range
        assert minutes.get_attribute("aria-invalid") == "true"
        minutes.fill("45")
        minutes.blur()
        page.wait_for_function(
            "() => document.getElementById('minutes_per_session-error').textContent.trim() === ''"
        )
        assert minutes.get_attribute("aria-invalid") is None

        page.locator("label.choice", has_text="Pounds (lb)").click()
        page.locator("label.choice", has_text="Strength").click()
        page.locator("label.choice", has_text="Intermediate").click()
        for day in ("Mon", "Wed", "Fri", "Tue", "Thu", "Sat"):  # untick the defaults, tick others
            page.locator("label.choice", has_text=day).click()
        page.locator("label.choice", has_text="Dumbbells at home").click()
        page.get_by_role("textbox", name="Bodyweight (optional)").fill("180")
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_url("**/today")

        with live_server.client(account_of(page)) as c:
            profile = c.get("/api/v1/users/me/profile").json()
            weights = c.get("/api/v1/users/me/bodyweight").json()["items"]
        assert profile["units"] == "lb" and profile["goal"] == "strength"
        assert profile["experience"] == "intermediate"
        assert profile["training_days"] == ["tue", "thu", "sat"]
        assert profile["minutes_per_session"] == 45
        # The home-dumbbells preset: dumbbells, an adjustable bench, a flat bench, a mat.
        assert profile["equipment"] == ["adjustable-bench", "bench", "dumbbell", "mat"]
        assert [(w["value"], w["unit"]) for w in weights] == [(180, "lb")]
    finally:
        context.close()


def read(form: dict[str, Any], catalog: Any) -> Any:
    from spotter.web.profile_form import read as read_form

    now = dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC)
    return read_form(form, catalog=catalog, today=now.date(), now=now)


GOOD = {
    "units": "kg",
    "goal": "hypertrophy",
    "experience": "novice",
    "training_days": ["mon", "thu"],
    "minutes_per_session": "60",
    "preset": "full-gym",
}


def test_every_wrong_answer_is_named_with_what_was_expected(catalog: Any) -> None:
    answers = read(
        {
            "units": "stone",
            "goal": "hypertrophy",
            "experience": "novice",
            "training_days": [],
            "minutes_per_session": "an hour",
            "preset": "custom",
            "equipment": ["barbel"],
            "bodyweight": "800",
        },
        catalog,
    )
    assert answers.profile is None
    assert answers.errors["units"] == "Choose one of: kg, lb."
    assert answers.errors["training_days"] == "Pick at least one training day."
    assert "whole number" in answers.errors["minutes_per_session"]
    assert "barbell" in answers.errors["equipment"]  # the nearest equipment is suggested
    # 800 kg is outside the plausible 25-300 kg (700 kg the hard limit).
    assert "25 to 300 kg" in answers.errors["bodyweight"]


def test_a_bodyweight_in_the_other_unit_and_a_custom_kit_are_taken(catalog: Any) -> None:
    answers = read(
        {**GOOD, "preset": "custom", "equipment": ["barbell", "plates"], "bodyweight": "176 lb"},
        catalog,
    )
    assert answers.errors == {}
    assert answers.profile is not None
    assert answers.profile.equipment == ("barbell", "plates")
    assert answers.profile.training_days == ("mon", "thu")
    assert answers.bodyweight == "176 lb"
