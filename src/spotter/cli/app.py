"""The `spotter` command: its table of commands and the entry point.

:func:`main` first offers the command line to the fast dispatcher (:mod:`spotter.cli.fast`),
which runs `log`, `next`, `today` and `exercises show` without importing Typer or Click when it
can parse the line exactly as Click would; anything else (help, an unknown option, a usage error,
every other command) goes to the Typer app (:mod:`spotter.cli.root`), which this module also
offers as ``app``, built on first use.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from spotter.cli.registry import LazyCommand

if TYPE_CHECKING:
    from spotter.cli.root import SpotterGroup as SpotterGroup
    from spotter.cli.root import app as app
    from spotter.cli.root import main_callback as main_callback

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
    "worker": LazyCommand(
        "spotter.cli.worker_cmd",
        "Analyse uploaded form-check clips from the job queue (PostgreSQL) until stopped.",
    ),
    "form-checks": LazyCommand(
        "spotter.cli.form_checks_cmd",
        "Form checks on a server: prune the clips past their retention period.",
        attr="app",
    ),
    "users": LazyCommand(
        "spotter.cli.accounts_cmd",
        "Manage the accounts of a Spotter server: add, list, set, disable, enable, role, "
        "password.",
        attr="app",
    ),
}


def main() -> None:
    """Entry point of the console script."""
    from spotter.cli.fast import run_fast

    code = run_fast(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from spotter.cli.root import app

    app()


def __getattr__(name: str) -> Any:  # PEP 562: the Typer app is imported on first use
    if name in ("app", "SpotterGroup", "main_callback"):
        from spotter.cli import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
