"""`spotter calc`: e1RM, the load for reps at an RPE, plates and the nearest load on other kit.

Each function returns a typed result; the command line prints its text or its
:func:`~spotter.services.results.to_data` JSON (the keys are the fields below). Loads are in the
unit asked (``unit``), as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spotter.errors import ValidationError
from spotter.science.units import Unit

if TYPE_CHECKING:
    from spotter.science.loading import Equipment
    from spotter.science.plates import Bar, RoundedLoad


@dataclass(frozen=True, slots=True)
class E1rm:
    """An estimated one-rep max and how it was estimated."""

    e1rm: float
    unit: Unit
    method: str


@dataclass(frozen=True, slots=True)
class E1rmByFormula:
    """The e1RM by every formula valid for the reps (formula name -> e1RM)."""

    unit: Unit
    e1rm: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class LoadAtRpe:
    """The load for a number of reps at an RPE, and its share of the e1RM in percent."""

    load: float
    unit: Unit
    percent_of_1rm: float


@dataclass(frozen=True, slots=True)
class BarbellAnswer:
    """The nearest barbell load to ``target`` and the plates per side that make it."""

    target: float
    load: float
    unit: Unit
    bar: float
    plates_per_side: tuple[float, ...]
    exact: bool
    loaded: RoundedLoad = field(metadata={"json": False})
    the_bar: Bar = field(metadata={"json": False})


@dataclass(frozen=True, slots=True)
class KitAnswer:
    """The nearest load to ``target`` on a cable stack or a dumbbell rack (``equipment``)."""

    target: float
    load: float
    unit: Unit
    equipment: str
    exact: bool


def e1rm_by_formula(load: float, reps: int, rpe: float | None, unit: Unit) -> E1rmByFormula:
    """Every formula's e1RM that is valid up to ``reps`` (an RPE adds its reps in reserve).

    >>> e1rm_by_formula(100, 5, None, Unit.KG).e1rm["epley"]
    116.66666666666667
    """
    from spotter.science.one_rm import FORMULAS, MAX_REPS, one_rm

    rows = {
        f.value: one_rm(load, reps + (10 - rpe if rpe else 0), f)
        for f in FORMULAS
        if reps <= MAX_REPS[f]
    }
    return E1rmByFormula(unit, rows)


def e1rm(load: float, reps: int, rpe: float | None, unit: Unit, formula: str | None = None) -> E1rm:
    """The default estimate (the RTS chart with an RPE, else Brzycki or Epley) or one formula's.

    Raises :class:`ValidationError` for a formula or set the estimate cannot take.

    >>> round(e1rm(100, 5, 8, Unit.KG).e1rm, 1)  # 100 / 0.811 (5 reps @8: 81.1 % on the chart)
    123.3
    """
    from spotter.science.one_rm import estimate

    try:
        est = estimate(load, reps, rpe, formula=formula)
    except ValueError as exc:
        raise ValidationError(str(exc), field="formula" if formula else "reps") from None
    return E1rm(est.one_rm, unit, est.method)


def load_at_rpe(e1rm: float, reps: int, rpe: float, unit: Unit) -> LoadAtRpe:
    """The load for ``reps`` at ``rpe`` from ``e1rm`` (the RTS chart).

    >>> round(load_at_rpe(140, 5, 8, Unit.KG).load, 2)  # 81.1 % of 140
    113.54
    """
    from spotter.science.rpe import load_for, pct

    try:
        value = load_for(e1rm, reps, rpe)
        share = pct(reps, rpe)
    except ValueError as exc:
        raise ValidationError(str(exc), field="rpe") from None
    return LoadAtRpe(value, unit, share * 100)


def barbell(
    target: float, unit: Unit, bar_weight: float, plates: Mapping[float, int] | None = None
) -> BarbellAnswer:
    """The nearest load to ``target`` on a bar of ``bar_weight`` with standard plates, or with
    the ``plates`` counted one by one (weight -> count)."""
    from spotter.science.plates import (
        COMMON_KG,
        STANDARD_LB,
        Bar,
        Barbell,
        PlateInventory,
        load_barbell,
    )
    from spotter.science.units import to_kg

    the_bar = Bar(bar_weight, unit)
    inventory = STANDARD_LB if unit.value == "lb" else COMMON_KG
    if plates is not None:
        try:
            inventory = PlateInventory.counted(dict(plates), unit)
        except ValueError as exc:
            raise ValidationError(str(exc), field="plates") from None
    result = load_barbell(to_kg(target, unit), Barbell(the_bar, inventory))
    return BarbellAnswer(
        target, result.load, unit, bar_weight, tuple(result.plates_per_side), result.exact,
        result, the_bar,
    )


def on_kit(target: float, unit: Unit, kit: Equipment, what: str) -> KitAnswer:
    """The nearest load to ``target`` that ``kit`` (described as ``what``) makes."""
    from spotter.science.loading import round_load
    from spotter.science.units import to_kg

    result = round_load(to_kg(target, unit), kit)
    return KitAnswer(target, result.load, unit, what, result.exact)


def rpe_chart(rpes: Sequence[float]) -> dict[int, dict[float, float]]:
    """The RTS chart: reps (1-12) -> RPE -> percent of 1RM, to 0.1.

    >>> rpe_chart([10.0, 8.0])[5]
    {10.0: 86.3, 8.0: 81.1}
    """
    from spotter.science.rpe import CHART_REPS, pct

    return {r: {p: round(pct(r, p) * 100, 1) for p in rpes} for r in CHART_REPS}
