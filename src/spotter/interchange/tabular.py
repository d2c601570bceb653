"""Shared reading of delimited exports: decoding, rows with line numbers and checked fields.

The helpers raise :class:`~spotter.interchange.records.LogFormatError` naming the line, the
field and what was expected, so that each format module stays a short mapping of columns.
Only a file that is not the format at all (no header, missing columns) fails whole: a bad row
(a cell that cannot be read, a wrong number of fields, a broken quote) costs that row alone,
which :meth:`DataRows.collect` lists as skipped with its line and the reason.

>>> rows = list(read_rows(b"a,b\\n1,2\\n\\n3,4\\n", delimiter=","))
>>> [(r.line, r.fields) for r in rows]
[(1, ['a', 'b']), (2, ['1', '2']), (3, []), (4, ['3', '4'])]
>>> number("7,5", line=3, field="Weight", decimal_comma=True)
7.5
>>> rows = read_rows(b"a,b\\n1,2\\nx\\n", delimiter=",")
>>> table = DataRows(rows, header_of(rows, "a test file"), ",")
>>> table.collect(lambda row, get: int(get("a")) + int(get("b")))
[3]
>>> table.skipped
[Skipped(line=3, reason="row: expected 2 fields separated by ',' like the header (a truncated file or a wrong delimiter gives another count), got 1, found 'x'")]
>>> number("-1", line=3, field="Weight")
Traceback (most recent call last):
...
spotter.interchange.records.LogFormatError: line 3, field 'Weight': expected a number, 0 or more, found '-1'
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spotter.interchange.records import ImportedSet, LogFormatError, Skipped
from spotter.science.units import Unit, parse_unit

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$", re.ASCII)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Row:
    """One record of the file and the physical line it starts on (the header is line 1)."""

    line: int
    fields: list[str]
    error: str | None = None


def decode(data: bytes) -> str:
    """The text of an export: UTF-8 with or without a byte-order mark, UTF-16 with one, else
    Windows-1252 (a file re-saved by a spreadsheet), so that no byte costs the whole file.

    >>> decode("\\ufeffDate".encode()), decode("Mücke".encode("cp1252"))
    ('Date', 'Mücke')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_rows(data: bytes, *, delimiter: str) -> Iterator[Row]:
    """Every record of the file with its starting line; a blank line gives an empty row.

    A record the csv module cannot read (a stray quote, a NUL byte) comes back with ``error``
    set and no fields; reading goes on with the next line.
    """
    text = decode(data).replace("\0", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    done = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Row(done + 1, [], error=f"a well-formed {delimiter!r}-separated row ({exc})")
            done = reader.line_num
            continue
        yield Row(done + 1, fields)
        done = reader.line_num


def sniff(data: bytes) -> str:
    """The delimiter of an export: ";" when its first line has more semicolons than commas (the
    newer Strong export, or a file re-saved by a spreadsheet in a decimal-comma locale), else ",".

    >>> sniff(b'"Date";"Exercise"\\n'), sniff(b"Date,Exercise\\n")
    (';', ',')
    """
    first = decode(data[:4096]).lstrip("\r\n").split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def header_of(rows: Iterator[Row], formats: str) -> list[str]:
    """The header's column names, without spaces around them."""
    first = next(rows, None)
    if first is None or not any(f.strip() for f in first.fields):
        raise LogFormatError(1, "header", f"the header line of {formats}", "")
    return [f.strip() for f in first.fields]


def require(header: Sequence[str], columns: Sequence[str], formats: str) -> None:
    """Fail on line 1 when a column the format needs is missing."""
    missing = [c for c in columns if c not in header]
    if missing:
        raise LogFormatError(
            1, missing[0], f"the columns of {formats}: {', '.join(columns)}", ",".join(header)
        )


def check_width(row: Row, header: Sequence[str], delimiter: str) -> None:
    """Fail when a row has more or fewer fields than the header (a truncated row, a stray delimiter)."""
    if len(row.fields) != len(header):
        raise LogFormatError(
            row.line,
            "row",
            f"{len(header)} fields separated by {delimiter!r} like the header "
            f"(a truncated file or a wrong delimiter gives another count), got {len(row.fields)}",
            delimiter.join(row.fields),
        )


Getter = Callable[[str], str]


def reason_of(error: LogFormatError) -> str:
    """The reason a row was refused, without its line (a Skipped carries the line).

    >>> reason_of(LogFormatError(4, "Reps", "a whole number", "ten"))
    "Reps: expected a whole number, found 'ten'"
    """
    text = f"{error.field}: expected {error.expected}"
    if error.found is not None:
        shown = error.found if len(error.found) <= 80 else error.found[:77] + "..."
        text += f", found {shown!r}"
    return text


class DataRows:
    """The data rows after a header: counts every row, skips blank ones (with the reason), checks
    the width after an optional ``repair``, and gives each row a ``get(column)`` reader that
    returns "" for a column the file does not have. A row that cannot be read is skipped with its
    line and reason; the rest of the file is read on."""

    def __init__(
        self,
        rows: Iterator[Row],
        header: Sequence[str],
        delimiter: str,
        repair: Callable[[Row], Row] | None = None,
    ) -> None:
        self._rows = rows
        self._header = list(header)
        self._delimiter = delimiter
        self._repair = repair
        self.columns = {name: i for i, name in enumerate(header)}
        self.read = 0
        self.skipped: list[Skipped] = []

    def __iter__(self) -> Iterator[tuple[Row, Callable[[str], str]]]:
        columns = self.columns
        for row in self._rows:
            self.read += 1
            if row.error is not None:
                self.skipped.append(Skipped(row.line, f"row: expected {row.error}"))
                continue
            empty = blank(row)
            if empty is not None:
                self.skipped.append(empty)
                continue
            if self._repair is not None:
                row = self._repair(row)
            try:
                check_width(row, self._header, self._delimiter)
            except LogFormatError as error:
                self.refuse(row.line, error)
                continue

            def get(name: str, fields: list[str] = row.fields) -> str:
                i = columns.get(name)
                return "" if i is None else fields[i]

            yield row, get

    def refuse(self, line: int, error: LogFormatError) -> None:
        """List a row that cannot be read, with its reason."""
        self.skipped.append(Skipped(line, reason_of(error)))

    def collect(self, read: Callable[[Row, Getter], T | Skipped]) -> list[T]:
        """``read`` applied to every data row; a row it refuses (a LogFormatError) or skips (a
        Skipped) is listed in :attr:`skipped`, in file order."""
        out: list[T] = []
        for row, get in self:
            try:
                got = read(row, get)
            except LogFormatError as error:
                self.refuse(row.line, error)
                continue
            if isinstance(got, Skipped):
                self.skipped.append(got)
            else:
                out.append(got)
        self.skipped.sort(key=lambda k: k.line)
        return out


def blank(row: Row) -> Skipped | None:
    """A Skipped for a blank line or a row whose fields are all empty, else None."""
    if not row.fields:
        return Skipped(row.line, "blank line")
    if not any(f.strip() for f in row.fields):
        return Skipped(row.line, "empty row: every field is blank")
    return None


def text(value: str) -> str | None:
    """The value without surrounding spaces, or None when it is empty."""
    value = value.strip()
    return value or None


def number(
    value: str,
    *,
    line: int,
    field: str,
    expected: str = "a number, 0 or more",
    decimal_comma: bool = False,
    negative: bool = False,
) -> float:
    """A finite number, 0 or more unless ``negative``; ``7,5`` is 7.5 when ``decimal_comma``."""
    raw = value.strip()
    if decimal_comma and _DECIMAL_COMMA.match(raw):
        raw = raw.replace(",", ".")
    if not _NUMBER.match(raw):
        raise LogFormatError(line, field, expected, value)
    result = float(raw)
    if not math.isfinite(result) or (result < 0 and not negative):
        raise LogFormatError(line, field, expected, value)
    return result


def optional_number(
    value: str,
    *,
    line: int,
    field: str,
    expected: str = "a number, 0 or more, or nothing",
    decimal_comma: bool = False,
    zero_is_empty: bool = False,
    negative: bool = False,
) -> float | None:
    """Like :func:`number`, but an empty field (or 0 when ``zero_is_empty``) is None."""
    if not value.strip():
        return None
    result = number(
        value,
        line=line,
        field=field,
        expected=expected,
        decimal_comma=decimal_comma,
        negative=negative,
    )
    return None if zero_is_empty and result == 0 else result


def whole(value: str, *, line: int, field: str, expected: str = "a whole number, 0 or more") -> int:
    """A whole number, 0 or more ("8" and "8.0" are both 8)."""
    result = number(value, line=line, field=field, expected=expected)
    if not result.is_integer():
        raise LogFormatError(line, field, expected, value)
    return int(result)


def optional_whole(value: str, *, line: int, field: str, decimal_comma: bool = False) -> int | None:
    """Like :func:`whole`, but an empty field is None (``8,0`` is 8 with ``decimal_comma``)."""
    if not value.strip():
        return None
    expected = "a whole number, 0 or more, or nothing"
    result = number(value, line=line, field=field, expected=expected, decimal_comma=decimal_comma)
    if not result.is_integer():
        raise LogFormatError(line, field, expected, value)
    return int(result)


def rpe(value: str, *, line: int, field: str, decimal_comma: bool = False) -> float | None:
    """An RPE between 0 and 10, or None when empty (0 in a column that writes 0 for nothing)."""
    expected = "an RPE from 1 to 10, or nothing"
    result = optional_number(
        value, line=line, field=field, expected=expected, decimal_comma=decimal_comma
    )
    if result is not None and result > 10:
        raise LogFormatError(line, field, expected, value)
    return None if result == 0 else result


def checked_unit(unit: str | None) -> Unit | None:
    """The unit argument as a :class:`Unit` (None stays None); a bad spelling is a
    :class:`LogFormatError` naming ``--unit``."""
    if unit is None:
        return None
    try:
        return parse_unit(unit)
    except ValueError:
        raise LogFormatError(None, "--unit", "kg or lb", unit) from None


#: Kilograms per pound as Fitbod converts (1 / 2.20462), against the exact 0.45359237.
FITBOD_KG_PER_LB = 1 / 2.20462


def _round_to(value: float, step: float, tolerance: float) -> bool:
    n = value / step
    return abs(n - round(n)) < tolerance


def _looks(kg: float, kg_per_lb: float, lb_step: float, tolerance: float) -> Unit | None:
    """The unit a kilogram weight was entered in: "lb" for a whole number of ``lb_step`` pounds
    that is no whole quarter-kilogram, "kg" for the reverse, None when either or neither."""
    if kg == 0 or not math.isfinite(kg) or abs(kg) > 1e6:
        return None
    lb = _round_to(kg / kg_per_lb, lb_step, tolerance)
    whole_kg = _round_to(kg, 0.25, 1e-6)
    return Unit.LB if lb and not whole_kg else Unit.KG if whole_kg and not lb else None


def entered_units(
    sets: list[ImportedSet],
    kg_per_lb: float = 0.45359237,
    *,
    lb_step: float = 0.25,
    tolerance: float = 1e-4,
) -> list[ImportedSet]:
    """The sets of a kilogram export with the unit each weight was entered in: a whole
    quarter-pound that is no whole quarter-kilogram was pounds (Strong's newer export writes
    15 lb as ``6.80388555`` kg, Fitbod 20 lb as ``9.0718582``), the reverse kilograms, and a
    weight that could be either takes the file's majority (kg on a tie). Hevy rounds its
    kilograms to 2 decimals (40 lb reads 18.14), so it is read with whole pounds and a
    tolerance of that rounding (``lb_step=1, tolerance=0.012``).

    >>> import datetime as dt
    >>> base = ImportedSet("strong", 2, "k", None, dt.datetime(2024, 1, 1), None, "Squat", 1,
    ...                    "working", unit=Unit.KG)
    >>> rows = [replace(base, load_kg=x) for x in (6.80388555, 20.41165665, 60.0, 0.0)]
    >>> [str(s.unit) for s in entered_units(rows)]
    ['lb', 'lb', 'kg', 'lb']
    """
    looks = [
        _looks(s.load_kg, kg_per_lb, lb_step, tolerance) if s.load_kg is not None else None
        for s in sets
    ]
    majority = Unit.LB if looks.count(Unit.LB) > looks.count(Unit.KG) else Unit.KG
    return [
        replace(s, unit=look or majority) if s.load_kg is not None else s
        for s, look in zip(sets, looks, strict=True)
    ]


class SetCounter:
    """Numbers sets 1, 2, 3... per workout and exercise in file order."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], int] = {}

    def next(self, workout_key: str, exercise: str) -> int:
        """The index of the next set of ``exercise`` in the workout."""
        n = self._seen.get((workout_key, exercise), 0) + 1
        self._seen[(workout_key, exercise)] = n
        return n


def reps_or_none(reps: int | None, seconds: float | None, meters: float | None) -> int | None:
    """Reps of 0 on a timed or distance set are a placeholder, not a rep count."""
    if reps == 0 and (seconds is not None or meters is not None):
        return None
    return reps
