"""History without a browser: training days newest first, a week of days per page, and a set's
load, reps and RPE edited, deleted and brought back, each checked against the log itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from pages_kit import Person, Site, open_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalog: Any) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("history"), catalog)


def day_ids(html: str) -> list[str]:
    """The training days a history page shows, in order (their ISO dates)."""
    return re.findall(r'<section class="card day" aria-labelledby="day-([0-9-]+)"', html)


def set_texts(html: str) -> list[str]:
    import html as htmllib

    return [htmllib.unescape(t) for t in re.findall(r'<span class="set-words">([^<]+)</span>', html)]


def sets_of(me: Person) -> list[dict[str, Any]]:
    r = me.get("/api/v1/users/me/log/sets", params={"limit": 200})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def test_history_shows_each_training_day_newest_first_with_the_sets_as_logged(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-back-squat", 100, 5, "2026-11-09T18:00:00")
    me.log_set("barbell-back-squat", 105, 5, "2026-11-09T18:06:00")
    me.log_set("barbell-bench-press", 80, 8, "2026-11-11T18:00:00")
    me.log_set("barbell-back-squat", 107.5, 3, "2026-11-13T18:00:00")
    r = me.get("/history")
    assert r.status_code == 200
    assert day_ids(r.text) == ["2026-11-13", "2026-11-11", "2026-11-09"]
    # newest day first, and within a day the order the sets were done in
    assert set_texts(r.text) == ["107.5 kg × 3", "80 kg × 8", "100 kg × 5", "105 kg × 5"]


def test_a_page_holds_seven_training_days_and_links_to_the_older_ones(site: Site) -> None:
    me = site.person()
    days = [f"2026-10-{d:02d}" for d in (1, 3, 6, 8, 10, 13, 15, 17, 20)]  # nine training days
    for i, day in enumerate(days):
        me.log_set("barbell-deadlift", 140 + i, 3, f"{day}T07:30:00")
    first = me.get("/history")
    assert day_ids(first.text) == list(reversed(days))[:7]
    older = re.search(r'href="/history\?before=([0-9-]+)" rel="next"', first.text)
    assert older is not None and older.group(1) == "2026-10-06"
    second = me.get("/history", params={"before": older.group(1)})
    assert day_ids(second.text) == ["2026-10-03", "2026-10-01"]
    assert set_texts(second.text) == ["141 kg × 3", "140 kg × 3"]
    assert 'rel="next"' not in second.text


def test_pounds_show_in_pounds_for_a_lifter_who_trains_in_pounds(site: Site) -> None:
    me = site.person(units="lb")
    me.log_set("barbell-bench-press", 225, 5, "2026-11-16T18:00:00")
    assert set_texts(me.get("/history").text) == ["225 lb × 5"]


def test_an_edit_changes_load_reps_and_rpe_in_the_log(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-back-squat", 100, 5, "2026-11-16T18:00:00")
    (s,) = sets_of(me)
    r = me.form(f"/history/sets/{s['uuid']}", {"load": "102.5", "reps": "4", "rpe": "8.5"})
    assert r.status_code == 303 and r.headers["location"].startswith("/history")
    (after,) = sets_of(me)
    assert (after["uuid"], after["load"], after["reps"], after["rpe"]) == (s["uuid"], 102.5, 4, 8.5)
    assert set_texts(me.get("/history").text) == ["102.5 kg × 4 @ RPE 8.5"]


def test_an_htmx_edit_answers_with_the_changed_row_alone(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-bench-press", 80, 8, "2026-11-16T18:00:00")
    (s,) = sets_of(me)
    r = me.client.post(
        f"/history/sets/{s['uuid']}",
        data={"load": "82.5", "reps": "8", "rpe": ""},
        headers={"HX-Request": "true", "X-CSRF-Token": me.csrf},
    )
    assert r.status_code == 200 and "<html" not in r.text
    assert r.text.lstrip().startswith(f'<li id="set-{s["uuid"]}"')
    assert set_texts(r.text) == ["82.5 kg × 8"]


def test_an_implausible_edit_says_why_and_changes_nothing(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-back-squat", 100, 5, "2026-11-16T18:00:00")
    (s,) = sets_of(me)
    r = me.form(f"/history/sets/{s['uuid']}", {"load": "100", "reps": "5", "rpe": "11"})
    assert r.status_code == 422
    assert "rpe 11 is outside the plausible range 1 to 10" in r.text
    r = me.form(f"/history/sets/{s['uuid']}", {"load": "heavy", "reps": "5", "rpe": ""})
    assert r.status_code == 422 and "load: &#39;heavy&#39; is not a number" in r.text
    (after,) = sets_of(me)
    assert (after["load"], after["reps"], after["rpe"]) == (100.0, 5, None)


def test_a_deleted_set_leaves_the_log_and_undo_brings_it_back(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-back-squat", 100, 5, "2026-11-16T18:00:00")
    me.log_set("barbell-back-squat", 110, 3, "2026-11-16T18:05:00")
    gone = next(s for s in sets_of(me) if s["load"] == 110.0)
    r = me.form(f"/history/sets/{gone['uuid']}/delete", {})
    assert r.status_code == 200 and "Deleted: Barbell Back Squat, 110 kg × 3" in r.text
    assert [s["load"] for s in sets_of(me)] == [100.0]
    assert set_texts(me.get("/history").text) == ["100 kg × 5"]
    r = me.form(f"/history/sets/{gone['uuid']}/restore", {})
    assert r.status_code == 303
    back = sorted(sets_of(me), key=lambda s: s["performed_at"])
    assert [(s["load"], s["reps"], s["performed_at"]) for s in back] == [
        (100.0, 5, "2026-11-16T18:00:00Z"),
        (110.0, 3, "2026-11-16T18:05:00Z"),
    ]


def test_a_change_without_the_forms_csrf_token_is_refused(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-back-squat", 100, 5, "2026-11-16T18:00:00")
    (s,) = sets_of(me)
    r = me.form(f"/history/sets/{s['uuid']}/delete", {}, csrf=False)
    assert r.status_code == 403
    assert len(sets_of(me)) == 1


def test_another_lifters_set_cannot_be_edited_or_deleted(site: Site) -> None:
    owner, other = site.person("owner"), site.person("other")
    owner.log_set("barbell-back-squat", 100, 5, "2026-11-16T18:00:00")
    (s,) = sets_of(owner)
    assert other.form(f"/history/sets/{s['uuid']}", {"load": "1", "reps": "1"}).status_code == 404
    assert other.form(f"/history/sets/{s['uuid']}/delete", {}).status_code == 404
    (after,) = sets_of(owner)
    assert (after["load"], after["reps"]) == (100.0, 5)


def test_history_needs_a_signed_in_user(site: Site) -> None:
    r = site.stranger().get("/history")
    assert r.status_code == 303 and r.headers["location"] == "/signin?next=/history"


def test_a_cursor_that_is_no_date_shows_the_newest_days_and_an_unchanged_form_is_no_error(
    site: Site,
) -> None:
    me = site.person()
    me.log_set("pull-up", None, 8, "2026-11-16T18:00:00")
    r = me.get("/history", params={"before": "yesterday"})
    assert r.status_code == 200 and day_ids(r.text) == ["2026-11-16"]
    assert set_texts(r.text) == ["bodyweight × 8"]
    (s,) = sets_of(me)
    r = me.form(f"/history/sets/{s['uuid']}", {"load": "0", "reps": "8", "rpe": ""})
    assert r.status_code == 303
    (after,) = sets_of(me)
    assert (after["load"], after["reps"], after["bodyweight"]) == (None, 8, True)
