"""SQLAlchemy Core tables. Portable SQL only: SQLite by default, PostgreSQL later.

Loads are stored in kilograms; a set also keeps the unit it was entered in (``unit``), which is
how history shows it; totals and charts use the profile's unit.

Identity and sync (migration 0005): workouts, sets, batches, bodyweights, plans and custom
exercises carry a stable ``uuid`` (36-character text, chosen by the writer; a client may supply
it so that a retried write is recognised), ``updated_at`` on every change and ``deleted_at`` for
a tombstone: a deleted row stays, hidden from history, so that a sync can see the deletion.
``user_id`` is the owner (migration 0006): user 1 is the local lifter of the command line, who owns
everything stored before users existed. A uuid is unique per owner, as is a live custom
exercise's slug. SQLite keeps ``user_id`` nullable and without a foreign key on the tables that
existed before 0006 (it cannot add either in place); the repositories always stamp it.

Accounts (0006): ``app_user``, ``coach_link``, ``audit_event``, ``web_session``, ``access_token``
and ``comment``; ``address_event`` (0009) counts failed logins and registrations per address.

Every time column is a UTC instant (:class:`~spotter.store.times.UtcDateTime`, migration 0008):
``timestamptz`` on PostgreSQL, UTC text on SQLite, aware UTC to Python. The log's own times
(set, workout, bodyweight, batch and custom-exercise creation) are the lifter's wall-clock times
above the store; the repositories convert them with the lifter's zone (see
:mod:`spotter.store.times`). Secrets (session and token values, invite codes) are stored only as SHA-256 hex digests.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from spotter.store.times import UtcDateTime

metadata = MetaData()

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("username", String(64), nullable=False, unique=True),  # stored lower-case
    Column("email", String(254), nullable=True),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("role", String(16), nullable=False),  # lifter, coach, admin
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("password_hash", Text, nullable=True),  # Argon2id; NULL: no password login
    Column("created_at", UtcDateTime(), nullable=False),
    Column("disabled_at", UtcDateTime(), nullable=True),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", UtcDateTime(), nullable=True),
)

profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, unique=True),
    Column("units", String(2), nullable=False),
    Column("goal", String(16), nullable=False),
    Column("experience", String(16), nullable=False),
    Column("training_days", String(32), nullable=False),  # "mon,wed,fri"
    Column("minutes_per_session", Integer, nullable=False),
    Column("equipment", Text, nullable=False),  # comma-separated equipment keys
    Column("emphasis", Text, nullable=False, server_default=""),  # comma-separated rows
    Column("avoid", Text, nullable=False, server_default=""),  # slugs or muscle keys
    Column("favourites", Text, nullable=False, server_default=""),  # exercise slugs
    Column("updated_at", UtcDateTime(), nullable=False),
)

def _sync_columns(table: str) -> list[Column[object] | Index]:
    """uuid, updated_at, deleted_at and user_id: the columns every synced row carries."""
    return [
        Column("uuid", String(36), nullable=False),
        Column("updated_at", UtcDateTime(), nullable=False),
        Column("deleted_at", UtcDateTime(), nullable=True),
        Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
        Index(f"ux_{table}_user_uuid", "user_id", "uuid", unique=True),
    ]


log_batch = Table(
    "log_batch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("command", Text, nullable=False),  # what was logged or imported, for undo
    Column("kind", String(16), nullable=False, server_default="log"),  # log, import, edit, restore
    *_sync_columns("log_batch"),
)

workout = Table(
    "workout",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UtcDateTime(), nullable=False, index=True),
    Column("name", String(200), nullable=True),
    Column("notes", Text, nullable=True),
    Column("duration_s", Integer, nullable=True),
    Column("source", String(32), nullable=False, default="manual"),
    Column("source_key", String(200), nullable=True, unique=True),
    *_sync_columns("workout"),
)

set_entry = Table(
    "set_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "workout_id",
        Integer,
        ForeignKey("workout.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column(
        "batch_id",
        Integer,
        ForeignKey("log_batch.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("performed_at", UtcDateTime(), nullable=False),
    Column("exercise", String(120), nullable=False),  # catalog slug
    Column("set_type", String(16), nullable=False),
    Column("load_kg", Float, nullable=True),
    Column("bodyweight", Boolean, nullable=False, default=False),
    Column("reps", Integer, nullable=True),
    Column("seconds", Float, nullable=True),
    Column("meters", Float, nullable=True),
    Column("rpe", Float, nullable=True),
    Column("rir", Float, nullable=True),
    Column("tempo", String(32), nullable=True),
    Column("notes", Text, nullable=True),
    Column("superset", Integer, nullable=True),
    Column("source_key", String(200), nullable=True, unique=True),
    Column("unit", String(2), nullable=True),  # the unit the load was entered in (kg, lb)
    *_sync_columns("set_entry"),
    Index("ix_set_entry_exercise_time", "exercise", "performed_at"),
    Index("ix_set_entry_time", "performed_at"),
)

bodyweight = Table(
    "bodyweight",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("measured_at", UtcDateTime(), nullable=False, index=True),
    Column("kg", Float, nullable=False),
    *_sync_columns("bodyweight"),
)

plan = Table(
    "plan",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("template", String(64), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("weeks", Integer, nullable=False),
    Column("active", Boolean, nullable=False, index=True),
    Column("mesocycle", Text, nullable=False),  # planning.model.stored JSON
    Column("request", Text, nullable=False),  # JSON: emphasis, avoid, favourites, fill, warnings
    *_sync_columns("plan"),
)

custom_exercise = Table(
    "custom_exercise",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(120), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("aliases", Text, nullable=False, server_default=""),  # comma-separated
    Column("primary_muscles", Text, nullable=False),  # comma-separated muscle keys
    Column("secondary_muscles", Text, nullable=False, server_default=""),
    Column("equipment", Text, nullable=False, server_default=""),  # comma-separated keys
    Column("load_type", String(32), nullable=False),
    Column("measure", String(16), nullable=False, server_default="reps"),
    Column("mechanic", String(16), nullable=False, server_default="compound"),
    Column("created_at", UtcDateTime(), nullable=False),
    *_sync_columns("custom_exercise"),
    Index(
        "ux_custom_exercise_user_slug",
        "user_id",
        "slug",
        unique=True,
        sqlite_where=text("deleted_at IS NULL"),
        postgresql_where=text("deleted_at IS NULL"),
    ),
)

coach_link = Table(
    "coach_link",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("coach_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("lifter_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("status", String(16), nullable=False),  # invited, active, revoked
    Column("permissions", Text, nullable=False, server_default=""),  # read_log,assign_plans,comment
    Column("invite_code_hash", String(64), nullable=True, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("accepted_at", UtcDateTime(), nullable=True),
    Column("revoked_at", UtcDateTime(), nullable=True),
    Column("ended_by", Integer, ForeignKey("app_user.id"), nullable=True),
    Index("ix_coach_link_pair", "coach_id", "lifter_id"),
    # at most one invited or active link per coach and lifter
    Index(
        "ux_coach_link_live_pair",
        "coach_id",
        "lifter_id",
        unique=True,
        sqlite_where=text("status <> 'revoked'"),
        postgresql_where=text("status <> 'revoked'"),
    ),
)

audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("subject_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False, server_default=""),
    Column("at", UtcDateTime(), nullable=False),
    Index("ix_audit_event_subject_at", "subject_id", "at"),
)

web_session = Table(
    "web_session",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),
)

access_token = Table(
    "access_token",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # the first characters, to tell tokens apart
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("scopes", String(64), nullable=False),  # read,write
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=True),
    Column("last_used_at", UtcDateTime(), nullable=True),
    Column("revoked_at", UtcDateTime(), nullable=True),
)

comment = Table(
    "comment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("author_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("lifter_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("target_kind", String(16), nullable=False),  # set, workout, plan
    Column("target_uuid", String(36), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("deleted_at", UtcDateTime(), nullable=True),
    Index("ix_comment_target", "lifter_id", "target_kind", "target_uuid"),
)

# Form checks (0007): an uploaded clip, its analysis job's state and result. Its times are UTC
# instants like every other (TIMESTAMP WITH TIME ZONE on PostgreSQL; SQLite keeps UTC text).
form_check = Table(
    "form_check",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("exercise", String(120), nullable=False),  # catalog slug
    Column("status", String(16), nullable=False),  # queued, running, done, failed
    Column("reason", Text, nullable=True),  # why it failed
    Column("attempts", Integer, nullable=False, server_default="0"),  # claims by a worker
    Column("content_sha256", String(64), nullable=False),  # the clip's name in clip storage
    Column("clip_path", Text, nullable=False),  # relative to the clip storage folder
    Column("media_type", String(64), nullable=False),  # the container found by sniffing
    Column("size_bytes", Integer, nullable=False),
    Column("filename", String(255), nullable=False, server_default=""),  # as uploaded
    Column("load_text", String(32), nullable=True),  # the load to log, as the lifter wrote it
    Column("reps", Integer, nullable=True),  # the reps to log, when the lifter said
    Column("report", Text, nullable=True),  # JSON: services.results.to_data(FormCheck)
    Column("annotated_path", Text, nullable=True),  # relative to the clip storage folder
    Column("logged_set_uuid", String(36), nullable=True),  # the set confirm logged
    Column("created_at", UtcDateTime(), nullable=False),
    Column("started_at", UtcDateTime(), nullable=True),
    Column("finished_at", UtcDateTime(), nullable=True),
    Index("ix_form_check_user_status", "user_id", "status"),
    Index("ix_form_check_user_created", "user_id", "created_at"),
)

#: Failed logins and registrations per client address (migration 0009), counted by every server
#: process on the database, so that two workers do not double the allowance. Rows older than the
#: limit's window are deleted as new ones arrive.
address_event = Table(
    "address_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),  # failed-login, registration
    Column("address", String(64), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Index("ix_address_event_kind_address_at", "kind", "address", "at"),
)
