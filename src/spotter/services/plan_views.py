"""Plans as typed results a caller renders: the command line's ``--format json`` (through
:func:`spotter.services.results.to_data`) and any other client read the same fields.

Each view is built from what the planning service returns (a stored plan, its review, the
explanation of its peak week, the templates), with exercise names and roles looked up by the
caller (``names`` maps a slug to its display name, ``roles`` a slug to its role in the week).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from spotter.planning.model.rationale import ExerciseReason, PlaneBalance, WeekExplanation
from spotter.planning.model.review import ItemResult, PlanReview

if TYPE_CHECKING:
    from spotter.planning.model.program import Slot
    from spotter.planning.model.stored import PlannedSession, StoredPlan
    from spotter.planning.model.templates import Template


@dataclass(frozen=True, slots=True)
class SlotView:
    """One exercise of a session: its sets, rep range, reps in reserve, rest and rule."""

    exercise: str
    name: str
    role: str | None
    sets: int
    rep_low: int
    rep_high: int
    rir: int
    rest_seconds: int | None
    rule: str | None

    @classmethod
    def of(cls, slot: Slot, names: Mapping[str, str], roles: Mapping[str, str]) -> SlotView:
        return cls(
            exercise=slot.exercise,
            name=names.get(slot.exercise, slot.exercise),
            role=roles.get(slot.exercise),
            sets=slot.sets,
            rep_low=slot.rep_low,
            rep_high=slot.rep_high,
            rir=slot.rir,
            rest_seconds=slot.rest_seconds,
            rule=slot.rule,
        )


@dataclass(frozen=True, slots=True)
class SessionView:
    """One dated session of a plan."""

    date: dt.date
    day: str
    week: int
    name: str
    deload: bool
    slots: tuple[SlotView, ...]

    @classmethod
    def of(
        cls, p: PlannedSession, names: Mapping[str, str], roles: Mapping[str, str]
    ) -> SessionView:
        return cls(
            date=p.date,
            day=p.session.day,
            week=p.week,
            name=p.name,
            deload=p.deload,
            slots=tuple(SlotView.of(s, names, roles) for s in p.session.slots),
        )


@dataclass(frozen=True, slots=True)
class ReviewView:
    """The coach's review: whether the plan passed, the failed items' numbers, every item."""

    passed: bool
    failed: tuple[int, ...]
    items: tuple[ItemResult, ...]

    @classmethod
    def of(cls, review: PlanReview) -> ReviewView:
        return cls(
            passed=review.ok, failed=tuple(i.number for i in review.failed), items=review.items
        )


@dataclass(frozen=True)
class PlanView:
    """A stored plan with every session of the block."""

    id: int
    name: str
    template: str | None
    start_date: dt.date
    weeks: int
    active: bool
    fill: bool
    imported: bool
    emphasis: tuple[str, ...]
    avoid: tuple[str, ...]
    favourites: tuple[str, ...]
    warnings: tuple[str, ...]
    sessions: tuple[SessionView, ...]


@dataclass(frozen=True)
class NewPlanView(PlanView):
    """A plan just made, with the coach's review of its peak week."""

    review: ReviewView = field(kw_only=True)


_P = TypeVar("_P", bound=PlanView)


def _view_of(
    cls: type[_P], plan: StoredPlan, names: Mapping[str, str], roles: Mapping[str, str], **extra: Any
) -> _P:
    """``plan`` as ``cls`` (a :class:`PlanView` or a subclass, whose own fields are ``extra``)."""
    return cls(
        id=plan.id,
        name=plan.name,
        template=plan.template,
        start_date=plan.start_date,
        weeks=plan.weeks,
        active=plan.active,
        fill=plan.fill,
        imported=plan.imported,
        emphasis=tuple(plan.emphasis),
        avoid=tuple(plan.avoid),
        favourites=tuple(plan.favourites),
        warnings=tuple(plan.warnings),
        sessions=tuple(SessionView.of(p, names, roles) for p in plan.sessions()),
        **extra,
    )


def plan_view(
    plan: StoredPlan, names: Mapping[str, str], roles: Mapping[str, str] | None = None
) -> PlanView:
    """``plan`` with every session, exercises named by ``names`` and their roles by ``roles``."""
    return _view_of(PlanView, plan, names, roles or {})


def new_plan_view(
    plan: StoredPlan,
    review: PlanReview,
    names: Mapping[str, str],
    roles: Mapping[str, str] | None = None,
) -> NewPlanView:
    """A new plan and its review."""
    return _view_of(NewPlanView, plan, names, roles or {}, review=ReviewView.of(review))


@dataclass(frozen=True, slots=True)
class WeekView:
    """One week of a plan: its sessions, and whether it is the deload."""

    plan: str
    week: int
    weeks: int
    deload: bool
    sessions: tuple[SessionView, ...]


def week_view(
    plan: StoredPlan, week: int, names: Mapping[str, str], roles: Mapping[str, str] | None = None
) -> WeekView:
    """Week ``week`` (1-based) of ``plan``."""
    return WeekView(
        plan=plan.name,
        week=week,
        weeks=plan.weeks,
        deload=plan.mesocycle.weeks[week - 1].deload,
        sessions=tuple(
            SessionView.of(p, names, roles or {}) for p in plan.sessions() if p.week == week
        ),
    )


@dataclass(frozen=True, slots=True)
class RowVolumeView:
    """Weekly sets of one muscle group against its target range: ``below``, ``in`` or
    ``above``."""

    row: str
    sets: float
    low: float
    high: float
    emphasised: bool
    status: str


@dataclass(frozen=True, slots=True)
class ExplainView:
    """Why the peak week looks as it does, and the coach's review of it."""

    rows: tuple[RowVolumeView, ...]
    planes: tuple[PlaneBalance, ...]
    knee_sets: int
    hip_sets: int
    exercises: tuple[ExerciseReason, ...]
    review: ReviewView


def explain_view(x: WeekExplanation, review: PlanReview) -> ExplainView:
    """The explanation ``x`` with each row's status, and ``review``."""
    return ExplainView(
        rows=tuple(
            RowVolumeView(r.row, r.sets, r.low, r.high, r.emphasised, r.status) for r in x.rows
        ),
        planes=x.planes,
        knee_sets=x.knee_sets,
        hip_sets=x.hip_sets,
        exercises=x.exercises,
        review=ReviewView.of(review),
    )


@dataclass(frozen=True, slots=True)
class TemplateView:
    """A shipped plan template: who it was written for and what it knowingly leaves out."""

    name: str
    title: str
    description: str
    days: int
    sessions: tuple[str, ...]
    rotate: bool
    goal: str
    experience: str
    minutes: int
    weeks: int
    deviations: Mapping[str, str]


def template_views(templates: Iterable[Template]) -> tuple[TemplateView, ...]:
    """Each template as a view, in the given order."""
    return tuple(
        TemplateView(
            name=t.name,
            title=t.title,
            description=t.description,
            days=t.days,
            sessions=tuple(s.name for s in t.sessions),
            rotate=t.rotate,
            goal=t.goal,
            experience=t.experience,
            minutes=t.minutes,
            weeks=t.weeks,
            deviations=dict(t.deviations),
        )
        for t in templates
    )
