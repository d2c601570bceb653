"""Accounts: users and roles, coach links, sessions, tokens, audit events, comments.

* ``app_user`` with the local default user (id 1, username ``local``, role lifter, no password):
  the lifter of the command line, who owns everything stored so far.
* Every synced table's ``user_id`` is filled with 1 where it was NULL; a uuid becomes unique per
  owner (``ux_<table>_user_uuid``) instead of globally, and a live custom exercise's slug unique per
  owner. On PostgreSQL ``user_id`` also becomes NOT NULL with a foreign key; SQLite cannot add
  either in place, and rebuilding the tables would cascade-delete the sets (see 0005), so there
  the repositories guarantee it.
* ``profile`` gains ``user_id`` (unique): one profile per user; the existing row is user 1's.
* ``coach_link``, ``audit_event``, ``web_session``, ``access_token`` and ``comment``.

Portable: plain CREATE/ALTER ADD COLUMN/UPDATE/CREATE INDEX, run on SQLite and PostgreSQL. On
PostgreSQL the id sequences are moved past the ids inserted explicitly (user 1, the profile row).

Revision ID: 0006
Revises: 0005
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_SYNCED = ("log_batch", "workout", "set_entry", "bodyweight", "plan", "custom_exercise")
_LIVE = sa.text("deleted_at IS NULL")


def _user_fk(name: str) -> sa.ForeignKey:
    return sa.ForeignKey("app_user.id", name=name)


def upgrade() -> None:
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("password_hash", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("disabled_at", sa.DateTime, nullable=True),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime, nullable=True),
    )
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    conn.execute(
        sa.text(
            "INSERT INTO app_user (id, uuid, username, display_name, role, timezone, created_at,"
            " failed_logins) VALUES (1, :uuid, 'local', 'Local lifter', 'lifter', 'UTC', :now, 0)"
        ),
        {"uuid": str(uuid.uuid4()), "now": now},
    )

    for table in _SYNCED:
        conn.execute(sa.text(f"UPDATE {table} SET user_id = 1 WHERE user_id IS NULL"))
        op.drop_index(f"ux_{table}_uuid", table)
        op.create_index(f"ux_{table}_user_uuid", table, ["user_id", "uuid"], unique=True)
        if postgres:
            op.alter_column(table, "user_id", existing_type=sa.Integer, nullable=False)
            op.create_foreign_key(f"fk_{table}_user", table, "app_user", ["user_id"], ["id"])
    op.create_index(
        "ux_custom_exercise_user_slug",
        "custom_exercise",
        ["user_id", "slug"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )

    op.add_column("profile", sa.Column("user_id", sa.Integer, nullable=True))
    conn.execute(sa.text("UPDATE profile SET user_id = 1 WHERE user_id IS NULL"))
    op.create_index("ux_profile_user_id", "profile", ["user_id"], unique=True)
    if postgres:
        op.alter_column("profile", "user_id", existing_type=sa.Integer, nullable=False)
        op.create_foreign_key("fk_profile_user", "profile", "app_user", ["user_id"], ["id"])

    op.create_table(
        "coach_link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("coach_id", sa.Integer, _user_fk("fk_coach_link_coach"), nullable=False),
        sa.Column("lifter_id", sa.Integer, _user_fk("fk_coach_link_lifter"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("permissions", sa.Text, nullable=False, server_default=""),
        sa.Column("invite_code_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("accepted_at", sa.DateTime, nullable=True),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
        sa.Column("ended_by", sa.Integer, _user_fk("fk_coach_link_ended_by"), nullable=True),
    )
    op.create_index("ix_coach_link_pair", "coach_link", ["coach_id", "lifter_id"])
    live = sa.text("status <> 'revoked'")
    op.create_index(
        "ux_coach_link_live_pair",
        "coach_link",
        ["coach_id", "lifter_id"],
        unique=True,
        sqlite_where=live,
        postgresql_where=live,
    )
    op.create_index("ix_coach_link_lifter_id", "coach_link", ["lifter_id"])

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("actor_id", sa.Integer, _user_fk("fk_audit_event_actor"), nullable=False),
        sa.Column("subject_id", sa.Integer, _user_fk("fk_audit_event_subject"), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(200), nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_audit_event_subject_at", "audit_event", ["subject_id", "at"])

    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, _user_fk("fk_web_session_user"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_web_session_user_id", "web_session", ["user_id"])

    op.create_table(
        "access_token",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer, _user_fk("fk_access_token_user"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("scopes", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=True),
        sa.Column("last_used_at", sa.DateTime, nullable=True),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_access_token_user_id", "access_token", ["user_id"])

    op.create_table(
        "comment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("author_id", sa.Integer, _user_fk("fk_comment_author"), nullable=False),
        sa.Column("lifter_id", sa.Integer, _user_fk("fk_comment_lifter"), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_uuid", sa.String(36), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_comment_target", "comment", ["lifter_id", "target_kind", "target_uuid"])

    if postgres:  # ids inserted explicitly do not move a sequence; the next insert would clash
        for table in ("app_user", "profile", *_SYNCED):
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )


def downgrade() -> None:
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    for table in ("comment", "access_token", "web_session", "audit_event", "coach_link"):
        op.drop_table(table)
    if postgres:
        op.drop_constraint("fk_profile_user", "profile", type_="foreignkey")
    op.drop_index("ux_profile_user_id", "profile")
    op.drop_column("profile", "user_id")
    op.drop_index("ux_custom_exercise_user_slug", "custom_exercise")
    for table in _SYNCED:
        if postgres:
            op.drop_constraint(f"fk_{table}_user", table, type_="foreignkey")
            op.alter_column(table, "user_id", existing_type=sa.Integer, nullable=True)
        op.drop_index(f"ux_{table}_user_uuid", table)
        op.create_index(f"ux_{table}_uuid", table, ["uuid"], unique=True)
        conn.execute(sa.text(f"UPDATE {table} SET user_id = NULL WHERE user_id = 1"))
    op.drop_table("app_user")
