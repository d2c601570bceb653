"""Use cases over the training log: next load, calibration, progress, weekly volume, recovery.

They read the log through the unit of work, turn records into the science package's plain
values, and call the pure functions. Defaults chosen here, documented once:

* **Equipment a user loads** (until a gym inventory is recorded): a 20 kg bar with plates down to
  1.25 kg (45 lb bar with 45-2.5 lb plates), dumbbells and kettlebells in 2 kg (5 lb) steps, cable
  and selectorized stacks of 20 x 5 kg (20 x 10 lb) pins at 1:1, plate-loaded machines loaded
  like a bar with no bar weight.
* **Next load** uses double progression in the exercise's usual rep range over 3 sets, adding
  the smallest step of its equipment (2.5 kg on a bar, 2 kg per dumbbell, 5 kg on a stack),
  always to a load the equipment makes.
* **Bodyweight exercises** (see :func:`spotter.interchange.logline.load_kind`): the mass a
  pull-up, dip or push-up moves is the body plus the added load, minus any assistance. Where a
  bodyweight is recorded, e1RM and progress use that *system mass* (body mass + added mass), the
  load measure used for the pull-up by Sánchez-Moreno et al. (2017, "Movement velocity as
  indicator of relative intensity and level of effort attained during the set in pull-up
  exercise", Int J Sports Physiol Perform), with the bodyweight measured on or before the set's
  day (the earliest one when none is older). For the push-up the body's share is smaller (about
  two thirds, Ebben et al. 2011, J Strength Cond Res), so its e1RM is a trend figure, not a
  lift you could load on a bar. ``next`` works on the added load (0 for bodyweight alone,
  negative for assistance), so every set counts, the newest included, and a step up means more
  load or less assistance.
* **Weekly volume** counts working sets only (warm-ups excluded), 1 per primary muscle and 0.5
  per secondary (Pelland et al.), summed per row of the 2017 landmarks table (a set counts once
  per row even when two of its muscles share the row).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spotter.errors import SpotterError
from spotter.interchange.logline import load_kind
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.model import Exercise
from spotter.knowledge.vocab import MUSCLES
from spotter.log import SetRecord
from spotter.science.loading import CableStack, DumbbellRack, Equipment, round_load
from spotter.science.one_rm import estimate
from spotter.science.plates import BAR_20_KG, BAR_45_LB, COMMON_KG, STANDARD_LB, Bar, Barbell
from spotter.science.prescription import Prescription
from spotter.science.progression import evaluate
from spotter.science.records import ExerciseSession, LoggedSet, MuscleTargets, PerformedSet
from spotter.science.recovery import ready as ready_muscles
from spotter.science.recovery import recovery as recovery_of
from spotter.science.rpe import load_for
from spotter.science.rules import DoubleProgression
from spotter.science.units import Unit, parse_unit, to_kg
from spotter.science.volume import LANDMARKS_2017, MuscleVolume, assess, fractional_sets, week_start


class TrainingError(SpotterError):
    """A request about the log that cannot be answered as asked."""


def default_equipment(ex: Exercise, unit: Unit | str) -> Equipment | None:
    """What the user loads for this exercise, in their unit (see the module docstring; a unit
    name is read as :func:`spotter.science.units.parse_unit` reads it)."""
    lb = parse_unit(unit) is Unit.LB
    u = Unit.LB if lb else Unit.KG
    lt = ex.facts.load_type
    if lt == "barbell":
        return Barbell(BAR_45_LB, STANDARD_LB) if lb else Barbell(BAR_20_KG, COMMON_KG)
    if lt == "plate-loaded-machine":
        return Barbell(Bar(0.0, u, name="machine"), STANDARD_LB if lb else COMMON_KG)
    if lt in ("dumbbell", "kettlebell"):
        return DumbbellRack.stepped(5, 150, 5, u) if lb else DumbbellRack.stepped(2, 60, 2, u)
    if lt in ("cable-stack", "selectorized-machine"):
        return CableStack(10, 20, u) if lb else CableStack(5, 20, u)
    return None


def increment_kg(ex: Exercise, unit: Unit) -> float:
    """The smallest load step of the exercise's usual equipment, in kg."""
    lt = ex.facts.load_type
    lb = unit == "lb"
    step = {
        "barbell": 5.0 if lb else 2.5,
        "plate-loaded-machine": 5.0 if lb else 2.5,
        "dumbbell": 5.0 if lb else 2.0,
        "kettlebell": 5.0 if lb else 2.0,
        "cable-stack": 10.0 if lb else 5.0,
        "selectorized-machine": 10.0 if lb else 5.0,
        "plates": 5.0 if lb else 2.5,
    }.get(lt, 5.0 if lb else 2.5)
    return to_kg(step, Unit.LB if lb else Unit.KG)


