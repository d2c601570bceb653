"""Bodies of the exercise catalog: search hits, pages, alternatives, the lifter's own exercises."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import Field

from spotter.api.schemas.common import In, Out


class ExerciseSummary(Out):
    slug: str
    name: str
    primary: list[str] = Field(description="Muscle keys trained most.")
    secondary: list[str]
    equipment: list[str]
    load_type: str
    mechanic: str
    pattern: str
    level: str
    source: str = Field(description="builtin, user (a file or a custom exercise) or a database.")


class SearchHit(Out):
    exercise: ExerciseSummary
    score: float = Field(description="How well the text matched, 0-100.")
    matched: str = Field(description="The name or alias that matched.")


class StepOut(Out):
    id: str
    phase: str
    text: str
    breathing: str | None


class ExerciseOut(ExerciseSummary):
    """An exercise page: facts and instructions."""

    aliases: list[str]
    description: str
    tempo: str = Field(description="eccentric-pause-concentric-pause in seconds, e.g. 3-0-2-1.")
    rep_range: tuple[int, int]
    measure: str = Field(description="reps, seconds or meters")
    role: str
    unilateral: bool
    steps: list[StepOut]
    cues: list[str]
    benefits: list[str]


class AlternativeOut(Out):
    exercise: ExerciseSummary
    score: float
    shared_primary: list[str]
    same_pattern: bool


class AlternativesOut(Out):
    base: ExerciseSummary
    equipment_from: str = Field(description="Whose equipment limited the list.")
    alternatives: list[AlternativeOut]


class CustomIn(In):
    """A lifter's own exercise, defined by its facts."""

    name: str = Field(min_length=1, max_length=120, examples=["Ring row"])
    primary: list[str] = Field(min_length=1, max_length=20, examples=[["lats", "upper back"]])
    secondary: list[str] = Field(default_factory=list, max_length=20)
    equipment: list[str] = Field(default_factory=list, max_length=20, examples=[["rings"]])
    load_type: str = Field(default="bodyweight", max_length=32)
    measure: Literal["reps", "seconds", "meters"] = "reps"
    mechanic: Literal["compound", "isolation"] = "compound"
    aliases: list[str] = Field(default_factory=list, max_length=20)
    slug: str | None = Field(default=None, max_length=120)
    uuid: UUID | None = Field(
        default=None, description="Chosen by the client: the same uuid again returns the stored one."
    )


class CustomOut(Out):
    uuid: str | None
    slug: str
    name: str
    primary: list[str]
    secondary: list[str]
    equipment: list[str]
    load_type: str
    measure: str
    mechanic: str
    aliases: list[str]
