"""Bodies of the analysis: progress, weekly volume, recovery, bodyweight."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import Field

from spotter.api.schemas.common import In, Out, UnitName


class SessionPointOut(Out):
    date: dt.date
    e1rm: float = Field(description="The session's best estimated one-rep max, in `unit`.")
    top_load: float
    volume: float = Field(description="Load x reps of the session's working sets, in `unit`.")
    sets: int


class RepsAtLoad(Out):
    load: float
    reps: int


class RecordsOut(Out):
    heaviest: float | None
    heaviest_date: dt.date | None
    best_e1rm: float | None
    best_e1rm_date: dt.date | None
    best_volume: float | None
    best_volume_date: dt.date | None
    best_reps_at_load: list[RepsAtLoad]


class ExerciseProgress(Out):
    exercise: str
    exercise_name: str
    body_included: bool = Field(
        description="For a bodyweight exercise: loads are body + added load (a bodyweight is "
        "recorded); false: loads are the added load only."
    )
    sessions: list[SessionPointOut]
    records: RecordsOut


class ProgressOut(Out):
    unit: UnitName = Field(description="The unit of every load here.")
    exercises: list[ExerciseProgress]
    left_out: list[str] = Field(
        description="Sets left out for impossible values (fix or delete them in the log)."
    )


class MuscleVolumeOut(Out):
    muscle: str
    sets: float = Field(description="Fractional sets: 1 per primary, 0.5 per secondary muscle.")
    mev: float
    mav_low: float
    mav_high: float
    mrv: float
    status: str


class VolumeOut(Out):
    week_start: dt.date
    sets_counted: int
    muscles: list[MuscleVolumeOut]
    other: dict[str, float] = Field(description="Muscles without landmarks, fractional sets.")


class RecoveryOut(Out):
    at: dt.datetime
    recovery: dict[str, float] = Field(description="Percent recovered, per muscle key.")
    ready: list[str] = Field(description="Muscles at 90 % or more.")


class BodyweightIn(In):
    value: float = Field(gt=0, description="In `unit`.", examples=[80.5])
    unit: UnitName | None = Field(default=None, description="Default: the lifter's.")
    measured_at: dt.datetime | None = Field(default=None, description="Default: now.")
    uuid: UUID | None = Field(
        default=None, description="Chosen by the client: the same uuid again stores nothing new."
    )
    allow_outlier: bool = False


class BodyweightOut(Out):
    uuid: str
    measured_at: dt.datetime
    value: float
    unit: UnitName