def targets(catalog: Catalog) -> dict[str, MuscleTargets]:
    """Every exercise's muscles, as the science functions read them."""
    return {
        ex.slug: MuscleTargets(
            ex.facts.primary, ex.facts.secondary, compound=ex.facts.mechanic == "compound"
        )
        for ex in catalog.all()
    }


def as_logged(records: Iterable[SetRecord]) -> list[LoggedSet]:
    """Log records as science values: a timed or carried set counts as one set."""
    out = []
    for r in records:
        reps = r.reps if r.reps is not None else (1 if (r.seconds or r.meters) else 0)
        out.append(LoggedSet(r.exercise, r.performed_at, r.load_kg or 0.0, reps, r.rpe, r.set_type))
    return out


def sessions(records: Iterable[SetRecord]) -> list[ExerciseSession]:
    """One exercise's records grouped into dated sessions (sets with reps only)."""
    by_day: dict[dt.date, list[PerformedSet]] = defaultdict(list)
    for r in records:
        if r.reps is None or r.load_kg is None:
            continue
        by_day[r.performed_at.date()].append(PerformedSet(r.load_kg, r.reps, r.rpe, r.set_type))
    return [ExerciseSession(day, tuple(sets)) for day, sets in sorted(by_day.items())]


# -- bodyweight exercises ----------------------------------------------------------------------


def relative_to_body(ex: Exercise) -> bool:
    """Whether the exercise's loads are relative to the body (bodyweight or assisted kind)."""
    return load_kind(ex.facts.load_type, ex.slug, ex.name) in ("bodyweight", "assisted")


def bodyweight_at(bodyweights: Sequence[tuple[dt.datetime, float]], when: dt.datetime) -> float | None:
    """The bodyweight measured on or before ``when``'s day (the earliest one if none is older).

    ``bodyweights`` are (time, kg), oldest first.

    >>> bw = [(dt.datetime(2026, 1, 1), 80.0), (dt.datetime(2026, 2, 1), 78.0)]
    >>> bodyweight_at(bw, dt.datetime(2026, 1, 20)), bodyweight_at(bw, dt.datetime(2025, 12, 1))
    (80.0, 80.0)
    >>> bodyweight_at(bw, dt.datetime(2026, 2, 1, 7)), bodyweight_at([], dt.datetime(2026, 1, 1))
    (78.0, None)
    """
    if not bodyweights:
        return None
    day_end = dt.datetime(when.year, when.month, when.day) + dt.timedelta(days=1)
    before = [kg for t, kg in bodyweights if t < day_end]
    return before[-1] if before else bodyweights[0][1]


def with_system_mass(
    records: Iterable[SetRecord], ex: Exercise, bodyweights: Sequence[tuple[dt.datetime, float]]
) -> list[SetRecord]:
    """Records of a bodyweight exercise with ``load_kg`` as body + added load (minus assistance).

    Records of other exercises, and every record when no bodyweight is recorded, come back as
    they were. Bodyweight-only sets (no load) count as the body alone.

    >>> from spotter.knowledge.custom import CustomExercise, to_exercise
    >>> pu = to_exercise(CustomExercise.new("Ring pull-up", primary=("lats",)))
    >>> t = dt.datetime(2026, 3, 1)
    >>> sets = [SetRecord(t, pu.slug, 10.0, 5, bodyweight=True), SetRecord(t, pu.slug, None, 8, bodyweight=True)]
    >>> [r.load_kg for r in with_system_mass(sets, pu, [(t, 80.0)])]
    [90.0, 80.0]
    """
    out = list(records)
    if not bodyweights or not relative_to_body(ex):
        return out
    result = []
    for r in out:
        body = bodyweight_at(bodyweights, r.performed_at)
        if body is None or not (r.bodyweight or r.load_kg is None):
            result.append(r)
        else:
            result.append(replace(r, load_kg=body + (r.load_kg or 0.0)))
    return result


