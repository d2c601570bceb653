"""`spotter calibrate | next | progress | volume | recovery`: numbers from the log."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import (
    AllowOutlierOpt,
    TextFormat,
    TextFormatOpt,
    catalog,
    check_day,
    check_output,
    console,
    err_console,
    fail,
    local_now,
    print_result,
    unit_of_work,
    user_errors,
    write_output,
)
from spotter.cli.training import fmt_load, parse_when, profile_units

if TYPE_CHECKING:
    from spotter.science.units import Unit

FmtOpt = TextFormatOpt


def _warn_skipped(skipped: tuple[str, ...]) -> None:
    if skipped:
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        err_console().print(
            f"[yellow]Left out {len(skipped)} set(s) with impossible values: "
            f"{'; '.join(skipped[:3])}{more}. Fix or delete them in the log.[/]",
            highlight=False,
        )


def calibrate(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="Exercise name or slug.")],
    load: Annotated[
        str,
        typer.Option(
            "--load", help="Load of the test set, e.g. 50kg or 110lb (default unit: yours)."
        ),
    ],
    reps: Annotated[int, typer.Option("--reps", help="Reps done.")],
    rpe: Annotated[float, typer.Option("--rpe", help="How hard it was (RPE 1-10).")],
    fmt: FmtOpt = TextFormat.text,
    allow_outlier: AllowOutlierOpt = False,
) -> None:
    """Find your starting point from one test set: e1RM and working loads at RPE 8.

    Pick a weight that challenges you but lets you keep good form, do one set, and rate it.

    Example: spotter calibrate stepback-pulldown --load 50kg --reps 10 --rpe 8
    """
    from spotter.science.limits import check_set, ensure_within
    from spotter.science.units import Unit
    from spotter.services.quantities import read_load
    from spotter.services.training import calibrate as run

    with user_errors():
        unit = profile_units(ctx)
        given = read_load(load, Unit(unit), field="--load")
        if reps < 1:
            raise fail("--reps must be at least 1")
        ex = catalog(ctx).resolve(exercise)
        load_kg = given.kg or 0.0
        ensure_within(
            check_set(
                load_kg=load_kg, reps=reps, rpe=rpe, unit=given.unit, allow_outlier=allow_outlier
            )
        )
        result = run(ex, load_kg, reps, rpe, Unit(unit))
    if fmt == TextFormat.json:
        print_result(result)
        return
    console().print(f"[bold]{ex.name}[/]: e1RM {fmt_load(result.e1rm_kg, unit)} ({result.method})")
    from rich.table import Table

    table = Table(title="Working loads at RPE 8 (about 2 reps in reserve)", title_justify="left")
    for col in ("Reps", "Load", "Exact"):
        table.add_column(col, justify="right")
    for row in result.loads:
        table.add_row(str(row.reps), fmt_load(row.load_kg, unit), fmt_load(row.exact_kg, unit))
    console().print(table)
    low, high = ex.facts.rep_range
    console().print(
        f"Usual range for this exercise: {low}-{high} reps. Log your sets and `spotter next` takes over."
    )


def _spark(values: list[float], width: int = 40) -> str:
    """A one-line chart of the last ``width`` values."""
    bars = " ▁▂▃▄▅▆▇█"
    vals = [v for v in values[-width:] if math.isfinite(v)]
    if not vals:
        return ""
    lo, hi = min(vals), max(vals)
    span = hi - lo or 1.0
    return "".join(bars[1 + round((v - lo) / span * 7)] for v in vals)


def progress(
    ctx: typer.Context,
    exercise: Annotated[
        str | None, typer.Argument(help="Exercise name or slug; default: every logged exercise.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write an e1RM chart to FILE.png or FILE.svg.")
    ] = None,
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """e1RM trend and personal records: heaviest, best e1RM, best reps at a load, best volume.

    Example: spotter progress "bench press" --plot bench.png
    """
    if plot is not None:
        if plot.suffix.lower() not in (".png", ".svg"):
            raise fail(f"--plot {plot}: use a .png or .svg file")
        check_output(plot)
    from spotter.services.analysis import progress_of

    with user_errors():
        cat = catalog(ctx)
        unit = profile_units(ctx)
        found = progress_of(unit_of_work(ctx), cat, exercise)
    _warn_skipped(found.skipped)
    slugs = [p.exercise for p in found.exercises]
    results = {p.exercise: (list(p.sessions), p.records) for p in found.exercises}
    bodyweights = found.has_bodyweight
    if fmt == TextFormat.json:
        print_result(
            {p.exercise: {"sessions": p.sessions, "records": p.records} for p in found.exercises}
        )
    else:
        if not slugs:
            console().print("Nothing logged yet.")
        for item in found.exercises:
            s, pts, rec = item.exercise, list(item.sessions), item.records
            name = cat.get(s).name if s in cat else s
            console().print(f"\n[bold]{name}[/] ({len(pts)} sessions)")
            on_body = item.on_body
            if on_body and bodyweights:
                console().print("  Loads are body + added load (minus assistance).")
            elif on_body:
                console().print(
                    "  Loads are the added load only: record your bodyweight "
                    "(spotter bodyweight 80kg) to count the body in."
                )

            def load(kg: float, relative: bool = on_body and not bodyweights) -> str:
                return fmt_load(kg, unit, relative)

            if pts:
                first, last = pts[0], pts[-1]
                console().print(
                    f"  e1RM {fmt_load(first.e1rm_kg, unit)} → {fmt_load(last.e1rm_kg, unit)}  "
                    f"[cyan]{_spark([p.e1rm_kg for p in pts])}[/]"
                )
            if rec.heaviest_kg is not None:
                console().print(f"  Heaviest: {load(rec.heaviest_kg)} ({rec.heaviest_date})")
            if rec.best_e1rm_kg is not None:
                console().print(
                    f"  Best e1RM: {fmt_load(rec.best_e1rm_kg, unit)} ({rec.best_e1rm_date})"
                )
            if rec.best_volume_kg:
                console().print(
                    f"  Best session volume: {fmt_load(rec.best_volume_kg, unit)} ({rec.best_volume_date})"
                )
            top = sorted(rec.best_reps_at_load.items(), reverse=True)[:5]
            if top:
                console().print(
                    "  Best reps at a load: "
                    + ", ".join(f"{load(k)} x{v}" for k, v in top)
                )
    if plot is not None:
        _plot(plot, {cat.get(s).name if s in cat else s: results[s][0] for s in slugs}, unit)
        console().print(f"Wrote {plot}")


def _plot(path: Path, series: dict[str, list], unit: Unit) -> None:  # type: ignore[type-arg]
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from spotter.science.units import from_kg

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, pts in series.items():
        if pts:
            ax.plot(
                [p.date for p in pts],
                [from_kg(p.e1rm_kg, unit) for p in pts],
                marker="o",
                ms=3,
                label=name,
            )
    ax.set_ylabel(f"e1RM ({unit})")
    ax.set_title("Estimated one-rep max by session")
    ax.grid(alpha=0.3)
    if any(series.values()) and len(series) <= 10:
        ax.legend(fontsize="small")
    fig.autofmt_xdate()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=path.suffix.lower().lstrip("."))
    plt.close(fig)
    write_output(path, buffer.getvalue())


def volume(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", help="Any day of the week (YYYY-MM-DD); default this week."),
    ] = None,
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """Weekly sets per muscle against the volume landmarks (MEV, MAV, MRV).

    A working set counts 1 for each primary muscle and 0.5 for each secondary (Pelland et al.);
    landmarks are the 2017 Israetel table.

    Example: spotter volume --week 2026-11-16
    """
    from spotter.services.analysis import volume_of

    now = local_now(ctx)
    day = parse_when(week, now).date()
    check_day(day, "--week", today=now.date())
    with user_errors():
        found_volume = volume_of(unit_of_work(ctx), catalog(ctx), day)
    _warn_skipped(found_volume.skipped)
    report = found_volume.report
    if fmt == TextFormat.json:
        print_result(found_volume)
        return
    from rich.table import Table

    table = Table(
        title=f"Week of {report.week_start} ({report.sets_counted} working sets)",
        title_justify="left",
    )
    for col, just in (
        ("Muscle", "left"),
        ("Sets", "right"),
        ("MEV", "right"),
        ("MAV", "right"),
        ("MRV", "right"),
        ("", "left"),
        ("Status", "left"),
    ):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    colours = {
        "below MEV": "yellow",
        "MEV-MAV": "white",
        "within MAV": "green",
        "above MAV": "cyan",
        "above MRV": "red",
    }
    for r in report.rows:
        lm = r.landmarks
        filled = min(20, round(r.sets / max(lm.mrv, 1) * 20))
        colour = colours.get(r.status.value, "white")
        table.add_row(
            r.muscle,
            f"{r.sets:g}",
            f"{lm.mev:g}",
            f"{lm.mav_low:g}-{lm.mav_high:g}",
            f"{lm.mrv:g}",
            f"[{colour}]{'█' * filled}[/]{'·' * (20 - filled)}",
            f"[{colour}]{r.status.value}[/]",
        )
    console().print(table)
    if report.other:
        console().print(
            "Other muscles (no landmarks): "
            + ", ".join(f"{k} {v:g}" for k, v in report.other.items())
        )


def recovery(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option("--at", help="When: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'; default now."),
    ] = None,
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """Recovery per muscle (0-100 %) and which muscles are ready (90 % or more).

    Fatigue from the last 7 days of sets, more for sets near failure and for compound lifts,
    recovering with a time constant of 20 h (30 h for the big lower-body muscles).

    Example: spotter recovery --at "2026-11-24 18:00"
    """
    from spotter.services.analysis import recovery_of

    now = local_now(ctx)
    when = parse_when(at, now)
    check_day(when.date(), "--at", today=now.date())
    with user_errors():
        found = recovery_of(unit_of_work(ctx), catalog(ctx), when)
    _warn_skipped(found.skipped)
    report = found.report
    if fmt == TextFormat.json:
        print_result(found)
        return
    from rich.table import Table

    from spotter.knowledge.vocab import MUSCLES

    table = Table(title=f"Recovery at {report.at:%Y-%m-%d %H:%M}", title_justify="left")
    for col in ("Muscle", "Recovered", "", "Ready"):
        table.add_column(col)
    for m, pct in sorted(report.percent.items(), key=lambda kv: kv[1]):
        colour = "green" if m in report.ready else "yellow" if pct >= 60 else "red"
        filled = round(pct / 5)
        table.add_row(
            MUSCLES[m].label,
            f"{pct:5.1f} %",
            f"[{colour}]{'█' * filled}[/]{'·' * (20 - filled)}",
            "yes" if m in report.ready else "no",
        )
    console().print(table)


def register(app: typer.Typer) -> None:
    app.command("calibrate")(calibrate)
    app.command("progress")(progress)
    app.command("volume")(volume)
    app.command("recovery")(recovery)
