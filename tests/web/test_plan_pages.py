"""Plan without a browser: a plan made from a template lands on the lifter's days, shows its
weeks, review and explanation, exports as a calendar, and only its owner can see or change it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages_kit import MONDAY, Person, Site, open_site


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, catalog: Any, _sqlite_template: Path
) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("plan"), catalog, _sqlite_template)


@pytest.fixture(scope="module")
def planner(site: Site) -> tuple[Person, int]:
    """A lifter (Mon, Wed, Fri) who made the full-body-3 template plan from Monday 16 November."""
    me = site.person("planner")
    r = me.form("/plan/new", {"source": "full-body-3", "start": MONDAY.isoformat()})
    assert r.status_code == 303, r.text
    found = re.fullmatch(r"/plan/(\d+)", r.headers["location"])
    assert found
    return me, int(found.group(1))


def day_headings(html: str) -> list[str]:
    return [" ".join(h.split()) for h in re.findall(r'<h3 id="day-[^"]+">([^<]+)', html)]


def test_a_template_plan_shows_this_weeks_sessions_on_the_lifters_days(
    planner: tuple[Person, int],
) -> None:
    me, plan_id = planner
    page = me.get("/plan")  # the active plan, in the week holding Wednesday 18 November
    assert page.status_code == 200
    days = day_headings(page.text)
    assert [d.split(":")[0] for d in days] == ["Mon 16 Nov 2026", "Wed 18 Nov 2026", "Fri 20 Nov 2026"]
    assert "Week 1 of 6" in page.text
    assert "Week 1 of 6" in me.get("/plan", params={"week": "²"}).text  # nonsense: this week
    week2 = me.get(f"/plan/{plan_id}", params={"week": "2"})
    assert [d.split(":")[0] for d in day_headings(week2.text)] == [
        "Mon 23 Nov 2026", "Wed 25 Nov 2026", "Fri 27 Nov 2026"
    ]


def test_the_peak_week_has_the_templates_sets_and_each_slot_its_load_rule(
    planner: tuple[Person, int],
) -> None:
    import yaml

    from spotter.planning.template_files import templates_dir

    me, plan_id = planner
    template = yaml.safe_load((templates_dir() / "full-body-3.yaml").read_text("utf-8"))
    html = me.get(f"/plan/{plan_id}", params={"week": "5"}).text  # week 5 of 6: the peak
    assert "Week 5 of 6 (peak week)" in html
    days = re.findall(r'<article class="day.*?</article>', html, re.S)
    assert len(days) == 3
    for day, session in zip(days, template["sessions"], strict=True):
        doses = re.findall(r'<span class="dose">(\d+) × (\d+(?:-\d+)?)</span>', day)
        assert [int(sets) for sets, _ in doses] == [slot["sets"] for slot in session["slots"]]
        rules = re.findall(r'load rule <abbr title="[^"]+">([a-z0-9-]+)</abbr>', day)
        roles = [slot["role"] for slot in session["slots"]]
        # an intermediate's barbell main lift progresses by RPE, everything else by double
        # progression (PLAN-RUBRIC / progression rules)
        expected = ["rpe" if role == "main" else "double" for role in roles]
        assert rules == expected
        assert day.count("RIR ") == len(roles)


def test_the_plan_page_carries_the_rubric_review_and_the_explanation(
    planner: tuple[Person, int],
) -> None:
    me, _ = planner
    html = me.get("/plan").text
    assert 'id="review"' in html and "Coach's review" in html
    review = html[html.index('id="review"'):html.index('id="explanation"')]
    assert len(re.findall(r"<li class=\"(passed|failed|not-applicable)\">", review)) >= 10
    explanation = html[html.index('id="explanation"'):]
    assert "Weekly sets per muscle group" in explanation and "Why each exercise" in explanation


def test_the_calendar_file_has_one_event_per_session_at_the_chosen_time(
    planner: tuple[Person, int],
) -> None:
    me, plan_id = planner
    r = me.get(f"/plan/{plan_id}/export.ics", params={"time": "07:30"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert "attachment" in r.headers["content-disposition"]
    assert r.text.count("BEGIN:VEVENT") == 6 * 3  # six weeks of three days
    assert "DTSTART:20261116T073000" in r.text and "DTSTART:20261218T073000" in r.text


def test_a_session_time_that_is_no_clock_time_is_refused_with_what_was_expected(
    planner: tuple[Person, int],
) -> None:
    me, plan_id = planner
    r = me.get(f"/plan/{plan_id}/export.ics", params={"time": "7pm"})
    assert r.status_code == 422
    text = html.unescape(r.text)
    assert "'7pm' is not a clock time" in text and "HH:MM" in text
    assert "BEGIN:VCALENDAR" not in r.text


def test_an_older_plan_can_be_made_active_again(site: Site) -> None:
    me = site.person("switcher")
    first = me.form("/plan/new", {"source": "gzclp", "start": MONDAY.isoformat()})
    second = me.form("/plan/new", {"source": "full-body-3", "start": MONDAY.isoformat()})
    first_id = first.headers["location"].rsplit("/", 1)[1]
    assert second.status_code == 303
    assert 'id="plan-active"' not in me.get(f"/plan/{first_id}").text
    r = me.form(f"/plan/{first_id}/activate", {})
    assert (r.status_code, r.headers["location"]) == (303, f"/plan/{first_id}")
    assert "GZCLP" in re.search(r"<h1>([^<]+)</h1>", me.get("/plan").text).group(1)  # type: ignore[union-attr]


def test_a_bad_form_says_what_is_wrong_and_saves_nothing(site: Site) -> None:
    me = site.person("careless")
    for data, said in (
        ({"source": "full-body-3", "start": "16/11/2026"}, "is not a date"),
        ({"source": "full-body-3", "weeks": "1"}, "weeks"),
        ({"source": "no-such-template"}, "unknown template"),
        ({"source": "x" * 500}, "unknown template"),
        ({"source": "full-body-3", "weeks": "9" * 40}, "weeks"),
        ({"source": "full-body-3", "weeks": "²"}, "not a whole number"),
        ({"source": "full-body-3", "start": "9999-12-27"}, "too far ahead"),
    ):
        r = me.form("/plan/new", data)
        assert r.status_code == 422 and said in r.text.lower(), data
    assert me.get("/plan/active").status_code == 404  # no plan was saved
    forged = me.form("/plan/new", {"source": "full-body-3"}, csrf=False)
    assert forged.status_code == 403
    assert me.get("/plan/active").status_code == 404


def test_another_lifters_plan_is_not_found_and_stays_as_it_was(
    site: Site, planner: tuple[Person, int]
) -> None:
    owner, plan_id = planner
    other = site.person("nosy")
    assert other.get(f"/plan/{plan_id}").status_code == 404
    assert other.get(f"/plan/{plan_id}/export.ics").status_code == 404
    assert other.form(f"/plan/{plan_id}/activate", {}).status_code == 404
    assert other.get("/plan/99999999999").status_code == 404  # past a 32-bit id
    assert other.get("/plan/²").status_code == 404
    assert 'id="plan-active"' in owner.get(f"/plan/{plan_id}").text


def test_plan_without_a_plan_offers_the_form_and_a_stranger_signs_in(site: Site) -> None:
    me = site.person("newcomer")
    page = me.get("/plan")
    assert page.status_code == 200 and 'action="/plan/new"' in page.text
    assert 'value="full-body-3"' in page.text and 'value="profile"' in page.text
    r = site.stranger().get("/plan")
    assert r.status_code == 303 and r.headers["location"].startswith("/signin?next=/plan")
    unprofiled = site.person("undecided", units=None)  # a plan is built for a profile
    for path in ("/plan", "/plan/new", "/progress"):
        r = unprofiled.get(path)
        assert (r.status_code, r.headers["location"]) == (303, "/onboarding"), path
