"""`spotter today`: today's session of the active plan, with loads, warm-ups and kit maths.

For each slot of the session that falls on the date (:func:`spotter.planning.model.today.locate`):

* **Recovery.** The recovery of every muscle at the time asked (:func:`recovery_report` over the
  7 days before it), then :func:`~spotter.planning.model.today.adjust_session`: keep, fewer
  sets, or a swap (thresholds documented there). Sets logged on the day itself for exercises of
  today's session are left out: they are today's session in progress, not fatigue carried in.
* **Load.** The slot's progression rule (:func:`~spotter.planning.model.progression.rule_for`:
  the rule the slot names, e.g. a template's 5/3/1 or GZCLP tier, else linear or RPE-based for
  main lifts and double progression for the rest) evaluated on the exercise's history before
  the day:

  - only sessions of the slot's own scheme count: days the plan gives the exercise the same
    rule, or days it says nothing about (before the plan, extra days). A lift that is both a
    5/3/1 main lift and a 5x10 supplement, or a GZCLP T1 and T2, progresses each on its own;
  - the success test of double and linear progression uses the slot planned on the day of the
    last session, so a week that ramps from 3 to 4 sets judges last week's 3 sets as 3;
  - when the last session is another rep scheme (before the plan, every top set short of the
    slot's lowest reps, or no session of this scheme yet), the load starts from its e1RM: the
    RTS chart's load for the target reps at RPE ``10 - RIR``;
  - load steps in the lifter's unit and kit (:mod:`spotter.services.today_loads`);
  - in the deload week, double and linear progression drop to 90 % of the last top load (the
    StrongLifts deload size; Bell 2024: load and volume go down); RPE-based loads follow the
    deload's RIR 4 by themselves;
  - 5/3/1 takes its 1RM from the best e1RM logged before the plan started (any history when
    there is none) and counts the sessions on its own days since the start;
  - every load is rounded to the default equipment (:func:`default_equipment`).

  Without history the slot is a **calibration step**: work up to a set of N at RPE 8, log it,
  and `spotter calibrate` gives the working loads.
* **Warm-ups** (:func:`~spotter.science.warmup.warmup_ramp`) before the first compound of each
  primary muscle, when its load and equipment are known.
* **Loading**: plates per side on a barbell, plates on a plate-loaded machine, the dumbbell or
  kettlebell in each hand, the pin on a stack.
* **Rest** from the slot, **tempo** (eccentric-pause-concentric-pause) from the exercise facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Protocol

from spotter.errors import SpotterError
from spotter.knowledge.catalog import Catalog, is_available, resolve_equipment
from spotter.knowledge.model import Exercise, ExerciseFacts
from spotter.knowledge.vocab import MUSCLES
from spotter.log import SetRecord
from spotter.planning.model.program import Slot, rep_range_for
from spotter.planning.model.progression import rule_for
from spotter.planning.model.session_time import rest_seconds
from spotter.planning.model.stored import StoredPlan
from spotter.planning.model.today import (
    FAR_BELOW,
    Adjustment,
    PlanDay,
    adjust_session,
    fewer_sets,
    least_recovered,
    locate,
    slot_on,
)
from spotter.profile import Profile
from spotter.science.loading import round_load
from spotter.science.plates import RoundedLoad
from spotter.science.prescription import PrescribedSet, Prescription, Rounding
from spotter.science.progression import evaluate
from spotter.science.records import ExerciseSession
from spotter.science.rules import Rule
from spotter.science.units import Unit, format_load, from_kg
from spotter.science.warmup import WarmupSet, warmup_ramp
from spotter.services.log import SetReader
from spotter.services.rule_kinds import kind_of
from spotter.services.today_loads import (
    Loading,
    calibration_text,
    gzclp_t1_start,
    loading_of,
    no_load_reason,
    rebase,
    rule_name,
    unit_rule,
)
from spotter.services.today_program import (
    WAVE_RULE,
    calibration_session,
    cycle_one_rm,
    plans_waves,
    wave_sessions,
)
from spotter.services.training import (
    RECOVERY_WINDOW,
    default_equipment,
    recovery_report,
    relative_to_body,
    sessions,
)
from spotter.services.uow import UnitOfWork

#: The deload week's load for double and linear progression, as a fraction of the last top load.
DELOAD_LOAD: float = 0.9


class TodayError(SpotterError):
    """Today's session cannot be built as asked."""


class TodayUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> SetReader: ...


@dataclass(frozen=True, slots=True)
class TodayItem:
    """One exercise of today's session as it should be done."""

    adjustment: Adjustment
    exercise: Exercise
    #: The name of the planned exercise (another one's when the slot was swapped).
    planned_name: str
    slot: Slot
    sets: int
    rule: str
    reason: str
    load_kg: float | None
    loading: Loading | None
    plan: tuple[PrescribedSet, ...]
    target_rpe: float
    calibration: str | None
    warmups: tuple[WarmupSet, ...]
    warmup_loadings: tuple[Loading | None, ...]

    #: The reps (or seconds, meters) to do, as people write them: "8–12", "5", "5, 3, 1+".
    reps: str


@dataclass(frozen=True, slots=True)
class TodayReport:
    plan_name: str
    #: The session's name in the plan ("Upper A"), empty on a day without one.
    session_name: str
    day: PlanDay
    at: dt.datetime
    unit: Unit
    items: tuple[TodayItem, ...]
    #: Recovery (percent) of the primary muscles of today's planned exercises.
    recovery: dict[str, float]


# -- one slot ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    plan: StoredPlan
    on: dt.date
    unit: Unit
    experience: str
    goal: str
    deload: bool


def _last_without_load(records: Sequence[SetRecord]) -> bool:
    """Whether the working sets of the newest day with any were all without added load."""
    working = [r for r in records if r.is_working and r.reps]
    if not working:
        return False
    last = max(r.performed_at.date() for r in working)
    return all(r.load_kg is None for r in working if r.performed_at.date() == last)