def added_load(records: Iterable[SetRecord], ex: Exercise) -> list[SetRecord]:
    """Records of a bodyweight exercise with bodyweight-only sets at 0 added load, so that the
    progression sees them (others unchanged)."""
    if not relative_to_body(ex):
        return list(records)
    return [
        replace(r, load_kg=0.0) if r.load_kg is None and r.reps is not None else r
        for r in records
    ]


# -- next load ---------------------------------------------------------------------------------


def default_rule(ex: Exercise, unit: Unit) -> DoubleProgression:
    low, high = ex.facts.rep_range
    return DoubleProgression(
        rep_low=low, rep_high=high, sets=3, increment_kg=increment_kg(ex, unit)
    )


def next_prescription(
    records: Sequence[SetRecord], ex: Exercise, unit: Unit | str
) -> Prescription:
    """The next prescription from the exercise's history, by its default rule."""
    unit = parse_unit(unit)
    if ex.facts.measure != "reps":
        raise TrainingError(
            f"{ex.name} is measured in {ex.facts.measure}; `next` prescribes loads for rep sets"
        )
    history = sessions(added_load(records, ex))
    if not any(s.working_sets for s in history):
        raise TrainingError(
            f"no working sets of {ex.name} logged yet: start with `spotter calibrate {ex.slug} "
            "--load L --reps R --rpe P`"
        )
    kit = default_equipment(ex, unit)
    body = relative_to_body(ex)  # added load or assistance: steps of the increment, no plates
    return evaluate(
        default_rule(ex, unit),
        history,
        rounding=lambda kg: kg if body else round_load(kg, kit).load_kg,
        unit=unit,
    )


# -- calibration -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalibrationLoad:
    """A working load for ``reps`` at ``rpe``: ``exact_kg`` from the e1RM, ``load_kg`` rounded to
    the kit."""

    reps: int
    rpe: float
    exact_kg: float
    load_kg: float


@dataclass(frozen=True, slots=True)
class Calibration:
    exercise: str
    e1rm_kg: float
    method: str
    loads: tuple[CalibrationLoad, ...]


CALIBRATION_TARGETS: tuple[tuple[int, float], ...] = (
    (3, 8.0),
    (5, 8.0),
    (8, 8.0),
    (10, 8.0),
    (12, 8.0),
)


def calibrate(ex: Exercise, load_kg: float, reps: int, rpe: float, unit: Unit) -> Calibration:
    """e1RM from one test set, and working loads at RPE 8 for 3-12 reps, rounded to the kit."""
    if load_kg <= 0:
        raise TrainingError("the test load must be positive")
    try:
        est = estimate(load_kg, reps, rpe)
    except ValueError as exc:
        raise TrainingError(str(exc)) from exc
    kit = default_equipment(ex, unit)
    low, high = ex.facts.rep_range
    wanted = sorted({r for r, _ in CALIBRATION_TARGETS} | {low, high} & set(range(1, 13)))
    rows = []
    for r in wanted:
        exact = load_for(est.one_rm, r, 8.0)
        rows.append(CalibrationLoad(r, 8.0, exact, round_load(exact, kit).load_kg))
    return Calibration(ex.slug, est.one_rm, est.method, tuple(rows))


# -- progress ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionPoint:
    date: dt.date
    e1rm_kg: float
    top_load_kg: float
    volume_kg: float
    sets: int


@dataclass(frozen=True, slots=True)
class Records:
    heaviest_kg: float | None
    heaviest_date: dt.date | None
    best_e1rm_kg: float | None
    best_e1rm_date: dt.date | None
    best_reps_at_load: dict[float, int]
    best_volume_kg: float
    best_volume_date: dt.date | None


def set_e1rm(r: SetRecord) -> float | None:
    """The default e1RM of one set (None when it cannot be estimated)."""
    if r.load_kg is None or r.load_kg <= 0 or r.reps is None or r.reps < 1:
        return None
    try:
        return estimate(r.load_kg, r.reps, r.rpe).one_rm
    except ValueError:
        try:
            return estimate(r.load_kg, r.reps).one_rm
        except ValueError:
            return None


