"""The composition root: lazy parts, the user's "today", one engine per runtime."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from spotter.compose import Runtime
from spotter.config import resolve_settings
from spotter.errors import ValidationError


def _runtime(tmp_path: Path, at: dt.datetime) -> Runtime:
    settings = resolve_settings(
        env={"SPOTTER_DATA_DIR": str(tmp_path / "data"), "SPOTTER_CACHE_DIR": str(tmp_path / "c")}
    )
    return Runtime(settings, clock=lambda: at)


def test_today_is_the_date_in_the_users_time_zone(tmp_path: Path) -> None:
    late = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)
    rt = _runtime(tmp_path, late)
    assert rt.today("UTC") == dt.date(2026, 12, 3)
    assert rt.today(None) == dt.date(2026, 12, 3)
    assert rt.today("Europe/Berlin") == dt.date(2026, 12, 4)  # UTC+1 in winter: 00:30
    assert rt.today("Pacific/Kiritimati") == dt.date(2026, 12, 4)  # UTC+14
    early = dt.datetime(2026, 12, 3, 5, 0, tzinfo=dt.UTC)
    assert _runtime(tmp_path, early).today("America/Los_Angeles") == dt.date(2026, 12, 2)


def test_now_is_aware_utc_even_from_a_clock_in_another_zone(tmp_path: Path) -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    rt = _runtime(tmp_path, dt.datetime(2026, 12, 4, 8, 0, tzinfo=tokyo))
    assert rt.now() == dt.datetime(2026, 12, 3, 23, 0, tzinfo=dt.UTC)
    assert rt.now().utcoffset() == dt.timedelta(0)


def test_an_unknown_time_zone_is_a_validation_error_naming_the_field(tmp_path: Path) -> None:
    rt = _runtime(tmp_path, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(ValidationError) as err:
        rt.today("Mars/Olympus_Mons")
    assert err.value.field == "timezone"
    assert "Mars/Olympus_Mons" in str(err.value)


def test_the_engine_is_built_once_and_the_database_only_when_asked(tmp_path: Path) -> None:
    rt = _runtime(tmp_path, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    db = tmp_path / "data" / "spotter.db"
    assert "pulldown" in " ".join(e.slug for e in rt.catalog)
    assert not db.exists()  # a catalog read does not create the database
    assert rt.engine is rt.engine
    assert db.exists()
    rt.close()


def test_a_catalog_read_imports_neither_sqlalchemy_nor_alembic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from spotter.compose import Runtime\n"
        "from spotter.config import resolve_settings\n"
        "rt = Runtime(resolve_settings())\n"
        "assert len(rt.catalog) > 100\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    env = {"SPOTTER_DATA_DIR": str(tmp_path / "d"), "SPOTTER_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**_base_env(), **env},
    )
    assert out.stdout.strip() == "[]"


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("SPOTTER_")}
