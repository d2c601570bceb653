"""`spotter calc ...`: e1RM, load for a target, plate maths, the RPE chart."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import TextFormat, TextFormatOpt, console, fail, print_json, user_errors

if TYPE_CHECKING:
    from spotter.science.units import Unit

app = typer.Typer(
    help="Calculators: e1RM, load for reps at an RPE, plates, the RPE chart.", no_args_is_help=True
)

FmtOpt = TextFormatOpt

#: The heaviest load the calculators accept, kg: above any barbell record (about 500 kg) and
#: any machine stack, so a bigger number is a typo, not a load.
MAX_LOAD_KG = 1000.0
#: Limits on described equipment, far above any real gym's.
MAX_PINS, MAX_ADD_ONS, MAX_DUMBBELLS = 200, 8, 1000


def _check_load(name: str, value: float, unit: Unit) -> None:
    """Fail with a clear message unless ``value`` (in ``unit``) is a plausible load."""
    from spotter.science.units import from_kg, to_kg

    if not math.isfinite(value) or value <= 0 or to_kg(value, unit) > MAX_LOAD_KG:
        top = from_kg(MAX_LOAD_KG, unit)
        raise fail(
            f"{name} {value:g} {unit} is not a plausible load: expected more than 0 and at most "
            f"{top:.0f} {unit}"
        )


def _unit(value: str) -> Unit:
    from spotter.services.quantities import read_unit

    with user_errors():
        return read_unit(value, field="--unit")


def _within_limits(
    load: float, unit: Unit, reps: int, rpe: float | None, allow_outlier: bool
) -> None:
    """Refuse an implausible load, reps or RPE (spotter.science.limits), naming the range."""
    from spotter.science.limits import check_set
    from spotter.science.units import to_kg

    found = check_set(
        load_kg=to_kg(load, unit), reps=reps, rpe=rpe, unit=unit, allow_outlier=allow_outlier
    )
    if found:
        raise fail("; ".join(str(v) for v in found))


@app.command()
def e1rm(
    load: Annotated[float, typer.Argument(help="Load lifted.")],
    reps: Annotated[int, typer.Argument(help="Reps done.")],
    rpe: Annotated[float | None, typer.Option("--rpe", help="RPE of the set (1-10).")] = None,
    formula: Annotated[
        str | None,
        typer.Option(help="epley, brzycki, lander, lombardi, mayhew, oconner, wathan, or all."),
    ] = None,
    unit: Annotated[
        str, typer.Option("--unit", "-u", help="kg or lb (the answer is in the same unit).")
    ] = "kg",
    fmt: FmtOpt = TextFormat.text,
    allow_outlier: Annotated[
        bool, typer.Option("--allow-outlier", help="Accept a load or reps beyond the usual range.")
    ] = False,
) -> None:
    """Estimated one-rep max from a set.

    Default: the RTS chart when an RPE is given (1-12 reps), else Brzycki up to 10 reps and
    Epley beyond. `--formula all` shows every formula.

    Example: spotter calc e1rm 100 5 --rpe 8
    """
    from spotter.services import calc
    from spotter.services.results import to_data

    u = _unit(unit)
    _within_limits(load, u, reps, rpe, allow_outlier)
    if formula == "all":
        table = calc.e1rm_by_formula(load, reps, rpe, u)
        if fmt == "json":
            print_json(to_data(table))
        else:
            for name, value in table.e1rm.items():
                console().print(f"{name:10} {value:8.2f} {u}")
        return
    with user_errors():
        est = calc.e1rm(load, reps, rpe, u, formula)
    if fmt == "json":
        print_json(to_data(est))
    else:
        console().print(f"e1RM [bold]{est.e1rm:.1f} {u}[/] ({est.method})")


@app.command()
def load(
    e1rm: Annotated[float, typer.Option("--e1rm", help="Estimated one-rep max.")],
    reps: Annotated[int, typer.Option("--reps", help="Target reps (1-12).")],
    rpe: Annotated[float, typer.Option("--rpe", help="Target RPE (6-10 in half steps).")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="kg or lb.")] = "kg",
    fmt: FmtOpt = TextFormat.text,
    allow_outlier: Annotated[
        bool, typer.Option("--allow-outlier", help="Accept an e1RM beyond the usual range.")
    ] = False,
) -> None:
    """The load for a target reps @ RPE from an e1RM (RTS chart).

    Example: spotter calc load --e1rm 140 --reps 5 --rpe 8
    """
    from spotter.services import calc
    from spotter.services.results import to_data

    u = _unit(unit)
    _within_limits(e1rm, u, reps, rpe, allow_outlier)
    with user_errors():
        found = calc.load_at_rpe(e1rm, reps, rpe, u)
    if fmt == "json":
        print_json(to_data(found))
    else:
        console().print(
            f"{reps} reps @{rpe:g}: [bold]{found.load:.1f} {u}[/] "
            f"({found.percent_of_1rm:.1f} % of {e1rm:g} {u})"
        )


@app.command()
def plates(
    target: Annotated[float, typer.Argument(help="Total load wanted, bar included.")],
    bar: Annotated[
        str | None,
        typer.Option("--bar", help="Bar weight: 20, 15, 45 or any number (default 20 kg / 45 lb)."),
    ] = None,
    unit: Annotated[str, typer.Option("--unit", "-u", help="kg or lb.")] = "kg",
    inventory: Annotated[
        str | None,
        typer.Option(
            "--plates",
            help="Your plates, counted one by one: 'WEIGHTxCOUNT,...' e.g. '20x4,10x2,5x2,2.5x2' "
            "(default: as many standard plates as needed).",
        ),
    ] = None,
    stack: Annotated[
        str | None,
        typer.Option(
            "--stack", help="A cable or machine stack instead of a bar: 'STEPxPINS', e.g. 5x20."
        ),
    ] = None,
    ratio: Annotated[
        int, typer.Option("--ratio", help="Pulley ratio of the stack (1, 2, 3 or 4 to 1).")
    ] = 1,
    add_on: Annotated[
        list[float] | None,
        typer.Option("--add-on", help="Small add-on plates for the stack; repeat."),
    ] = None,
    dumbbells: Annotated[
        str | None,
        typer.Option(
            "--dumbbells", help="Dumbbells instead of a bar: 'LIGHTEST-HEAVIEST/STEP', e.g. 2-50/2."
        ),
    ] = None,
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """Plates per side for a barbell load, or the nearest load you can make.

    With --stack, the nearest load at the handle of a cable stack (pulley ratio and add-on
    plates included); with --dumbbells, the nearest dumbbell.

    Example: spotter calc plates 102.5 --bar 20     spotter calc plates 37 --stack 5x20 --ratio 2
    """
    from spotter.errors import ValidationError
    from spotter.science.plates import describe_barbell
    from spotter.science.units import Unit
    from spotter.services import calc
    from spotter.services.results import to_data

    u = _unit(unit)
    _check_load("the target", target, u)
    if stack or dumbbells:
        _other_equipment(target, u, stack, ratio, tuple(add_on or ()), dumbbells, fmt)
        return
    try:
        bar_weight = float(bar) if bar else (45.0 if u is Unit.LB else 20.0)
    except ValueError:
        raise fail(f"--bar {bar!r}: expected a weight, e.g. 20") from None
    if not math.isfinite(bar_weight) or bar_weight < 0 or bar_weight > target:
        raise fail(f"--bar {bar_weight:g}: expected a weight from 0 up to the target {target:g}")
    counts: dict[float, int] | None = None
    if inventory:
        counts = {}
        for part in inventory.split(","):
            try:
                w, n = part.lower().split("x")
                counts[float(w)] = int(n)
            except ValueError:
                raise fail(f"--plates {part!r}: expected WEIGHTxCOUNT, e.g. 20x4") from None
    try:
        result = calc.barbell(target, u, bar_weight, counts)
    except ValidationError as exc:
        raise fail(f"--plates {inventory!r}: {exc}") from None
    if fmt == "json":
        print_json(to_data(result))
        return
    console().print(describe_barbell(result.loaded, result.the_bar))
    if not result.exact:
        diff = result.load - target
        console().print(
            f"[yellow]Nearest achievable: {result.load:g} {u.value} ({diff:+g} {u.value} from {target:g}).[/]"
        )


def _other_equipment(
    target: float,
    u: Unit,
    stack: str | None,
    ratio: int,
    add_ons: tuple[float, ...],
    dumbbells: str | None,
    fmt: str,
) -> None:
    from spotter.science.loading import CableStack, DumbbellRack, Equipment
    from spotter.services.calc import on_kit
    from spotter.services.results import to_data

    kit: Equipment
    if len(add_ons) > MAX_ADD_ONS:
        raise fail(f"--add-on: at most {MAX_ADD_ONS} add-on plates, got {len(add_ons)}")
    try:
        if stack:
            step, pins = stack.lower().split("x")
            if not 0 < int(pins) <= MAX_PINS:
                raise fail(f"--stack {stack!r}: expected 1 to {MAX_PINS} pins, got {pins}")
            kit = CableStack(float(step), int(pins), u, ratio=ratio, add_ons=add_ons)
            what = f"stack of {pins} x {float(step):g} {u.value} at {ratio}:1"
        else:
            assert dumbbells is not None
            span, step = dumbbells.split("/")
            lo, hi = span.split("-")
            if float(step) > 0 and (float(hi) - float(lo)) / float(step) > MAX_DUMBBELLS:
                raise fail(
                    f"--dumbbells {dumbbells!r}: more than {MAX_DUMBBELLS} weights; "
                    "expected e.g. 2-50/2"
                )
            kit = DumbbellRack.stepped(float(lo), float(hi), float(step), u)
            what = f"dumbbells {float(lo):g}-{float(hi):g} {u.value} in {float(step):g} {u.value} steps"
    except ValueError as exc:
        raise fail(
            f"cannot read the equipment ({exc}); e.g. --stack 5x20 or --dumbbells 2-50/2"
        ) from exc
    result = on_kit(target, u, kit, what)
    if fmt == "json":
        print_json(to_data(result))
        return
    console().print(f"{result.load:g} {u.value} with {what}")
    if not result.exact:
        console().print(
            f"[yellow]Nearest achievable: {result.load:g} {u.value} ({result.load - target:+g} {u.value} from {target:g}).[/]"
        )


@app.command("rpe-chart")
def rpe_chart(fmt: FmtOpt = TextFormat.text) -> None:
    """The RTS %1RM chart by reps (1-12) and RPE (10 down to 6).

    Example: spotter calc rpe-chart --format json
    """
    from rich.table import Table

    from spotter.services.calc import rpe_chart
    from spotter.services.results import to_data

    rpes = [10.0 - 0.5 * i for i in range(9)]
    chart = rpe_chart(rpes)
    if fmt == "json":
        print_json(to_data(chart))
        return
    table = Table(title="% of 1RM by reps and RPE (RTS)", title_justify="left")
    table.add_column("Reps", justify="right")
    for p in rpes:
        table.add_column(f"@{p:g}", justify="right")
    for r, row in chart.items():
        table.add_row(str(r), *(f"{row[p]:.1f}" for p in rpes))
    console().print(table)
