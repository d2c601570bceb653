"""Use cases of ``spotter db``: where a database's schema stands, and its explicit upgrade.

Both return typed results that the command line renders as text or, through
:func:`spotter.services.results.to_data`, as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SchemaUpgradeResult:
    """What an upgrade did: the revision it started from (None: empty database) and reached."""

    database: str  #: the URL, password masked
    from_revision: str | None = field(metadata={"key": "from"})
    to_revision: str = field(metadata={"key": "to"})
    applied: tuple[str, ...] = ()  #: revisions applied, oldest first (empty: already at head)


@dataclass(frozen=True)
class SchemaStatusResult:
    """Where a database's schema stands against this Spotter's head revision."""

    database: str  #: the URL, password masked
    current: str | None  #: None for an empty database
    head: str
    pending: tuple[str, ...]  #: revisions an upgrade would apply, oldest first
    up_to_date: bool
    known: bool  #: False when the database is newer than this Spotter


def upgrade_schema(url: str) -> SchemaUpgradeResult:
    """Upgrade the database at ``url`` to the head revision (one transaction)."""
    from spotter.store.db import upgrade_database

    done = upgrade_database(url)
    return SchemaUpgradeResult(
        database=done.database,
        from_revision=done.from_revision,
        to_revision=done.to_revision,
        applied=tuple(done.applied),
    )


def schema_status(url: str) -> SchemaStatusResult:
    """The schema status of the database at ``url``, changing nothing."""
    from spotter.store.db import database_status

    shown, st = database_status(url)
    return SchemaStatusResult(
        database=shown,
        current=st.current,
        head=st.head,
        pending=tuple(st.pending),
        up_to_date=st.up_to_date,
        known=st.known,
    )
