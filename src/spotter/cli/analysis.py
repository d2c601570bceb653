"""`spotter calibrate | next | progress | volume | recovery`: numbers from the log."""

from __future__ import annotations

import datetime as dt
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
    engine,
    err_console,
    fail,
    print_json,
    user_errors,
    write_output,
)
from spotter.cli.training import fmt_load, parse_when, profile_units

if TYPE_CHECKING:
    from spotter.log import SetRecord

FmtOpt = TextFormatOpt


def _records(
    ctx: typer.Context,
    *,
    exercise: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> list[SetRecord]:
    from spotter.store.uow import SqlUnitOfWork

    with SqlUnitOfWork(engine(ctx)) as uow:
        found = uow.log.sets(exercise=exercise, start=start, end=end)
    return _plausible(found)


def _plausible(records: list[SetRecord]) -> list[SetRecord]:
    """The sets whose numbers are within the hard limits; the others are left out, and said so.

    A database written before the limits existed may hold a 1e308 kg row from an import; the
    numbers computed from the log would all be infinite or NaN with it.
    """
    from spotter.science.limits import check_set

    kept: list[SetRecord] = []
    dropped: list[str] = []
    for r in records:
        bad = check_set(
            load_kg=r.load_kg,
            reps=r.reps,
            seconds=r.seconds,
            meters=r.meters,
            rpe=r.rpe,
            rir=r.rir,
            allow_outlier=True,
        )
        if bad:
            dropped.append(f"set {r.id} of {r.performed_at:%Y-%m-%d} ({bad[0]})")
        else:
            kept.append(r)
    if dropped:
        more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        err_console().print(
            f"[yellow]Left out {len(dropped)} set(s) with impossible values: "
            f"{'; '.join(dropped[:3])}{more}. Fix or delete them in the log.[/]",
            highlight=False,
        )
    return kept


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
    from spotter.science.units import to_kg
    from spotter.services.training import calibrate as run

    with user_errors():
        text = load.strip().lower()
        given_unit = "lb" if text.endswith(("lb", "lbs")) else "kg" if text.endswith("kg") else None
        try:
            value = float(text.rstrip("lbskg").strip())
        except ValueError:
            raise fail(f"--load {load!r}: expected a number, optionally with kg or lb") from None
        if reps < 1:
            raise fail("--reps must be at least 1")
        ex = catalog(ctx).resolve(exercise)
        unit = profile_units(ctx)
        given_unit = given_unit or unit
        load_kg = to_kg(value, given_unit)
        ensure_within(
            check_set(
                load_kg=load_kg, reps=reps, rpe=rpe, unit=given_unit, allow_outlier=allow_outlier
            )
        )
        result = run(ex, load_kg, reps, rpe, unit)
    if fmt == "json":
        print_json(
            {
                "exercise": ex.slug,
                "e1rm_kg": result.e1rm_kg,
                "method": result.method,
                "loads": [
                    {"reps": r, "rpe": p, "exact_kg": e, "load_kg": k}
                    for r, p, e, k in result.loads
                ],
            }
        )
        return
    console().print(f"[bold]{ex.name}[/]: e1RM {fmt_load(result.e1rm_kg, unit)} ({result.method})")
    from rich.table import Table

    table = Table(title="Working loads at RPE 8 (about 2 reps in reserve)", title_justify="left")
    for col in ("Reps", "Load", "Exact"):
        table.add_column(col, justify="right")
    for r, _, exact, rounded in result.loads:
        table.add_row(str(r), fmt_load(rounded, unit), fmt_load(exact, unit))
    console().print(table)
    low, high = ex.facts.rep_range
    console().print(
        f"Usual range for this exercise: {low}-{high} reps. Log your sets and `spotter next` takes over."
    )


def next_(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="Exercise name or slug.")],
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """The next prescription from the exercise's progression rule, with the reason.

    Default rule: double progression in the exercise's usual rep range over 3 sets; the load
    rises by the smallest step once every working set reaches the top of the range.

    Example: spotter next stepback-pulldown
    """
    from spotter.services.importer import resolve_logged
    from spotter.services.training import default_equipment, next_prescription
    from spotter.store.uow import SqlUnitOfWork

    with user_errors():
        cat = catalog(ctx)
        key = resolve_logged(SqlUnitOfWork(engine(ctx)), cat, exercise)
        if key not in cat:  # a name an import kept as written: no rep range or load type
            raise fail(
                f"{exercise!r} is kept as imported ({key}), not a catalog exercise, so it has no "
                "progression rule; map it to one (spotter import FORMAT FILE --map names.csv) "
                "or define it (spotter exercises new)"
            )
        ex = cat.get(key)
        unit = profile_units(ctx)
        p = next_prescription(_records(ctx, exercise=ex.slug), ex, unit)
    from spotter.knowledge.guide import default_rest_seconds
    from spotter.science.loading import round_load
    from spotter.science.warmup import warmup_ramp

    kit = default_equipment(ex, unit)
    warmups = (
        warmup_ramp(p.load_kg, kit)
        if ex.facts.mechanic == "compound" and ex.facts.load_type == "barbell"
        else ()
    )
    if fmt == "json":
        print_json(
            {
                "exercise": ex.slug,
                "load_kg": p.load_kg,
                "sets": p.sets,
                "reps": p.reps,
                "min_reps": p.min_reps,
                "target_rpe": p.target_rpe,
                "scheme": p.scheme,
                "reason": p.reason,
                "warmups": [
                    {
                        "load_kg": w.load_kg,
                        "reps": w.reps,
                        "plates_per_side": list(w.plates_per_side),
                    }
                    for w in warmups
                ],
            }
        )
        return
    loaded = round_load(p.load_kg, kit)
    plates = (
        f" ({' + '.join(f'{x:g}' for x in loaded.plates_per_side)} per side)"
        if loaded.plates_per_side
        else ""
    )
    from spotter.services.training import relative_to_body

    if relative_to_body(ex):  # the added load: bw, bw+2.5kg, or bw-15kg of assistance
        shown = fmt_load(None if abs(p.load_kg) < 1e-9 else p.load_kg, unit, True)
    else:
        shown = fmt_load(loaded.load_kg, unit)
    console().print(f"[bold]{ex.name}[/]: {p.scheme} at [bold]{shown}[/]{plates}")
    console().print(f"  {p.reason}")
    if warmups:
        console().print("  Warm-up:")
        for w in warmups:
            side = " + ".join(f"{x:g}" for x in w.plates_per_side) or "bar only"
            per_side = " per side" if w.plates_per_side else ""
            console().print(f"    {fmt_load(w.load_kg, unit)} x{w.reps}  ({side}{per_side})")
    console().print(
        f"  Tempo {ex.facts.tempo}; rest about {default_rest_seconds(ex)} s between sets."
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
    from spotter.services.training import progress as compute

    if plot is not None:
        if plot.suffix.lower() not in (".png", ".svg"):
            raise fail(f"--plot {plot}: use a .png or .svg file")
        check_output(plot)
    with user_errors():
        cat = catalog(ctx)
        unit = profile_units(ctx)
        if exercise:  # a catalog name, or a name an import kept as written
            from spotter.services.importer import resolve_logged
            from spotter.store.uow import SqlUnitOfWork

            slugs = [resolve_logged(SqlUnitOfWork(engine(ctx)), cat, exercise)]
            records = _records(ctx, exercise=slugs[0])
        else:
            records = _records(ctx)
            slugs = sorted({r.exercise for r in records})
    by_ex: dict[str, list[SetRecord]] = {s: [] for s in slugs}
    for r in records:
        if r.exercise in by_ex:
            by_ex[r.exercise].append(r)
    from spotter.services.training import with_system_mass
    from spotter.store.uow import SqlUnitOfWork

    with SqlUnitOfWork(engine(ctx)) as uow:
        bodyweights = uow.bodyweight.all()
    results = {  # bodyweight exercises: body + added load where a bodyweight is recorded
        s: compute(with_system_mass(by_ex[s], cat.get(s), bodyweights) if s in cat else by_ex[s])
        for s in slugs
    }
    if fmt == "json":
        print_json(
            {
                s: {
                    "sessions": [
                        {
                            "date": p.date.isoformat(),
                            "e1rm_kg": p.e1rm_kg,
                            "top_load_kg": p.top_load_kg,
                            "volume_kg": p.volume_kg,
                            "sets": p.sets,
                        }
                        for p in pts
                    ],
                    "records": {
                        "heaviest_kg": rec.heaviest_kg,
                        "heaviest_date": _iso(rec.heaviest_date),
                        "best_e1rm_kg": rec.best_e1rm_kg,
                        "best_e1rm_date": _iso(rec.best_e1rm_date),
                        "best_reps_at_load": {
                            f"{k:g}": v for k, v in rec.best_reps_at_load.items()
                        },
                        "best_volume_kg": rec.best_volume_kg,
                        "best_volume_date": _iso(rec.best_volume_date),
                    },
                }
                for s, (pts, rec) in results.items()
            }
        )
    else:
        if not slugs:
            console().print("Nothing logged yet.")
        from spotter.services.training import relative_to_body

        for s, (pts, rec) in results.items():
            name = cat.get(s).name if s in cat else s
            console().print(f"\n[bold]{name}[/] ({len(pts)} sessions)")
            on_body = s in cat and relative_to_body(cat.get(s))
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


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _plot(path: Path, series: dict[str, list], unit: str) -> None:  # type: ignore[type-arg]
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
    from spotter.services.training import week_range, weekly_volume

    now = dt.datetime.now()
    day = parse_when(week, now).date()
    check_day(day, "--week", today=now.date())
    start, end = week_range(day)
    with user_errors():
        report = weekly_volume(_records(ctx, start=start, end=end), catalog(ctx), day)
    if fmt == "json":
        print_json(
            {
                "week_start": report.week_start.isoformat(),
                "sets_counted": report.sets_counted,
                "muscles": [
                    {
                        "muscle": r.muscle,
                        "sets": r.sets,
                        "mev": r.landmarks.mev,
                        "mav": [r.landmarks.mav_low, r.landmarks.mav_high],
                        "mrv": r.landmarks.mrv,
                        "status": r.status.value,
                    }
                    for r in report.rows
                ],
                "other": report.other,
            }
        )
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
    from spotter.services.training import RECOVERY_WINDOW, recovery_report

    when = parse_when(at, dt.datetime.now().replace(microsecond=0))
    check_day(when.date(), "--at", today=dt.date.today())
    with user_errors():
        report = recovery_report(
            _records(ctx, start=when - RECOVERY_WINDOW, end=when + dt.timedelta(seconds=1)),
            catalog(ctx),
            when,
        )
    if fmt == "json":
        print_json(
            {"at": report.at.isoformat(), "recovery": report.percent, "ready": list(report.ready)}
        )
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
    app.command("next")(next_)
    app.command("progress")(progress)
    app.command("volume")(volume)
    app.command("recovery")(recovery)
