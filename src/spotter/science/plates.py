"""Plate maths for a barbell (or a plate-loaded machine): what to put on each side.

Plate sets (SCIENCE.md section 7):

* IWF discs, kg: 25, 20, 15, 10, 5, 2.5, 2, 1.5, 1, 0.5.
* Powerlifting, kg: 25, 20, 15, 10, 5, then the change plates 2.5, 1.25, 0.5 and 0.25.
* Common gym, kg: 25 down to 1.25 (a project assumption: the powerlifting set without the
  fractional discs, which most commercial gyms lack).
* Pounds: 45, 35, 25, 10, 5, 2.5.

Bars: 20 kg (men's), 15 kg (women's), 45 lb, or any custom weight; collars are optional
(IWF collars are 2.5 kg each; an IPF bar with collars is 25 kg). A plate-loaded machine is a
"bar" whose weight is the sled or arm's starting resistance.

The load is split evenly, ``per side = (target - bar) / 2``, and a user's inventory says how
many plates of each weight exist (pairs are what count). Among all loads the inventory can
make, :func:`load_barbell` picks the one **closest** to the target (ties go to the lighter
load), not just the heaviest one below it, reports the difference, and lists each side's
plates heaviest first (the greedy heaviest-first breakdown of that load).

>>> no_15s = PlateInventory.unlimited((25, 20, 10, 5, 2.5, 1.25), Unit.KG)
>>> r = load_barbell(100, Barbell(BAR_20_KG, no_15s))
>>> r.load_kg, r.plates_per_side
(100.0, (25.0, 10.0, 5.0))
>>> load_barbell(100, Barbell(BAR_20_KG, COMMON_KG)).plates_per_side
(25.0, 15.0)
>>> r = load_barbell(101.5, Barbell(BAR_20_KG, COMMON_KG))
>>> r.load_kg, r.difference_kg, r.plates_per_side
(102.5, 1.0, (25.0, 15.0, 1.25))
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from spotter.science.units import Unit, format_load, from_kg, to_kg

#: Quantum for exact arithmetic on weights: a millionth of the unit.
QUANTUM: Final[int] = 1_000_000


def quantize(value: float) -> int:
    """A weight as an integer number of millionths of its unit, so sums are exact.

    >>> quantize(2.5), quantize(0.1 + 0.2) == quantize(0.3)
    (2500000, True)
    """
    return round(value * QUANTUM)


def closest(target: int, options: Iterable[int]) -> int:
    """The option nearest ``target``; of two equally near, the lower.

    >>> closest(5, [0, 4, 6, 10]), closest(7, [0, 4, 6, 10])
    (4, 6)
    """
    best = min(options, key=lambda o: (abs(o - target), o), default=None)
    if best is None:
        raise ValueError("no achievable load to choose from")
    return best


@dataclass(frozen=True, slots=True)
class Bar:
    """A bar (or a machine's base resistance) and its collars, both in ``unit``."""

    weight: float
    unit: Unit = Unit.KG
    collars: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        if self.weight < 0 or self.collars < 0:
            raise ValueError(
                f"bar and collar weights must not be negative, got {self.weight:g} and "
                f"{self.collars:g}"
            )

    def weight_in(self, unit: Unit) -> float:
        """Bar plus collars in ``unit``.

        >>> round(BAR_20_KG.weight_in(Unit.LB), 3)
        44.092
        """
        return from_kg(to_kg(self.weight + self.collars, self.unit), unit)


BAR_20_KG: Final[Bar] = Bar(20.0, Unit.KG, name="20 kg bar")
BAR_15_KG: Final[Bar] = Bar(15.0, Unit.KG, name="15 kg bar")
BAR_45_LB: Final[Bar] = Bar(45.0, Unit.LB, name="45 lb bar")
#: Weight of one IWF competition collar, kg.
IWF_COLLAR_KG: Final[float] = 2.5

IWF_DISCS_KG: Final[tuple[float, ...]] = (25, 20, 15, 10, 5, 2.5, 2, 1.5, 1, 0.5)
POWERLIFTING_PLATES_KG: Final[tuple[float, ...]] = (25, 20, 15, 10, 5, 2.5, 1.25, 0.5, 0.25)
COMMON_PLATES_KG: Final[tuple[float, ...]] = (25, 20, 15, 10, 5, 2.5, 1.25)
STANDARD_PLATES_LB: Final[tuple[float, ...]] = (45, 35, 25, 10, 5, 2.5)


@dataclass(frozen=True, slots=True)
class PlateInventory:
    """Plates available: ``(weight, count)`` pairs in ``unit``; a count of None means plenty.

    Counts are plates in total, so 3 plates of a weight make 1 pair.

    >>> inv = PlateInventory.counted({20: 2, 10: 4, 2.5: 3}, Unit.KG)
    >>> inv.pairs()
    ((20.0, 1), (10.0, 2), (2.5, 1))
    """

    unit: Unit
    plates: tuple[tuple[float, int | None], ...]

    def __post_init__(self) -> None:
        seen: set[int] = set()
        for weight, count in self.plates:
            if weight <= 0:
                raise ValueError(f"plate weights must be positive, got {weight:g}")
            if count is not None and count < 0:
                raise ValueError(f"plate counts must not be negative, got {count} x {weight:g}")
            if quantize(weight) in seen:
                raise ValueError(f"plate weight {weight:g} {self.unit} is listed twice")
            seen.add(quantize(weight))

    @classmethod
    def unlimited(cls, weights: Sequence[float], unit: Unit) -> PlateInventory:
        """As many plates of each weight as needed."""
        return cls(unit, tuple((float(w), None) for w in weights))

    @classmethod
    def counted(cls, counts: Mapping[float, int], unit: Unit) -> PlateInventory:
        """A user's own plates, ``{weight: how many}``."""
        return cls(unit, tuple((float(w), c) for w, c in counts.items()))

    def pairs(self) -> tuple[tuple[float, int | None], ...]:
        """``(weight, pairs)`` heaviest first, leaving out weights with no pair."""
        out = [(float(w), None if c is None else c // 2) for w, c in self.plates]
        return tuple(sorted((p for p in out if p[1] != 0), key=lambda p: -p[0]))


IWF_KG: Final[PlateInventory] = PlateInventory.unlimited(IWF_DISCS_KG, Unit.KG)
POWERLIFTING_KG: Final[PlateInventory] = PlateInventory.unlimited(POWERLIFTING_PLATES_KG, Unit.KG)
COMMON_KG: Final[PlateInventory] = PlateInventory.unlimited(COMMON_PLATES_KG, Unit.KG)
STANDARD_LB: Final[PlateInventory] = PlateInventory.unlimited(STANDARD_PLATES_LB, Unit.LB)


@dataclass(frozen=True, slots=True)
class Barbell:
    """A bar and the plates to load it with."""

    bar: Bar
    plates: PlateInventory


@dataclass(frozen=True, slots=True)
class RoundedLoad:
    """A load the equipment can make, for a target.

    ``load`` is in the equipment's ``unit``; ``plates_per_side`` (barbells only) too.
    """

    target_kg: float
    load_kg: float
    load: float
    unit: Unit
    plates_per_side: tuple[float, ...] = ()

    @property
    def difference_kg(self) -> float:
        """Achieved minus target, kg (positive: heavier than asked)."""
        return self.load_kg - self.target_kg

    @property
    def exact(self) -> bool:
        """Whether the target was met to the gram."""
        return abs(self.difference_kg) < 0.0005


def plates_text(plates: Sequence[float]) -> str:
    """One side's plates as people say them.

    >>> plates_text((25.0, 10.0, 2.5)), plates_text(())
    ('25 + 10 + 2.5', 'no plates')
    """
    return " + ".join(f"{p:g}" for p in plates) if plates else "no plates"


def describe_barbell(result: RoundedLoad, bar: Bar) -> str:
    """One line for a barbell load.

    >>> describe_barbell(load_barbell(100, Barbell(BAR_20_KG, COMMON_KG)), BAR_20_KG)
    '100 kg: 20 kg bar + 25 + 15 per side'
    """
    bar_text = bar.name or f"{format_load(bar.weight, bar.unit)} bar"
    if not result.plates_per_side:
        return f"{format_load(result.load, result.unit)}: {bar_text} only"
    side = plates_text(result.plates_per_side)
    return f"{format_load(result.load, result.unit)}: {bar_text} + {side} per side"


def _reachable(plates: Sequence[tuple[int, int | None]], limit: int) -> list[int]:
    """Bitsets of per-side sums (in grid steps, up to ``limit``) reachable with plates ``i..``,
    for each i. Counts are added in doubling chunks, so a plate costs a handful of shifts
    however many of it there are."""
    mask = (1 << (limit + 1)) - 1
    suffix = [1]
    for weight, pairs in reversed(plates):
        reach = suffix[-1]
        most = limit // weight if pairs is None else min(pairs, limit // weight)
        chunk = 1
        while most > 0:
            take = min(chunk, most)
            reach |= (reach << (take * weight)) & mask
            most -= take
            chunk *= 2
        suffix.append(reach)
    suffix.reverse()
    return suffix


def _nearest_bit(reach: int, target_q: int, grid: int) -> int:
    """The set bit ``s`` of ``reach`` with ``s x grid`` nearest ``target_q``; ties go lower."""
    low = target_q // grid
    below = reach & ((1 << (low + 1)) - 1)
    candidates = [below.bit_length() - 1] if below else []
    above = reach >> (low + 1)
    if above:
        candidates.append(low + 1 + (above & -above).bit_length() - 1)
    return min(candidates, key=lambda b: (abs(b * grid - target_q), b))


def _preplaced(steps: Sequence[tuple[int, int | None]], target: float) -> tuple[int, int]:
    """How many of the heaviest unlimited plate surely belong on a side for ``target`` steps,
    and its index, so that only a small remainder is searched.

    Any load is also made with fewer than ``U / gcd(U, d)`` plates of each other unlimited
    weight ``d`` (``U / gcd`` of them weigh as much as ``d / gcd`` plates of ``U``), so every
    other plate together weighs at most ``R = sum d (U / gcd(U, d) - 1)`` plus the counted
    plates ``C``. The closest load is within ``U`` of the target, so it holds at least
    ``(target - U - C - R) / U`` plates of ``U``.
    """
    unlimited = [(i, w) for i, (w, n) in enumerate(steps) if n is None]
    if not unlimited:
        return 0, -1
    index, heavy = max(unlimited, key=lambda t: t[1])
    rest = sum(w * (heavy // math.gcd(heavy, w) - 1) for i, w in unlimited if i != index)
    counted = sum(w * n for w, n in steps if n is not None)
    return max(0, math.floor((target - heavy - counted - rest) / heavy)), index


def load_barbell(target_kg: float, barbell: Barbell) -> RoundedLoad:
    """The achievable barbell load closest to ``target_kg``, with each side's plates.

    Parameters
    ----------
    target_kg
        Wanted total load (bar included), kg.
    barbell
        The bar and the plate inventory.

    Examples
    --------
    >>> r = load_barbell(to_kg(225, Unit.LB), Barbell(BAR_45_LB, STANDARD_LB))
    >>> r.load, r.plates_per_side
    (225.0, (45.0, 45.0))
    >>> load_barbell(15, Barbell(BAR_20_KG, COMMON_KG)).load_kg
    20.0
    >>> mine = Barbell(BAR_20_KG, PlateInventory.counted({20: 2, 10: 2}, Unit.KG))
    >>> load_barbell(100, mine).load_kg
    80.0
    """
    unit = barbell.plates.unit
    bar_q = quantize(barbell.bar.weight_in(unit))
    pairs = barbell.plates.pairs()
    quantized = [(quantize(w), n) for w, n in pairs]
    grid = math.gcd(*(w for w, _ in quantized)) if quantized else 1
    side_target = (quantize(from_kg(target_kg, unit)) - bar_q) / 2
    chosen: list[float] = []
    best_steps = 0
    if quantized and side_target > 0:
        target = side_target / grid
        # a counted plate with enough pairs for the whole target is as good as unlimited
        top = max(w for w, _ in quantized) // grid
        steps = [
            (w // grid, None if n is None or n * (w // grid) > target + top else n)
            for w, n in quantized
        ]
        capacity = sum(w * n for w, n in steps if n is not None)
        if all(n is not None for _, n in steps) and capacity <= target:
            # everything on the bar is still not more than the target: load it all
            for (_, n), (plate, _) in zip(steps, pairs, strict=True):
                chosen.extend([plate] * (n or 0))
            best_steps = capacity
        else:
            placed, heavy = _preplaced(steps, target)
            offset = placed * steps[heavy][0] if placed else 0
            limit = math.ceil(target - offset) + max(w for w, _ in steps)
            suffix = _reachable(steps, limit)
            rest_q = round(side_target) - offset * grid
            remaining = _nearest_bit(suffix[0], rest_q, grid)
            best_steps = remaining + offset
            for i, ((weight, most_pairs), (plate, _)) in enumerate(
                zip(steps, pairs, strict=True)
            ):
                most = remaining // weight
                if most_pairs is not None:
                    most = min(most_pairs, most)
                # The most plates of this weight that still leave a load the lighter ones make.
                j = next(
                    j
                    for j in range(most, -1, -1)
                    if suffix[i + 1] >> (remaining - j * weight) & 1
                )
                chosen.extend([plate] * (j + (placed if i == heavy else 0)))
                remaining -= j * weight
    plates_total = 2 * best_steps * grid / QUANTUM
    bar = barbell.bar
    total_kg = to_kg(bar.weight + bar.collars, bar.unit) + to_kg(plates_total, unit)
    total = (bar_q + 2 * best_steps * grid) / QUANTUM
    return RoundedLoad(target_kg, total_kg, total, unit, tuple(chosen))
