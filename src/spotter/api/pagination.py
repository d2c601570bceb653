"""Opaque cursors for keyset pagination: the position after the last item of a page.

A list is ordered by a time and then by id (both unique together), newest first; a cursor holds
the (time, id) of the last item served, and the next page is every item strictly after it in that
order. Rows inserted meanwhile never shift a page (unlike an offset), so a client paging through
the log sees no item twice and skips none that existed when it began.

The cursor is URL-safe base64 of a small JSON object; clients must treat it as opaque.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from spotter.errors import ValidationError

#: The default and the largest page size.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Cursor:
    """The position after an item: its time (naive, as stored) and its id; ``kind`` names the
    list, so that a cursor of one list is refused by another."""

    kind: str
    at: dt.datetime
    id: int

    def encode(self) -> str:
        """The opaque text form.

        >>> c = Cursor("sets", dt.datetime(2026, 1, 5, 18, 0), 42)
        >>> Cursor.decode(c.encode(), "sets") == c
        True
        """
        raw = json.dumps({"k": self.kind, "t": self.at.isoformat(), "i": self.id})
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, kind: str, *, field: str = "query.cursor") -> Cursor:
        """Read a cursor given back by a client; a damaged or foreign one is a 422 on ``field``.

        >>> Cursor.decode("bm9wZQ", "sets")
        Traceback (most recent call last):
        ...
        spotter.errors.ValidationError: the cursor is not one this API gave out; start again without it
        """
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            data = json.loads(raw)
            cursor = cls(str(data["k"]), dt.datetime.fromisoformat(data["t"]), int(data["i"]))
        except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise ValidationError(
                "the cursor is not one this API gave out; start again without it", field=field
            ) from None
        if cursor.kind != kind:
            raise ValidationError(
                f"this cursor belongs to the {cursor.kind} list, not to {kind}", field=field
            )
        return cursor
