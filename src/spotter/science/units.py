"""Mass units: kilograms and pounds.

Spotter stores kilograms and shows the user's unit. The pound is defined exactly as
0.45359237 kg (international yard and pound agreement, 1959), so conversions are exact up to
floating point.

>>> kg_to_lb(100)
220.46226218487757
>>> round(lb_to_kg(45), 4)
20.4117
>>> to_kg(200, "lb") == lb_to_kg(200)
True
>>> parse_unit("lbs")
<Unit.LB: 'lb'>
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

#: Kilograms in one pound, exact by definition.
KG_PER_LB: Final[float] = 0.45359237


class Unit(StrEnum):
    """A unit of mass for loads."""

    KG = "kg"
    LB = "lb"


_ALIASES: Final[dict[str, Unit]] = {
    "kg": Unit.KG,
    "kgs": Unit.KG,
    "kilo": Unit.KG,
    "kilos": Unit.KG,
    "kilogram": Unit.KG,
    "kilograms": Unit.KG,
    "lb": Unit.LB,
    "lbs": Unit.LB,
    "pound": Unit.LB,
    "pounds": Unit.LB,
}


def parse_unit(text: str | Unit) -> Unit:
    """Read a unit name such as ``"kg"``, ``"lbs"`` or ``"pounds"`` (case-insensitive).

    Raises
    ------
    ValueError
        For anything that is not a known spelling of kilograms or pounds.

    Examples
    --------
    >>> parse_unit("KG"), parse_unit("pounds")
    (<Unit.KG: 'kg'>, <Unit.LB: 'lb'>)
    >>> parse_unit("stone")
    Traceback (most recent call last):
    ...
    ValueError: unknown unit 'stone': expected kg or lb (also kgs, lbs, pounds, kilograms)
    """
    if isinstance(text, Unit):
        return text
    unit = _ALIASES.get(text.strip().lower())
    if unit is None:
        raise ValueError(
            f"unknown unit {text!r}: expected kg or lb (also kgs, lbs, pounds, kilograms)"
        )
    return unit


def lb_to_kg(lb: float) -> float:
    """Convert pounds to kilograms.

    >>> lb_to_kg(1)
    0.45359237
    """
    return lb * KG_PER_LB


def kg_to_lb(kg: float) -> float:
    """Convert kilograms to pounds.

    >>> round(kg_to_lb(20), 3)
    44.092
    """
    return kg / KG_PER_LB


def to_kg(value: float, unit: Unit | str) -> float:
    """Convert ``value`` given in ``unit`` to kilograms.

    >>> to_kg(60, "kg"), round(to_kg(135, "lb"), 3)
    (60, 61.235)
    """
    return value if parse_unit(unit) is Unit.KG else lb_to_kg(value)


def from_kg(kg: float, unit: Unit | str) -> float:
    """Convert kilograms to ``unit``.

    >>> from_kg(60, Unit.KG), round(from_kg(lb_to_kg(225), "lb"), 9)
    (60, 225.0)
    """
    return kg if parse_unit(unit) is Unit.KG else kg_to_lb(kg)


def format_load(value: float, unit: Unit | str = Unit.KG) -> str:
    """Format a load for people: at most two decimals, no trailing zeros.

    >>> format_load(122.5), format_load(120.0), format_load(246.6091, "lb")
    ('122.5 kg', '120 kg', '246.61 lb')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return f"{text} {parse_unit(unit)}"
