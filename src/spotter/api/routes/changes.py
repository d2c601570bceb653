"""The change feed: what changed since the last poll, delete markers included, for clients that
keep a copy of the log offline."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query

from spotter.api import queries
from spotter.api.schemas.changes import ChangeOut, ChangesOut
from spotter.api.subject import Reader
from spotter.errors import ValidationError

router = APIRouter(prefix="/users/{user}/changes", tags=["sync"])

#: How far behind the store's clock the feed stays: the store stamps changes to the second, so a
#: change stamped within the current second (or still being committed) is served by a later poll
#: rather than skipped. A change shows up in the feed one to two seconds after it was made.
SETTLE = dt.timedelta(seconds=1)

#: (updated_at as an aware UTC instant, kind index, id): where a poll stopped.
Position = tuple[dt.datetime, int, int]


def _utc(when: dt.datetime) -> dt.datetime:
    """An instant in UTC (a naive time is taken as UTC)."""
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def encode_position(p: Position) -> str:
    """The opaque ``next`` token of a feed position.

    >>> t = encode_position((dt.datetime(2026, 1, 5, 12, 0, 1, tzinfo=dt.UTC), 2, 17))
    >>> decode_since(t) == (dt.datetime(2026, 1, 5, 12, 0, 1, tzinfo=dt.UTC), 2, 17)
    True
    """
    raw = json.dumps([p[0].isoformat(), p[1], p[2]])
    return "c." + base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_since(text: str) -> Position:
    """A feed position from ``updated_since``: a ``next`` token, or a date-time (with an offset,
    or UTC) from which every change is wanted.

    >>> decode_since("2026-01-05T13:00:00+01:00")[0].isoformat()
    '2026-01-05T12:00:00+00:00'
    """
    field = "query.updated_since"
    if text.startswith("c."):
        body = text[2:]
        try:
            at, kind, row = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            return _utc(dt.datetime.fromisoformat(at)), int(kind), int(row)
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
            raise ValidationError(
                "not a `next` value this API gave out; start again from a date-time", field=field
            ) from None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "expected a `next` value from the previous poll or an ISO date-time such as "
            "2026-01-05T12:00:00Z",
            field=field,
        ) from None
    return _utc(when), -1, 0


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


@router.get("", summary="What changed since the last poll")
def changes(
    sub: Reader,
    updated_since: Annotated[
        str | None,
        Query(
            max_length=200,
            description="The `next` value of the previous poll, or an ISO date-time; "
            "leave out for everything.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> ChangesOut:
    """Every batch, workout, set, bodyweight, plan and custom exercise created, changed or
    deleted after ``updated_since``, oldest first. Deleted records come as delete markers
    (``deleted: true``). Apply the records by uuid; poll again with ``next``."""
    after = None if updated_since is None else decode_since(updated_since)
    from spotter.store.log_repo import now_utc

    until = now_utc() - SETTLE  # the clock that stamps updated_at, whole seconds

    with sub.uow() as uow:
        found = queries.changes(uow.connection, sub.user_id, after=after, until=until, limit=limit + 1)
    more = len(found) > limit
    found = found[:limit]
    if found:
        last = found[-1]
        nxt: Position = (last.updated_at, last.kind_index, last.id)
    elif after is not None and after[0] >= until:
        nxt = after
    else:  # nothing changed before ``until``: the next poll starts there
        nxt = (until, -1, 0)
    return ChangesOut(
        changes=[
            ChangeOut(
                kind=c.kind,
                uuid=str(c.row["uuid"]),
                deleted=c.deleted,
                updated_at=_utc(c.updated_at).isoformat(),
                record={k: _plain(v) for k, v in c.row.items()},
            )
            for c in found
        ],
        next=encode_position(nxt),
        more=more,
    )
