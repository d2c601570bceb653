"""Writing sets in the `spotter log` grammar, so that :func:`~spotter.interchange.logline.parse_log_line`
reads them back to the same sets (a property test checks it on generated sets).

>>> from spotter.interchange.logline import parse_log_line
>>> format_entry("pull-up", parse_log_line("pull-up bw+10kg 8 @9", kind="bodyweight").sets)
'pull-up bw+10kg 8 @9'
"""

from __future__ import annotations

from collections.abc import Sequence

from spotter.interchange.logline import LoggedSet


def _num(value: float) -> str:
    """The shortest decimal text that reads back to the same float (no exponent)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text[:-2] if text.endswith(".0") else text


def format_set(s: LoggedSet) -> str:
    """One set in the grammar, always naming its load so that it starts a new group.

    >>> format_set(LoggedSet(100.0, "kg", reps=5, rpe=8.0))
    '100kg 5 @8'
    >>> format_set(LoggedSet(-20.0, "lb", reps=8, bodyweight=True, set_type="warm-up"))
    'bw-20lb 8 warmup'
    >>> format_set(LoggedSet(None, None, seconds=90.0, bodyweight=True))
    'bw 90s'
    """
    if s.load is None and not s.bodyweight:  # a band set without a load: "1x15"
        return " ".join([f"1x{s.reps}", *_marks(s)])
    if s.load is None:
        load = "bw"
    else:
        unit = s.unit or "kg"
        number = f"{_num(abs(s.load))}{unit}"
        if s.bodyweight:
            load = f"bw{'-' if s.load < 0 else '+'}{number}"
        else:
            load = f"-{number}" if s.load < 0 else number
    if s.seconds is not None:
        amount = f"{_num(s.seconds)}s"
    elif s.meters is not None:
        amount = f"{_num(s.meters)}m"
    else:
        amount = str(s.reps)
    return " ".join([load, amount, *_marks(s)])


def _marks(s: LoggedSet) -> list[str]:
    parts = []
    if s.rpe is not None:
        parts.append(f"@{_num(s.rpe)}")
    if s.rir is not None:
        parts.append(f"rir{_num(s.rir)}")
    if s.set_type != "working":
        parts.append("warmup" if s.set_type == "warm-up" else s.set_type)
    return parts


def format_entry(exercise: str, sets: Sequence[LoggedSet]) -> str:
    """An entry that :func:`parse_log_line` reads back to the same sets."""
    return " ".join([exercise, *(format_set(s) for s in sets)])
