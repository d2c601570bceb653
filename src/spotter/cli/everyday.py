"""The everyday commands' work, free of Typer: `log`, `next`, `today` and `exercises show`.

Each ``run_*`` takes the run's :class:`~spotter.compose.Runtime` and the parsed values, calls one
service and renders its result. Typer's commands (:mod:`spotter.cli.training`,
:mod:`spotter.cli.today`, :mod:`spotter.cli.exercises`) declare the options and call these; the
fast dispatcher (:mod:`spotter.cli.fast`) calls them directly for a command line it parses exactly
as Click would, so these commands start without importing Typer or Click. Failures print their
message and raise :class:`~spotter.cli.output.CommandError`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from spotter.cli.output import (
    PageFormat,
    TextFormat,
    console,
    err_console,
    escape,
    fail,
    print_json,
    print_result,
    user_errors,
)

if TYPE_CHECKING:
    from spotter.compose import Runtime
    from spotter.log import SetRecord
    from spotter.science.units import Unit
    from spotter.services.today import TodayItem


def user_zone(rt: Runtime) -> dt.tzinfo:
    """The zone the user keeps their log in: the one they chose (`spotter init --timezone`), else
    this machine's (the store reads it with the user's row)."""
    uow = rt.quick_uow()
    with uow:
        return uow.log.zone.tz


def wall_now(rt: Runtime) -> dt.datetime:
    """Now on the lifter's wall clock (their zone), to the second, from the run's clock: the
    time the log keeps and the command line's "today"."""
    return rt.now().astimezone(user_zone(rt)).replace(tzinfo=None, microsecond=0)


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


def units_of(rt: Runtime) -> Unit:
    """The unit of the user's profile (kg before `spotter init`)."""
    from spotter.science.units import Unit, parse_unit
    from spotter.services.profile import get_profile

    profile = get_profile(rt.quick_uow())
    return parse_unit(profile.units) if profile else Unit.KG


def fmt_load(load_kg: float | None, unit: Unit, bodyweight: bool = False) -> str:
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


# -- log --------------------------------------------------------------------------------------


