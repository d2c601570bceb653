"""`spotter log`, `history`, `bodyweight` and `next`: the training log and what comes next."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli import everyday
from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    exits,
    local_now,
    print_result,
    runtime,
    unit_of_work,
    user_errors,
)
from spotter.cli.everyday import fmt_load as fmt_load


class ListFormat(StrEnum):
    """A table for people or JSON for programs: an unknown value is a usage error (exit 2)."""

    table = "table"
    json = "json"


ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]

if TYPE_CHECKING:
    from spotter.log import SetRecord
    from spotter.science.units import Unit


def parse_when(value: str | None, now: dt.datetime) -> dt.datetime:
    """A date or date-time from the command line; default now (a bad one: exit 1)."""
    with exits():
        return everyday.parse_when(value, now)


def profile_units(ctx: typer.Context) -> Unit:
    """The unit of the user's profile (kg before `spotter init`)."""
    return everyday.units_of(runtime(ctx))


def log(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(help='What you did, e.g. "squat 3x5 100kg".')
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="When: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")
    ] = None,
    undo: Annotated[
        bool,
        typer.Option("--undo", help="Remove the last logged entry (any batch: spotter undo BATCH)."),
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="Unit for loads written without one (kg or lb)."),
    ] = None,
    fmt: TextFormatOpt = TextFormat.text,
    note: Annotated[
        str | None, typer.Option("--note", help="A note kept with every set of the entry.")
    ] = None,
    allow_outlier: Annotated[
        bool,
        typer.Option("--allow-outlier", help="Keep a value outside the plausible range (a true outlier)."),
    ] = False,
    batch_uuid: Annotated[
        str | None,
        typer.Option(
            "--uuid",
            help="A uuid for this entry chosen by the caller: logging again with it adds nothing.",
        ),
    ] = None,
) -> None:
    """Log sets with a small grammar; names resolve by alias and fuzzy match.

    The exercise decides what a bare number means: "pull-up 3x8" and "push-up 20,18,15" are
    bodyweight sets; "pull-up bw+10kg 3x8" adds a load; for an assisted exercise a load is the
    assistance ("assisted pull-up 20kg 3x8" = -20 kg). A set keeps its unit ("120lb").
    A lone "+" joins a superset: "bench 80kg 3x8 + pull-up 3x8".

    Examples:

      spotter log "stepback pulldown 55kg 10,10,9 @8"

      spotter log "squat 3x5 100kg" --date 2026-11-20

      spotter log "bench 80x5, 85x5, 90x3 @9"      (the @9 rates the 90 kg set)

      spotter log "pull-up bw+10kg 8,7,6"   spotter log "assisted pull-up -20kg 3x8"

      spotter log "plank 3x60s"   spotter log --undo   (see also: spotter batches, spotter undo)
    """
    with exits():
        everyday.run_log(
            runtime(ctx),
            text,
            date=date,
            undo=undo,
            unit=unit,
            fmt=fmt,
            note=note,
            allow_outlier=allow_outlier,
            batch_uuid=batch_uuid,
        )


def amount(s: SetRecord) -> str:
    if s.seconds is not None:
        return f"{s.seconds:g}s"
    if s.meters is not None:
        return f"{s.meters:g}m"
    return "" if s.reps is None else str(s.reps)


def history(
    ctx: typer.Context,
    exercise: Annotated[
        str | None, typer.Argument(help="Only this exercise (name or slug).")
    ] = None,
    limit: Annotated[
        int, typer.Option(
            "--limit", "-n", min=1, max=1_000_000, clamp=True, help="At most this many sets."
        )
    ] = 50,
    fmt: ListFormatOpt = ListFormat.table,
) -> None:
    """List what was logged, newest last, with the ID that `spotter set edit` and friends take.

    Example: spotter history "stepback pulldown" --limit 20
    """
    from rich.table import Table

    from spotter.services.importer import resolve_logged
    from spotter.services.log import history as get_history

    with user_errors():
        cat = catalog(ctx)
        # a catalog name, or a name an import kept as written ("Chin Up (Assisted)")
        slug = resolve_logged(unit_of_work(ctx), cat, exercise) if exercise else None
        unit = profile_units(ctx)
        rows = get_history(unit_of_work(ctx), exercise=slug, limit=limit)
    if fmt == "json":
        print_result(rows)
        return
    if not rows:
        console().print('Nothing logged yet. Try: spotter log "squat 3x5 100kg"')
        return
    table = Table(title=f"History ({len(rows)} sets)", title_justify="left")
    for col in ("ID", "Date", "Exercise", "Type", "Load", "Reps/time", "RPE", "SS", "Note"):
        table.add_column(col, justify="right" if col == "ID" else "left")
    for s in rows:
        name = cat.get(s.exercise).name if s.exercise in cat else s.exercise
        table.add_row(
            str(s.id),
            s.performed_at.strftime("%Y-%m-%d %H:%M"),
            name,
            s.set_type,
            fmt_load(s.load_kg, s.unit or unit, s.bodyweight),
            amount(s),
            f"{s.rpe:g}" if s.rpe is not None else "",
            f"S{s.superset}" if s.superset is not None else "",
            s.notes or "",
        )
    console().print(table)
    console().print(
        "[dim]Change a set with: spotter set edit ID, set delete ID, set move ID EXERCISE, "
        "set note ID TEXT[/]"
    )


def bodyweight(
    ctx: typer.Context,
    value: Annotated[
        str | None,
        typer.Argument(help="Your bodyweight, e.g. 80.5kg or 177lb (default unit: yours)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="When: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")
    ] = None,
    limit: Annotated[
        int, typer.Option(
            "--limit",
            "-n",
            min=1,
            max=1_000_000,
            clamp=True,
            help="How many recent entries to list.",
        )
    ] = 10,
    fmt: TextFormatOpt = TextFormat.text,
    allow_outlier: Annotated[
        bool, typer.Option("--allow-outlier", help="Keep a value outside the plausible range.")
    ] = False,
) -> None:
    """Record your bodyweight, or list the recent entries when no value is given.

    Example: spotter bodyweight 80.5kg     spotter bodyweight --limit 30
    """
    from spotter.services.bodyweight import recent_bodyweight, record_bodyweight

    now = local_now(ctx)
    with user_errors():
        if value is not None:
            found = record_bodyweight(
                unit_of_work(ctx),
                value,
                when=parse_when(date, now),
                today=now.date(),
                allow_outlier=allow_outlier,
                limit=limit,
            )
        else:
            found = recent_bodyweight(unit_of_work(ctx), limit=limit)
    if fmt == TextFormat.json:
        print_result(found.entries)
        return
    unit = found.unit
    if value is not None:
        console().print(f"Recorded {fmt_load(found.entries[-1].kg, unit)}.")
    elif not found.entries:
        console().print("No bodyweight recorded yet: spotter bodyweight 80kg")
    else:
        for e in found.entries:
            console().print(f"{e.measured_at:%Y-%m-%d %H:%M}  {fmt_load(e.kg, unit)}")


def next_(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="Exercise name or slug.")],
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """The next prescription from the exercise's progression rule, with the reason.

    Default rule: double progression in the exercise's usual rep range over 3 sets; the load
    rises by the smallest step once every working set reaches the top of the range.

    Example: spotter next stepback-pulldown
    """
    with exits():
        everyday.run_next(runtime(ctx), exercise, fmt)


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("next")(next_)
    app.command("history")(history)
    app.command("bodyweight")(bodyweight)
