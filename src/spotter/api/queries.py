"""The API's read side: pages of the log by keyset, and the change feed for offline clients.

Queries (and one write, :func:`activate_plan`), on the unit of work's connection, always restricted to the unit
of work's user. They read the tables directly, as a read model does: the repositories serve the
use cases' writes and whole-history reads, while a client paging through thousands of sets needs
"the next 50 after this (time, id)", which they do not offer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, and_, or_, select

from spotter.log import SetRecord
from spotter.store import tables as t
from spotter.store.log_repo import record
from spotter.store.times import UserZone

_S = t.set_entry
_B = t.log_batch


def _after(
    time_col: Any, id_col: Any, at: dt.datetime, row_id: int, *, newest_first: bool = True
) -> ColumnElement[bool]:
    """Rows strictly after (at, row_id) in the list's order."""
    if newest_first:
        return or_(time_col < at, and_(time_col == at, id_col < row_id))
    return or_(time_col > at, and_(time_col == at, id_col > row_id))


def sets_page(
    conn: Connection,
    user_id: int,
    *,
    limit: int,
    after: tuple[dt.datetime, int] | None = None,
    exercise: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    batch_id: int | None = None,
) -> list[SetRecord]:
    """Up to ``limit`` live sets, newest first, after the cursor position ``after``.

    Times in (``start``, ``end``, the cursor's) are aware, or the user's wall times; the records'
    times are the user's wall times, as the repositories give them."""
    zone = UserZone(conn, user_id)
    q = select(_S).where(_S.c.user_id == user_id, _S.c.deleted_at.is_(None))
    if exercise is not None:
        q = q.where(_S.c.exercise == exercise)
    if start is not None:
        q = q.where(_S.c.performed_at >= zone.to_db(start))
    if end is not None:
        q = q.where(_S.c.performed_at < zone.to_db(end))
    if batch_id is not None:
        q = q.where(_S.c.batch_id == batch_id)
    if after is not None:
        q = q.where(_after(_S.c.performed_at, _S.c.id, zone.to_db(after[0]), after[1]))
    q = q.order_by(_S.c.performed_at.desc(), _S.c.id.desc()).limit(limit)
    return [record(r, zone) for r in conn.execute(q).mappings()]


def set_by_uuid(conn: Connection, user_id: int, uuid: str) -> tuple[SetRecord, bool] | None:
    """The user's set with this uuid, and whether it is deleted (a tombstone)."""
    q = select(_S).where(_S.c.user_id == user_id, _S.c.uuid == uuid)
    row = conn.execute(q).mappings().first()
    if row is None:
        return None
    return record(row, UserZone(conn, user_id)), row["deleted_at"] is not None


@dataclass(frozen=True, slots=True)
class BatchRow:
    """A batch as listed; its times are aware (UTC)."""

    id: int
    uuid: str | None
    kind: str
    command: str
    created_at: dt.datetime
    undone_at: dt.datetime | None


def batches_page(
    conn: Connection,
    user_id: int,
    *,
    limit: int,
    after: tuple[dt.datetime, int] | None = None,
    include_undone: bool = False,
) -> list[BatchRow]:
    """Up to ``limit`` batches, newest first, after the cursor position."""
    q = select(_B).where(_B.c.user_id == user_id)
    if not include_undone:
        q = q.where(_B.c.deleted_at.is_(None))
    if after is not None:
        q = q.where(_after(_B.c.created_at, _B.c.id, *after))
    q = q.order_by(_B.c.created_at.desc(), _B.c.id.desc()).limit(limit)
    return [
        BatchRow(r["id"], r["uuid"], r["kind"], r["command"], r["created_at"], r["deleted_at"])
        for r in conn.execute(q).mappings()
    ]


