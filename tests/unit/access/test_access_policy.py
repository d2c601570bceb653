"""The access policy: who sees and changes whose training data."""

from __future__ import annotations

import pytest

from spotter.access import (
    Grant,
    LinkStatus,
    Permission,
    Principal,
    Role,
    Verdict,
    decide,
    format_permissions,
    is_on_behalf,
    parse_permissions,
    parse_scopes,
)
from spotter.errors import ValidationError

LIFTER = 10
COACH = Principal(20, Role.COACH)
ALL = frozenset(Permission)


def _grant(*perms: Permission, status: LinkStatus = LinkStatus.ACTIVE) -> Grant:
    return Grant(status, frozenset(perms))


def test_a_lifter_may_read_and_write_their_own_data() -> None:
    me = Principal(LIFTER, Role.LIFTER)
    assert decide(me, LIFTER, None, None, write=False).verdict is Verdict.ALLOW
    assert decide(me, LIFTER, None, None, write=True).verdict is Verdict.ALLOW


def test_another_lifter_is_told_the_data_does_not_exist() -> None:
    other = Principal(11, Role.LIFTER)
    assert decide(other, LIFTER, None, None, write=False).verdict is Verdict.NOT_FOUND


def test_an_unlinked_coach_gets_not_found_even_for_a_permission_they_name() -> None:
    got = decide(COACH, LIFTER, None, Permission.READ_LOG, write=False)
    assert got.verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize("status", [LinkStatus.INVITED, LinkStatus.REVOKED])
def test_a_link_that_is_not_active_reads_nothing(status: LinkStatus) -> None:
    got = decide(COACH, LIFTER, _grant(*ALL, status=status), Permission.READ_LOG, write=False)
    assert got.verdict is Verdict.NOT_FOUND


def test_a_linked_coach_without_the_permission_is_denied_not_hidden() -> None:
    got = decide(COACH, LIFTER, _grant(Permission.COMMENT), Permission.READ_LOG, write=False)
    assert got.verdict is Verdict.DENIED
    assert "read_log" in got.reason


def test_a_linked_coach_with_the_permission_is_allowed() -> None:
    link = _grant(Permission.READ_LOG, Permission.ASSIGN_PLANS)
    assert decide(COACH, LIFTER, link, Permission.READ_LOG, write=False).allowed
    assert decide(COACH, LIFTER, link, Permission.ASSIGN_PLANS, write=True).allowed


def test_read_log_never_lets_a_coach_write() -> None:
    got = decide(COACH, LIFTER, _grant(*ALL), Permission.READ_LOG, write=True)
    assert got.verdict is Verdict.DENIED


def test_actions_only_the_lifter_may_take_are_denied_to_a_fully_linked_coach() -> None:
    assert decide(COACH, LIFTER, _grant(*ALL), None, write=True).verdict is Verdict.DENIED


def test_an_admin_without_a_link_sees_no_training_data() -> None:
    admin = Principal(1000, Role.ADMIN)
    for need in [None, *Permission]:
        assert decide(admin, LIFTER, None, need, write=False).verdict is Verdict.NOT_FOUND


def test_a_read_scoped_token_reads_but_cannot_write() -> None:
    token = Principal(LIFTER, Role.LIFTER, scopes=frozenset({"read"}))
    assert decide(token, LIFTER, None, None, write=False).allowed
    assert decide(token, LIFTER, None, None, write=True).verdict is Verdict.DENIED


def test_a_write_scoped_token_also_reads() -> None:
    token = Principal(LIFTER, Role.LIFTER, scopes=frozenset({"write"}))
    assert decide(token, LIFTER, None, None, write=False).allowed
    assert decide(token, LIFTER, None, None, write=True).allowed


def test_a_read_token_of_an_unlinked_coach_still_gets_not_found_when_writing() -> None:
    token = Principal(20, Role.COACH, scopes=frozenset({"read"}))
    got = decide(token, LIFTER, None, Permission.ASSIGN_PLANS, write=True)
    assert got.verdict is Verdict.NOT_FOUND


def test_only_changes_by_someone_else_count_as_on_behalf() -> None:
    assert is_on_behalf(COACH, LIFTER, write=True)
    assert not is_on_behalf(COACH, LIFTER, write=False)
    assert not is_on_behalf(Principal(LIFTER, Role.LIFTER), LIFTER, write=True)


def test_permissions_round_trip_through_their_stored_form() -> None:
    parsed = parse_permissions(" comment ,READ_LOG")
    assert parsed == {Permission.COMMENT, Permission.READ_LOG}
    assert format_permissions(parsed) == "read_log,comment"


def test_an_unknown_permission_names_the_field_and_the_known_ones() -> None:
    with pytest.raises(ValidationError) as info:
        parse_permissions("read_log,spy", field="permissions")
    assert info.value.field == "permissions"
    assert "'spy'" in str(info.value) and "assign_plans" in str(info.value)


def test_a_token_needs_a_known_scope() -> None:
    assert parse_scopes("read") == {"read"}
    with pytest.raises(ValidationError):
        parse_scopes("")
    with pytest.raises(ValidationError):
        parse_scopes("admin")
