"""Bodies of importing other apps' logs (the import report) and restoring Spotter's export."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from spotter.api.schemas.common import Out


class NameOut(Out):
    """One exercise name of the file: where its sets went and how it was matched."""

    source: str
    slug: str | None = Field(description="The catalog exercise; null: kept as imported.")
    stored_as: str
    method: str = Field(description="alias, normalised, fuzzy, mapped or none")
    confidence: float
    suggestion: str | None = Field(
        description="A likely catalog match to confirm: send it back in `mapping`."
    )
    load_rule: str
    sets: int


class RowNote(Out):
    line: int
    reason: str


class ImportOut(Out):
    """What an import did (or, with dry_run, would do). Importing the same file again adds
    nothing; confirming suggestions with `mapping` re-points the sets already imported."""

    format: str
    rows_read: int
    sets_in_file: int
    sets_imported: int
    already_present: int
    new_sets: int
    remapped: int
    workouts: int
    first: dt.date | None
    last: dt.date | None
    dry_run: bool
    names: list[NameOut]
    suggestions: dict[str, str] = Field(description="Source name -> suggested slug.")
    skipped: list[RowNote] = Field(description="Rows that are not sets, with line and reason.")
    refused: list[RowNote] = Field(description="Sets refused for their values.")


class RestoreOut(Out):
    """What restoring a Spotter JSON export stored (into an empty account)."""

    restored: dict[str, int]
