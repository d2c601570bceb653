"""The fast path of `log`, `next`, `today`, `exercises show` and `plan new` (spotter.cli.fast).

It must read a command line exactly as Click does and print exactly what the Typer command
prints; every line it does not fully understand (help, a usage error) must go to Typer untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from typer.testing import CliRunner

from spotter.cli.app import COMMANDS, app
from spotter.cli.fast import SPECS, Spec, run_fast
from spotter.cli.lazy import build_command
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

runner = CliRunner()


def _click_command(name: str) -> click.Command:
    top, _, sub = name.partition(" ")
    command = build_command(top, COMMANDS[top])
    if sub:
        assert isinstance(command, click.Group)
        command = command.commands[sub]
    return command


def _spec_of(command: click.Command) -> Spec:
    """What Click declares, in the fast parser's terms (its own --help left out)."""
    arguments = tuple(
        (str(p.name), p.required) for p in command.params if isinstance(p, click.Argument)
    )
    options: dict[str, tuple[str, object]] = {}
    for p in command.params:
        if not isinstance(p, click.Option) or p.name == "help":
            continue
        assert not p.secondary_opts and p.nargs == 1, p.name
        if p.is_flag:
            kind: object = "flag"
        elif isinstance(p.type, click.Choice):
            kind = tuple(str(c) for c in p.type.choices)
        elif p.multiple:
            assert isinstance(p.type, click.types.StringParamType), p.name
            kind = "many"
        elif isinstance(p.type, click.types.IntParamType):
            kind = "int"
        else:
            assert isinstance(p.type, click.types.StringParamType), p.name
            kind = "value"
        for spelling in p.opts:
            options[spelling] = (str(p.name), kind)
    return Spec(arguments, options)


@pytest.mark.parametrize("name", list(SPECS))
def test_the_fast_parser_knows_each_option_exactly_as_click_declares_it(name: str) -> None:
    assert _spec_of(_click_command(name)) == SPECS[name]