def progress(records: Sequence[SetRecord]) -> tuple[list[SessionPoint], Records]:
    """Per-session e1RM trend and the personal records of one exercise (working sets)."""
    points: dict[dt.date, list[float]] = {}
    per_day: dict[dt.date, list[SetRecord]] = defaultdict(list)
    for r in records:
        if r.is_working:
            per_day[r.performed_at.date()].append(r)
    out: list[SessionPoint] = []
    heaviest: tuple[float, dt.date] | None = None
    best_e1rm: tuple[float, dt.date] | None = None
    best_volume: tuple[float, dt.date] | None = None
    reps_at: dict[float, int] = {}
    for day in sorted(per_day):
        sets = per_day[day]
        e1rms = [e for e in (set_e1rm(s) for s in sets) if e is not None]
        loads = [s.load_kg for s in sets if s.load_kg is not None]
        volume = sum(s.volume_kg for s in sets)
        if e1rms:
            points[day] = e1rms
            out.append(
                SessionPoint(day, max(e1rms), max(loads) if loads else 0.0, volume, len(sets))
            )
            if best_e1rm is None or max(e1rms) > best_e1rm[0]:
                best_e1rm = (max(e1rms), day)
        if loads and (heaviest is None or max(loads) > heaviest[0]):
            heaviest = (max(loads), day)
        if best_volume is None or volume > best_volume[0]:
            best_volume = (volume, day)
        for s in sets:
            if s.load_kg is not None and s.reps is not None:
                key = round(s.load_kg, 3)
                reps_at[key] = max(reps_at.get(key, 0), s.reps)
    recs = Records(
        heaviest[0] if heaviest else None,
        heaviest[1] if heaviest else None,
        best_e1rm[0] if best_e1rm else None,
        best_e1rm[1] if best_e1rm else None,
        dict(sorted(reps_at.items())),
        best_volume[0] if best_volume else 0.0,
        best_volume[1] if best_volume else None,
    )
    return out, recs


# -- volume and recovery -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VolumeReport:
    week_start: dt.date
    rows: tuple[MuscleVolume, ...]
    #: Muscles with no row in the landmarks table (rotator cuff, forearms...), fractional sets.
    other: dict[str, float]
    sets_counted: int


def week_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = week_start(day)
    start = dt.datetime(first.year, first.month, first.day)
    return start, start + dt.timedelta(days=7)


def weekly_volume(records: Sequence[SetRecord], catalog: Catalog, week_of: dt.date) -> VolumeReport:
    """Fractional sets per landmarks row in the Monday-Sunday week of ``week_of``."""
    start, end = week_range(week_of)
    in_week = [r for r in records if start <= r.performed_at < end and r.exercise in catalog]
    logged = as_logged(in_week)
    tg = targets(catalog)
    group_of = {m.key: m.landmark_group for m in MUSCLES.values()}
    grouped = fractional_sets(logged, tg, group_of=group_of)
    ungrouped = fractional_sets(
        logged, tg, group_of={k: (None if g else k) for k, g in group_of.items()}
    )
    rows = assess({k: v for k, v in grouped.items() if k in LANDMARKS_2017})
    counted = sum(1 for s in logged if s.counts_for_volume and s.reps > 0)
    return VolumeReport(week_start(week_of), rows, dict(sorted(ungrouped.items())), counted)


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    at: dt.datetime
    percent: dict[str, float]  # every muscle of the vocabulary
    ready: tuple[str, ...]


#: Sets older than this no longer matter to recovery (the model is above 99 % after 7 days).
RECOVERY_WINDOW = dt.timedelta(days=7)


def recovery_report(
    records: Sequence[SetRecord], catalog: Catalog, at: dt.datetime
) -> RecoveryReport:
    """Recovery of every muscle at ``at`` from the sets of the 7 days before it."""
    recent = [
        r for r in records if at - RECOVERY_WINDOW <= r.performed_at <= at and r.exercise in catalog
    ]
    values = recovery_of(as_logged(recent), targets(catalog), at=at)
    full = {m: values.get(m, 100.0) for m in MUSCLES}
    return RecoveryReport(at, full, ready_muscles(full))
