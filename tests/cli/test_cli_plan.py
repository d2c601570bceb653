"""`spotter plan`: new, show, explain, export and templates, and that a refusal saves nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def js(*args: str):  # type: ignore[no-untyped-def]
    r = run(*args, "--format", "json")
    assert r.exit_code == 0, r.stdout + r.stderr
    return json.loads(r.stdout)


def init(
    days: str = "mon,tue,thu,fri", equipment: str = "full-gym", goal: str = "hypertrophy"
) -> None:
    r = run(
        "init",
        "--defaults",
        "--days",
        days,
        "--equipment",
        equipment,
        "--goal",
        goal,
        "--experience",
        "intermediate",
        "--minutes",
        "75",
    )
    assert r.exit_code == 0, r.stderr


def plan_count() -> int:
    from spotter.config import resolve_settings
    from spotter.store.db import open_engine
    from spotter.store.uow import SqlUnitOfWork

    with SqlUnitOfWork(open_engine(resolve_settings(None).db_url)) as uow:
        return uow.plans.count()


def test_every_plan_command_has_help_with_an_example() -> None:
    for cmd in ("new", "show", "explain", "export", "templates"):
        r = run("plan", cmd, "--help")
        assert r.exit_code == 0
        assert "Example: spotter plan" in r.stdout


def test_plan_new_without_a_profile_says_run_init() -> None:
    r = run("plan", "new", "--template", "531")
    assert r.exit_code == 1
    assert "spotter init" in r.stderr


def test_templates_are_listed() -> None:
    data = js("plan", "templates")
    assert {t["name"] for t in data} == {
        "full-body-3",
        "upper-lower-4",
        "ppl-6",
        "gzclp",
        "531",
        "back-and-posture",
    }
    r = run("plan", "templates")
    assert r.exit_code == 0 and "back-and-posture" in r.stdout


def test_a_template_plan_is_saved_shown_explained_and_exported(tmp_path: Path) -> None:
    init()
    plan = js("plan", "new", "--template", "upper-lower-4", "--start", "2026-11-30", "--weeks", "5")
    assert plan["template"] == "upper-lower-4" and plan["weeks"] == 5
    assert len(plan["sessions"]) == 4 * 5
    assert plan["sessions"][0]["date"] == "2026-11-30" and plan["sessions"][0]["name"] == "Upper A"
    assert plan["warnings"] == []  # written in role slots, it passes every planner check
    week2 = js("plan", "show", "--week", "2")
    assert week2["week"] == 2 and [s["day"] for s in week2["sessions"]] == [
        "mon",
        "tue",
        "thu",
        "fri",
    ]
    assert week2["sessions"][0]["slots"][0]["exercise"] == "barbell-bench-press"
    text = run("plan", "show", "--week", "5")
    assert text.exit_code == 0 and "deload" in text.stdout
    assert run("plan", "show", "--week", "9").exit_code == 1
    why = js("plan", "explain")
    rows = {r["row"]: r for r in why["rows"]}
    assert rows["glutes"]["status"] == "in"  # squats and hinges count glutes; under MRV
    assert {p["plane"] for p in why["planes"]} == {"horizontal", "vertical"}
    assert run("plan", "explain").exit_code == 0
    ics, md = tmp_path / "plan.ics", tmp_path / "plan.md"
    r = run("plan", "export", "--ics", str(ics), "--markdown", str(md), "--time", "07:30")
    assert r.exit_code == 0, r.stderr
    raw = ics.read_bytes()
    assert raw.count(b"BEGIN:VEVENT") == 20
    starts = re.findall(rb"DTSTART:(\d{8})T073000", raw)
    days = {dt.datetime.strptime(d.decode(), "%Y%m%d").strftime("%a").lower() for d in starts}
    assert len(starts) == 20 and days == {"mon", "tue", "thu", "fri"}
    assert md.read_text().count("\n## Week ") == 5


def test_an_unknown_template_lists_the_known_ones_and_saves_nothing() -> None:
    init()
    r = run("plan", "new", "--template", "starting-strength")
    assert r.exit_code == 1
    assert (
        "known templates: 531, back-and-posture, full-body-3, gzclp, ppl-6, upper-lower-4"
        in r.stderr
    )
    assert plan_count() == 0


def test_too_few_days_for_a_template_is_explained() -> None:
    init(days="mon,wed,fri")
    r = run("plan", "new", "--template", "ppl-6")
    assert r.exit_code == 1
    assert "needs 6 training days" in r.stderr and "spotter init --days" in r.stderr
    assert plan_count() == 0


def test_equipment_that_excludes_every_back_exercise_fails_and_keeps_the_old_plan() -> None:
    init()
    assert run("plan", "new", "--template", "531").exit_code == 0
    before = js("plan", "show", "--week", "1")
    init(equipment="bodyweight")
    r = run("plan", "new")
    assert r.exit_code == 1
    assert "no plan meets this request" in r.stderr
    assert "back must be worked by 2+ different exercises" in r.stderr and "Try:" in r.stderr
    assert plan_count() == 1
    # the saved plan is unchanged (each exercise's role is read against the current profile's
    # equipment, so it is left out of the comparison)
    assert _without_roles(js("plan", "show", "--week", "1")) == _without_roles(before)


def _without_roles(shown: object) -> object:
    if isinstance(shown, dict):
        return {k: _without_roles(v) for k, v in shown.items() if k != "role"}
    if isinstance(shown, list):
        return [_without_roles(v) for v in shown]
    return shown


def test_export_needs_a_target_and_a_plan(tmp_path: Path) -> None:
    init()
    assert "no plan yet" in run("plan", "export", "--ics", str(tmp_path / "x.ics")).stderr
    assert run("plan", "new", "--template", "full-body-3").exit_code == 0
    assert run("plan", "export").exit_code == 1
    assert run("plan", "export", "--ics", str(tmp_path / "x.ics"), "--time", "25:00").exit_code == 1
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.slow
def test_an_optimised_plan_from_the_profile() -> None:
    init(days="mon,wed,fri", goal="general")
    plan = js(
        "plan",
        "new",
        "--weeks",
        "4",
        "--emphasis",
        "back",
        "--favourite",
        "stepback-pulldown",
        "--start",
        "2026-11-30",
    )
    assert plan["template"] is None and plan["emphasis"] == ["back"]
    assert plan["favourites"] == ["stepback-pulldown"]
    assert {s["day"] for s in plan["sessions"]} <= {"mon", "wed", "fri"}
    assert len(plan["sessions"]) % 4 == 0


def test_planning_wishes_recorded_by_init_apply_unless_plan_new_overrides_them() -> None:
    r = run(
        "init",
        "--defaults",
        "--days",
        "mon,wed,fri",
        "--emphasis",
        "lats,rear-delts",
        "--avoid",
        "back squat",
        "--favourites",
        "stepback pulldown",
    )
    assert r.exit_code == 0, r.stderr
    profile = js("profile")
    # muscles map to their landmarks rows; names resolve to catalog slugs
    assert profile["emphasis"] == ["back", "rear delts"]
    assert profile["avoid"] == ["barbell-back-squat"]
    assert profile["favourites"] == ["stepback-pulldown"]
    plan = js("plan", "new", "--template", "full-body-3", "--start", "2026-11-30")
    assert plan["emphasis"] == ["back", "rear delts"]
    assert plan["avoid"] == ["barbell-back-squat"]
    assert "barbell-back-squat" not in {
        slot["exercise"] for s in plan["sessions"] for slot in s["slots"]
    }
    plan = js("plan", "new", "--template", "full-body-3", "--emphasis", "chest", "--avoid", "")
    assert plan["emphasis"] == ["chest"] and plan["avoid"] == []


def test_an_unknown_emphasis_in_init_is_refused_and_the_old_profile_kept() -> None:
    init()
    r = run("init", "--defaults", "--emphasis", "wings")
    assert r.exit_code == 1
    assert "wings" in r.stderr and "back" in r.stderr
    assert js("profile")["goal"] == "hypertrophy"


@pytest.mark.parametrize(
    ("template", "lifter"),
    [
        ("gzclp", ("strength", "novice", "mon,tue,thu,fri", "60")),
        ("531", ("strength", "intermediate", "mon,tue,thu,fri", "60")),
    ],
)
def test_a_program_template_on_its_own_lifter_shows_the_review_passed(
    template: str, lifter: tuple[str, str, str, str]
) -> None:
    goal, experience, days, minutes = lifter
    r = run(
        "init", "--defaults", "--days", days, "--equipment", "full-gym", "--goal", goal,
        "--experience", experience, "--minutes", minutes,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    made = run("plan", "new", "--template", template)
    assert made.exit_code == 0, made.stderr
    # a strength plan: the trunk item does not apply, the other fourteen pass
    assert "Coach's review: passes all 14 items that apply." in made.stdout
    explained = js("plan", "explain")
    assert explained["review"]["passed"] is True and explained["review"]["failed"] == []
    statuses = {i["number"]: i["status"] for i in explained["review"]["items"]}
    assert statuses[2] == "passed" and statuses[12] == "not-applicable"
    assert "passes every item" in run("plan", "explain").stdout
