"""`today` for one user: the checks, the day in the user's time zone, and the typed result.

:func:`today_for` finds the user's profile and active plan (a clear error without them), takes
"today" in the user's zone, builds the session (:func:`spotter.services.today.today_session`) and
returns a :class:`TodayView`: plain fields that the JSON output is made from
(:func:`spotter.services.results.to_data`), with the full report kept for a text renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from spotter.errors import NotFoundError, ValidationError
from spotter.knowledge.catalog import Catalog
from spotter.planning.model.stored import StoredPlan
from spotter.profile import Profile
from spotter.science.units import Unit
from spotter.services.today import TodayItem, TodayReport, TodayUnitOfWork
from spotter.services.today_loads import Loading


class _Profiles(Protocol):
    def get(self) -> Profile | None: ...


class _Plans(Protocol):
    def active(self) -> StoredPlan | None: ...


class TodayViewUnitOfWork(TodayUnitOfWork, Protocol):
    @property
    def profiles(self) -> _Profiles: ...
    @property
    def plans(self) -> _Plans: ...


@dataclass(frozen=True, slots=True)
class LoadingView:
    kind: str
    load: float
    unit: Unit
    text: str
    bar: float | None
    plates_per_side: tuple[float, ...]
    pin: int | None
    exact: bool


@dataclass(frozen=True, slots=True)
class RecoveryNote:
    muscle: str | None
    percent: float
    note: str


@dataclass(frozen=True, slots=True)
class SetView:
    load_kg: float | None
    reps: int
    amrap: bool


@dataclass(frozen=True, slots=True)
class WarmupView:
    load_kg: float
    reps: int
    loading: LoadingView | None


@dataclass(frozen=True, slots=True)
class TempoView:
    text: str
    eccentric: float
    pause_after_eccentric: float
    concentric: float
    pause_after_concentric: float


@dataclass(frozen=True, slots=True)
class ItemView:
    """One exercise of the session."""

    exercise: str
    name: str
    planned: str
    planned_name: str
    action: str
    recovery: RecoveryNote
    sets: int
    planned_sets: int
    reps: str
    rep_range: tuple[int, int]
    measure: str
    rir: float
    target_rpe: float
    rule: str
    load_kg: float | None
    added_to_bodyweight: bool
    loading: LoadingView | None
    set_plan: tuple[SetView, ...]
    reason: str
    calibration: str | None
    warmups: tuple[WarmupView, ...]
    rest_seconds: int
    tempo: TempoView


@dataclass(frozen=True, slots=True)
class NextSession:
    date: dt.date
    day: str | None


@dataclass(frozen=True, slots=True)
class TodayView:
    """Today's session as data; ``report`` (not in the JSON) keeps the objects for a renderer."""

    date: dt.date
    status: str
    message: str
    plan: str
    session: str | None
    week: int | None
    weeks: int
    deload: bool
    next_session: NextSession | None
    unit: Unit
    recovery_at: dt.datetime
    recovery: dict[str, float]
    exercises: tuple[ItemView, ...]
    report: TodayReport = field(metadata={"json": False})


def today_for(
    uow: TodayViewUnitOfWork,
    catalog: Catalog,
    *,
    now: dt.datetime,
    tz: dt.tzinfo = dt.UTC,
    on: dt.date | None = None,
) -> TodayView:
    """The session of the user's active plan on ``on`` (default: today in ``tz``).

    ``now`` is an aware instant; recovery is judged at it, on the user's wall clock (the log
    keeps the lifter's local times). Raises :class:`NotFoundError` before ``spotter init`` or
    without a plan, :class:`ValidationError` for a day no query can mean.
    """
    from spotter.science.limits import QUERY_HORIZON, check_date

    if now.tzinfo is None:
        raise ValueError("today_for needs an aware `now`")
    local = now.astimezone(tz).replace(tzinfo=None, microsecond=0)
    day = local.date() if on is None else on
    found = check_date(day, today=local.date(), field="--date", ahead=QUERY_HORIZON)
    if found:
        raise ValidationError(str(found[0]), field="date")
    with uow:
        profile = uow.profiles.get()
        plan = uow.plans.active()
    if profile is None:
        raise NotFoundError(
            "no profile yet: run `spotter init` first, then `spotter plan new`", field="profile"
        )
    if plan is None:
        raise NotFoundError("no active plan: run `spotter plan new` to make one", field="plan")
    from spotter.services.today import today_session

    return view(today_session(uow, catalog, profile, plan, day, local))


def _loading(loading: Loading | None) -> LoadingView | None:
    if loading is None:
        return None
    return LoadingView(
        kind=loading.kind,
        load=loading.load,
        unit=loading.unit,
        text=loading.text,
        bar=loading.bar,
        plates_per_side=tuple(loading.plates_per_side),
        pin=loading.pin,
        exact=loading.exact,
    )


def _item(item: TodayItem) -> ItemView:
    adj, facts, tempo = item.adjustment, item.exercise.facts, item.exercise.facts.tempo
    return ItemView(
        exercise=item.exercise.slug,
        name=item.exercise.name,
        planned=adj.planned,
        planned_name=item.planned_name,
        action=adj.action,
        recovery=RecoveryNote(adj.muscle, round(adj.recovery, 1), adj.reason),
        sets=item.sets,
        planned_sets=adj.planned_sets,
        reps=item.reps,
        rep_range=(item.slot.rep_low, item.slot.rep_high),
        measure=facts.measure,
        rir=item.slot.rir,
        target_rpe=item.target_rpe,
        rule=item.rule,
        load_kg=item.load_kg,
        added_to_bodyweight=facts.load_type == "bodyweight",
        loading=_loading(item.loading),
        set_plan=tuple(SetView(s.load_kg, s.reps, s.amrap) for s in item.plan),
        reason=item.reason,
        calibration=item.calibration,
        warmups=tuple(
            WarmupView(w.load_kg, w.reps, _loading(loading))
            for w, loading in zip(item.warmups, item.warmup_loadings, strict=True)
        ),
        rest_seconds=item.slot.rest_seconds,
        tempo=TempoView(
            text=str(tempo),
            eccentric=tempo.eccentric,
            pause_after_eccentric=tempo.pause_after_eccentric,
            concentric=tempo.concentric,
            pause_after_concentric=tempo.pause_after_concentric,
        ),
    )


def view(report: TodayReport) -> TodayView:
    """``report`` as plain fields (the shape of `spotter today --format json`)."""
    day = report.day
    return TodayView(
        date=day.on,
        status=day.status,
        message=day.message,
        plan=report.plan_name,
        session=report.session_name or None,
        week=None if day.week_index is None else day.week_index + 1,
        weeks=day.weeks,
        deload=day.deload,
        next_session=NextSession(day.next_date, day.next_day) if day.next_date else None,
        unit=report.unit,
        recovery_at=report.at,
        recovery=report.recovery,
        exercises=tuple(_item(i) for i in report.items),
        report=report,
    )
