"""`spotter today`: today's session of the active plan, ready to lift."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    check_day,
    console,
    engine,
    fail,
    print_json,
    user_errors,
)
from spotter.cli.training import fmt_load

if TYPE_CHECKING:
    from spotter.services.today import Loading, TodayItem, TodayReport


def _date(value: str | None, now: dt.datetime) -> dt.date:
    if not value:
        return now.date()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"--date {value!r}: expected a date as YYYY-MM-DD, e.g. 2026-11-30") from None
    check_day(day, "--date", today=now.date())
    return day


def _loading_data(loading: Loading | None) -> dict[str, Any] | None:
    if loading is None:
        return None
    return {
        "kind": loading.kind,
        "load": loading.load,
        "unit": loading.unit,
        "text": loading.text,
        "bar": loading.bar,
        "plates_per_side": list(loading.plates_per_side),
        "pin": loading.pin,
        "exact": loading.exact,
    }


def _item_data(item: TodayItem) -> dict[str, Any]:
    adj, facts, tempo = item.adjustment, item.exercise.facts, item.exercise.facts.tempo
    return {
        "exercise": item.exercise.slug,
        "name": item.exercise.name,
        "planned": adj.planned,
        "planned_name": item.planned_name,
        "action": adj.action,
        "recovery": {
            "muscle": adj.muscle,
            "percent": round(adj.recovery, 1),
            "note": adj.reason,
        },
        "sets": item.sets,
        "planned_sets": adj.planned_sets,
        "reps": item.reps,
        "rep_range": [item.slot.rep_low, item.slot.rep_high],
        "measure": facts.measure,
        "rir": item.slot.rir,
        "target_rpe": item.target_rpe,
        "rule": item.rule,
        "load_kg": item.load_kg,
        "added_to_bodyweight": facts.load_type == "bodyweight",
        "loading": _loading_data(item.loading),
        "set_plan": [{"load_kg": s.load_kg, "reps": s.reps, "amrap": s.amrap} for s in item.plan],
        "reason": item.reason,
        "calibration": item.calibration,
        "warmups": [
            {
                "load_kg": w.load_kg,
                "reps": w.reps,
                "loading": _loading_data(loading),
            }
            for w, loading in zip(item.warmups, item.warmup_loadings, strict=True)
        ],
        "rest_seconds": item.slot.rest_seconds,
        "tempo": {
            "text": str(tempo),
            "eccentric": tempo.eccentric,
            "pause_after_eccentric": tempo.pause_after_eccentric,
            "concentric": tempo.concentric,
            "pause_after_concentric": tempo.pause_after_concentric,
        },
    }


def report_data(report: TodayReport) -> dict[str, Any]:
    """The report as JSON-able data (the shape `--format json` prints)."""
    day = report.day
    return {
        "date": day.on.isoformat(),
        "status": day.status,
        "message": day.message,
        "plan": report.plan_name,
        "session": report.session_name or None,
        "week": None if day.week_index is None else day.week_index + 1,
        "weeks": day.weeks,
        "deload": day.deload,
        "next_session": (
            {"date": day.next_date.isoformat(), "day": day.next_day} if day.next_date else None
        ),
        "unit": report.unit,
        "recovery_at": report.at.isoformat(),
        "recovery": report.recovery,
        "exercises": [_item_data(i) for i in report.items],
    }


def _rest(seconds: int) -> str:
    minutes, sec = divmod(seconds, 60)
    if not minutes:
        return f"{sec} s"
    return f"{minutes} min" + (f" {sec} s" if sec else "")


def _panel(n: int, item: TodayItem, unit: str) -> Any:
    from rich.markup import escape
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


def today(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="The day (YYYY-MM-DD); default today.")
    ] = None,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Today's session from the active plan: loads, warm-ups, plates or pins, rest and tempo.

    Loads come from each exercise's progression rule on your log (a calibration step when
    there is none yet). When a planned muscle is far from recovered (missed days, extra
    sessions), it proposes fewer sets or a swap.

    Example: spotter today     spotter today --date 2026-11-30 --format json
    """
    from spotter.services.planning import active_plan
    from spotter.services.profile import get_profile
    from spotter.services.today import today_session
    from spotter.store.uow import SqlUnitOfWork

    if fmt not in ("text", "json"):
        raise fail(f"--format {fmt!r}: expected text or json")
    now = dt.datetime.now().replace(microsecond=0)
    on = _date(date, now)
    with user_errors():
        eng = engine(ctx)
        profile = get_profile(SqlUnitOfWork(eng))
        if profile is None:
            raise fail("no profile yet: run `spotter init` first, then `spotter plan new`")
        plan = active_plan(SqlUnitOfWork(eng))
        if plan is None:
            raise fail("no active plan: run `spotter plan new` to make one")
        report = today_session(SqlUnitOfWork(eng), catalog(ctx), profile, plan, on, now)
    if fmt == "json":
        print_json(report_data(report))
        return
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


def register(app: typer.Typer) -> None:
    app.command("today")(today)
