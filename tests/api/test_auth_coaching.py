"""Coach links over HTTP, what a coach's change leaves in the lifter's audit view, and admin.

One app on SQLite for the module (the access matrix runs the same routes on both databases);
each test makes its own people.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from security_harness import (
    PASSWORD,
    Caller,
    call,
    client,
    close_app,
    login,
    make_app,
    register,
    sqlite_copy,
)

API = "/api/v1"
PROFILE = {
    "units": "kg",
    "goal": "strength",
    "experience": "intermediate",
    "training_days": ["mon", "tue", "thu", "fri"],
    "minutes_per_session": 60,
    "equipment": ["full-gym"],
}


@pytest.fixture(scope="module")
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> (
    Iterator[FastAPI]
):
    tmp = tmp_path_factory.mktemp("coaching")
    api = make_app(sqlite_copy(request, tmp), tmp)
    yield api
    close_app(api)


@pytest.fixture(scope="module")
def c(app: FastAPI) -> TestClient:
    return client(app)


def _person(c: TestClient, name: str, role: str = "lifter") -> Caller:
    register(c, name, role=role)
    return login(c, name)


def _ok(r: Any, status: int = 200) -> Any:
    assert r.status_code == status, r.text
    return r.json() if r.content else None


def _invite(c: TestClient, coach: Caller, lifter: str, permissions: list[str]) -> dict[str, Any]:
    body = {"username": lifter, "permissions": permissions}
    out: dict[str, Any] = _ok(call(c, coach, "POST", f"{API}/coaching/invites", json=body), 201)
    return out


def _log_set(c: TestClient, who: Caller, notes: str = "") -> dict[str, Any]:
    body = {"uuid": str(uuid.uuid4()), "exercise": "barbell back squat", "load": 100, "reps": 5,
            "notes": notes}
    out: dict[str, Any] = _ok(call(c, who, "POST", f"{API}/users/me/log/sets", json=body), 201)
    return out


def test_a_lifter_accepts_an_invitation_by_code_with_fewer_permissions(c: TestClient) -> None:
    coach, ana = _person(c, "k.coach1", "coach"), _person(c, "k.ana")
    made = _invite(c, coach, "k.ana", ["read_log", "comment"])
    assert made["link"]["status"] == "invited"
    pending = _ok(call(c, ana, "GET", f"{API}/coaching/links"))
    assert [link["uuid"] for link in pending] == [made["link"]["uuid"]]

    body = {"code": made["code"], "permissions": ["read_log"]}
    link = _ok(call(c, ana, "POST", f"{API}/coaching/accept", json=body))
    assert link["status"] == "active" and link["permissions"] == ["read_log"]
    # the code was for one use
    r = call(c, ana, "POST", f"{API}/coaching/accept", json={"code": made["code"]})
    assert r.status_code == 404


def test_a_coach_reads_the_log_while_linked_and_not_after_the_lifter_ends_it(c: TestClient) -> None:
    coach, bo = _person(c, "k.coach2", "coach"), _person(c, "k.bo")
    bo_uuid = _ok(call(c, bo, "GET", f"{API}/auth/me"))["account"]["uuid"]
    _log_set(c, bo, notes="bo's heavy triple")
    sets = f"{API}/users/{bo_uuid}/log/sets"
    assert call(c, coach, "GET", sets).status_code == 404  # before: bo does not exist for them

    made = _invite(c, coach, "k.bo", ["read_log"])
    assert call(c, coach, "GET", sets).status_code == 404  # invited is not linked
    _ok(call(c, bo, "POST", f"{API}/coaching/links/{made['link']['uuid']}/accept"))
    items = _ok(call(c, coach, "GET", sets))["items"]
    assert [s["notes"] for s in items] == ["bo's heavy triple"]

    ended = _ok(call(c, bo, "DELETE", f"{API}/coaching/links/{made['link']['uuid']}"))
    assert ended["status"] == "revoked"
    assert call(c, coach, "GET", sets).status_code == 404


def test_narrowing_takes_a_permission_away_at_once_and_cannot_widen(c: TestClient) -> None:
    coach, cy = _person(c, "k.coach3", "coach"), _person(c, "k.cy")
    cy_uuid = _ok(call(c, cy, "GET", f"{API}/auth/me"))["account"]["uuid"]
    made = _invite(c, coach, "k.cy", ["read_log", "assign_plans"])
    link = made["link"]["uuid"]
    _ok(call(c, cy, "POST", f"{API}/coaching/links/{link}/accept"))
    _ok(call(c, cy, "PUT", f"{API}/users/me/profile", json=PROFILE))
    plans = f"{API}/users/{cy_uuid}/plans"
    _ok(call(c, coach, "POST", plans, json={"template": "531"}), 201)

    narrowed = _ok(call(c, cy, "PATCH", f"{API}/coaching/links/{link}",
                        json={"permissions": ["read_log"]}))
    assert narrowed["permissions"] == ["read_log"]
    assert call(c, coach, "POST", plans, json={"template": "531"}).status_code == 403
    assert call(c, coach, "GET", plans).status_code == 200
    wider = call(c, cy, "PATCH", f"{API}/coaching/links/{link}",
                 json={"permissions": ["read_log", "comment"]})
    assert wider.status_code == 422 and wider.json()["field"] == "permissions"
    # only the lifter narrows: to the coach it is not their link to change
    assert call(c, coach, "PATCH", f"{API}/coaching/links/{link}",
                json={"permissions": ["read_log"]}).status_code == 404


def test_a_coachs_changes_land_in_the_lifters_audit_view_and_her_own_do_not(
    c: TestClient,
) -> None:
    coach, di = _person(c, "k.coach4", "coach"), _person(c, "k.di")
    di_uuid = _ok(call(c, di, "GET", f"{API}/auth/me"))["account"]["uuid"]
    made = _invite(c, coach, "k.di", ["assign_plans", "comment"])
    _ok(call(c, di, "POST", f"{API}/coaching/links/{made['link']['uuid']}/accept"))
    _ok(call(c, di, "PUT", f"{API}/users/me/profile", json=PROFILE))
    own = _log_set(c, di)
    _ok(call(c, di, "POST", f"{API}/users/me/plans", json={"template": "531"}), 201)
    assert _ok(call(c, di, "GET", f"{API}/users/me/audit")) == []

    _ok(call(c, coach, "POST", f"{API}/users/{di_uuid}/plans", json={"template": "531"}), 201)
    refused = call(c, coach, "POST", f"{API}/users/{di_uuid}/plans", json={"weeks": 99})
    assert refused.status_code == 422  # a failed change is not recorded
    comment = {"target_kind": "set", "target_uuid": own["uuid"], "body": "brace harder"}
    _ok(call(c, coach, "POST", f"{API}/users/{di_uuid}/comments", json=comment), 201)

    events = _ok(call(c, di, "GET", f"{API}/users/me/audit"))
    assert [(e["actor_username"], e["action"]) for e in events] == [
        ("k.coach4", "comment.add"),
        ("k.coach4", "POST /users/{user}/plans"),
    ]
    assert events[1]["target"] == f"/api/v1/users/{di_uuid}/plans"
    # the audit view is the lifter's alone
    assert call(c, coach, "GET", f"{API}/users/{di_uuid}/audit").status_code == 403


def test_comments_are_seen_by_the_lifter_and_a_coach_who_may_comment(c: TestClient) -> None:
    coach, ed = _person(c, "k.coach5", "coach"), _person(c, "k.ed")
    ed_uuid = _ok(call(c, ed, "GET", f"{API}/auth/me"))["account"]["uuid"]
    made = _invite(c, coach, "k.ed", ["comment"])
    _ok(call(c, ed, "POST", f"{API}/coaching/links/{made['link']['uuid']}/accept"))
    s = _log_set(c, ed)
    url = f"{API}/users/{ed_uuid}/comments"
    body = {"target_kind": "set", "target_uuid": s["uuid"], "body": "depth was good"}
    mine = _ok(call(c, coach, "POST", url, json=body), 201)
    query = {"target_kind": "set", "target_uuid": s["uuid"]}
    seen_by_ed = _ok(call(c, ed, "GET", f"{API}/users/me/comments", params=query))
    assert [(x["author_username"], x["body"]) for x in seen_by_ed] == [("k.coach5", "depth was good")]
    # the coach deletes their own comment; a comment on a set that is not ed's is not found
    assert call(c, coach, "DELETE", f"{url}/{mine['uuid']}").status_code == 204
    assert _ok(call(c, ed, "GET", f"{API}/users/me/comments", params=query)) == []
    stray = {**body, "target_uuid": str(uuid.uuid4())}
    assert call(c, coach, "POST", url, json=stray).status_code == 404


def test_only_coaches_invite_and_a_lifter_cannot_be_invited_twice(c: TestClient) -> None:
    fay, coach = _person(c, "k.fay"), _person(c, "k.coach6", "coach")
    r = call(c, fay, "POST", f"{API}/coaching/invites",
             json={"username": "k.coach6", "permissions": ["read_log"]})
    assert r.status_code == 403
    _invite(c, coach, "k.fay", ["read_log"])
    again = call(c, coach, "POST", f"{API}/coaching/invites",
                 json={"username": "k.fay", "permissions": ["comment"]})
    assert again.status_code == 409 and again.json()["field"] == "username"


def test_an_admin_disables_an_account_which_then_cannot_sign_in(
    app: FastAPI, c: TestClient
) -> None:
    from spotter.services.accounts import register as register_account

    rt = app.state.runtime
    register_account(rt.uow(), app.state.passwords, username="k.root", password=PASSWORD,
                     now=rt.now(), role="admin", actor=None)
    root, gil = login(c, "k.root"), _person(c, "k.gil")
    gil_uuid = _ok(call(c, gil, "GET", f"{API}/auth/me"))["account"]["uuid"]
    disabled = _ok(call(c, root, "POST", f"{API}/admin/users/{gil_uuid}/disable"))
    assert disabled["disabled"] is True
    assert call(c, gil, "GET", f"{API}/auth/me").status_code == 401  # the session ended
    c.cookies.clear()
    r = c.post(f"{API}/auth/login", json={"username": "k.gil", "password": PASSWORD})
    assert r.status_code == 401
    _ok(call(c, root, "POST", f"{API}/admin/users/{gil_uuid}/enable"))
    assert login(c, "k.gil").cookie
    promoted = _ok(call(c, root, "PUT", f"{API}/admin/users/{gil_uuid}/role", json={"role": "coach"}))
    assert promoted["role"] == "coach"


def test_the_admin_list_pages_through_every_account_once(app: FastAPI, c: TestClient) -> None:
    from spotter.services.accounts import register as register_account

    rt = app.state.runtime
    register_account(rt.uow(), app.state.passwords, username="k.pager", password=PASSWORD,
                     now=rt.now(), role="admin", actor=None)
    admin = login(c, "k.pager")
    for i in range(5):
        register(c, f"k.page{i}")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = _ok(call(c, admin, "GET", f"{API}/admin/users", params=params))
        assert len(page["items"]) <= 3
        seen += [a["username"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert {f"k.page{i}" for i in range(5)} | {"local", "k.pager"} <= set(seen)
    assert all("password" not in str(a) for a in seen)


def test_a_linked_coach_names_the_lifter_by_uuid_not_by_username(c: TestClient) -> None:
    coach, hu = _person(c, "k.coach7", "coach"), _person(c, "k.hu")
    made = _invite(c, coach, "k.hu", ["read_log"])
    _ok(call(c, hu, "POST", f"{API}/coaching/links/{made['link']['uuid']}/accept"))
    assert call(c, coach, "GET", f"{API}/users/k.hu/log/sets").status_code == 404
    hu_uuid = made["link"]["lifter_uuid"]
    assert call(c, coach, "GET", f"{API}/users/{hu_uuid}/log/sets").status_code == 200
    assert call(c, coach, "GET", f"{API}/users/{hu_uuid.upper()}/log/sets").status_code == 200


def test_a_signed_in_admin_may_create_another_admin(app: FastAPI, c: TestClient) -> None:
    from spotter.services.accounts import register as register_account

    rt = app.state.runtime
    register_account(rt.uow(), app.state.passwords, username="k.boss", password=PASSWORD,
                     now=rt.now(), role="admin", actor=None)
    boss = login(c, "k.boss")
    body = {"username": "k.deputy", "password": PASSWORD, "role": "admin"}
    made = _ok(call(c, boss, "POST", f"{API}/auth/register", json=body), 201)
    assert made["role"] == "admin"
    deputy = login(c, "k.deputy")
    assert call(c, deputy, "GET", f"{API}/admin/users").status_code == 200
