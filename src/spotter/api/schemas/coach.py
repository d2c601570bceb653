"""Bodies of what to do: the next session of one exercise, and today's session of the plan."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from spotter.api.schemas.common import Out, UnitName
from spotter.science.units import Unit


class WarmupOut(Out):
    load: float
    reps: int
    plates_per_side: list[float] = Field(description="In `unit`, from the bar outwards.")
    loading: str | None = Field(default=None, description="How to set the load up, in words.")


class NextOut(Out):
    """The next session of one exercise from its progression rule."""

    exercise: str
    exercise_name: str
    unit: UnitName = Field(description="The unit of every load here.")
    load: float = Field(
        description="The working load (for a bodyweight exercise the added load; negative: "
        "assistance), rounded to what the usual equipment makes."
    )
    relative_to_body: bool
    sets: int
    reps: int
    min_reps: int | None
    target_rpe: float | None
    scheme: str = Field(description="e.g. '3 x 8-12'")
    reason: str
    plates_per_side: list[float]
    warmups: list[WarmupOut]
    tempo: str
    rest_seconds: int


class LoadingOut(Out):
    kind: str
    load: float
    unit: Unit
    text: str = Field(description="How to set it up: plates per side, a pin, dumbbells.")
    exact: bool = Field(description="False: the nearest load the equipment makes.")


class SetPlanOut(Out):
    load: float
    reps: int
    amrap: bool


class RecoveryNote(Out):
    muscle: str | None
    percent: float
    note: str


class TodayItemOut(Out):
    exercise: str
    name: str
    planned: str
    planned_name: str
    action: str = Field(description="keep, fewer-sets or swap (from recovery)")
    recovery: RecoveryNote
    sets: int
    planned_sets: int
    reps: str = Field(description="As people write them: '8-12', '5', '5, 3, 1+'.")
    rep_range: tuple[int, int]
    measure: str
    rir: float | None
    target_rpe: float
    rule: str
    load: float | None = Field(description="In `unit`; for a bodyweight exercise the added load.")
    loading: LoadingOut | None
    set_plan: list[SetPlanOut]
    reason: str
    calibration: str | None
    warmups: list[WarmupOut]
    rest_seconds: int
    tempo: str


class NextSession(Out):
    date: dt.date
    day: str


class TodayOut(Out):
    date: dt.date
    status: str = Field(description="training, rest, not-started or ended")
    message: str
    plan: str
    session: str | None
    week: int | None
    weeks: int
    deload: bool
    next_session: NextSession | None
    unit: UnitName = Field(description="The unit of every load here.")
    recovery: dict[str, float] = Field(description="Percent, primary muscles of today's lifts.")
    exercises: list[TodayItemOut]
