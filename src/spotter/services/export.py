"""`spotter export`: everything as JSON (restorable), the log as CSV, or as a Strong CSV.

The JSON export (version 2) holds the profile (planning wishes included), the user's own
exercises (YAML files and the custom exercises defined with flags), the plans, every batch,
workout and set (ids, uuids, source keys, entered units, supersets, notes and all fields) and the
bodyweight entries. Tombstones (deleted rows) are left out. Importing it into an empty database
gives the same data back, so exporting again gives the same document; into a database that
already has data it is refused, so nothing is merged by accident. Version 1 exports (no plans,
batches or uuids) still restore: their rows get fresh uuids.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields
from typing import Any, Protocol

from spotter.config import Settings
from spotter.errors import SpotterError, ValidationError
from spotter.interchange.export import ExportRow
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.vocab import SLUG_RE
from spotter.profile import Profile
from spotter.services.uow import UnitOfWork

EXPORT_VERSION = 2
READABLE_VERSIONS = (1, 2)


class ExportError(SpotterError):
    """An export file that cannot be restored; nothing was changed."""


class _ExportRepo(Protocol):
    def batches(self) -> list[dict[str, Any]]: ...
    def workouts(self) -> list[dict[str, Any]]: ...
    def sets(self) -> list[dict[str, Any]]: ...
    def bodyweights(self) -> list[dict[str, Any]]: ...
    def plans(self) -> list[dict[str, Any]]: ...
    def custom_exercises(self) -> list[dict[str, Any]]: ...
    def is_empty(self) -> bool: ...
    def restore(self, tables: Mapping[str, Sequence[dict[str, Any]]]) -> None: ...


class _ProfileRepo(Protocol):
    def get(self) -> Profile | None: ...
    def save(self, profile: Profile) -> None: ...


class ExportUnitOfWork(UnitOfWork, Protocol):
    @property
    def exports(self) -> _ExportRepo: ...
    @property
    def profiles(self) -> _ProfileRepo: ...


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if k == "deleted_at":
            continue
        out[k] = v.isoformat() if isinstance(v, dt.date | dt.datetime) else v
    return out


#: The document's key for each table, and the table's name in the store.
_SECTIONS = (
    ("batches", "log_batch"),
    ("workouts", "workout"),
    ("sets", "set_entry"),
    ("bodyweight", "bodyweight"),
    ("plans", "plan"),
    ("custom_exercises", "custom_exercise"),
)


def export_everything(
    uow: ExportUnitOfWork, settings: Settings, *, now: dt.datetime
) -> dict[str, Any]:
    with uow:
        profile = uow.profiles.get()
        rows = {
            "batches": uow.exports.batches(),
            "workouts": uow.exports.workouts(),
            "sets": uow.exports.sets(),
            "bodyweight": uow.exports.bodyweights(),
            "plans": uow.exports.plans(),
            "custom_exercises": uow.exports.custom_exercises(),
        }
    user_dir = settings.user_catalog_dir
    exercises = (
        {p.stem: p.read_text(encoding="utf-8") for p in sorted(user_dir.glob("*.yaml"))}
        if user_dir.is_dir()
        else {}
    )
    doc: dict[str, Any] = {
        "spotter_export": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "profile": asdict(profile) if profile else None,
        "user_exercises": exercises,
    }
    for key, _ in _SECTIONS:
        doc[key] = [_plain(r) for r in rows[key]]
    return doc


_DATETIME_FIELDS = {
    "started_at",
    "performed_at",
    "measured_at",
    "created_at",
    "updated_at",
}
_DATE_FIELDS = {"start_date"}


def _parse_row(row: object, where: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise ExportError(f"{where}: expected an object, found {type(row).__name__}")
    out = {}
    for k, v in row.items():
        if k in _DATETIME_FIELDS and v is not None:
            try:
                v = dt.datetime.fromisoformat(v)
            except (TypeError, ValueError):
                raise ExportError(f"{where}: field {k!r} is not a date-time: {v!r}") from None
        elif k in _DATE_FIELDS and v is not None:
            try:
                v = dt.date.fromisoformat(v)
            except (TypeError, ValueError):
                raise ExportError(f"{where}: field {k!r} is not a date: {v!r}") from None
        out[k] = v
    return out


def _profile(p: object) -> Profile:
    if not isinstance(p, dict):
        raise ExportError("profile: expected an object")
    known = {f.name for f in fields(Profile)}
    try:
        values: dict[str, Any] = {
            k: (tuple(v) if isinstance(v, list) else v) for k, v in p.items() if k in known
        }
        return Profile(**values)
    except (TypeError, ValueError) as exc:
        raise ExportError(f"profile: missing or malformed field: {exc}") from exc


def restore_everything(uow: ExportUnitOfWork, settings: Settings, data: bytes) -> dict[str, int]:
    """Restore a JSON export into an empty database (and the user's exercise files into their
    folder). Raises :class:`ExportError` naming what is wrong; nothing is changed then."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise ExportError(f"not a Spotter JSON export: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("spotter_export") not in READABLE_VERSIONS:
        raise ExportError(
            "not a Spotter JSON export of version "
            f"{' or '.join(map(str, READABLE_VERSIONS))} (key 'spotter_export')"
        )
    tables: dict[str, list[dict[str, Any]]] = {}
    for key, table in _SECTIONS:
        section = doc.get(key) or []
        if not isinstance(section, list):
            raise ExportError(f"{key}: expected a list")
        tables[table] = [_parse_row(r, f"{key}[{i}]") for i, r in enumerate(section)]
    if doc.get("spotter_export") == 1:
        for s in tables["set_entry"]:
            s["batch_id"] = None  # version 1 did not export batches
    profile = _profile(doc["profile"]) if doc.get("profile") else None
    exercises = doc.get("user_exercises") or {}
    if not isinstance(exercises, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in exercises.items()
    ):
        raise ExportError("user_exercises: expected an object of slug: YAML text")
    bad = [k for k in exercises if not SLUG_RE.match(k)]
    if bad:
        # The keys become file names: anything but a slug (a "../", a slash) could write outside
        # the lifter's catalog folder.
        raise ValidationError(
            f"user_exercises: {bad[0]!r} is not an exercise slug (lowercase letters, digits and "
            "single hyphens, e.g. 'stepback-pulldown'); nothing was changed",
            field="user_exercises",
        )
    target = settings.user_catalog_dir
    clashes = [
        s
        for s in exercises
        if (target / f"{s}.yaml").exists()
        and (target / f"{s}.yaml").read_text(encoding="utf-8") != exercises[s]
    ]
    if clashes:
        raise ExportError(
            f"your catalog already has different entries for: {', '.join(clashes)}; nothing was changed"
        )
    with uow:
        if not uow.exports.is_empty():
            raise ExportError(
                "the database already holds data: restore a Spotter export into a fresh database (--db)"
            )
        if profile is not None:
            uow.profiles.save(profile)
        uow.exports.restore(tables)
        uow.commit()
    if exercises:
        target.mkdir(parents=True, exist_ok=True)
        for slug, text in exercises.items():
            (target / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return {
        "workouts": len(tables["workout"]),
        "sets": len(tables["set_entry"]),
        "bodyweight": len(tables["bodyweight"]),
        "plans": len(tables["plan"]),
        "batches": len(tables["log_batch"]),
        "exercises": len(exercises) + len(tables["custom_exercise"]),
    }


def export_rows(uow: ExportUnitOfWork, catalog: Catalog) -> list[ExportRow]:
    """Every live set with its workout, named by catalog name (or the imported source name)."""
    with uow:
        workouts = {w["id"]: w for w in uow.exports.workouts()}
        batches = {b["id"]: b["uuid"] for b in uow.exports.batches()}
        sets = uow.exports.sets()
    counters: dict[tuple[int, str], int] = {}
    out = []
    for s in sets:
        w = workouts[s["workout_id"]]
        slug = s["exercise"]
        name = catalog.get(slug).name if slug in catalog else slug.removeprefix("imported:")
        key = (s["workout_id"], slug)
        counters[key] = counters.get(key, 0) + 1
        out.append(
            ExportRow(
                w["started_at"],
                w["name"],
                w["duration_s"],
                name,
                counters[key],
                s["set_type"],
                s["load_kg"],
                bool(s["bodyweight"]),
                s["reps"],
                s["seconds"],
                s["meters"],
                s["rpe"],
                s["rir"],
                s["tempo"],
                s["notes"],
                s["superset"],
                unit=s["unit"],
                uuid=s["uuid"],
                batch_uuid=batches.get(s["batch_id"]),
                workout_notes=w["notes"],
            )
        )
    return out
