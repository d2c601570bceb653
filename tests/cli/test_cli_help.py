"""The command list: `spotter --help` names every command without loading any of them."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import typer.main

from spotter.cli.app import COMMANDS, app
from spotter.cli.lazy import build_command


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").split("\n\n")[0].split())


def test_the_help_table_says_what_each_commands_own_help_says() -> None:
    for name, entry in COMMANDS.items():
        command = build_command(name, entry)
        assert command.name == name
        assert _first_paragraph(command.help) == _first_paragraph(entry.help), name


def test_every_registered_command_is_in_the_table() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    ctx = click.Context(root)
    listed = root.list_commands(ctx)
    assert listed == list(COMMANDS)
    for name in ("log", "next", "today", "exercises", "plan", "set", "form"):
        assert name in listed


def test_help_lists_all_commands_and_imports_none_of_their_modules() -> None:
    code = (
        "import sys\n"
        "from spotter.cli.app import app\n"
        "try:\n    app(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('spotter.cli.')"
        " and m not in ('spotter.cli.app', 'spotter.cli.lazy', 'spotter.cli.root',"
        " 'spotter.cli.registry', 'spotter.cli.output'))\n"
        "print('LOADED', loaded)\n"
    )
    env = {**os.environ, "COLUMNS": "200"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "LOADED []" in out.stdout
    for name in COMMANDS:
        assert f" {name} " in out.stdout
    assert "Undo one whole log entry or import." in out.stdout


def test_a_mistyped_command_is_a_usage_error_with_a_suggestion() -> None:
    from typer.testing import CliRunner

    r = CliRunner().invoke(app, ["histroy"])
    assert r.exit_code == 2
    assert "No such command 'histroy'" in r.output and "'history'" in r.output
