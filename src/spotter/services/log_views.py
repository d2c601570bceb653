"""The log's entries as the command line's JSON shows them (through ``to_data``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spotter.log import LogBatch


@dataclass(frozen=True, slots=True)
class BatchView:
    """One log entry or import in `spotter batches --format json`.

    ``created_at`` is the lifter's wall-clock time (as the log keeps it); ``undone_at`` an aware
    UTC instant, or None while the batch stands; ``sets`` counts its live sets.
    """

    id: int
    uuid: str | None
    kind: str
    created_at: dt.datetime
    command: str
    sets: int
    undone_at: dt.datetime | None

    @classmethod
    def of(cls, b: LogBatch) -> BatchView:
        return cls(b.id, b.uuid, b.kind, b.created_at, b.command, b.set_count, b.undone_at)
