"""Export, restore into a fresh database, export again: the same data, every kind of row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from spotter.config import Settings
from spotter.interchange.detect import detect, parse_any
from spotter.interchange.export import spotter_csv
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.custom import CustomExercise, to_exercise
from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.profile import Profile
from spotter.services.export import export_everything, export_rows, restore_everything
from spotter.services.importer import import_log
from spotter.services.log import log_text, note_set, undo_batch
from spotter.services.planning import new_plan
from spotter.services.profile import save_profile
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

NOW = dt.datetime(2026, 11, 24, 20, 0)
LIFTER = Profile(
    "lb",
    "hypertrophy",
    "intermediate",
    ("mon", "tue", "thu", "fri"),
    60,
    EQUIPMENT_PRESETS["full-gym"],
    emphasis=("back",),
    favourites=("pull-up",),
)


def _settings(tmp: Path, name: str) -> Settings:
    return Settings(f"sqlite:///{tmp / name / 'spotter.db'}", tmp / name, tmp / "cache")


def _fresh(tmp: Path, name: str, db_url: str) -> Settings:
    """Settings on the test's own empty database (SQLite or PostgreSQL)."""
    return Settings(db_url, tmp / name, tmp / "cache")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> tuple[Settings, Catalog]:
    """A store with every kind of row: profile, plan, custom exercise, notes, supersets, lb sets,
    bodyweight and assisted sets, a bodyweight entry, and an undone batch."""
    tmp = tmp_path_factory.mktemp("roundtrip")
    settings = _settings(tmp, "a")
    engine = open_engine(settings.db_url)
    uow = SqlUnitOfWork(engine)
    save_profile(uow, LIFTER)
    with uow:
        custom = uow.custom.add(
            CustomExercise.new("Ring Row", primary=("lats",), load_type="bodyweight"), now=NOW
        )
        uow.bodyweight.add(dt.datetime(2026, 11, 20, 7), 81.5)
        uow.commit()
    cat = Catalog([*catalog.all(), to_exercise(custom)])
    day = dt.datetime(2026, 11, 23, 18)
    for text, when in (
        ("bench 135lb 3x8 @8 + pull-up bw+10kg 3x6", day),
        ("assisted pull-up 20kg 3x10", day),
        ("ring row 3x12", day + dt.timedelta(days=1)),
        ("squat 3x5 100kg", day + dt.timedelta(days=1)),
        ("push-up 20,18,15", day + dt.timedelta(days=1)),
    ):
        log_text(uow, cat, text, when=when, now=NOW, default_unit="lb")
    note_set(uow, "1", "paused first rep")
    undo_batch(uow, "4")  # the squat: a tombstone, not exported
    new_plan(uow, cat, LIFTER, start=dt.date(2026, 11, 30), template="531", now=NOW)
    engine.dispose()
    return settings, cat


def _doc(settings: Settings) -> dict[str, Any]:
    engine = open_engine(settings.db_url)
    doc = export_everything(SqlUnitOfWork(engine), settings, now=NOW)
    engine.dispose()
    return json.loads(json.dumps(doc))  # as written to the file


def test_json_export_restores_into_a_fresh_database_and_exports_the_same(
    source: tuple[Settings, Catalog], tmp_path: Path, db_url: str
) -> None:
    settings, _ = source
    first = _doc(settings)
    assert first["profile"]["emphasis"] == ["back"] and first["profile"]["units"] == "lb"
    assert len(first["plans"]) == 1 and first["plans"][0]["template"] == "531"
    assert [c["slug"] for c in first["custom_exercises"]] == ["ring-row"]
    assert len(first["batches"]) == 4  # five log commands, one undone
    assert len(first["sets"]) == 6 + 3 + 3 + 3
    assert {s["unit"] for s in first["sets"] if s["exercise"] == "barbell-bench-press"} == {"lb"}
    assert {s["superset"] for s in first["sets"] if s["exercise"] in ("barbell-bench-press", "pull-up")} == {1}
    assert any(s["notes"] == "paused first rep" for s in first["sets"])
    assert not any(s["exercise"] == "barbell-back-squat" for s in first["sets"])
    fresh = _fresh(tmp_path, "b", db_url)
    engine = open_engine(fresh.db_url)
    counts = restore_everything(SqlUnitOfWork(engine), fresh, json.dumps(first).encode())
    engine.dispose()
    assert counts["plans"] == 1 and counts["batches"] == 4 and counts["sets"] == 15
    assert _doc(fresh) == first


def test_spotter_csv_export_is_detected_and_imports_back_to_the_same_csv(
    source: tuple[Settings, Catalog], tmp_path: Path, db_url: str
) -> None:
    settings, cat = source
    engine = open_engine(settings.db_url)
    first = spotter_csv(export_rows(SqlUnitOfWork(engine), cat))
    engine.dispose()
    assert detect(first) == "spotter-csv"
    result = parse_any(first)
    assert not result.skipped and len(result.sets) == 15
    fresh = _fresh(tmp_path, "c", db_url)
    engine = open_engine(fresh.db_url)
    report = import_log(SqlUnitOfWork(engine), cat, result, today=NOW.date())
    assert report.sets_imported == 15
    again = spotter_csv(export_rows(SqlUnitOfWork(engine), cat))
    assert again == first
    # the same file into the same database adds nothing: every set keeps its uuid
    report = import_log(SqlUnitOfWork(engine), cat, parse_any(first), today=NOW.date())
    assert report.sets_imported == 0
    engine.dispose()


def test_a_version_1_export_without_plans_or_uuids_still_restores(
    source: tuple[Settings, Catalog], tmp_path: Path, db_url: str
) -> None:
    settings, _ = source
    doc = _doc(settings)
    old = {k: doc[k] for k in ("exported_at", "profile", "user_exercises", "workouts", "sets", "bodyweight")}
    old["spotter_export"] = 1
    for row in (*old["workouts"], *old["sets"], *old["bodyweight"]):
        for key in ("uuid", "updated_at", "user_id", "unit"):
            row.pop(key, None)
    fresh = _fresh(tmp_path, "d", db_url)
    engine = open_engine(fresh.db_url)
    restore_everything(SqlUnitOfWork(engine), fresh, json.dumps(old).encode())
    engine.dispose()
    back = _doc(fresh)
    assert len(back["sets"]) == len(doc["sets"]) and not back["plans"]
    assert all(s["uuid"] and s["batch_id"] is None for s in back["sets"])
    a, b = [replace_ids(s) for s in back["sets"]], [replace_ids(s) for s in doc["sets"]]
    assert a == b


def replace_ids(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("uuid", "updated_at", "batch_id", "unit", "user_id")}

