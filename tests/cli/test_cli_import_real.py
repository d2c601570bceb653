"""The real exports in ../shared/data/logs, imported as a person would: every row is stored or
explained, and each exercise's total volume in `spotter export json` equals the volume worked
out here from the raw file with the csv module and hand-written rules (the documented per-side
and assisted rules, unit conversion); nothing is taken from the parsers."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_data
from spotter.cli.app import app

runner = CliRunner()
LB = 0.45359237  # kg per lb, exact
FILES = ("strong-legacy-2017.csv", "hevy-2026.csv", "fitnotes-2025.csv", "fitbod-2018.csv")

pytestmark = pytest.mark.shared_data


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (line, fields) of every record; new lines inside quotes count."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    header = [h.strip() for h in next(reader)]
    out, line = [], 2
    for fields in reader:
        out.append((line, fields))
        line = reader.line_num + 1
    return header, out


def _per_side(name: str, side_kg: float, kinds: set[str]) -> float:
    """By hand: the whole load of a per-side row (the rule in the README's import section)."""
    low = name.lower()
    if "smith" in low:
        return 2 * side_kg
    if "barbell" in low or "with bar" in low:
        return 2 * side_kg + 20.0
    if "dumbbell" in low or "cable" in low:
        return side_kg
    if "machine" in low or "hammer strength" in low:
        return 2 * side_kg
    if kinds & {"dumbbell", "kettlebell", "cable", "band"}:  # the exercise it is confirmed as
        return side_kg
    return 2 * side_kg


def _raw_rows(name: str) -> list[tuple[str, float | None, int | None]]:
    """(exercise, load kg as written, reps) for every row that is a set."""
    header, records = _records(shared_data("logs", name))
    c = {h: i for i, h in enumerate(header)}
    out: list[tuple[str, float | None, int | None]] = []
    for _, r in records:
        if not any(f.strip() for f in r):
            continue  # blank lines: explained, not sets
        if name.startswith("fitnotes"):
            extra = len(r) - len(header)  # FitNotes leaves commas in names unquoted
            r = [r[0], ",".join(r[1 : 2 + extra]), *r[2 + extra :]]
            unit = LB if r[c["Weight Unit"]] == "lbs" else 1.0
            w, reps, ex = r[c["Weight"]], r[c["Reps"]], r[c["Exercise"]]
        elif name.startswith("strong"):
            unit, w, reps, ex = LB, r[c["Weight"]], r[c["Reps"]], r[c["Exercise Name"]]
        elif name.startswith("hevy"):
            unit, w, reps, ex = 1.0, r[c["weight_kg"]], r[c["reps"]], r[c["exercise_title"]]
        else:
            unit, w, reps, ex = 1.0, r[c["Weight(kg)"]], r[c["Reps"]], r[c["Exercise"]]
        load = float(w) * unit if w.strip() else None
        count = int(float(reps)) if reps.strip() else None
        out.append((ex.strip(), load, count))
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], dict]:  # type: ignore[type-arg]
    home = tmp_path_factory.mktemp("real")
    db = str(home / "real.db")
    env = {"SPOTTER_DATA_DIR": str(home / "d"), "SPOTTER_CACHE_DIR": str(home / "c")}
    reports = {}
    for name in FILES:
        r = runner.invoke(
            app,
            ["--db", db, "import", "auto", str(shared_data("logs", name)), "--unit", "lb", "--format", "json"],
            env=env,
        )
        assert r.exit_code == 0, r.output
        reports[name] = json.loads(r.stdout)
    out = home / "all.json"
    r = runner.invoke(app, ["--db", db, "export", "json", str(out)], env=env)
    assert r.exit_code == 0, r.output
    return reports, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_every_row_of_a_real_export_is_stored_or_explained(imported, name: str) -> None:  # type: ignore[no-untyped-def]
    report = imported[0][name]
    explained = report["skipped"] + report["refused"]
    assert report["sets_imported"] + report["already_present"] + len(explained) == report["rows_read"]
    assert all(e["line"] >= 2 and e["reason"] for e in explained)
    _, records = _records(shared_data("logs", name))
    assert report["rows_read"] == len(records)


@pytest.mark.parametrize("name", FILES)
def test_each_exercise_volume_in_the_export_matches_the_raw_file(
    imported, name: str, catalog
) -> None:  # type: ignore[no-untyped-def]
    from spotter.knowledge.vocab import EQUIPMENT

    reports, doc = imported
    stored_as = {n["source"]: n["stored_as"] for n in reports[name]["names"]}
    source = {"strong": "strong", "hevy": "hevy", "fitnotes": "fitnotes", "fitbod": "fitbod"}[
        name.split("-")[0]
    ]
    want: defaultdict[str, float] = defaultdict(float)
    for ex, load, reps in _raw_rows(name):
        if load is None or reps is None:
            continue
        slug = stored_as[ex]
        equipment = catalog.get(slug).facts.equipment if slug in catalog else ()
        kinds = {EQUIPMENT[e].category for e in equipment if e in EQUIPMENT}
        if re.search(r"\bassisted\b", ex, re.IGNORECASE):
            load = -load
        elif re.search(r"\b(each|per) side\b", ex, re.IGNORECASE):
            load = _per_side(ex, load, kinds)
        want[slug] += load * reps
    got: defaultdict[str, float] = defaultdict(float)
    for s in doc["sets"]:
        if s["source_key"].startswith(source + "|") and s["load_kg"] is not None and s["reps"]:
            got[s["exercise"]] += s["load_kg"] * s["reps"]
    assert {k for k, v in got.items() if v} == {k for k, v in want.items() if v}
    for slug, volume in want.items():
        assert got[slug] == pytest.approx(volume, rel=1e-9, abs=1e-6), slug


def test_the_fitnotes_per_side_and_the_assisted_rows_are_not_stored_as_written(imported) -> None:  # type: ignore[no-untyped-def]
    _, doc = imported
    squat = [
        s["load_kg"] for s in doc["sets"] if s["exercise"] == "barbell-back-squat"
        and s["source_key"].startswith("fitnotes|")
    ]
    assert squat and min(squat) >= 20.0  # at least the empty bar, never the per-side number
    chin = [s["load_kg"] for s in doc["sets"] if s["exercise"] == "imported:Chin Up (Assisted)"]
    assert chin and all(x is None or x <= 0 for x in chin)
