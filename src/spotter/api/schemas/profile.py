"""The lifter's profile as the API takes and gives it."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from spotter.api.schemas.common import In, Out

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ProfileIn(In):
    """The whole profile (PUT replaces it)."""

    units: Literal["kg", "lb"] = Field(description="The unit of every load in and out of the API.")
    goal: Literal["strength", "hypertrophy", "posture", "general"]
    experience: Literal["novice", "intermediate", "advanced"]
    training_days: list[Weekday] = Field(min_length=1, max_length=7)
    minutes_per_session: int = Field(ge=10, le=240)
    equipment: list[str] = Field(
        max_length=100,
        description="Equipment keys, categories ('cable') or presets ('full-gym', "
        "'home-dumbbells').",
    )
    emphasis: list[str] = Field(default_factory=list, max_length=20)
    avoid: list[str] = Field(
        default_factory=list, max_length=50, description="Exercises or muscles to leave out."
    )
    favourites: list[str] = Field(default_factory=list, max_length=50)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "units": "kg",
                    "goal": "hypertrophy",
                    "experience": "novice",
                    "training_days": ["mon", "wed", "fri"],
                    "minutes_per_session": 60,
                    "equipment": ["full-gym"],
                }
            ]
        },
    )


class ProfileOut(Out):
    units: Literal["kg", "lb"]
    goal: str
    experience: str
    training_days: list[str]
    sessions_per_week: int
    minutes_per_session: int
    equipment: list[str]
    emphasis: list[str]
    avoid: list[str]
    favourites: list[str]
