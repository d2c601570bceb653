"""Whatever one cell of a real-looking export holds, the import stores every other row, explains
that one, and never fails the write (the database keeps every row it accepted)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportgen import every_variant
from spotter.interchange.detect import parse_any
from spotter.services.importer import import_log
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

VARIANTS = every_variant()
SMALL = {k: VARIANTS[k] for k in ("strong-semicolon", "hevy", "fitnotes", "fitbod", "liftosaur")}
JUNK = st.sampled_from(
    ["1e308", "-1e308", "9" * 40, "nan", "-inf", "-0", "", " ", "x", "2099-01-01", "0", "-5",
     "1,5", "٣", "\x00", "a" * 300, "3.5", "1e-300", "-2147483649"]
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(SMALL)), st.integers(1, 10), st.integers(0, 13), JUNK)
def test_one_mangled_cell_costs_at_most_its_row(
    tmp_path: Path, catalog, name: str, row: int, col: int, junk: str  # type: ignore[no-untyped-def]
) -> None:
    export = SMALL[name]
    delimiter = ";" if name.startswith("strong-semicolon") else ","
    records = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"), newline=""), delimiter=delimiter))
    target = records[row]
    target[col % len(target)] = junk
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(records)
    result = parse_any(out.getvalue().encode(), unit=export.unit)
    db = tmp_path / f"{name}-{row}-{col}.db"
    db.unlink(missing_ok=True)
    report = import_log(SqlUnitOfWork(open_engine(f"sqlite:///{db}")), catalog, result)
    assert report.sets_imported + len(report.explained) == export.rows
    assert len(report.explained) <= len(export.explained) + 1
