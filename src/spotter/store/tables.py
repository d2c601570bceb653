"""SQLAlchemy Core tables. Portable SQL only: SQLite by default, PostgreSQL later.

Loads are stored in kilograms; the profile's unit is applied when showing them.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text

metadata = MetaData()

profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("units", String(2), nullable=False),
    Column("goal", String(16), nullable=False),
    Column("experience", String(16), nullable=False),
    Column("training_days", String(32), nullable=False),  # "mon,wed,fri"
    Column("minutes_per_session", Integer, nullable=False),
    Column("equipment", Text, nullable=False),  # comma-separated equipment keys
    Column("updated_at", DateTime, nullable=False),
)