def bodyweight_page(
    conn: Connection, user_id: int, *, limit: int, after: tuple[dt.datetime, int] | None = None
) -> list[tuple[int, str, dt.datetime, float]]:
    """Up to ``limit`` live measurements (id, uuid, time, kg), newest first; times aware (UTC)."""
    bw = t.bodyweight
    q = select(bw.c.id, bw.c.uuid, bw.c.measured_at, bw.c.kg).where(
        bw.c.user_id == user_id, bw.c.deleted_at.is_(None)
    )
    if after is not None:
        q = q.where(_after(bw.c.measured_at, bw.c.id, *after))
    q = q.order_by(bw.c.measured_at.desc(), bw.c.id.desc()).limit(limit)
    return [(int(r[0]), str(r[1]), r[2], float(r[3])) for r in conn.execute(q)]


def count_live_sets(conn: Connection, user_id: int, batch_id: int) -> int:
    from sqlalchemy import func

    q = select(func.count()).select_from(_S).where(
        _S.c.user_id == user_id, _S.c.batch_id == batch_id, _S.c.deleted_at.is_(None)
    )
    return int(conn.execute(q).scalar_one())


# -- the change feed ---------------------------------------------------------------------------

#: The synced kinds, in the feed's order within one instant, with their tables.
FEED_KINDS: tuple[tuple[str, Table], ...] = (
    ("batches", t.log_batch),
    ("workouts", t.workout),
    ("sets", t.set_entry),
    ("bodyweights", t.bodyweight),
    ("plans", t.plan),
    ("custom_exercises", t.custom_exercise),
)

#: Columns a client never sees: the owner, and import keys (the importer's business).
_HIDDEN = {"user_id", "source_key"}


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    kind_index: int
    id: int
    updated_at: dt.datetime
    deleted: bool
    row: dict[str, Any]


def changes(
    conn: Connection,
    user_id: int,
    *,
    after: tuple[dt.datetime, int, int] | None,
    until: dt.datetime,
    limit: int,
) -> list[Change]:
    """Rows of every synced kind changed after the position ``after`` = (updated_at, kind index,
    id) and before ``until``, in (updated_at, kind, id) order, at most ``limit`` of them.

    Tombstones are included (``deleted``). ``until`` holds back the instant still being written,
    so that a change stamped in it is served by the next poll instead of being skipped.
    """
    out: list[Change] = []
    for index, (kind, table) in enumerate(FEED_KINDS):
        q = select(table).where(table.c.user_id == user_id, table.c.updated_at < until)
        if after is not None:
            at, kind_at, id_at = after
            if index < kind_at:
                q = q.where(table.c.updated_at > at)
            elif index == kind_at:
                q = q.where(
                    or_(table.c.updated_at > at, and_(table.c.updated_at == at, table.c.id > id_at))
                )
            else:
                q = q.where(table.c.updated_at >= at)
        q = q.order_by(table.c.updated_at, table.c.id).limit(limit)
        for r in conn.execute(q).mappings():
            row = {k: v for k, v in r.items() if k not in _HIDDEN}
            out.append(
                Change(kind, index, int(r["id"]), r["updated_at"], r["deleted_at"] is not None, row)
            )
    out.sort(key=lambda c: (c.updated_at, c.kind_index, c.id))
    return out[:limit]


def bodyweight_by_uuid(
    conn: Connection, user_id: int, uuid: str
) -> tuple[dt.datetime, float] | None:
    """The time and kilograms of the user's measurement with this uuid (tombstones included)."""
    bw = t.bodyweight
    q = select(bw.c.measured_at, bw.c.kg).where(bw.c.user_id == user_id, bw.c.uuid == uuid)
    row = conn.execute(q).first()
    return None if row is None else (row[0], float(row[1]))


def activate_plan(conn: Connection, user_id: int, plan_id: int) -> None:
    """Make the user's plan ``plan_id`` the active one (the others inactive).

    The one write here: the plan repository can only activate a plan as it saves it.
    """
    from sqlalchemy import update

    from spotter.store.log_repo import now_utc

    p = t.plan
    stamp = now_utc()
    conn.execute(
        update(p)
        .where(p.c.user_id == user_id, p.c.active.is_(True), p.c.id != plan_id)
        .values(active=False, updated_at=stamp)
    )
    conn.execute(
        update(p)
        .where(p.c.user_id == user_id, p.c.id == plan_id, p.c.active.is_(False))
        .values(active=True, updated_at=stamp)
    )
