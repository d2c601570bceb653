"""`spotter plan review` and the review in `plan explain`; `plan export` targets that cannot be
written; imported drills kept out of plans."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from spotter.cli.app import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def init(days: str = "mon,tue,thu,fri", goal: str = "hypertrophy", minutes: str = "75") -> None:
    r = run(
        "init", "--defaults", "--days", days, "--equipment", "full-gym", "--goal", goal,
        "--experience", "intermediate", "--minutes", minutes,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr


def test_plan_review_lists_the_fifteen_items_and_plan_explain_shows_them() -> None:
    init()
    made = run("plan", "new", "--template", "upper-lower-4", "--imported", "--format", "json")
    assert made.exit_code == 0, made.stderr
    saved = json.loads(made.stdout)
    assert saved["imported"] is True and len(saved["review"]["items"]) == 15
    roles = {x["exercise"]: x["role"] for p in saved["sessions"] for x in p["slots"]}
    assert roles["barbell-bench-press"] == "main" and roles["dumbbell-lateral-raise"] == "accessory"
    from spotter.config import resolve_settings
    from spotter.store.db import open_engine
    from spotter.store.uow import SqlUnitOfWork

    with SqlUnitOfWork(open_engine(resolve_settings(None).db_url)) as uow:
        stored = uow.plans.active()
    assert stored is not None and stored.imported  # the opt-in is saved with the plan
    r = run("plan", "review", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert [i["number"] for i in data["items"]] == list(range(1, 16))
    assert {i["status"] for i in data["items"]} <= {"passed", "failed", "not-applicable"}
    by = {i["number"]: i for i in data["items"]}
    # a hypertrophy plan: the strength item and the trunk item do not apply, and say why
    assert by[2]["status"] == "not-applicable" and "hypertrophy" in by[2]["reason"]
    assert by[12]["status"] == "not-applicable" and "hypertrophy" in by[12]["reason"]
    assert data["failed"] == [i["number"] for i in data["items"] if i["status"] == "failed"]
    assert data == saved["review"]  # the review of the saved plan is the one `plan new` showed
    # no log yet: loaded exercises start from a calibration set, never a guess
    assert "guess" not in json.dumps(by[15])
    explained = json.loads(run("plan", "explain", "--format", "json").stdout)
    assert explained["review"] == data and "rows" in explained
    text = run("plan", "explain")
    assert text.exit_code == 0
    assert "Coach's review" in text.stdout and "Main lifts first" in text.stdout


def test_a_review_without_a_plan_says_make_one() -> None:
    init()
    r = run("plan", "review")
    assert r.exit_code == 1 and "spotter plan new" in r.stderr


def test_plan_review_reviews_any_week_and_refuses_one_the_plan_does_not_have() -> None:
    init()
    assert run("plan", "new", "--template", "full-body-3").exit_code == 0
    peak = json.loads(run("plan", "review", "--format", "json").stdout)
    # six weeks, the last a deload: week 5 is the peak week the default reviews
    assert json.loads(run("plan", "review", "--week", "5", "--format", "json").stdout) == peak
    first = run("plan", "review", "--week", "1")
    assert first.exit_code == 0 and "(week 1)" in first.stdout
    deload = run("plan", "review", "-w", "6")
    assert deload.exit_code == 1 and "normal weeks (1, 2, 3, 4, 5)" in deload.stderr
    for bad in ("0", "7"):
        r = run("plan", "review", "--week", bad)
        assert r.exit_code == 1 and f"--week {bad}: the plan has weeks 1-6" in r.stderr


def test_plan_review_has_help_with_an_example() -> None:
    r = run("plan", "review", "--help")
    assert r.exit_code == 0 and "Example: spotter plan review" in r.stdout


def test_export_targets_that_cannot_be_written_are_refused_and_files_replaced_whole(
    tmp_path: Path,
) -> None:
    init()
    assert run("plan", "new", "--template", "full-body-3").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    r = run("plan", "export", "--ics", str(out))
    assert r.exit_code == 1 and "is a folder" in r.stderr
    missing = out / "nowhere" / "plan.md"
    r = run("plan", "export", "--markdown", str(missing))
    assert r.exit_code == 1 and "does not exist" in r.stderr
    assert not missing.parent.exists()
    # the second target is a folder: neither file is written
    ics = out / "plan.ics"
    assert run("plan", "export", "--ics", str(ics), "--markdown", str(out)).exit_code == 1
    assert list(out.iterdir()) == []
    md = out / "plan.md"
    md.write_text("old notes\n" * 1000)
    assert run("plan", "export", "--markdown", str(md)).exit_code == 0
    text = md.read_text()
    assert "old notes" not in text and text.count("\n## Week ") == 6
    assert "## Coach's review (peak week)" in text and "| 15 | Progression |" in text
    assert [p.name for p in out.iterdir()] == ["plan.md"]  # no temporary file left behind


DRILLS = [
    {
        "id": "Balance_Board", "name": "Balance Board", "force": "static", "level": "beginner",
        "mechanic": "compound", "equipment": "other", "primaryMuscles": ["calves"],
        "secondaryMuscles": ["hamstrings", "quadriceps"],
        "instructions": ["Place a balance board in front of you.", "Stand up on it."],
        "category": "strength", "images": [],
    },
    {
        "id": "Linear_3-Part_Start_Technique", "name": "Linear 3-Part Start Technique",
        "force": "push", "level": "beginner", "mechanic": "compound", "equipment": None,
        "primaryMuscles": ["hamstrings"], "secondaryMuscles": ["calves", "glutes"],
        "instructions": ["Begin in a split stance.", "Drive out explosively."],
        "category": "plyometrics", "images": [],
    },
    {
        "id": "Barbell_Squat_X", "name": "Barbell Full Squat", "force": "push",
        "level": "beginner", "mechanic": "compound", "equipment": "barbell",
        "primaryMuscles": ["quadriceps"], "secondaryMuscles": ["glutes"],
        "instructions": ["Set the bar on your back.", "Squat down and stand up."],
        "category": "strength", "images": [],
    },
]  # fmt: skip


def test_imported_drills_never_reach_a_plan_and_other_imports_only_on_opt_in(
    tmp_path: Path,
) -> None:
    from spotter.config import resolve_settings
    from spotter.services.catalog import load_catalog
    from spotter.services.planning import usable_facts

    f = tmp_path / "fedb.json"
    f.write_text(json.dumps(DRILLS))
    r = run("exercises", "import", "free-exercise-db", str(f), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["drills"] == 2
    cat = load_catalog(resolve_settings(None))
    board, start, squat = (
        "fedb-balance-board", "fedb-linear-3-part-start-technique", "fedb-barbell-squat-x",
    )  # fmt: skip
    assert {board, start, squat} <= {ex.slug for ex in cat}
    assert cat.get(board).facts.role == "drill" and cat.get(start).facts.role == "drill"
    assert cat.get(squat).facts.staple == 0
    default = usable_facts(cat)
    assert board not in default and start not in default and squat not in default
    opted = usable_facts(cat, imported=True)
    assert squat in opted and board not in opted and start not in opted
