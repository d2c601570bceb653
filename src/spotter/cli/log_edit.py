"""`spotter set edit|delete|move|note`, `spotter batches` and `spotter undo`: an editable log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import (
    catalog,
    console,
    local_now,
    print_json,
    runtime,
    unit_of_work,
    user_errors,
)
from spotter.cli.training import ListFormat, ListFormatOpt

if TYPE_CHECKING:
    from spotter.log import SetRecord
    from spotter.science.units import Unit

set_app = typer.Typer(
    help="Change one logged set: its load, reps, effort, date, unit, exercise or note.",
    no_args_is_help=True,
)

SetRef = Annotated[str, typer.Argument(metavar="ID", help="The set's ID from `spotter history`.")]


def _show(s: SetRecord, unit: Unit) -> str:
    from spotter.cli.training import amount, fmt_load

    rpe = f" @{s.rpe:g}" if s.rpe is not None else ""
    kind = f" ({s.set_type})" if s.set_type != "working" else ""
    return (
        f"{s.performed_at:%Y-%m-%d %H:%M} {s.exercise} "
        f"{fmt_load(s.load_kg, s.unit or unit, s.bodyweight)} x {amount(s)}{rpe}{kind}"
    )


@set_app.command("edit")
def edit(
    ctx: typer.Context,
    ref: SetRef,
    load: Annotated[
        str | None,
        typer.Option("--load", "-l", help="New load as in the log: 100kg, 225lb, bw, bw+10kg, -20kg."),
    ] = None,
    reps: Annotated[int | None, typer.Option("--reps", "-r", help="New rep count.")] = None,
    rpe: Annotated[float | None, typer.Option("--rpe", help="New RPE (1-10).")] = None,
    rir: Annotated[float | None, typer.Option("--rir", help="New reps in reserve (0-10).")] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="New date: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="The unit the number was meant in (kg or lb): 120 kg becomes 120 lb."),
    ] = None,
    set_type: Annotated[
        str | None, typer.Option("--type", help="warm-up, working, drop, failure or amrap.")
    ] = None,
    allow_outlier: Annotated[
        bool, typer.Option("--allow-outlier", help="Keep a value outside the plausible range.")
    ] = False,
) -> None:
    """Change fields of one set.

    Example: spotter set edit 42 --load 102.5kg --reps 5 --rpe 8
    """
    from spotter.cli.training import parse_when, profile_units
    from spotter.services.log import edit_set
    from spotter.services.quantities import read_unit

    now = local_now(ctx)
    with user_errors():
        shown = profile_units(ctx)
        change = edit_set(
            unit_of_work(ctx),
            catalog(ctx),
            ref,
            now=now,
            default_unit=shown,
            load=load,
            reps=reps,
            rpe=rpe,
            rir=rir,
            when=parse_when(date, now) if date else None,
            unit=None if unit is None else read_unit(unit, field="--unit"),
            set_type=set_type,
            allow_outlier=allow_outlier,
        )
    console().print(f"Set {change.before.id}: {_show(change.before, shown)}")
    console().print(f"     now: {_show(change.after, shown)}")


@set_app.command("delete")
def delete(ctx: typer.Context, ref: SetRef) -> None:
    """Delete one set (the deletion is kept for sync; history no longer shows it).

    Example: spotter set delete 42
    """
    from spotter.cli.training import profile_units
    from spotter.services.log import delete_set

    with user_errors():
        shown = profile_units(ctx)
        s = delete_set(unit_of_work(ctx), ref)
    console().print(f"Deleted set {s.id}: {_show(s, shown)}")


@set_app.command("move")
def move(
    ctx: typer.Context,
    ref: SetRef,
    exercise: Annotated[str, typer.Argument(help="The exercise it really was (name or slug).")],
) -> None:
    """Move one set to another exercise.

    Example: spotter set move 42 "close-grip bench press"
    """
    from spotter.services.log import move_set

    with user_errors():
        cat = catalog(ctx)
        change = move_set(unit_of_work(ctx), cat, ref, exercise)
    old = change.before.exercise
    old_name = cat.get(old).name if old in cat else old
    console().print(
        f"Moved set {change.before.id} from {old_name} to [bold]{cat.get(change.after.exercise).name}[/]."
    )


@set_app.command("note")
def note(
    ctx: typer.Context,
    ref: SetRef,
    text: Annotated[str, typer.Argument(help='The note; "" clears it.')],
) -> None:
    """Add or replace the note of one set.

    Example: spotter set note 42 "left shoulder pinched on the last rep"
    """
    from spotter.services.log import note_set

    with user_errors():
        change = note_set(unit_of_work(ctx), ref, text)
    what = f"note: {change.after.notes}" if change.after.notes else "note cleared"
    console().print(f"Set {change.before.id}: {what}")


def batches(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, max=1_000_000, clamp=True, help="At most this many."
        ),
    ] = 20,
    undone: Annotated[bool, typer.Option("--all", help="Include batches already undone.")] = False,
    fmt: ListFormatOpt = ListFormat.table,
) -> None:
    """List log entries and imports, newest first; each can be undone whole.

    Example: spotter batches     spotter undo 12
    """
    from rich.table import Table

    from spotter.services.log import list_batches

    with user_errors():
        rows = list_batches(unit_of_work(ctx), limit=limit, include_undone=undone)
    if fmt == "json":
        from spotter.services.log_views import BatchView
        from spotter.services.results import to_data

        print_json(to_data([BatchView.of(b) for b in rows]))
        return
    if not rows:
        console().print('Nothing logged yet. Try: spotter log "squat 3x5 100kg"')
        return
    from spotter.cli.everyday import user_zone

    tz = user_zone(runtime(ctx))  # undone_at is an instant; show it on the lifter's clock
    table = Table(title="Batches (newest first)", title_justify="left")
    for col in ("ID", "When", "Kind", "Sets", "What", "Undone"):
        table.add_column(col, justify="right" if col in ("ID", "Sets") else "left")
    for b in rows:
        table.add_row(
            str(b.id),
            f"{b.created_at:%Y-%m-%d %H:%M}",
            b.kind,
            str(b.set_count),
            b.command,
            f"{b.undone_at.astimezone(tz):%Y-%m-%d %H:%M}" if b.undone_at else "",
        )
    console().print(table)


def undo(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="BATCH", help="The batch's ID from `spotter batches` (or a uuid prefix).")
    ],
) -> None:
    """Undo one whole log entry or import.

    Example: spotter undo 12
    """
    from spotter.services.log import undo_batch

    with user_errors():
        b = undo_batch(unit_of_work(ctx), ref)
    console().print(f"Undid batch {b.id} ({b.kind}: {b.command}): {b.set_count} set(s) removed.")


def register(app: typer.Typer) -> None:
    app.add_typer(set_app, name="set")
    app.command("batches")(batches)
    app.command("undo")(undo)
