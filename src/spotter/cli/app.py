"""The `spotter` command."""

from __future__ import annotations

from typing import Annotated

import typer

from spotter import __version__
from spotter.cli.lazy import LazyCommand, LazyGroup

_T = "spotter.cli.training"
_E = "spotter.cli.log_edit"
_A = "spotter.cli.analysis"

#: Every top-level command, in the order ``spotter --help`` lists them: the module that defines it
#: and the first paragraph of its help (tests/cli/test_cli_help.py keeps the two in step).
COMMANDS: dict[str, LazyCommand] = {
    "init": LazyCommand(
        "spotter.cli.setup",
        "Record your profile: units, goal, experience, training days, session length, "
        "equipment.",
    ),
    "profile": LazyCommand("spotter.cli.setup", "Show your recorded profile."),
    "log": LazyCommand(_T, "Log sets with a small grammar; names resolve by alias and fuzzy match."),
    "history": LazyCommand(
        _T, "List what was logged, newest last, with the ID that `spotter set edit` and friends take."
    ),
    "bodyweight": LazyCommand(
        _T, "Record your bodyweight, or list the recent entries when no value is given."
    ),
    "batches": LazyCommand(
        _E, "List log entries and imports, newest first; each can be undone whole."
    ),
    "undo": LazyCommand(_E, "Undo one whole log entry or import."),
    "guide": LazyCommand(
        "spotter.cli.guide",
        "Guide one set: setup, then tempo and breathing phase by phase, then rest.",
    ),
    "calibrate": LazyCommand(
        _A, "Find your starting point from one test set: e1RM and working loads at RPE 8."
    ),
    "next": LazyCommand(
        _T, "The next prescription from the exercise's progression rule, with the reason."
    ),
    "progress": LazyCommand(
        _A,
        "e1RM trend and personal records: heaviest, best e1RM, best reps at a load, best volume.",
    ),
    "volume": LazyCommand(
        _A, "Weekly sets per muscle against the volume landmarks (MEV, MAV, MRV)."
    ),
    "recovery": LazyCommand(
        _A, "Recovery per muscle (0-100 %) and which muscles are ready (90 % or more)."
    ),
    "import": LazyCommand(
        "spotter.cli.imports", "Import a workout log; the format is detected from the header."
    ),
    "export": LazyCommand(
        "spotter.cli.export_cmd",
        "Export everything as JSON, the log as CSV, or a Strong-compatible CSV.",
    ),
    "today": LazyCommand(
        "spotter.cli.today",
        "Today's session from the active plan: loads, warm-ups, plates or pins, rest and tempo.",
    ),
    "exercises": LazyCommand(
        "spotter.cli.exercises",
        "Look up exercises: list, search, show a page, find alternatives, lint, draft and add.",
    ),
    "calc": LazyCommand(
        "spotter.cli.calc",
        "Calculators: e1RM, load for reps at an RPE, plates, the RPE chart.",
        attr="app",
    ),
    "plan": LazyCommand(
        "spotter.cli.plan",
        "Plan a mesocycle from your profile: new, show, explain, review, export, templates.",
        attr="app",
    ),
    "set": LazyCommand(
        _E, "Change one logged set: its load, reps, effort, date, unit, exercise or note."
    ),
    "form": LazyCommand(
        "spotter.cli.form",
        "Check a set's form from a video or a landmarks file; extract landmarks once.",
    ),
    "vision": LazyCommand(
        "spotter.cli.vision",
        "The form check's video extra: OpenCV (headless) and MediaPipe's pose model.",
    ),
    "db": LazyCommand(
        "spotter.cli.db_cmd", "The database's schema: see where it stands, upgrade it."
    ),
    "serve": LazyCommand(
        "spotter.cli.serve_cmd",
        "Serve the REST API for many lifters and their coaches, with its docs page.",
    ),
    "users": LazyCommand(
        "spotter.cli.accounts_cmd",
        "Manage the accounts of a Spotter server: add, list, set, disable, enable, role, "
        "password.",
        attr="app",
    ),
}


class SpotterGroup(LazyGroup):
    table = COMMANDS


app = typer.Typer(
    name="spotter",
    help=(
        "Spotter: a strength-training coach on your own data.\n\n"
        "Examples:\n\n"
        "  spotter init --units kg --goal hypertrophy --days mon,wed,fri --equipment full-gym\n\n"
        '  spotter exercises search "lat pull down"\n\n'
        "  spotter exercises show stepback-pulldown\n\n"
        '  spotter log "stepback pulldown 55kg 10,10,9 @8"\n\n'
        "  spotter next stepback-pulldown\n\n"
        "  spotter volume"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    cls=SpotterGroup,
)
def _version(value: bool) -> None:
    if value:
        typer.echo(f"spotter {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (any SQLAlchemy URL) or a SQLite file path. "
            "Default: $SPOTTER_DB, else spotter.db in your data directory.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Spotter: a strength-training coach on your own data."""
    from spotter.compose import Runtime
    from spotter.config import resolve_settings

    rt = Runtime(resolve_settings(db))
    ctx.obj = {"runtime": rt}
    ctx.call_on_close(rt.close)


def main() -> None:
    """Entry point of the console script."""
    app()
