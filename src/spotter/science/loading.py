"""Rounding a target load to what the user can actually load, for each kind of equipment.

* Barbells and plate-loaded machines: plate maths (:mod:`spotter.science.plates`).
* Dumbbells and kettlebells: a rack of fixed weights, listed or stepped (e.g. 2-40 kg by 2).
  The load is per hand.
* Cable stacks and selectorized machines: pins at ``first, first + increment, ...``, optional
  add-on plates (each used at most once), and a pulley ratio of 1:1, 2:1, 3:1 or 4:1, so the
  handle feels ``(stack + add-ons) / ratio``. Friction is ignored (SCIENCE.md section 7: lat
  pulldowns and rows are about 1:1, functional trainers often 2:1). A selectorized machine is a
  1:1 stack.
* Bodyweight and bands: no equipment, the target is kept as is.

Every rounding picks the closest achievable load; of two equally close, the lighter.

>>> round_load(23, DumbbellRack.stepped(2, 40, 2.5, Unit.KG)).load_kg
22.0
>>> trainer = CableStack(increment=5, plates=20, unit=Unit.KG, ratio=2)
>>> round_load(21, trainer).load_kg
20.0
>>> from spotter.science.plates import BAR_20_KG, COMMON_KG
>>> round_load(101.5, Barbell(BAR_20_KG, COMMON_KG)).load_kg
102.5
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spotter.science.plates import (
    QUANTUM,
    Barbell,
    RoundedLoad,
    closest,
    load_barbell,
    quantize,
)
from spotter.science.units import Unit, from_kg, to_kg

#: Pulley ratios found on cable machines.
PULLEY_RATIOS: Final[tuple[int, ...]] = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class DumbbellRack:
    """Fixed weights available per hand (dumbbells or kettlebells), in ``unit``.

    >>> DumbbellRack.stepped(5, 15, 2.5, Unit.LB).weights
    (5.0, 7.5, 10.0, 12.5, 15.0)
    """

    weights: tuple[float, ...]
    unit: Unit = Unit.KG

    def __post_init__(self) -> None:
        if not self.weights:
            raise ValueError("a dumbbell rack needs at least one weight")
        if any(w <= 0 for w in self.weights):
            raise ValueError(f"dumbbell weights must be positive, got {self.weights}")

    @classmethod
    def stepped(cls, lightest: float, heaviest: float, step: float, unit: Unit) -> DumbbellRack:
        """Every weight from ``lightest`` to ``heaviest`` in steps of ``step``."""
        if step <= 0 or heaviest < lightest or lightest <= 0:
            raise ValueError(
                f"need 0 < lightest <= heaviest and a positive step, got {lightest:g}, "
                f"{heaviest:g}, step {step:g}"
            )
        start, size = quantize(lightest), quantize(step)
        count = (quantize(heaviest) - start) // size
        return cls(tuple((start + i * size) / QUANTUM for i in range(count + 1)), unit)


@dataclass(frozen=True, slots=True)
class CableStack:
    """A weight stack: ``plates`` pins ``increment`` apart starting at ``first``.

    ``first`` defaults to ``increment``. ``add_ons`` are small plates that sit on the stack.
    Every weight is in ``unit``, as printed on the stack.

    >>> CableStack(5, 4, Unit.KG, add_ons=(2.5,)).handle_loads()
    (5.0, 7.5, 10.0, 12.5, 15.0, 17.5, 20.0, 22.5)
    >>> CableStack(10, 3, Unit.LB, ratio=2).handle_loads()
    (5.0, 10.0, 15.0)
    """

    increment: float
    plates: int
    unit: Unit = Unit.KG
    ratio: int = 1
    first: float | None = None
    add_ons: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.increment <= 0 or self.plates < 1:
            raise ValueError(
                f"a stack needs a positive increment and at least one plate, got "
                f"{self.increment:g} x {self.plates}"
            )
        if self.ratio not in PULLEY_RATIOS:
            raise ValueError(f"pulley ratio must be 1, 2, 3 or 4 (to 1), got {self.ratio}")
        if (self.first is not None and self.first <= 0) or any(a <= 0 for a in self.add_ons):
            raise ValueError("the first plate and add-on plates must weigh more than zero")

    def stack_settings(self) -> tuple[float, ...]:
        """Weights the pin can select, without add-ons."""
        first = quantize(self.increment if self.first is None else self.first)
        step = quantize(self.increment)
        return tuple((first + i * step) / QUANTUM for i in range(self.plates))

    def handle_loads(self) -> tuple[float, ...]:
        """Every load at the handle in ``unit``: pin plus any add-ons, divided by the ratio."""
        extras = {0}
        for n in range(1, len(self.add_ons) + 1):
            for combo in itertools.combinations(self.add_ons, n):
                extras.add(sum(quantize(a) for a in combo))
        totals = {quantize(s) + e for s in self.stack_settings() for e in extras}
        return tuple(t / self.ratio / QUANTUM for t in sorted(totals))


#: Equipment a load can be rounded for; None is bodyweight or a band (no rounding).
Equipment = Barbell | DumbbellRack | CableStack


def _nearest_of(target_kg: float, loads: Sequence[float], unit: Unit) -> RoundedLoad:
    target = quantize(from_kg(target_kg, unit))
    best = closest(target, (quantize(x) for x in loads)) / QUANTUM
    return RoundedLoad(target_kg, to_kg(best, unit), best, unit)


def round_load(target_kg: float, equipment: Equipment | None) -> RoundedLoad:
    """The load closest to ``target_kg`` that ``equipment`` can make (ties go lighter).

    Parameters
    ----------
    target_kg
        Wanted load in kg: the whole bar for a barbell, per hand for dumbbells, at the handle
        for a cable.
    equipment
        What the user loads; None for bodyweight or bands, which keep the target.

    Examples
    --------
    >>> r = round_load(to_kg(97, Unit.LB), DumbbellRack.stepped(5, 100, 5, Unit.LB))
    >>> r.load, r.unit, round(r.difference_kg, 3)
    (95.0, <Unit.LB: 'lb'>, -0.907)
    >>> round_load(12.3, None).load_kg
    12.3
    """
    if equipment is None:
        return RoundedLoad(target_kg, target_kg, target_kg, Unit.KG)
    if isinstance(equipment, Barbell):
        return load_barbell(target_kg, equipment)
    if isinstance(equipment, DumbbellRack):
        return _nearest_of(target_kg, equipment.weights, equipment.unit)
    return _nearest_of(target_kg, equipment.handle_loads(), equipment.unit)


def lightest_load_kg(equipment: Equipment | None) -> float:
    """The lightest load the equipment allows: the empty bar, the lightest dumbbell, the
    first pin. Zero without equipment.

    >>> from spotter.science.plates import BAR_20_KG, COMMON_KG
    >>> lightest_load_kg(Barbell(BAR_20_KG, COMMON_KG)), lightest_load_kg(None)
    (20.0, 0.0)
    >>> lightest_load_kg(CableStack(5, 10, Unit.KG, ratio=2))
    2.5
    """
    if equipment is None:
        return 0.0
    if isinstance(equipment, Barbell):
        return to_kg(equipment.bar.weight_in(equipment.plates.unit), equipment.plates.unit)
    if isinstance(equipment, DumbbellRack):
        return to_kg(min(equipment.weights), equipment.unit)
    return to_kg(equipment.handle_loads()[0], equipment.unit)