def check_uuid(value: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise fail(
            f"--uuid {value!r}: expected a uuid such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427"
        ) from None


def describe(s: SetRecord, unit: Unit) -> str:
    """One logged set as the lifter reads it back: ``60kg x5 @7``."""
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


def run_log(
    rt: Runtime,
    text: str | None = None,
    *,
    date: str | None = None,
    undo: bool = False,
    unit: str | None = None,
    fmt: TextFormat = TextFormat.text,
    note: str | None = None,
    allow_outlier: bool = False,
    batch_uuid: str | None = None,
) -> None:
    """`spotter log`: record one entry (or undo the last one) and say what was stored."""
    from spotter.services.log import log_text, undo_last
    from spotter.services.quantities import read_unit

    with user_errors():
        now = wall_now(rt)
        shown_unit = units_of(rt)
        if undo:
            batch = undo_last(rt.quick_uow())
            if batch is None:
                raise fail("the log is empty: nothing to undo")
            console().print(
                f"Removed the last entry: [bold]{batch.command}[/] ({len(batch.sets)} set(s))."
            )
            return
        if not text:
            raise fail('give what you did, e.g. spotter log "squat 3x5 100kg" (or --undo)')
        default_unit = read_unit(unit, field="--unit") if unit is not None else shown_unit
        if batch_uuid is not None:
            batch_uuid = check_uuid(batch_uuid)
        logged = log_text(
            rt.quick_uow(),
            rt.catalog,
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
        parts = ", ".join(describe(s, shown_unit) for s in sets)
        console().print(f"Logged [bold]{ex.name}[/]: {parts}")
    if len(logged.entries) > 1:
        console().print("As one superset, done alternately.")
    console().print(f"[dim]Batch {logged.batch_id}; undo with: spotter undo {logged.batch_id}[/]")


# -- next -------------------------------------------------------------------------------------


def warn_skipped(skipped: tuple[str, ...]) -> None:
    """Say which stored sets a computation left out for impossible values."""
    if skipped:
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        err_console().print(
            f"[yellow]Left out {len(skipped)} set(s) with impossible values: "
            f"{'; '.join(skipped[:3])}{more}. Fix or delete them in the log.[/]",
            highlight=False,
        )


def run_next(rt: Runtime, exercise: str, fmt: TextFormat = TextFormat.text) -> None:
    """`spotter next`: the exercise's next prescription, loads, warm-up, tempo and rest."""
    from spotter.services.next_set import next_set

    with user_errors():
        p = next_set(rt.quick_uow(), rt.catalog, exercise)
    warn_skipped(p.skipped)
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


# -- today ------------------------------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"--date {value!r}: expected a date as YYYY-MM-DD, e.g. 2026-11-30") from None


def _rest(seconds: int) -> str:
    minutes, sec = divmod(seconds, 60)
    if not minutes:
        return f"{sec} s"
    return f"{minutes} min" + (f" {sec} s" if sec else "")


def _panel(n: int, item: TodayItem, unit: Unit) -> Any:
    from rich.panel import Panel

    adj, tempo = item.adjustment, item.exercise.facts.tempo
    lines = []
    effort = f"@ RPE {item.target_rpe:g} (RIR {10 - item.target_rpe:g})"
    what = f"[bold]{item.sets} × {item.reps}[/] {effort}"
    bodyweight = item.exercise.facts.load_type == "bodyweight"
    if item.load_kg is not None:
        what += f"  at [bold]{fmt_load(item.load_kg, unit, bodyweight)}[/]"
    if item.loading is not None:
        what += f": {escape(item.loading.text)}"
    lines.append(what)
    if len({s.load_kg for s in item.plan}) > 1:
        lines.append(
            "Sets: "
            + " · ".join(
                f"{fmt_load(s.load_kg, unit)} × {s.reps}{'+' if s.amrap else ''}" for s in item.plan
            )
        )
    if item.loading is not None and not item.loading.exact:
        lines.append("[yellow]The nearest load your equipment makes.[/]")
    if item.reason:
        lines.append(f"[dim]{item.rule}: {escape(item.reason)}[/]")
    if item.calibration:
        lines.append(f"[yellow]Calibration:[/] {escape(item.calibration)}")
    if item.warmups:
        steps = []
        for w, loading in zip(item.warmups, item.warmup_loadings, strict=True):
            how = f" ({escape(loading.text)})" if loading is not None else ""
            steps.append(f"{fmt_load(w.load_kg, unit)} × {w.reps}{how}")
        lines.append("Warm-up: " + " · ".join(steps))
    lines.append(
        f"Rest {_rest(item.slot.rest_seconds)} · Tempo {tempo} ({tempo.eccentric:g} s "
        f"eccentric, {tempo.pause_after_eccentric:g} s pause, {tempo.concentric:g} s "
        f"concentric, {tempo.pause_after_concentric:g} s pause)"
    )
    colour = {"keep": "green", "fewer-sets": "yellow", "swap": "red"}[adj.action]
    if adj.action != "keep" or adj.recovery < 90:
        lines.append(f"[{colour}]Recovery: {escape(adj.reason)}[/]")
    title = f"{n}. {escape(item.exercise.name)}"
    if adj.action == "swap":
        title += f" (instead of {escape(item.planned_name)})"
    return Panel("\n".join(lines), title=title, title_align="left", border_style=colour)


def run_today(rt: Runtime, date: str | None = None, fmt: TextFormat = TextFormat.text) -> None:
    """`spotter today`: the session of the active plan, a panel per exercise."""
    from spotter.services.today_view import today_for

    with user_errors():
        view = today_for(
            rt.quick_uow(), rt.catalog, now=rt.now(), tz=user_zone(rt), on=_date(date)
        )
    if fmt == TextFormat.json:
        print_result(view)
        return
    report = view.report
    out = console()
    session = f" · {report.session_name}" if report.session_name else ""
    out.print(f"[bold]{report.plan_name}[/]{session}")
    out.print(report.day.message)
    for n, item in enumerate(report.items, 1):
        out.print(_panel(n, item, report.unit))
    tired = {m: v for m, v in report.recovery.items() if v < 90}
    if report.items:
        if tired:
            out.print(
                "Not fully recovered: "
                + ", ".join(f"{m} {v:.0f} %" for m, v in sorted(tired.items(), key=lambda x: x[1]))
            )
        if report.day.next_date:
            out.print(f"Next session: {report.day.next_date:%a %Y-%m-%d}.")


# -- exercises show ---------------------------------------------------------------------------


def run_show(rt: Runtime, slug: str, fmt: PageFormat = PageFormat.text) -> None:
    """`spotter exercises show`: an exercise's page with its closest alternatives."""
    from spotter.cli import render
    from spotter.knowledge.page import to_dict, to_markdown

    with user_errors():
        cat = rt.catalog
        ex = cat.get(slug)
        alts = cat.alternatives(ex.slug, limit=5)
    if fmt is PageFormat.json:
        print_json(to_dict(ex, alts))
    elif fmt is PageFormat.markdown:
        console().file.write(to_markdown(ex, alts))
    else:
        render.exercise_page(console(), ex, alts)
