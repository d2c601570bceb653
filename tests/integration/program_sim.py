"""A scripted lifter who follows `spotter today` day by day (the service the command calls, with
the date injected), logging what a script says: a calibration set, the sets as prescribed, or a
miss. Used by the twelve-week program simulations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.engine import Engine

from spotter.knowledge.catalog import Catalog
from spotter.log import SetRecord
from spotter.planning.model.stored import StoredPlan
from spotter.profile import Profile
from spotter.science.units import from_kg, to_kg
from spotter.services.today import TodayItem, today_session
from spotter.store.db import open_engine
from spotter.store.uow import SqlUnitOfWork

#: Today is asked at ASKED and the day's sets are logged at TRAINED, the longest rest between
#: sessions the calendar allows, so the recovery model keeps every slot as planned and the
#: tables test the program rules alone.
ASKED, TRAINED = dt.time(19), dt.time(7)
#: Extra reps the lifter gets on an AMRAP ("+") set when the script says "ok".
AMRAP_EXTRA = 3


@dataclass(frozen=True, slots=True)
class Cal:
    """A calibration set: ``load`` (in the profile's unit) x ``reps`` at ``rpe``."""

    load: float
    reps: int
    rpe: float


#: What the lifter does with one prescription: "ok" (every set as prescribed, AMRAP sets
#: AMRAP_EXTRA reps over), "fail" (the last set one rep short; for a single, one set fewer),
#: "short2" (the second set one rep short), or a calibration set.
Step = str | Cal
#: One prescription as the test compares it: the set-by-set (load in the unit, reps, AMRAP).
Given = tuple[tuple[float, int, bool], ...]


def sim_engine(path: str) -> Engine:
    """A SQLite log that skips waiting for the disk (the simulation commits every day)."""
    engine = open_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _no_sync(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    engine.dispose()
    return engine


def _do(step: Step, item: TodayItem, unit: str) -> list[tuple[float, int, float | None]]:
    if isinstance(step, Cal):
        assert item.calibration is not None, f"{item.exercise.slug}: expected a calibration"
        return [(to_kg(step.load, unit), step.reps, step.rpe)]
    assert item.calibration is None and item.plan, f"{item.exercise.slug}: no load given"
    sets = [(s.load_kg, s.reps + (AMRAP_EXTRA if s.amrap else 0), None) for s in item.plan]
    if step == "fail":
        last = item.plan[-1]
        sets = sets[:-1] if last.reps == 1 else [*sets[:-1], (last.load_kg, last.reps - 1, None)]
    elif step == "short2":
        second = item.plan[1]
        sets[1] = (second.load_kg, second.reps - 1, None)
    else:
        assert step == "ok", step
    return sets


def _given(item: TodayItem, unit: str) -> Given:
    return tuple((round(from_kg(s.load_kg, unit), 3), s.reps, s.amrap) for s in item.plan)


def _check_loading(item: TodayItem, unit: str) -> None:
    """The load shown is the bar plus the plates listed, in the lifter's unit."""
    loading = item.loading
    if loading is None or loading.kind != "barbell":
        return
    assert loading.bar is not None
    assert loading.load == round(loading.bar + 2 * sum(loading.plates_per_side), 6)
    assert round(from_kg(item.load_kg or 0.0, unit), 6) == loading.load


def simulate(
    uow: SqlUnitOfWork,
    catalog: Catalog,
    profile: Profile,
    plan: StoredPlan,
    days: Sequence[dt.date],
    script: Mapping[tuple[str, str], Sequence[Step]],
) -> dict[tuple[str, str], list[Given]]:
    """Run ``days`` of ``plan``: on each, ask for today's session, check every item is kept as
    planned and loaded exactly, and log what ``script[(slug, rule)]`` says for
    that slot's next appearance. Returns what was prescribed, per (slug, rule), in order
    (a calibration step as an empty tuple)."""
    unit = profile.units
    seen: dict[tuple[str, str], list[Given]] = {}
    for day in days:
        report = today_session(uow, catalog, profile, plan, day, dt.datetime.combine(day, ASKED))
        assert report.items, f"{day}: no session"
        logged: list[SetRecord] = []
        for item in report.items:
            assert item.adjustment.action == "keep", (day, item.adjustment.reason)
            _check_loading(item, unit)
            key = (item.exercise.slug, item.rule)
            given = seen.setdefault(key, [])
            step = script[key][len(given)]
            given.append(() if item.calibration else _given(item, unit))
            when = dt.datetime.combine(day, TRAINED)
            logged += [
                SetRecord(when, item.exercise.slug, load_kg=kg, reps=reps, rpe=rpe)
                for kg, reps, rpe in _do(step, item, unit)
            ]
        with uow:
            uow.log.add_batch("sim", logged, now=logged[0].performed_at)
            uow.commit()
    return seen


def straight(sets: int, reps: int, load: float, amrap: bool = False) -> Given:
    """``sets`` x ``reps`` at one load, the last set AMRAP if ``amrap`` (a shorthand for the
    expected tables)."""
    return tuple((float(load), reps, amrap and i == sets - 1) for i in range(sets))
