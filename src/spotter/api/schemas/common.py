"""Bodies shared by every area: a page of a list, loads in the lifter's unit."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from spotter.science.units import Unit, from_kg

T = TypeVar("T")

UnitName = Literal["kg", "lb"]


class Page(BaseModel, Generic[T]):
    """One page of a list, newest first."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Give this back as `cursor` for the next page; null on the last page."
    )


class Out(BaseModel):
    """A response body (fields are read-only; unknown fields never appear)."""

    model_config = ConfigDict(frozen=True)


class In(BaseModel):
    """A request body: an unknown field is an error (a typo never passes silently)."""

    model_config = ConfigDict(extra="forbid")


def in_unit(kg: float | None, unit: Unit) -> float | None:
    """A stored load in the lifter's unit, to the hundredth.

    >>> in_unit(100, "lb"), in_unit(None, "kg"), in_unit(61.23496995, "lb")
    (220.46, None, 135.0)
    """
    return None if kg is None else round(from_kg(kg, unit), 2)
