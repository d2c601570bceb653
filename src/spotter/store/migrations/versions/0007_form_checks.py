"""Form checks: uploaded clips and their analysis jobs; on PostgreSQL, the job queue's schema.

* ``form_check``: one row per uploaded clip (its content hash and where clip storage keeps it),
  the job's state (``queued``, ``running``, ``done``, ``failed``, with the reason and the number
  of times a worker claimed it), the report as JSON, the annotated video and the set the lifter
  logged from it. Its times are timezone-aware (TIMESTAMP WITH TIME ZONE on PostgreSQL).
* PostgreSQL only: Procrastinate's tables, types and functions (the job queue of ``spotter
  worker``), created from the installed Procrastinate's own ``schema.sql`` in a schema of their
  own, ``procrastinate``, so that they stay apart from Spotter's tables. The queue's connections
  put that schema on their search path (:mod:`spotter.jobs.pg`). SQLite runs the jobs in the
  server's process and needs no queue tables.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The PostgreSQL schema holding Procrastinate's objects (spotter.jobs.pg.QUEUE_SCHEMA).
QUEUE_SCHEMA = "procrastinate"


def upgrade() -> None:
    op.create_table(
        "form_check",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("app_user.id", name="fk_form_check_user"),
            nullable=False,
        ),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("clip_path", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False, server_default=""),
        sa.Column("load_text", sa.String(32), nullable=True),
        sa.Column("reps", sa.Integer, nullable=True),
        sa.Column("report", sa.Text, nullable=True),
        sa.Column("annotated_path", sa.Text, nullable=True),
        sa.Column("logged_set_uuid", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_form_check_user_status", "form_check", ["user_id", "status"])
    op.create_index("ix_form_check_user_created", "form_check", ["user_id", "created_at"])
    if op.get_bind().dialect.name == "postgresql":
        _create_queue_schema()


def _create_queue_schema() -> None:
    """Procrastinate's schema.sql, run with the queue's schema first on the search path (so every
    object it creates lands there), then the search path put back."""
    from importlib import resources

    sql = (resources.files("procrastinate.sql") / "schema.sql").read_text(encoding="utf-8")
    conn = op.get_bind()
    conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{QUEUE_SCHEMA}"')
    before = conn.exec_driver_sql("SHOW search_path").scalar_one()
    conn.exec_driver_sql(f'SET LOCAL search_path TO "{QUEUE_SCHEMA}"')
    # the DBAPI cursor runs the whole script with no parameters: its % and : stay as written
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()
    conn.execute(sa.text("SELECT set_config('search_path', :p, true)"), {"p": before})


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f'DROP SCHEMA IF EXISTS "{QUEUE_SCHEMA}" CASCADE')
    op.drop_index("ix_form_check_user_created", "form_check")
    op.drop_index("ix_form_check_user_status", "form_check")
    op.drop_table("form_check")
