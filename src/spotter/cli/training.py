"""`spotter log`, `history`, `bodyweight` and `next`: the training log and what comes next."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    err_console,
    fail,
    local_now,
    print_result,
    quick_uow,
    unit_of_work,
    user_errors,
)


class ListFormat(StrEnum):
    """A table for people or JSON for programs: an unknown value is a usage error (exit 2)."""

    table = "table"
    json = "json"


ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]

if TYPE_CHECKING:
    from spotter.log import SetRecord


def parse_when(value: str | None, now: dt.datetime) -> dt.datetime:
    """A date or date-time from the command line; default now."""
    if not value:
        return now
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise fail(f"--date {value!r}: expected YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")


def profile_units(ctx: typer.Context) -> str:
    from spotter.services.profile import get_profile

    profile = get_profile(quick_uow(ctx))
    return profile.units if profile else "kg"


def fmt_load(load_kg: float | None, unit: str, bodyweight: bool = False) -> str:
    """A load as the lifter wrote it: ``unit`` is the set's entered unit (or the profile's).

    >>> fmt_load(54.43108440, "lb"), fmt_load(-20, "kg", True), fmt_load(None, "kg", True)
    ('120lb', 'bw-20kg', 'bw')
    """
    from spotter.science.units import from_kg

    if load_kg is None:
        return "bw" if bodyweight else "-"
    value = from_kg(load_kg, unit)
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".") + unit
    if bodyweight:
        return f"bw{'-' if value < 0 else '+'}{text}"
    return f"-{text}" if value < 0 else text


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
    from spotter.science.units import Unit
    from spotter.services.log import log_text, undo_last
    from spotter.services.quantities import read_unit

    now = local_now(ctx)
    with user_errors():
        shown_unit = profile_units(ctx)
        if undo:
            batch = undo_last(quick_uow(ctx))
            if batch is None:
                raise fail("the log is empty: nothing to undo")
            console().print(
                f"Removed the last entry: [bold]{batch.command}[/] ({len(batch.sets)} set(s))."
            )
            return
        if not text:
            raise fail('give what you did, e.g. spotter log "squat 3x5 100kg" (or --undo)')
        default_unit = read_unit(unit, field="--unit") if unit is not None else Unit(shown_unit)
        if batch_uuid is not None:
            batch_uuid = _check_uuid(batch_uuid)
        logged = log_text(
            quick_uow(ctx),
            catalog(ctx),
            text,
            when=parse_when(date, now),
            now=now,
            default_unit=default_unit,
            allow_outlier=allow_outlier,
            notes=note,
            batch_uuid=batch_uuid,
        )
    if fmt == TextFormat.json:
        print_result(
            {
                "exercise": logged.exercise.slug,
                "batch": logged.batch_id,
                "replayed": logged.replayed,
                "sets": logged.sets,
            }
        )
        return
    if logged.replayed:
        console().print(
            f"Already logged as batch {logged.batch_id} (same --uuid): nothing new was saved."
        )
        return
    for ex, sets in logged.entries:
        parts = ", ".join(_describe(s, shown_unit) for s in sets)
        console().print(f"Logged [bold]{ex.name}[/]: {parts}")
    if len(logged.entries) > 1:
        console().print("As one superset, done alternately.")
    console().print(f"[dim]Batch {logged.batch_id}; undo with: spotter undo {logged.batch_id}[/]")


def _check_uuid(value: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise fail(f"--uuid {value!r}: expected a uuid such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427") from None


def _describe(s: SetRecord, unit: str) -> str:
    load = fmt_load(s.load_kg, s.unit or unit, s.bodyweight) if s.load_kg or s.bodyweight else ""
    if s.seconds is not None:
        what = f"{s.seconds:g}s"
    elif s.meters is not None:
        what = f"{s.meters:g}m"
    else:
        what = f"x{s.reps}"
    effort = f" @{s.rpe:g}" if s.rpe is not None else ""
    kind = f" ({s.set_type})" if s.set_type != "working" else ""
    return f"{load} {what}{effort}{kind}".strip()


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


def _warn_skipped(skipped: tuple[str, ...]) -> None:
    if skipped:
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        err_console().print(
            f"[yellow]Left out {len(skipped)} set(s) with impossible values: "
            f"{'; '.join(skipped[:3])}{more}. Fix or delete them in the log.[/]",
            highlight=False,
        )


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
    from spotter.services.next_set import next_set

    with user_errors():
        p = next_set(quick_uow(ctx), catalog(ctx), exercise)
    _warn_skipped(p.skipped)
    if fmt == TextFormat.json:
        print_result(p)
        return
    plates = (
        f" ({' + '.join(f'{x:g}' for x in p.plates_per_side)} per side)"
        if p.plates_per_side
        else ""
    )
    shown = fmt_load(p.loaded_kg, p.unit, p.added_to_bodyweight)
    console().print(f"[bold]{p.name}[/]: {p.scheme} at [bold]{shown}[/]{plates}")
    console().print(f"  {p.reason}")
    if p.warmups:
        console().print("  Warm-up:")
        for w in p.warmups:
            side = " + ".join(f"{x:g}" for x in w.plates_per_side) or "bar only"
            per_side = " per side" if w.plates_per_side else ""
            console().print(f"    {fmt_load(w.load_kg, p.unit)} x{w.reps}  ({side}{per_side})")
    console().print(f"  Tempo {p.tempo}; rest about {p.rest_seconds} s between sets.")


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("next")(next_)
    app.command("history")(history)
    app.command("bodyweight")(bodyweight)
