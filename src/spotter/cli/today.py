"""`spotter today`: today's session of the active plan, ready to lift."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    console,
    fail,
    print_result,
    runtime,
    user_errors,
)
from spotter.cli.training import fmt_load

if TYPE_CHECKING:
    from spotter.services.today import TodayItem


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
    from spotter.compose import local_zone
    from spotter.services.today_view import today_for

    rt = runtime(ctx)
    with user_errors():
        view = today_for(
            rt.quick_uow(), rt.catalog, now=rt.now(), tz=local_zone(), on=_date(date)
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


def register(app: typer.Typer) -> None:
    app.command("today")(today)