def _prescribe(
    ctx: _Context, ex: Exercise, slot: Slot, records: Sequence[SetRecord]
) -> tuple[Rule, Prescription | None, str, str | None]:
    """The rule, the prescription (None: no load to give), its reason, a calibration step."""
    facts = ex.facts
    unit_enum = ctx.unit
    kit = default_equipment(ex, ctx.unit)
    rule = unit_rule(rule_for(facts, slot, ctx.experience), ex, ctx.unit)
    history = [s for s in sessions(records) if s.working_sets]
    if facts.measure != "reps" or (not history and facts.load_type in ("bodyweight", "band")):
        return rule, None, no_load_reason(ex, slot), None
    if relative_to_body(ex) and _last_without_load(records):
        # the newest session was bodyweight alone (after bw+10kg sets, say): it decides
        return rule, None, no_load_reason(ex, slot), None
    if not history:
        return rule, None, "", calibration_text(ex, slot, ctx.unit)

    def rounding(kg: float) -> float:
        return round_load(kg, kit).load_kg

    def fmt(kg: float) -> str:
        return format_load(from_kg(kg, unit_enum), unit_enum)

    def planned(day: dt.date) -> Slot | None:
        return slot_on(ctx.plan.mesocycle, ctx.plan.start_date, day, ex.slug)

    calibration = calibration_session(history, ctx.plan.start_date, planned)
    kind = kind_of(rule)
    if kind.source == "wave":
        return _wave(ctx, ex, slot, rule, records, history, calibration, rounding)
    # sessions of this slot's scheme: on a day the plan gives the exercise the same rule, or
    # on a day the plan says nothing about it (history from before the plan, an extra day);
    # the calibration is never one of them
    ours = [
        s
        for s in history
        if s is not calibration and ((t := planned(s.date)) is None or t.rule == slot.rule)
    ]
    last = (ours or history)[-1]
    if ctx.deload and kind.deloads:
        top = last.top_load_kg or 0.0
        load = rounding(top * DELOAD_LOAD)
        reason = f"Deload week: 90 % of the last top load {fmt(top)} → {fmt(load)}, RIR 4."
        return rule, Prescription.straight(load, slot.sets, slot.rep_high, reason), reason, None
    if kind.source == "rpe":
        p = evaluate(rule, history, rounding=rounding, unit=unit_enum)
        return rule, p, p.reason, None
    foreign = planned(last.date) is None or not ours
    if foreign and (not ours or all(x.reps < slot.rep_low for x in last.top_sets)):
        # the last session was another rep scheme (before the plan, or another slot's day):
        # start from its e1RM instead of judging it against this slot; with no session of
        # this scheme yet, from the calibration when there was one (the test set is for this)
        source = calibration if not ours and calibration is not None else last
        target = kind.start_reps(rule, slot)
        based = rebase(source, target, slot.rir, rounding, fmt)
        if based is None:
            return rule, None, "", calibration_text(ex, slot, ctx.unit)
        load, why = based
        if kind.restart_pct is not None:
            load, why = gzclp_t1_start(source, kind.restart_pct(rule), rounding, fmt) or based
        if kind.staged:
            p = evaluate(rule, [], start_kg=load, rounding=rounding, unit=unit_enum)
            return rule, p, f"{why} {p.reason}", None
        reps = kind.straight_reps(rule, slot)
        low = kind.min_reps(rule, slot)
        return rule, Prescription.straight(load, slot.sets, reps, why, min_reps=low), why, None
    judged: Rule = rule
    if kind.deloads:  # judged by the rule planned on the session's day
        then = planned(last.date)
        if then is not None:
            judged = unit_rule(rule_for(facts, then, ctx.experience), ex, ctx.unit)
    p = evaluate(judged, ours, rounding=rounding, unit=unit_enum)
    return rule, p, p.reason, None


def _wave(
    ctx: _Context,
    ex: Exercise,
    slot: Slot,
    rule: Rule,
    records: Sequence[SetRecord],
    history: Sequence[ExerciseSession],
    calibration: ExerciseSession | None,
    rounding: Rounding,
) -> tuple[Rule, Prescription | None, str, str | None]:
    """5/3/1 main sets or Boring But Big: the cycle from the lift's wave sessions, the training
    max from the 1RM before them (:mod:`spotter.services.today_program`)."""
    meso, start = ctx.plan.mesocycle, ctx.plan.start_date

    def planned(day: dt.date) -> Slot | None:
        return slot_on(meso, start, day, ex.slug)

    counted = WAVE_RULE if plans_waves(meso, ex.slug) else (slot.rule or WAVE_RULE)
    waves = wave_sessions(history, calibration, planned, counted)
    one_rm = cycle_one_rm(records, waves)
    if one_rm is None:
        return rule, None, "", calibration_text(ex, slot, ctx.unit)
    unit = ctx.unit
    p = evaluate(rule, waves, one_rm_kg=one_rm, rounding=rounding, unit=unit)
    return rule, p, p.reason, None


def _plan_sets(
    rule: Rule, p: Prescription, slot: Slot, adj: Adjustment
) -> tuple[PrescribedSet, ...]:
    """Today's sets: the rule's own sets for 5/3/1 and GZCLP (its stage decides how many; a
    recovery cut keeps the same fraction of them, the first ones), else the adjusted number of
    sets x the slot's target at the prescribed load."""
    sets = adj.sets
    kind = kind_of(rule)
    if kind.own_sets:
        n = len(p.plan)
        if adj.sets < adj.planned_sets:
            n = fewer_sets(n, Fraction(adj.sets, adj.planned_sets))
        return p.plan[:n]
    reps = kind.straight_reps(rule, slot)
    return tuple(PrescribedSet(p.load_kg, reps) for _ in range(sets))


