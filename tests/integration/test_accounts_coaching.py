"""Coach links decide who reads what; admins manage accounts and read no training data.

On SQLite and PostgreSQL. A coach, two lifters and an admin; lifter ana has one logged set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from spotter.access import LinkStatus, Permission, Principal, Role
from spotter.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from spotter.log import SetRecord
from spotter.services import coaching
from spotter.services.accounts import (
    change_role,
    disable_account,
    list_accounts,
    register,
    update_settings,
)
from spotter.services.auth import FAST_FOR_TESTS, Passwords
from spotter.services.coaching import authorize
from spotter.store.uow import SqlUnitOfWork

T0 = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
PW = "long enough password"
FAST = Passwords(FAST_FOR_TESTS)
READ, PLANS, COMMENT = Permission.READ_LOG, Permission.ASSIGN_PLANS, Permission.COMMENT


@dataclass
class People:
    engine: Engine
    coach: Principal
    ana: Principal
    bo: Principal
    admin: Principal
    set_uuid: str

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)


@pytest.fixture
def people(db_engine: Engine) -> People:
    made = {}
    for name, role in (("carla", Role.COACH), ("ana", Role.LIFTER), ("bob", Role.LIFTER),
                       ("root", Role.ADMIN)):
        acc = register(SqlUnitOfWork(db_engine), FAST, username=name, password=PW, role=role,
                       now=T0)
        made[name] = Principal(acc.id, acc.role)
    with SqlUnitOfWork(db_engine, user_id=made["ana"].user_id) as uow:
        uow.log.add_batch(
            "squat 1x5 100kg",
            [SetRecord(dt.datetime(2026, 11, 30, 18), "barbell-back-squat", 100.0, 5)],
            now=dt.datetime(2026, 11, 30, 18),
        )
        uow.commit()
        [logged] = uow.log.sets()
    assert logged.uuid is not None
    return People(db_engine, made["carla"], made["ana"], made["bob"], made["root"], logged.uuid)


def _link(p: People, *perms: Permission) -> str:
    inv = coaching.invite(p.uow(), p.coach, "ana", frozenset(perms), now=T0)
    coaching.accept(p.uow(), p.ana, link_uuid=inv.link.uuid, now=T0)
    return inv.link.uuid


def test_an_unlinked_coach_gets_not_found(people: People) -> None:
    with pytest.raises(NotFoundError):
        authorize(people.uow(), people.coach, people.ana.user_id, READ, False)


def test_an_invitation_grants_nothing_until_the_lifter_accepts(people: People) -> None:
    inv = coaching.invite(people.uow(), people.coach, "ana", "read_log,comment", now=T0)
    assert inv.link.status is LinkStatus.INVITED and len(inv.code) >= 16
    with pytest.raises(NotFoundError):
        authorize(people.uow(), people.coach, people.ana.user_id, READ, False)
    view = coaching.accept(people.uow(), people.ana, code=inv.code, now=T0)
    assert view.status is LinkStatus.ACTIVE and view.permissions == {READ, COMMENT}
    authorize(people.uow(), people.coach, people.ana.user_id, READ, False)


def test_a_linked_coach_without_the_permission_is_denied(people: People) -> None:
    _link(people, READ)
    with pytest.raises(PermissionDeniedError, match="assign_plans"):
        authorize(people.uow(), people.coach, people.ana.user_id, PLANS, True)
    with pytest.raises(PermissionDeniedError):  # read_log never writes
        authorize(people.uow(), people.coach, people.ana.user_id, READ, True)


def test_a_revoked_link_reads_nothing(people: People) -> None:
    link = _link(people, READ, PLANS)
    coaching.end_link(people.uow(), people.ana, link, now=T0)
    with pytest.raises(NotFoundError):
        authorize(people.uow(), people.coach, people.ana.user_id, READ, False)
    assert coaching.list_links(people.uow(), people.coach) == []


def test_the_link_covers_one_lifter_only(people: People) -> None:
    _link(people, READ, PLANS, COMMENT)
    with pytest.raises(NotFoundError):
        authorize(people.uow(), people.coach, people.bo.user_id, READ, False)


def test_a_declined_invitation_cannot_be_accepted_later(people: People) -> None:
    inv = coaching.invite(people.uow(), people.coach, "ana", "read_log", now=T0)
    coaching.decline(people.uow(), people.ana, inv.link.uuid, now=T0)
    with pytest.raises(ConflictError):
        coaching.accept(people.uow(), people.ana, link_uuid=inv.link.uuid, now=T0)
    with pytest.raises(NotFoundError):
        authorize(people.uow(), people.coach, people.ana.user_id, READ, False)


def test_only_the_invited_lifter_can_accept(people: People) -> None:
    inv = coaching.invite(people.uow(), people.coach, "ana", "read_log", now=T0)
    with pytest.raises(NotFoundError):
        coaching.accept(people.uow(), people.bo, link_uuid=inv.link.uuid, now=T0)
    with pytest.raises(NotFoundError):
        coaching.accept(people.uow(), people.bo, code=inv.code, now=T0)


def test_the_lifter_narrows_permissions_but_cannot_widen_them(people: People) -> None:
    link = _link(people, READ, PLANS)
    view = coaching.narrow(people.uow(), people.ana, link, "read_log")
    assert view.permissions == {READ}
    with pytest.raises(PermissionDeniedError):
        authorize(people.uow(), people.coach, people.ana.user_id, PLANS, True)
    with pytest.raises(ValidationError, match="narrowed"):
        coaching.narrow(people.uow(), people.ana, link, "read_log,assign_plans")


def test_a_coach_cannot_invite_twice_or_invite_an_admin(people: People) -> None:
    coaching.invite(people.uow(), people.coach, "ana", "read_log", now=T0)
    with pytest.raises(ConflictError):
        coaching.invite(people.uow(), people.coach, "ana", "comment", now=T0)
    with pytest.raises(NotFoundError):
        coaching.invite(people.uow(), people.coach, "root", "read_log", now=T0)
    with pytest.raises(PermissionDeniedError):  # a lifter is no coach
        coaching.invite(people.uow(), people.bo, "ana", "read_log", now=T0)


def test_an_admin_reads_no_training_data(people: People) -> None:
    for need in (None, READ, PLANS, COMMENT):
        with pytest.raises(NotFoundError):
            authorize(people.uow(), people.admin, people.ana.user_id, need, False)


def test_the_lifter_sees_what_the_coach_did_on_their_behalf(people: People) -> None:
    _link(people, PLANS, COMMENT)
    later = T0 + dt.timedelta(hours=1)
    coaching.record_event(
        people.uow(), people.coach, people.ana.user_id, "plan.assign", "plan:p1", now=later
    )
    assert coaching.record_event(
        people.uow(), people.ana, people.ana.user_id, "set.add", "", now=later
    ) is None  # one's own changes are no audit matter
    coaching.add_comment(
        people.uow(), people.coach, people.ana.user_id, "set", people.set_uuid, "Deeper!",
        now=later + dt.timedelta(minutes=5),
    )
    events = coaching.list_events(people.uow(), people.ana)
    assert [(e.actor_username, e.action) for e in events] == [
        ("carla", "comment.add"),
        ("carla", "plan.assign"),
    ]
    assert coaching.list_events(people.uow(), people.bo) == []


def test_comments_on_a_lifters_set(people: People) -> None:
    _link(people, COMMENT)
    ana = people.ana.user_id
    coach_says = coaching.add_comment(
        people.uow(), people.coach, ana, "set", people.set_uuid, "Brace harder", now=T0
    )
    coaching.add_comment(people.uow(), people.ana, ana, "set", people.set_uuid, "Will do", now=T0)
    listed = coaching.list_comments(people.uow(), people.ana, ana, "set", people.set_uuid)
    assert [(c.author_username, c.body) for c in listed] == [
        ("carla", "Brace harder"), ("ana", "Will do"),
    ]
    with pytest.raises(NotFoundError):  # bob sees nothing of ana's
        coaching.list_comments(people.uow(), people.bo, ana, "set", people.set_uuid)
    with pytest.raises(NotFoundError):  # a set that is not ana's
        coaching.add_comment(
            people.uow(), people.coach, ana, "set", "00000000-0000-4000-8000-000000000000", "x",
            now=T0,
        )
    coaching.delete_comment(people.uow(), people.ana, ana, coach_says.uuid, now=T0)
    listed = coaching.list_comments(people.uow(), people.coach, ana, "set", people.set_uuid)
    assert [c.body for c in listed] == ["Will do"]


def test_a_linked_coach_without_comment_cannot_comment(people: People) -> None:
    _link(people, READ)
    with pytest.raises(PermissionDeniedError):
        coaching.add_comment(
            people.uow(), people.coach, people.ana.user_id, "set", people.set_uuid, "hi", now=T0
        )


def test_only_an_admin_lists_disables_and_changes_roles(people: People) -> None:
    with pytest.raises(PermissionDeniedError):
        list_accounts(people.uow(), people.coach)
    names = [a.username for a in list_accounts(people.uow(), people.admin)]
    assert names == ["local", "carla", "ana", "bob", "root"]
    assert change_role(people.uow(), people.admin, people.bo.user_id, "coach").role is Role.COACH
    assert disable_account(people.uow(), people.admin, people.bo.user_id, now=T0).disabled_at == T0
    with pytest.raises(ConflictError):
        disable_account(people.uow(), people.admin, people.admin.user_id, now=T0)
    with pytest.raises(ConflictError):  # the last admin keeps the role
        change_role(people.uow(), people.admin, people.admin.user_id, "lifter")


def test_only_an_admin_or_the_server_command_line_makes_admins(people: People) -> None:
    with pytest.raises(PermissionDeniedError):
        register(people.uow(), FAST, username="eve", password=PW, role="admin", now=T0,
                 actor=people.ana)
    made = register(people.uow(), FAST, username="ops", password=PW, role="admin", now=T0,
                    actor=None)
    assert made.role is Role.ADMIN


def test_registration_checks_the_username_timezone_and_uniqueness(people: People) -> None:
    with pytest.raises(ConflictError) as taken:
        register(people.uow(), FAST, username="ANA", password=PW, now=T0)
    assert taken.value.field == "username"
    for bad in ("me", "a", "no spaces", "-dash"):
        with pytest.raises(ValidationError) as info:
            register(people.uow(), FAST, username=bad, password=PW, now=T0)
        assert info.value.field == "username"
    with pytest.raises(ValidationError) as tz:
        register(people.uow(), FAST, username="zed", password=PW, timezone="Mars/Olympus",
                 now=T0)
    assert tz.value.field == "timezone"
    assert register(people.uow(), FAST, username="zed", password=PW,
                    timezone="America/Sao_Paulo", now=T0).timezone == "America/Sao_Paulo"
    assert update_settings(people.uow(), people.ana.user_id, timezone="Asia/Tokyo").timezone == (
        "Asia/Tokyo"
    )


def test_the_database_itself_refuses_a_second_live_link_for_the_same_pair(people: People) -> None:
    coaching.invite(people.uow(), people.coach, "ana", "read_log", now=T0)
    with people.uow() as uow, pytest.raises(ConflictError):  # as if two requests raced
        uow.accounts.add_link(
            coach_id=people.coach.user_id,
            lifter_id=people.ana.user_id,
            permissions=frozenset({READ}),
            invite_code_hash=None,
            now=T0,
        )
    link = coaching.list_links(people.uow(), people.ana)[0]
    coaching.end_link(people.uow(), people.coach, link.uuid, now=T0)
    again = coaching.invite(people.uow(), people.coach, "ana", "comment", now=T0)  # after the end
    assert again.link.status is LinkStatus.INVITED


def test_a_disabled_lifter_does_not_exist_for_their_coach(people: People) -> None:
    _link(people, READ)
    disable_account(people.uow(), people.admin, people.ana.user_id, now=T0)
    with pytest.raises(NotFoundError):
        authorize(people.uow(), people.coach, people.ana.user_id, READ, False)


def test_only_the_author_or_the_lifter_deletes_a_comment(people: People) -> None:
    _link(people, COMMENT)
    other = register(people.uow(), FAST, username="otto", password=PW, role="coach", now=T0)
    otto = Principal(other.id, other.role)
    inv = coaching.invite(people.uow(), otto, "ana", "comment", now=T0)
    coaching.accept(people.uow(), people.ana, link_uuid=inv.link.uuid, now=T0)
    said = coaching.add_comment(
        people.uow(), people.coach, people.ana.user_id, "set", people.set_uuid, "Nice", now=T0
    )
    with pytest.raises(PermissionDeniedError):
        coaching.delete_comment(people.uow(), otto, people.ana.user_id, said.uuid, now=T0)
    coaching.end_link(people.uow(), people.ana, coaching.list_links(people.uow(), people.coach)[0].uuid,
                      now=T0)
    with pytest.raises(NotFoundError):  # a former coach reaches nothing, not even their comment
        coaching.delete_comment(people.uow(), people.coach, people.ana.user_id, said.uuid, now=T0)
    assert [c.body for c in coaching.list_comments(
        people.uow(), otto, people.ana.user_id, "set", people.set_uuid
    )] == ["Nice"]
