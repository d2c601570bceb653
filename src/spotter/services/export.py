"""`spotter export`: everything as JSON (restorable), the log as CSV, or as a Strong CSV.

The JSON export holds the profile, the user's own exercises (their YAML text), every workout
and set (ids, source keys and all fields) and the bodyweight entries. Importing it into an
empty database gives the same data back; into a database that already has data it is refused,
so nothing is merged by accident.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any, Protocol

from spotter.config import Settings
from spotter.errors import SpotterError
from spotter.interchange.export import ExportRow
from spotter.knowledge.catalog import Catalog
from spotter.profile import Profile
from spotter.services.uow import UnitOfWork

EXPORT_VERSION = 1


class ExportError(SpotterError):
    """An export file that cannot be restored; nothing was changed."""


class _ExportRepo(Protocol):
    def workouts(self) -> list[dict[str, Any]]: ...
    def sets(self) -> list[dict[str, Any]]: ...
    def bodyweights(self) -> list[dict[str, Any]]: ...
    def is_empty(self) -> bool: ...
    def restore(
        self,
        workouts: list[dict[str, Any]],
        sets: list[dict[str, Any]],
        bodyweights: list[dict[str, Any]],
    ) -> None: ...


class _ProfileRepo(Protocol):
    def get(self) -> Profile | None: ...
    def save(self, profile: Profile) -> None: ...


class ExportUnitOfWork(UnitOfWork, Protocol):
    @property
    def exports(self) -> _ExportRepo: ...
    @property
    def profiles(self) -> _ProfileRepo: ...


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()}


def export_everything(
    uow: ExportUnitOfWork, settings: Settings, *, now: dt.datetime
) -> dict[str, Any]:
    with uow:
        profile = uow.profiles.get()
        workouts, sets, bodyweights = (
            uow.exports.workouts(),
            uow.exports.sets(),
            uow.exports.bodyweights(),
        )
    user_dir = settings.user_catalog_dir
    exercises = (
        {p.stem: p.read_text(encoding="utf-8") for p in sorted(user_dir.glob("*.yaml"))}
        if user_dir.is_dir()
        else {}
    )
    return {
        "spotter_export": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "profile": asdict(profile) if profile else None,
        "user_exercises": exercises,
        "workouts": [_plain(w) for w in workouts],
        "sets": [_plain(s) for s in sets],
        "bodyweight": [_plain(b) for b in bodyweights],
    }


_DATETIME_FIELDS = {"started_at", "performed_at", "measured_at"}


def _parse_row(row: dict[str, Any], where: str) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if k in _DATETIME_FIELDS and v is not None:
            try:
                v = dt.datetime.fromisoformat(v)
            except (TypeError, ValueError):
                raise ExportError(f"{where}: field {k!r} is not a date-time: {v!r}") from None
        out[k] = v
    return out


def restore_everything(uow: ExportUnitOfWork, settings: Settings, data: bytes) -> dict[str, int]:
    """Restore a JSON export into an empty database (and the user's exercises into their folder)."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise ExportError(f"not a Spotter JSON export: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("spotter_export") != EXPORT_VERSION:
        raise ExportError(
            f"not a Spotter JSON export of version {EXPORT_VERSION} (key 'spotter_export')"
        )
    workouts = [_parse_row(w, f"workouts[{i}]") for i, w in enumerate(doc.get("workouts", []))]
    sets = [_parse_row(s, f"sets[{i}]") for i, s in enumerate(doc.get("sets", []))]
    bodyweights = [
        _parse_row(b, f"bodyweight[{i}]") for i, b in enumerate(doc.get("bodyweight", []))
    ]
    profile = None
    if doc.get("profile"):
        p = doc["profile"]
        try:
            profile = Profile(
                units=p["units"],
                goal=p["goal"],
                experience=p["experience"],
                training_days=tuple(p["training_days"]),
                minutes_per_session=p["minutes_per_session"],
                equipment=tuple(p["equipment"]),
            )
        except (KeyError, TypeError) as exc:
            raise ExportError(f"profile: missing or malformed field {exc}") from exc
    exercises: dict[str, str] = doc.get("user_exercises") or {}
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
        uow.exports.restore(workouts, sets, bodyweights)
        uow.commit()
    if exercises:
        target.mkdir(parents=True, exist_ok=True)
        for slug, text in exercises.items():
            (target / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return {
        "workouts": len(workouts),
        "sets": len(sets),
        "bodyweight": len(bodyweights),
        "exercises": len(exercises),
    }


def export_rows(uow: ExportUnitOfWork, catalog: Catalog) -> list[ExportRow]:
    """Every set with its workout, named by catalog name (or the imported source name)."""
    with uow:
        workouts = {w["id"]: w for w in uow.exports.workouts()}
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
            )
        )
    return out
