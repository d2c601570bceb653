"""One reader for the loads and units people type outside a log line (``--load 55kg``, a
bodyweight of ``80.5``, ``--unit lbs``), shared by every command and the API."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spotter.errors import ValidationError
from spotter.science.units import Unit, parse_unit, to_kg

_LOAD = re.compile(r"(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(?P<unit>[a-z]*)")


@dataclass(frozen=True, slots=True)
class Load:
    """A typed load: ``kg`` in kilograms (None for the body alone), the ``unit`` it was given in,
    and whether it is bodyweight."""

    kg: float | None
    unit: Unit
    bodyweight: bool = False


def read_unit(text: str, *, field: str) -> Unit:
    """A unit of mass as typed (kg, kgs, lb, lbs, pounds, kilograms; any case).

    >>> read_unit("LBS", field="--unit")
    <Unit.LB: 'lb'>
    >>> read_unit("stone", field="--unit")
    Traceback (most recent call last):
    ...
    spotter.errors.ValidationError: --unit 'stone': expected kg or lb
    """
    try:
        return parse_unit(text)
    except ValueError:
        raise ValidationError(f"{field} {text!r}: expected kg or lb", field=field) from None


def read_load(text: str, default: Unit, *, field: str, bodyweight: bool = False) -> Load:
    """A load as typed: a number with an optional unit (``55kg``, ``120 lb``, ``80.5``: then
    ``default``), or with ``bodyweight`` allowed, ``bw``.

    >>> read_load("135lb", Unit.KG, field="--load")
    Load(kg=61.23496995, unit=<Unit.LB: 'lb'>, bodyweight=False)
    >>> read_load("80.5", Unit.KG, field="bodyweight").kg
    80.5
    >>> read_load("bw", Unit.KG, field="--load", bodyweight=True)
    Load(kg=None, unit=<Unit.KG: 'kg'>, bodyweight=True)
    >>> read_load("fifty", Unit.KG, field="--load")
    Traceback (most recent call last):
    ...
    spotter.errors.ValidationError: --load 'fifty': expected a number, optionally with kg or lb
    """
    t = text.strip().lower()
    if bodyweight and t in ("bw", "bodyweight"):
        return Load(None, default, True)
    expected = "a number, optionally with kg or lb" + (", or bw" if bodyweight else "")
    m = _LOAD.fullmatch(t)
    if m is None:
        raise ValidationError(f"{field} {text!r}: expected {expected}", field=field)
    number = float(m["number"])
    if not math.isfinite(number):
        raise ValidationError(f"{field} {text!r}: expected a finite number", field=field)
    try:
        unit = parse_unit(m["unit"]) if m["unit"] else default
    except ValueError:
        raise ValidationError(f"{field} {text!r}: expected {expected}", field=field) from None
    return Load(to_kg(number, unit), unit)
