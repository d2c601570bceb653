"""A check's result is stored once: every attempt is counted, only the latest may store, and a
finished check is never written again (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from spotter.store.form_check_repo import FormCheckRepository, owner_of, unfinished

NOW = dt.datetime(2026, 12, 3, 17, 0, tzinfo=dt.UTC)
CHECK = "6f1c1b2e-0000-4000-8000-000000000001"


def _add(repo: FormCheckRepository, uuid: str = CHECK) -> None:
    repo.add(uuid=uuid, exercise="pull-up", content_sha256="ab" * 32, clip_path="ab/x.mp4",
             media_type="video/mp4", size_bytes=10, filename="x.mp4", load_text=None, reps=None,
             now=NOW)


def test_a_retried_attempt_supersedes_the_first_which_can_no_longer_store(
    db_engine: Engine,
) -> None:
    with db_engine.begin() as conn:
        repo = FormCheckRepository(conn, 1)
        _add(repo)
        first = repo.claim(CHECK, now=NOW)
        second = repo.claim(CHECK, now=NOW + dt.timedelta(seconds=40))  # the job was retried
        assert (first, second) == (1, 2)
        assert first is not None and second is not None
        assert repo.finish(CHECK, first, status="done", now=NOW, report='{"reps": 9}') is False
        assert repo.finish(CHECK, second, status="done", now=NOW, report='{"reps": 2}') is True
        # the job delivered once more: nothing to claim, nothing stored over the result
        assert repo.claim(CHECK, now=NOW) is None
        assert repo.finish(CHECK, second, status="failed", now=NOW, reason="late") is False
        row = repo.get(CHECK)
    assert row is not None
    assert (row.status, row.report, row.reason, row.attempts) == ("done", '{"reps": 2}', None, 2)


def test_times_come_back_timezone_aware_in_utc(db_engine: Engine) -> None:
    berlin = dt.timezone(dt.timedelta(hours=1))
    with db_engine.begin() as conn:
        repo = FormCheckRepository(conn, 1)
        repo.add(uuid=CHECK, exercise="pull-up", content_sha256="ab" * 32, clip_path="ab/x.mp4",
                 media_type="video/mp4", size_bytes=10, filename="x.mp4", load_text=None,
                 reps=None, now=dt.datetime(2026, 12, 3, 18, 30, tzinfo=berlin))
        row = repo.get(CHECK)
    assert row is not None
    assert row.created_at == dt.datetime(2026, 12, 3, 17, 30, tzinfo=dt.UTC)
    assert row.created_at.utcoffset() == dt.timedelta(0)


def test_a_check_belongs_to_its_uploader_alone(db_engine: Engine) -> None:
    from spotter.access.model import Role

    with db_engine.begin() as conn:
        from spotter.store.accounts_repo import AccountsRepository

        other = AccountsRepository(conn).add_user(
            username="olga", role=Role.LIFTER, timezone="UTC", password_hash=None, now=NOW
        )
        _add(FormCheckRepository(conn, 1))
        theirs = FormCheckRepository(conn, other.id)
        assert theirs.get(CHECK) is None
        assert theirs.claim(CHECK, now=NOW) is None
        assert theirs.recent() == [] and theirs.active_count() == 0
        assert owner_of(conn, CHECK) == 1
        assert unfinished(conn) == [CHECK]
