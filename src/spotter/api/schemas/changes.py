"""The change feed's body."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from spotter.api.schemas.common import Out


class ChangeOut(Out):
    """One record that changed: its kind, uuid, whether it is deleted, and its stored fields."""

    kind: str = Field(description="batches, workouts, sets, bodyweights, plans, custom_exercises")
    uuid: str
    deleted: bool = Field(description="A delete marker (tombstone): remove the record.")
    updated_at: str = Field(description="When it changed (UTC).")
    record: dict[str, Any] = Field(
        description="The stored fields (loads in kilograms, as stored: `load_kg`, `kg`); "
        "times without an offset are the lifter's local time, `updated_at`/`deleted_at` UTC."
    )


class ChangesOut(Out):
    changes: list[ChangeOut] = Field(description="Oldest change first.")
    next: str = Field(description="Give this as `updated_since` in the following poll.")
    more: bool = Field(description="True: more changes are waiting; poll again at once.")