def _item(
    ctx: _Context,
    adj: Adjustment,
    planned: Slot,
    planned_name: str,
    ex: Exercise,
    records: Sequence[SetRecord],
) -> TodayItem:
    slot = planned
    if ex.slug != planned.exercise:
        # a swap: the new exercise's rep range for the goal, its rest, and its own rule
        low, high = rep_range_for(ctx.goal, ex.facts.mechanic, ex.facts.rep_range)
        slot = replace(
            planned,
            exercise=ex.slug,
            rep_low=low,
            rep_high=high,
            rest_seconds=rest_seconds(low, high, ctx.goal),
            rule=None,
        )
    rule, p, reason, calibration = _prescribe(ctx, ex, slot, records)
    kit = default_equipment(ex, ctx.unit)
    plan: tuple[PrescribedSet, ...] = ()
    load_kg = None
    loading = None
    if p is not None:
        # every set at a load the kit makes, so the number shown is what the plates add up to
        plan = tuple(
            replace(s, load_kg=round_load(s.load_kg, kit).load_kg) if s.load_kg > 0 else s
            for s in _plan_sets(rule, p, slot, adj)
        )
        top = max(s.load_kg for s in plan)
        if top > 0:
            rounded = round_load(top, kit)
            load_kg = rounded.load_kg
            loading = loading_of(ex, rounded, kit)
        else:  # assistance (a negative load) is set as logged, not rounded to the kit
            load_kg = top
    target_rpe = kind_of(rule).target_rpe(rule, slot)
    return TodayItem(
        adj,
        ex,
        planned_name,
        slot,
        len(plan) if plan else adj.sets,
        rule_name(rule),
        reason,
        load_kg,
        loading,
        plan,
        target_rpe,
        calibration,
        (),
        (),
        _reps_text(rule, slot, plan, ex.facts.measure),
    )


def _reps_text(rule: Rule, slot: Slot, plan: Sequence[PrescribedSet], measure: str) -> str:
    unit = {"seconds": " s", "meters": " m"}.get(measure, "")
    lo, hi = slot.rep_low, slot.rep_high
    if not plan or kind_of(rule).shows_range:
        return (f"{lo}–{hi}" if lo != hi else f"{lo}") + unit
    if all(s.reps == plan[0].reps for s in plan) and not any(s.amrap for s in plan[:-1]):
        return f"{plan[0].reps}{'+' if plan[-1].amrap else ''}{unit}"
    return ", ".join(f"{s.reps}{'+' if s.amrap else ''}" for s in plan) + unit


def _with_warmups(items: list[TodayItem], unit: Unit) -> list[TodayItem]:
    """Warm-ups before the first compound of each primary muscle (its load and kit known)."""
    warmed: set[str] = set()
    out = []
    for item in items:
        facts = item.exercise.facts
        if facts.mechanic != "compound":
            out.append(item)
            continue
        fresh = not set(facts.primary) <= warmed
        warmed.update(facts.primary)
        kit = default_equipment(item.exercise, unit)
        first_load = item.plan[0].load_kg if item.plan else None
        if not fresh or kit is None or first_load is None or first_load <= 0:
            out.append(item)
            continue
        ramp = warmup_ramp(first_load, kit)
        loadings = tuple(
            loading_of(
                item.exercise,
                RoundedLoad(w.load_kg, w.load_kg, w.load, w.unit, w.plates_per_side),
                kit,
            )
            for w in ramp
        )
        out.append(replace(item, warmups=ramp, warmup_loadings=loadings))
    return out


# -- the use case ------------------------------------------------------------------------------


def _facts(catalog: Catalog, slug: str) -> Exercise:
    if slug not in catalog:
        raise TodayError(
            f"the plan names exercise {slug!r}, which is not in the catalog (was your own entry "
            "removed?); make a new plan with `spotter plan new`"
        )
    return catalog.get(slug)


