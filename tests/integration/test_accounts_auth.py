"""Passwords, lockout, web sessions and access tokens, on SQLite and PostgreSQL.

Argon2 runs with the cheap test parameters (``FAST_FOR_TESTS``); the clock is passed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

import pytest
from argon2 import extract_parameters
from sqlalchemy import Engine, select

from spotter.access import Permission
from spotter.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ValidationError,
)
from spotter.services import auth
from spotter.services.accounts import disable_account, register
from spotter.services.auth import FAST_FOR_TESTS, Passwords
from spotter.services.coaching import authorize
from spotter.store import tables as t
from spotter.store.uow import SqlUnitOfWork

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
FAST = Passwords(FAST_FOR_TESTS)


class CountingPasswords(Passwords):
    """Counts Argon2 verifications, to see that an unknown user costs one too."""

    def __init__(self) -> None:
        super().__init__(FAST_FOR_TESTS)
        self.verifications = 0

    def verify(self, stored: str, password: str) -> bool:
        self.verifications += 1
        return super().verify(stored, password)


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine)


def _ana(engine: Engine) -> int:
    return register(_uow(engine), FAST, username="ana", password=PASSWORD, now=T0).id


def _login(engine: Engine, password: str, at: dt.datetime) -> int:
    return auth.login(_uow(engine), FAST, "ana", password, now=at).id


def test_the_right_password_signs_in_and_the_username_is_case_blind(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    assert auth.login(_uow(db_engine), FAST, " ANA ", PASSWORD, now=T0).id == ana


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer_and_cost(
    db_engine: Engine,
) -> None:
    _ana(db_engine)
    counting = CountingPasswords()
    with pytest.raises(AuthenticationError) as wrong:
        auth.login(_uow(db_engine), counting, "ana", "not the password", now=T0)
    with pytest.raises(AuthenticationError) as unknown:
        auth.login(_uow(db_engine), counting, "nobody", "not the password", now=T0)
    assert str(wrong.value) == str(unknown.value) == "wrong username or password"
    assert counting.verifications == 2  # one Argon2 verification each


def test_five_wrong_passwords_in_a_row_lock_the_account_for_15_minutes(db_engine: Engine) -> None:
    _ana(db_engine)
    for i in range(5):
        with pytest.raises(AuthenticationError):
            _login(db_engine, "wrong password", T0 + dt.timedelta(seconds=i))
    locked_at = T0 + dt.timedelta(seconds=4)
    with pytest.raises(RateLimitedError) as info:  # even the right password is refused
        _login(db_engine, PASSWORD, locked_at + dt.timedelta(minutes=14, seconds=59))
    assert info.value.retry_after_s == 1 and "locked for 1 more minute" in str(info.value)
    assert _login(db_engine, PASSWORD, locked_at + dt.timedelta(minutes=15)) > 0


def test_a_success_breaks_the_run_of_failures(db_engine: Engine) -> None:
    _ana(db_engine)
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            _login(db_engine, "wrong password", T0)
    _login(db_engine, PASSWORD, T0)
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            _login(db_engine, "wrong password", T0)
    assert _login(db_engine, PASSWORD, T0) > 0  # 4 + 4 failures, never 5 in a row


def test_a_disabled_account_cannot_sign_in(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    disable_account(_uow(db_engine), None, ana, now=T0)
    with pytest.raises(AuthenticationError, match="disabled"):
        _login(db_engine, PASSWORD, T0)


def test_a_hash_made_with_older_parameters_is_replaced_at_the_next_login(db_engine: Engine) -> None:
    _ana(db_engine)
    stronger = Passwords(replace(FAST_FOR_TESTS, memory_cost=16, time_cost=2))
    auth.login(_uow(db_engine), stronger, "ana", PASSWORD, now=T0)
    with db_engine.connect() as conn:
        stored = conn.execute(select(t.app_user.c.password_hash)).all()
    assert "$m=16,t=2,p=1$" in next(h for (h,) in stored if h)
    assert _login(db_engine, PASSWORD, T0) > 0  # and it still verifies


@pytest.mark.parametrize(
    ("password", "why"),
    [("short pw", "too short"), ("ana", "too short"), ("ANA", "too short")],
)
def test_short_passwords_are_refused(db_engine: Engine, password: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why) as info:
        register(_uow(db_engine), FAST, username="ana", password=password, now=T0)
    assert info.value.field == "password"


def test_the_username_is_no_password(db_engine: Engine) -> None:
    with pytest.raises(ValidationError, match="username"):
        register(_uow(db_engine), FAST, username="ana.lifts.hard", password="Ana.Lifts.Hard", now=T0)


def test_a_session_is_stored_only_as_its_sha256_and_carries_a_csrf_token(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    new = auth.open_session(_uow(db_engine), ana, now=T0)
    assert len(new.token) >= 43 and len(new.csrf_token) >= 43
    with db_engine.connect() as conn:
        stored = conn.execute(select(t.web_session.c.token_hash)).scalar_one()
    assert stored == hashlib.sha256(new.token.encode()).hexdigest()
    got = auth.authenticate_session(_uow(db_engine), new.token, now=T0 + dt.timedelta(hours=1))
    assert got.principal.user_id == ana and got.principal.scopes is None
    auth.check_csrf(got.session, new.csrf_token)
    with pytest.raises(PermissionDeniedError):
        auth.check_csrf(got.session, "forged")
    with pytest.raises(PermissionDeniedError):
        auth.check_csrf(got.session, None)


def test_a_session_expires_30_days_after_its_last_use(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    token = auth.open_session(_uow(db_engine), ana, now=T0).token
    day20 = T0 + dt.timedelta(days=20)
    auth.authenticate_session(_uow(db_engine), token, now=day20)  # slides to day 50
    auth.authenticate_session(_uow(db_engine), token, now=T0 + dt.timedelta(days=45))
    idle = T0 + dt.timedelta(days=45) + dt.timedelta(days=30)
    with pytest.raises(AuthenticationError, match="expired"):
        auth.authenticate_session(_uow(db_engine), token, now=idle)
    with pytest.raises(AuthenticationError, match="no such session"):  # and it is gone
        auth.authenticate_session(_uow(db_engine), token, now=T0)


def test_expired_sessions_are_forgotten_when_the_user_signs_in_again(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    auth.open_session(_uow(db_engine), ana, now=T0)
    auth.open_session(_uow(db_engine), ana, now=T0 + dt.timedelta(days=10))
    auth.open_session(_uow(db_engine), ana, now=T0 + dt.timedelta(days=31))  # the first expired
    with db_engine.connect() as conn:
        created = sorted(r[0] for r in conn.execute(select(t.web_session.c.created_at)))
    assert [c.day for c in created] == [11, 1]  # Dec 11 and Jan 1 remain, Dec 1 is gone


def test_signing_out_ends_one_session_and_revoke_all_ends_every_one(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    first, second, third = (auth.open_session(_uow(db_engine), ana, now=T0) for _ in range(3))
    assert auth.close_session(_uow(db_engine), first.token) is True
    with pytest.raises(AuthenticationError):
        auth.authenticate_session(_uow(db_engine), first.token, now=T0)
    auth.authenticate_session(_uow(db_engine), second.token, now=T0)
    assert auth.close_all_sessions(_uow(db_engine), ana) == 2
    for s in (second, third):
        with pytest.raises(AuthenticationError):
            auth.authenticate_session(_uow(db_engine), s.token, now=T0)


def test_a_disabled_users_session_is_refused(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    token = auth.open_session(_uow(db_engine), ana, now=T0).token
    disable_account(_uow(db_engine), None, ana, now=T0)
    with pytest.raises(AuthenticationError):
        auth.authenticate_session(_uow(db_engine), token, now=T0)


def test_a_read_scoped_token_reads_but_cannot_write(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    new = auth.create_token(_uow(db_engine), ana, name="phone", scopes="read", now=T0)
    assert new.token.startswith("spt_") and new.record.prefix == new.token[:10]
    got = auth.authenticate_token(_uow(db_engine), new.token, now=T0)
    assert got.principal.scopes == {"read"}
    authorize(_uow(db_engine), got.principal, ana, Permission.READ_LOG, False)
    with pytest.raises(PermissionDeniedError):
        authorize(_uow(db_engine), got.principal, ana, None, True)


def test_a_token_is_stored_hashed_and_records_its_last_use(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    new = auth.create_token(_uow(db_engine), ana, name="sync", scopes=["read", "write"], now=T0)
    later = T0 + dt.timedelta(hours=2)
    auth.authenticate_token(_uow(db_engine), new.token, now=later)
    [listed] = auth.list_tokens(_uow(db_engine), ana)
    assert listed.last_used_at == later and listed.scopes == {"read", "write"}
    with db_engine.connect() as conn:
        stored = conn.execute(select(t.access_token.c.token_hash)).scalar_one()
    assert stored == hashlib.sha256(new.token.encode()).hexdigest() and new.token not in stored


def test_revoked_expired_and_unknown_tokens_are_refused(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    revoked = auth.create_token(_uow(db_engine), ana, name="old", scopes="read", now=T0)
    auth.revoke_token(_uow(db_engine), ana, revoked.record.uuid, now=T0)
    short = auth.create_token(
        _uow(db_engine), ana, name="day", scopes="read", now=T0,
        expires_at=T0 + dt.timedelta(days=1),
    )
    auth.authenticate_token(_uow(db_engine), short.token, now=T0 + dt.timedelta(hours=23))
    for token, at in (
        (revoked.token, T0),
        (short.token, T0 + dt.timedelta(days=1)),
        ("spt_" + "x" * 43, T0),
        ("Bearer nonsense", T0),
    ):
        with pytest.raises(AuthenticationError):
            auth.authenticate_token(_uow(db_engine), token, now=at)


def test_a_user_cannot_revoke_someone_elses_token(db_engine: Engine) -> None:
    ana = _ana(db_engine)
    bo = register(_uow(db_engine), FAST, username="bob", password=PASSWORD, now=T0).id
    new = auth.create_token(_uow(db_engine), ana, name="phone", scopes="write", now=T0)
    with pytest.raises(NotFoundError):
        auth.revoke_token(_uow(db_engine), bo, new.record.uuid, now=T0)
    assert auth.authenticate_token(_uow(db_engine), new.token, now=T0).user.id == ana


def test_the_decoy_an_unknown_user_is_checked_against_costs_what_a_real_hash_costs() -> None:
    # same memory, passes and lanes as a stored production hash, so the same Argon2 work
    assert extract_parameters(auth._decoy(auth.PRODUCTION)) == auth.PRODUCTION
    assert extract_parameters(FAST.hash(PASSWORD)) == extract_parameters(auth._decoy(FAST_FOR_TESTS))
