"""The store: created and migrated on first use (SQLite) or explicitly (a server), refusing places,
servers and schemas it cannot use."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from spotter.profile import Profile
from spotter.services.profile import get_profile, save_profile
from spotter.store.db import StoreError, current_revision, open_engine
from spotter.store.migrations import HEAD, REVISIONS
from spotter.store.uow import SqlUnitOfWork

if TYPE_CHECKING:
    from conftest import StoreUnderTest

PROFILE = Profile(
    units="lb",
    goal="posture",
    experience="intermediate",
    training_days=("tue", "thu"),
    minutes_per_session=45,
    equipment=("cable-machine", "long-bar"),
)


def test_first_use_creates_the_database_and_its_folders(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "spotter.db"
    engine = open_engine(f"sqlite:///{db}")
    assert db.exists()
    assert current_revision(engine) == HEAD


def test_a_profile_round_trips(store: StoreUnderTest) -> None:
    assert get_profile(store.uow()) is None
    save_profile(store.uow(), PROFILE)
    assert get_profile(store.uow()) == PROFILE
    wishes = replace(
        PROFILE, emphasis=("back",), avoid=("lower-back",), favourites=("stepback-pulldown",)
    )
    save_profile(store.uow(), wishes)
    assert get_profile(store.uow()) == wishes
    # a second init replaces the first
    other = Profile(
        units="kg",
        goal="strength",
        experience="novice",
        training_days=("mon",),
        minutes_per_session=30,
        equipment=(),
    )
    save_profile(store.uow(), other)
    assert get_profile(store.uow()) == other


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_engine(f"sqlite:///{db}").dispose()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer than this Spotter knows"):
        open_engine(f"sqlite:///{db}")
    assert db.read_bytes() == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not a writable directory"):
            open_engine(f"sqlite:///{ro / 'spotter.db'}")
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o700)


def test_a_path_under_a_file_is_refused_without_creating_anything(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not a writable directory"):
        open_engine(f"sqlite:///{blocker / 'sub' / 'spotter.db'}")
    assert blocker.read_text() == "x"


def test_the_known_revisions_match_the_migration_scripts() -> None:
    versions = Path(__file__).resolve().parents[2] / "src/spotter/store/migrations/versions"
    found = []
    for f in sorted(versions.glob("*.py")):
        m = re.search(r'^revision = "(\w+)"', f.read_text(), re.MULTILINE)
        assert m, f
        found.append(m.group(1))
    assert tuple(found) == REVISIONS


def test_an_older_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from spotter.store.db import migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    migrate(old, "0001")
    with old.begin() as conn:
        from sqlalchemy import text

        # the 0001 profile table, written as that version did (no planning columns yet)
        conn.execute(
            text(
                "INSERT INTO profile (id, units, goal, experience, training_days, "
                "minutes_per_session, equipment, updated_at) VALUES (1, :u, :g, :x, :d, :m, :e, "
                "'2026-11-20 09:00:00')"
            ),
            {
                "u": PROFILE.units,
                "g": PROFILE.goal,
                "x": PROFILE.experience,
                "d": ",".join(PROFILE.training_days),
                "m": PROFILE.minutes_per_session,
                "e": ",".join(PROFILE.equipment),
            },
        )
    assert current_revision(old) == "0001"
    old.dispose()
    engine = open_engine(url)
    assert current_revision(engine) == HEAD
    assert get_profile(SqlUnitOfWork(engine)) == PROFILE


def test_a_server_refuses_an_empty_database_and_says_to_run_db_upgrade(empty_db_url: str) -> None:
    with pytest.raises(StoreError, match=r"no Spotter schema yet.*spotter db upgrade"):
        open_engine(empty_db_url, auto_migrate=False)


def test_a_server_does_not_create_a_missing_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "none" / "spotter.db"
    with pytest.raises(StoreError, match="spotter db upgrade"):
        open_engine(f"sqlite:///{db}", auto_migrate=False)
    assert not db.parent.exists()


def test_by_default_only_an_embedded_sqlite_file_is_migrated(empty_db_url: str) -> None:
    if empty_db_url.startswith("sqlite"):
        engine = open_engine(empty_db_url)
        assert current_revision(engine) == HEAD
        engine.dispose()
    else:
        with pytest.raises(StoreError, match="spotter db upgrade"):
            open_engine(empty_db_url)


def test_an_unreachable_server_is_named_with_host_and_port_but_no_password() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as info:
        open_engine(f"postgres://lifter:pa55word@127.0.0.1:{port}/gym", auto_migrate=False)
    message = str(info.value)
    assert f"127.0.0.1:{port}" in message and "'gym'" in message and "'lifter'" in message
    assert "pa55word" not in message
    assert "Nothing was changed" in message


def test_a_missing_driver_names_the_package_to_install() -> None:
    with pytest.raises(StoreError, match=r"pip install mysqlclient"):
        open_engine("mysql://u:secret@db.example/spotter", auto_migrate=False)