def swap_candidates(catalog: Catalog, ex: Exercise, owned: frozenset[str]) -> list[ExerciseFacts]:
    """Exercises that could take a slot's place, best first: the catalog's alternatives
    (shared primary muscles or pattern), then every other exercise the user can do with the same
    force (push, pull) and a primary muscle in a body region of ``ex``'s primary muscles: the
    same mechanic first, then the same load type, bands and bodyweight after loaded work, by
    name. :func:`adjust_slot` keeps the first whose primary muscles
    are ready."""
    alts = [a.exercise for a in catalog.alternatives(ex.slug, available=owned, limit=20)]
    regions = {MUSCLES[m].region for m in ex.facts.primary if m in MUSCLES}
    seen = {ex.slug, *(a.slug for a in alts)}
    more = [
        other
        for other in catalog.all()
        if other.slug not in seen
        and other.facts.force == ex.facts.force
        and is_available(other, owned)
        and any(MUSCLES[m].region in regions for m in other.facts.primary if m in MUSCLES)
    ]
    light = {"band", "bodyweight"}

    def rank(o: Exercise) -> tuple[bool, bool, bool, str]:
        lt = o.facts.load_type
        return (
            o.facts.mechanic != ex.facts.mechanic,
            lt != ex.facts.load_type,
            lt in light and ex.facts.load_type not in light,
            o.name.lower(),
        )

    more.sort(key=rank)
    return [o.facts for o in (*alts, *more)]


def today_session(
    uow: TodayUnitOfWork,
    catalog: Catalog,
    profile: Profile,
    plan: StoredPlan,
    on: dt.date,
    now: dt.datetime,
) -> TodayReport:
    """Today's session of ``plan`` on ``on`` (module docstring). Recovery is judged at ``now``
    when ``on`` is today, else at the same time of day on ``on``."""
    at = now if on == now.date() else dt.datetime.combine(on, now.time())
    day = locate(plan.mesocycle, plan.start_date, on)
    unit = Unit.LB if profile.units == "lb" else Unit.KG
    if day.session is None:
        return TodayReport(plan.name, "", day, at, unit, (), {})
    session = day.session
    day_start = dt.datetime.combine(on, dt.time.min)
    planned = {s.exercise: _facts(catalog, s.exercise) for s in session.slots}
    with uow:
        recent = uow.log.sets(start=at - RECOVERY_WINDOW, end=at + dt.timedelta(seconds=1))
        recent = [r for r in recent if not (r.performed_at >= day_start and r.exercise in planned)]
        report = recovery_report(recent, catalog, at)
        owned = resolve_equipment(profile.equipment)
        facts: dict[str, ExerciseFacts] = {k: v.facts for k, v in planned.items()}
        alternatives: dict[str, list[ExerciseFacts]] = {}
        for slot in session.slots:
            _, worst = least_recovered(facts[slot.exercise].primary, report.percent)
            if worst < FAR_BELOW:
                alternatives[slot.exercise] = swap_candidates(
                    catalog, planned[slot.exercise], owned
                )
        adjustments = adjust_session(session, facts, report.percent, alternatives)
        ctx = _Context(plan, on, unit, profile.experience, profile.goal, day.deload)
        items = []
        for slot, adj in zip(session.slots, adjustments, strict=True):
            ex = _facts(catalog, adj.exercise)
            records = uow.log.sets(exercise=ex.slug, end=day_start)
            items.append(_item(ctx, adj, slot, planned[slot.exercise].name, ex, records))
    muscles = {m for ex in planned.values() for m in ex.facts.primary}
    assert day.week_index is not None
    k = plan.mesocycle.weeks[day.week_index].sessions.index(session)
    return TodayReport(
        plan.name,
        plan.session_names[day.week_index][k],
        day,
        at,
        unit,
        tuple(_with_warmups(items, unit)),
        {m: round(report.percent.get(m, 100.0), 1) for m in sorted(muscles)},
    )


__all__ = [
    "Loading",
    "TodayError",
    "TodayItem",
    "TodayReport",
    "loading_of",
    "rule_name",
    "swap_candidates",
    "today_session",
]