def test_the_root_db_option_takes_a_value_as_the_fast_path_reads_it() -> None:
    import typer.main

    root = typer.main.get_command(app)
    (db,) = [p for p in root.params if p.name == "db"]
    assert isinstance(db, click.Option) and db.opts == ["--db"] and not db.is_flag


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile, a two-day plan and one bench session, written through the Typer app."""
    base = tmp_path_factory.mktemp("fast")
    db = base / "seeded.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPOTTER_DATA_DIR", str(base / "data"))
        mp.setenv("SPOTTER_CACHE_DIR", str(base / "cache"))
        init = ["init", "--units", "kg", "--goal", "hypertrophy", "--experience", "novice",
                "--days", "mon,thu", "--minutes", "60", "--equipment", "full-gym", "--defaults"]
        r = runner.invoke(app, ["--db", str(db), *init], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        week = WeekPlan(
            (
                Session("mon", (Slot("barbell-bench-press", 3, 3, 5, 2, 180),)),
                Session("thu", (Slot("barbell-back-squat", 3, 3, 5, 2, 180),)),
            )
        )
        plan = StoredPlan(0, "Two days", None, dt.datetime(2026, 11, 1, 9), dt.date(2026, 11, 2),
                          True, Mesocycle((week, week)), (("Upper", "Lower"),) * 2)
        engine = open_engine(f"sqlite:///{db}")
        with SqlUnitOfWork(engine) as uow:
            uow.plans.add(plan)
            uow.commit()
        engine.dispose()
        line = ["--db", str(db), "log", "bench 100kg 3x5 @8", "--date", "2026-11-02 18:00"]
        assert runner.invoke(app, line, catch_exceptions=False).exit_code == 0
    return db


def _both(seeded: Path, tmp_path: Path, args: list[str]) -> tuple[tuple[int, str, str], ...]:
    """(exit code, stdout, stderr) of ``args`` through Typer and through the fast path, each on
    its own copy of the seeded database."""
    results = []
    for way in ("typer", "fast"):
        db = tmp_path / f"{way}.db"
        shutil.copyfile(seeded, db)
        line = ["--db", str(db), *args]
        if way == "typer":
            r = runner.invoke(app, line, catch_exceptions=False)
            results.append((r.exit_code, r.stdout, r.stderr))
        else:
            with runner.isolation() as (out, err, _):
                code = run_fast(line, env={})
                sys.stdout.flush()
                sys.stderr.flush()
            assert code is not None, f"the fast path refused {args}"
            results.append((code, out.getvalue().decode(), err.getvalue().decode()))
    return tuple(results)


LINES = [
    ["next", "bench-press"],
    ["next", "-fjson", "bench press"],
    ["next", "--format=json", "barbell-bench-press"],
    ["next", "no such lift"],
    ["today", "--date", "2026-11-09"],
    ["today", "-d2026-11-09", "--format", "json"],
    ["today", "--date", "2026-13-01"],
    ["exercises", "show", "stepback-pulldown"],
    ["exercises", "show", "-f", "markdown", "barbell-bench-press"],
    ["exercises", "show", "--format", "json", "stepback-pulldown"],
    ["exercises", "show", "unicorn-press"],
    ["log", "bench 102.5kg 5,5,4 @9", "--date", "2026-11-09 18:00"],
    ["log", "--note", "paused", "-u", "lb", "squat 3x5 225", "-d", "2026-11-05"],
    ["log", "--undo"],
    ["log"],
    ["log", "squat 3x5 100kg", "--uuid", "not-a-uuid"],
    ["log", "squat 3x5 900kg", "--date", "2026-11-05"],
    ["plan", "new", "--template", "full-body-3", "--start", "2026-11-30", "--format", "json"],
    ["plan", "new", "-t", "upper-lower-4", "-w", "5", "--start=2026-11-30"],
    ["plan", "new", "-t", "full-body-3", "--start", "2026-11-30", "--emphasis", "back",
     "--emphasis", "calves", "--avoid", "barbell-back-squat,leg-press", "--favourite",
     "stepback-pulldown", "-fjson"],
    ["plan", "new", "--template", "no-such-template"],
    ["plan", "new", "--start", "2026-13-01"],
    ["plan", "new", "--weeks", "1", "--start", "2026-11-30"],
]


@pytest.mark.parametrize("args", LINES, ids=[" ".join(a) for a in LINES])
def test_the_fast_path_prints_and_exits_exactly_as_the_typer_command(
    seeded: Path, tmp_path: Path, args: list[str]
) -> None:
    typer_result, fast_result = _both(seeded, tmp_path, args)
    # the one field that reads the clock: the two runs are a moment apart
    typer_result, fast_result = (
        (code, re.sub(r'"recovery_at": "[^"]*"', "", out), err)
        for code, out, err in (typer_result, fast_result)
    )
    assert fast_result == typer_result


REFUSED = [
    ["next", "--help"],
    ["next"],
    ["next", "a", "b"],
    ["next", "--format", "xml", "bench-press"],
    ["next", "-h", "bench-press"],
    ["log", "--undo=yes"],
    ["log", "--date"],
    ["log", "--", "-20kg assisted pull-up 3x8"],
    ["today", "--format", "JSON"],
    ["exercises", "search", "row"],
    ["exercises", "--format", "json", "show", "x"],
    ["plan", "new", "--weeks", "four"],
    ["plan", "new", "--emphasis"],
    ["plan", "new", "--help"],
    ["plan", "show"],
    ["plan"],
    ["--version"],
    ["--db"],
    ["history"],
    [],
]


@pytest.mark.parametrize("args", REFUSED, ids=[" ".join(a) or "(none)" for a in REFUSED])
def test_help_usage_errors_and_other_commands_are_left_to_typer(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_fast(args, env={}) is None
    assert capsys.readouterr() == ("", "")


def test_a_shell_completion_request_is_left_to_typer() -> None:
    assert run_fast(["next", "bench-press"], env={"_SPOTTER_COMPLETE": "bash_complete"}) is None


def test_a_usage_error_reads_the_same_as_before_the_fast_path() -> None:
    r = runner.invoke(app, ["next", "--format", "xml", "bench-press"])
    assert r.exit_code == 2
    assert "Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json'." in r.stderr


def test_the_everyday_commands_import_neither_typer_click_nor_sqlalchemy(seeded: Path) -> None:
    heavy = ("typer", "click", "sqlalchemy", "alembic", "numpy", "scipy", "pandas", "ortools")
    code = (
        "import sys, runpy\n"
        "sys.argv = ['spotter', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('spotter.cli', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})), file=sys.stderr)\n"
    )
    env = {**os.environ, "SPOTTER_DB": str(seeded), "COLUMNS": "100"}
    for args in (["next", "bench-press"], ["today", "--date", "2026-11-09"],
                 ["exercises", "show", "stepback-pulldown"], ["log", "--undo"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip().splitlines()[-1] == "[]", (args, done.stderr)


def test_plan_new_imports_no_typer_click_sqlalchemy_or_numpy_and_saves_what_plan_show_reads(
    seeded: Path, tmp_path: Path
) -> None:
    db = tmp_path / "plan.db"
    shutil.copyfile(seeded, db)
    code = (
        "import sys, runpy\n"
        "sys.argv = ['spotter', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('spotter.cli', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "heavy = {'typer', 'click', 'sqlalchemy', 'alembic', 'pandas', 'numpy'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), file=sys.stderr)\n"
    )
    args = ["--db", str(db), "plan", "new", "--start", "2026-11-30", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
    saved = json.loads(done.stdout)
    # read back through the SQLAlchemy store (Typer's `plan show`): the same plan, active
    shown = runner.invoke(app, ["--db", str(db), "plan", "show", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    again = json.loads(shown.stdout)
    assert again["plan"] == saved["name"] == "Hypertrophy, 2 days from 2026-11-30"
    assert again["sessions"] == [s for s in saved["sessions"] if s["week"] == again["week"]]
    engine = open_engine(f"sqlite:///{db}")
    with SqlUnitOfWork(engine) as uow:
        plans = uow.plans.all()
    engine.dispose()
    assert [p.active for p in plans] == [False, True]  # the seeded plan is no longer active
    assert plans[1].start_date == dt.date(2026, 11, 30) and plans[1].weeks == saved["weeks"]


def test_a_reader_that_goes_away_ends_the_command_quietly_with_exit_1(seeded: Path) -> None:
    env = {**os.environ, "SPOTTER_DB": str(seeded), "COLUMNS": "100"}
    run = subprocess.Popen(
        [sys.executable, "-m", "spotter.cli", "exercises", "show", "stepback-pulldown"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # as `| head -0` would
    error = run.stderr.read().decode()
    assert run.wait() == 1
    assert "Traceback" not in error and "BrokenPipe" not in error
