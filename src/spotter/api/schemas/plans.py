"""Bodies of training plans: a new plan's request, plans, weeks, the explanation, the review."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field

from spotter.api.schemas.common import In, Out


class PlanIn(In):
    """What `spotter plan new` takes: from the profile by the optimiser, or from a template."""

    weeks: int | None = Field(
        default=None, ge=2, le=16, description="Weeks, deload included (default 6, or the template's)."
    )
    template: str | None = Field(default=None, max_length=64, description="See GET plans/templates.")
    fill: bool = Field(default=False, description="Keep the template's slots, optimise the rest.")
    emphasis: list[str] | None = Field(default=None, max_length=20, description="Default: profile's.")
    avoid: list[str] | None = Field(default=None, max_length=50, description="Default: profile's.")
    favourites: list[str] | None = Field(default=None, max_length=50)
    start: dt.date | None = Field(default=None, description="First day (default: today).")
    imported: bool = Field(default=False, description="Also use imported exercise databases.")

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"weeks": 6, "emphasis": ["back"]}]},
    )


class SlotOut(Out):
    exercise: str
    name: str
    role: str | None
    sets: int
    rep_low: int
    rep_high: int
    rir: int
    rest_seconds: int
    rule: str | None


class SessionOut(Out):
    date: dt.date
    day: str
    week: int
    name: str
    deload: bool
    slots: list[SlotOut]


class PlanSummary(Out):
    id: int
    name: str
    template: str | None
    created_at: dt.datetime
    start_date: dt.date
    weeks: int
    active: bool
    warnings: list[str] = Field(description="Checks a template used as is does not pass.")


class PlanOut(PlanSummary):
    emphasis: list[str]
    avoid: list[str]
    favourites: list[str]
    fill: bool
    imported: bool
    sessions: list[SessionOut]


class ReviewItemOut(Out):
    number: int
    key: str
    title: str
    status: str = Field(description="passed, failed or not-applicable")
    reason: str
    details: list[str]
    cannot_hold: str | None


class ReviewOut(Out):
    """The plan rubric's items over the plan's peak week."""

    passed: bool
    failed: list[int]
    items: list[ReviewItemOut]


class NewPlanOut(Out):
    plan: PlanOut
    review: ReviewOut | None


class RowVolumeOut(Out):
    row: str
    sets: float
    low: float
    high: float
    emphasised: bool
    status: str = Field(description="below, in or above the target")


class PlaneOut(Out):
    plane: str
    pull: int
    push: int
    ratio: float
    ok: bool


class ExerciseWhy(Out):
    exercise: str
    days: list[str]
    sets: int
    primary_rows: list[str]
    secondary_rows: list[str]
    reasons: list[str]


class ExplainOut(Out):
    """Why the plan looks as it does (peak week)."""

    rows: list[RowVolumeOut]
    planes: list[PlaneOut]
    knee_sets: int
    hip_sets: int
    exercises: list[ExerciseWhy]
    review: ReviewOut


class TemplateOut(Out):
    name: str
    title: str
    description: str
    days: int
    goal: str
    experience: str
    minutes: int
    weeks: int
