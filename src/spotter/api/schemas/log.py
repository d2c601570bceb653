"""Bodies of the training log: sets, workouts (several sets in one write), text entries, batches."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from pydantic import ConfigDict, Field, model_validator

from spotter.api.schemas.common import In, Out, UnitName
from spotter.science.units import Unit

SetType = Literal["warm-up", "working", "drop", "failure", "amrap"]


class SetIn(In):
    """One set as the lifter did it. Exactly one of ``reps``, ``seconds`` or ``meters``."""

    uuid: UUID = Field(
        description="Chosen by the client: sending the same uuid again returns the stored set "
        "(200) instead of storing a second one."
    )
    exercise: str = Field(
        min_length=1, max_length=200, description="A slug, a name or an alias (typos tolerated)."
    )
    performed_at: dt.datetime | None = Field(
        default=None,
        description="When; with an offset, or else the lifter's local time. Default: now.",
    )
    load: float | None = Field(
        default=None,
        description="In `unit`. For a bodyweight set the added load (negative: assistance); "
        "none for bodyweight alone.",
    )
    unit: UnitName | None = Field(default=None, description="Default: the lifter's unit.")
    bodyweight: bool = Field(default=False, description="A bodyweight set (load is added).")
    reps: int | None = Field(default=None, ge=1, le=1000)
    seconds: float | None = Field(default=None, gt=0, description="A timed set.")
    meters: float | None = Field(default=None, gt=0, description="A distance.")
    rpe: float | None = Field(default=None, ge=1, le=10)
    rir: float | None = Field(default=None, ge=0, le=10)
    set_type: SetType = "working"
    notes: str | None = Field(default=None, max_length=2000)
    allow_outlier: bool = Field(
        default=False, description="Keep a value outside the plausible range (a true outlier)."
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "uuid": "0b8f2f4e-8a3e-4b59-9d0e-6f1d2c3b4a51",
                    "exercise": "barbell back squat",
                    "performed_at": "2026-11-20T18:05:00+01:00",
                    "load": 100,
                    "unit": "kg",
                    "reps": 5,
                    "rpe": 8,
                }
            ]
        },
    )

    @model_validator(mode="after")
    def _one_measure(self) -> SetIn:
        given = [n for n in ("reps", "seconds", "meters") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of reps, seconds or meters"
                + (f" (got {', '.join(given)})" if given else "")
            )
        return self


class WorkoutIn(In):
    """Several sets written at once (a whole workout), retry-safe as a whole."""

    uuid: UUID = Field(
        description="The workout's write, chosen by the client: the same uuid again stores "
        "nothing new and returns what was stored."
    )
    sets: list[SetIn] = Field(min_length=1, max_length=500)
    notes: str | None = Field(default=None, max_length=2000, description="Kept on every set.")


class EntryIn(In):
    """A log entry in Spotter's log grammar, as `spotter log` takes it."""

    text: str = Field(
        min_length=1,
        max_length=2000,
        description="What was done, e.g. 'squat 3x5 100kg @8' or 'bench 80kg 3x8 + pull-up 3x8'.",
        examples=["stepback pulldown 55kg 10,10,9 @8"],
    )
    uuid: UUID | None = Field(
        default=None, description="The entry's uuid: the same uuid again stores nothing new."
    )
    set_uuids: list[UUID] = Field(
        default_factory=list, max_length=500, description="One per set, in the written order."
    )
    performed_at: dt.datetime | None = None
    unit: UnitName | None = Field(
        default=None, description="For loads written without one (default: the lifter's)."
    )
    notes: str | None = Field(default=None, max_length=2000)
    allow_outlier: bool = False


class SetPatch(In):
    """Fields to change on one set; leave out what stays."""

    exercise: str | None = Field(default=None, min_length=1, max_length=200)
    performed_at: dt.datetime | None = None
    load: float | None = Field(default=None, description="In `unit` (default: the set's).")
    unit: UnitName | None = None
    bodyweight: bool | None = None
    reps: int | None = Field(default=None, ge=1, le=1000)
    rpe: float | None = Field(default=None, ge=1, le=10)
    rir: float | None = Field(default=None, ge=0, le=10)
    set_type: SetType | None = None
    notes: str | None = Field(default=None, max_length=2000, description="Empty text clears it.")
    allow_outlier: bool = False

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reps": 6, "rpe": 8.5}]},
    )


class SetOut(Out):
    """A logged set."""

    uuid: str
    id: int = Field(description="The number `spotter history` shows.")
    exercise: str = Field(description="The catalog slug (or the name an import kept).")
    exercise_name: str
    performed_at: dt.datetime = Field(description="With the lifter's offset.")
    set_type: str
    load: float | None = Field(description="In `unit`; for a bodyweight set the added load.")
    unit: Unit = Field(description="The unit of `load`: the lifter's.")
    entered_unit: Unit | None = Field(description="The unit the load was written in.")
    bodyweight: bool
    reps: int | None
    seconds: float | None
    meters: float | None
    rpe: float | None
    rir: float | None
    notes: str | None
    superset: int | None
    batch: int | None = Field(description="The batch (log entry or import) that recorded it.")


class WrittenOut(Out):
    """What a write stored: its batch and sets; ``replayed`` when the uuid was known already."""

    batch: int
    replayed: bool = Field(description="True: nothing new was stored (a retried request).")
    sets: list[SetOut]


class BatchOut(Out):
    """One `log` entry or one import."""

    id: int
    uuid: str | None
    kind: str = Field(description="log or import")
    command: str
    created_at: dt.datetime
    set_count: int
    undone_at: dt.datetime | None
