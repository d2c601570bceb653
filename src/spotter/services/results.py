"""Typed results as plain data: one function turns any service result into JSON-ready values.

Services return dataclasses; the CLI's ``--format json`` and the API both render them through
:func:`to_data`, so the JSON a program reads has the same field names as the result type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from enum import Enum
from pathlib import PurePath
from typing import Any


def to_data(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses become objects of their fields (a field whose
    metadata says ``{"json": False}`` is left out, one whose metadata gives ``{"key": "from"}`` is
    written under that key, for names Python keeps to itself, and one with ``{"flatten": True}``
has its own fields written in its place), enums their values, dates ISO text, tuples
    and sets lists, paths text, and a float that is not finite None.

    >>> from dataclasses import dataclass, field
    >>> @dataclass
    ... class Set:
    ...     load_kg: float
    ...     day: dt.date
    ...     plates: tuple[float, ...]
    ...     note: str = field(default="", metadata={"json": False})
    >>> to_data(Set(62.5, dt.date(2026, 12, 3), (20.0, 1.25)))
    {'load_kg': 62.5, 'day': '2026-12-03', 'plates': [20.0, 1.25]}
    >>> to_data({"x": float("nan"), "when": dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)})
    {'x': None, 'when': '2026-01-02T03:04:00+00:00'}
    >>> @dataclass
    ... class Move:
    ...     from_: str = field(metadata={"key": "from"})
    >>> to_data(Move("a1"))
    {'from': 'a1'}
    >>> @dataclass
    ... class Timed:
    ...     set: int
    ...     move: Move = field(metadata={"flatten": True})
    ...     seconds: float = 1.5
    >>> to_data(Timed(2, Move("a1")))
    {'set': 2, 'from': 'a1', 'seconds': 1.5}
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Enum):
        return to_data(value.value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if not f.metadata.get("json", True):
                continue
            item = to_data(getattr(value, f.name))
            if f.metadata.get("flatten", False) and isinstance(item, dict):
                data |= item
            else:
                data[f.metadata.get("key", f.name)] = item
        return data
    if isinstance(value, Mapping):
        return {_key(k): to_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_data(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    raise TypeError(f"cannot turn a {type(value).__name__} into JSON data")


def _key(key: Any) -> str:
    """A mapping key as JSON text: a number as people write it (``60``, ``62.5``).

    >>> _key(60.0), _key(62.5), _key("lats"), _key(dt.date(2026, 1, 5))
    ('60', '62.5', 'lats', '2026-01-05')
    """
    if isinstance(key, float):
        return f"{key:g}"
    return str(to_data(key))
