"""The commands as a person uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spotter.cli.app import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_show_renders_the_seed_sections() -> None:
    r = run("exercises", "show", "stepback-pulldown")
    assert r.exit_code == 0
    for section in (
        "Primary muscles",
        "Equipment",
        "Setup",
        "Execution",
        "Breathe",
        "Tempo",
        "Tips and tricks",
        "Common mistakes",
        "Variations",
        "Alternatives",
    ):
        assert section in r.stdout, section


def test_show_as_json_and_markdown() -> None:
    data = json.loads(run("exercises", "show", "stepback-pulldown", "--format", "json").stdout)
    assert data["primary_muscles"] == ["lats", "rhomboids", "rear-delts"]
    assert data["tempo"] == "3-0-2-1"
    assert [s["phase"] for s in data["steps"]][-3:] == ["concentric", "pause", "eccentric"]
    md = run("exercises", "show", "stepback-pulldown", "--format", "markdown").stdout
    assert md.startswith("# Stepback Pulldown")
    assert "## Common mistakes" in md and "## Alternatives" in md


def test_an_unknown_slug_exits_non_zero_and_suggests() -> None:
    r = run("exercises", "show", "stepback-pulldwn")
    assert r.exit_code == 1
    assert "stepback-pulldown" in r.stderr


def test_search_finds_pulldowns_and_speaks_json() -> None:
    r = run("exercises", "search", "lat pull down", "--format", "json")
    found = [e["slug"] for e in json.loads(r.stdout)]
    assert "seated-lat-pulldown" in found and "stepback-pulldown" in found


def test_search_with_filters_only() -> None:
    r = run("exercises", "search", "--muscle", "lats", "--equipment", "cable", "--format", "json")
    data = json.loads(r.stdout)
    assert data and all("lats" in e["primary_muscles"] + e["secondary_muscles"] for e in data)


def test_list_prints_a_table_and_markdown() -> None:
    r = run("exercises", "list", "--pattern", "carry")
    assert r.exit_code == 0 and "Farmer" in r.stdout
    md = run("exercises", "list", "--format", "markdown").stdout
    assert md.count("\n") >= 151  # header, rule and one row per exercise


def test_a_bad_filter_value_is_a_clear_error() -> None:
    r = run("exercises", "list", "--muscle", "latz")
    assert r.exit_code == 1
    assert "unknown muscle 'latz'" in r.stderr and "lats" in r.stderr


def test_alternatives_use_the_profile_equipment_after_init() -> None:
    r = run("init", "--defaults", "--equipment", "bodyweight,pull-up-bar,band")
    assert r.exit_code == 0, r.stdout
    r = run("exercises", "alternatives", "seated-lat-pulldown", "--format", "json")
    alts = json.loads(r.stdout)
    assert alts
    allowed = {"mat", "pull-up-bar", "band", "mini-band"}
    assert all(set(a["equipment"]) <= allowed for a in alts)
    assert alts[0]["slug"] in {
        "pull-up",
        "chin-up",
        "neutral-grip-pull-up",
        "band-lat-pulldown",
        "band-assisted-pull-up",
    }


def test_alternatives_with_equipment_given() -> None:
    r = run(
        "exercises",
        "alternatives",
        "barbell-bench-press",
        "--equipment",
        "home-dumbbells",
        "--format",
        "json",
    )
    alts = [a["slug"] for a in json.loads(r.stdout)]
    assert "dumbbell-bench-press" in alts[:3]


def test_lint_of_the_catalog_passes_and_the_mixed_seed_fails() -> None:
    assert run("exercises", "lint").exit_code == 0
    r = run("exercises", "lint", str(FIXTURES / "seed-mixed-pulldown.yaml"))
    assert r.exit_code == 1
    assert "[position]" in r.stdout and "[equipment]" in r.stdout and "[bar-handles]" in r.stdout


def test_draft_then_add_then_show(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Kneeling Cable Crunch Hold\n\n"
        "The Kneeling Cable Crunch Hold is an isolation exercise that primarily targets the abs. "
        "It also engages the obliques. You'll need a cable machine with a rope attachment. "
        "Grasp the rope and kneel facing the cable machine. "
        "Pull the rope down towards your knees by curling your spine, exhaling. "
        "Pause briefly at the bottom, and then slowly return, inhaling. "
        "Keep your hips still. Focus on your abs. Avoid pulling with your arms or bobbing your hips.\n"
    )
    out = tmp_path / "kneeling-cable-crunch-hold.yaml"
    r = run("exercises", "draft", str(page), "-o", str(out))
    assert r.exit_code == 0, r.stdout
    assert out.exists() and "Wrote draft" in r.stdout
    r = run("exercises", "add", str(out))
    assert r.exit_code == 0, r.stdout + r.stderr
    r = run("exercises", "show", "kneeling-cable-crunch-hold", "--format", "json")
    assert json.loads(r.stdout)["source"] == "user"
    # adding again without --replace is refused
    r = run("exercises", "add", str(out))
    assert r.exit_code == 1 and "--replace" in r.stderr


def test_add_refuses_an_invalid_entry_and_writes_nothing(
    isolated_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "seed-mixed-pulldown.yaml"
    shutil.copy(FIXTURES / "seed-mixed-pulldown.yaml", bad)
    r = run("exercises", "add", str(bad))
    assert r.exit_code == 1
    assert "thigh pad" in r.stderr
    assert not (isolated_home / "data" / "exercises" / "seed-mixed-pulldown.yaml").exists()


def test_add_never_overwrites_a_builtin(tmp_path: Path) -> None:
    src = (
        Path(__file__).resolve().parents[2]
        / "src/spotter/knowledge/data/exercises/stepback-pulldown.yaml"
    )
    copy = tmp_path / "stepback-pulldown.yaml"
    shutil.copy(src, copy)
    r = run("exercises", "add", str(copy))
    assert r.exit_code == 1 and "built-in" in r.stderr


def test_init_records_the_profile_and_rejects_bad_values(isolated_home: Path) -> None:
    r = run(
        "init",
        "--units",
        "lb",
        "--goal",
        "strength",
        "--experience",
        "advanced",
        "--days",
        "mon,thu,sat",
        "--minutes",
        "75",
        "--equipment",
        "home-dumbbells",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stdout
    data = json.loads(r.stdout)
    assert data["units"] == "lb" and data["training_days"] == ["mon", "thu", "sat"]
    assert (isolated_home / "data" / "spotter.db").exists()
    shown = json.loads(run("profile", "--format", "json").stdout)
    assert shown == data
    r = run("init", "--defaults", "--goal", "bulk")
    assert r.exit_code == 1 and "goal" in r.stderr
    assert json.loads(run("profile", "--format", "json").stdout) == data  # unchanged


def test_db_option_and_environment_choose_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "custom.db"
    assert run("--db", str(db), "init", "--defaults").exit_code == 0
    assert db.exists()
    other = tmp_path / "env.db"
    monkeypatch.setenv("SPOTTER_DB", f"sqlite:///{other}")
    assert run("init", "--defaults").exit_code == 0
    assert other.exists()


def test_db_in_an_impossible_place_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("")
    r = run("--db", str(blocker / "x.db"), "init", "--defaults")
    assert r.exit_code == 1 and "not a writable directory" in r.stderr


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    import click
    import typer.main

    click_group = typer.main.get_command(group)
    ctx = click.Context(click_group)
    assert isinstance(click_group, click.Group)
    for name in click_group.list_commands(ctx):
        cmd = click_group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            for sub_name in cmd.list_commands(ctx):
                yield (*prefix, name, sub_name), cmd.get_command(ctx, sub_name)
        else:
            yield (*prefix, name), cmd


def test_every_command_has_help_with_an_example() -> None:
    commands = list(_commands(app))
    assert len(commands) > 35  # every command is found, though each loads only when it runs
    missing = [" ".join(path) for path, cmd in commands if "Example" not in (cmd.help or "")]
    assert missing == []


SUMMARY_KEYS = [
    "slug", "name", "pattern", "primary_muscles", "secondary_muscles", "equipment", "level",
    "mechanic", "source",
]


def test_the_json_of_search_alternatives_and_lint_keeps_its_documented_keys(
    tmp_path: Path,
) -> None:
    found = json.loads(run("exercises", "search", "pulldown", "--format", "json").stdout)
    assert found and all(list(e) == SUMMARY_KEYS for e in found)
    assert next(e for e in found if e["slug"] == "stepback-pulldown")["primary_muscles"] == [
        "lats", "rhomboids", "rear-delts"
    ]
    r = run("exercises", "alternatives", "stepback-pulldown", "--format", "json")
    alts = json.loads(r.stdout)
    assert alts and all(
        list(a) == [*SUMMARY_KEYS, "score", "shared_primary", "same_pattern"] for a in alts
    )
    assert all(isinstance(a["shared_primary"], list) for a in alts)
    bad = tmp_path / "bad.yaml"
    bad.write_text("slug: Not A Slug\n")
    findings = json.loads(run("exercises", "lint", str(bad), "--format", "json").stdout)
    assert findings and all(
        list(f) == ["path", "line", "field", "code", "message"] for f in findings
    )
    assert all(f["path"].endswith("bad.yaml") for f in findings)


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
def test_a_page_printed_as_one_group_reads_the_same_as_one_print_per_line(
    catalog, terminal: bool  # type: ignore[no-untyped-def]
) -> None:
    import io

    from rich.console import Console

    from spotter.cli import render

    class OnePrintPerLine:
        def __init__(self, console: Console) -> None:
            self.console = console

        def print(self, group) -> None:  # type: ignore[no-untyped-def]
            for part in group.renderables:
                self.console.print(part)

    def console() -> Console:
        colours = "standard" if terminal else None
        return Console(file=io.StringIO(), width=90, force_terminal=terminal, color_system=colours)

    for slug in ("stepback-pulldown", "barbell-back-squat", "pull-up", "plank", "dumbbell-curl"):
        ex = catalog.get(slug)
        alts = catalog.alternatives(ex.slug, limit=5)
        grouped, per_line = console(), console()
        render.exercise_page(grouped, ex, alts)
        render.exercise_page(OnePrintPerLine(per_line), ex, alts)  # type: ignore[arg-type]
        text = grouped.file.getvalue()  # type: ignore[attr-defined]
        assert text == per_line.file.getvalue()  # type: ignore[attr-defined]
        assert "Common mistakes" in text and ex.name in text
