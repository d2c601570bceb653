"""The access matrix: every route of the app, every kind of caller, on SQLite and PostgreSQL.

The routes come from the app itself; a route without an entry in :data:`MATRIX` fails the test,
so a new route cannot ship without someone deciding who may call it. Each entry says who may call
the route (written out here as the rule the product promises, not read from the code) and how to
make a request that succeeds when allowed. Then for every route and every actor of
:class:`~access_world.Actor`: an allowed call succeeds, any other gets exactly the status the
rule says (401 without credentials, 404 where lee's data does not exist for the caller, 403 where
it does but the permission or the credentials fall short), as problem+json; and no response ever
carries the marker of a user other than the caller and, on an allowed call, lee (0 cross-user
reads). Routes that name an object are also called by lee with olga's objects: 404, no marker.

One test per backend runs the whole matrix on one seeded database (about 700 calls).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from access_world import (
    API,
    CSV,
    FAKE_MP4,
    OTHER,
    PERMISSION,
    PROFILE,
    SUBJECT,
    USERNAME,
    Actor,
    World,
    seed,
)
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from security_harness import call, client, close_app, make_app, module_db_url

from conftest import BACKENDS

OK = 0  # "the call is allowed"

#: How a request is made: (path under /api/v1, keyword arguments of the client) for an actor,
#: with the objects of ``owner`` (lee, or olga in the object-level probe).
Build = Callable[[World, Actor, str], tuple[str, dict[str, Any]]]
Expect = Callable[[Actor], int]

SESSION_ACTORS = {a for a in Actor if a not in (Actor.SELF_READ_TOKEN, Actor.ANONYMOUS)}
COACHES = {
    Actor.COACH_READ_LOG,
    Actor.COACH_ASSIGN_PLANS,
    Actor.COACH_COMMENT,
    Actor.COACH_UNLINKED,
    Actor.COACH_INVITED,
    Actor.COACH_ENDED,
}
STRANGERS = {
    Actor.COACH_UNLINKED,
    Actor.COACH_INVITED,
    Actor.COACH_ENDED,
    Actor.OTHER_LIFTER,
    Actor.ADMIN,
}


# -- the rules, as the product promises them ------------------------------------------------------


def data(need: str | None, *, write: bool, **override: int) -> Expect:
    """lee's data: lee; a linked coach holding ``need`` (never a write with read_log alone);
    lee's read-only token for reads; nobody else sees it exists."""

    def expect(actor: Actor) -> int:
        if actor.value in override:
            return override[actor.value]
        if actor is Actor.ANONYMOUS:
            return 401
        if actor is Actor.SELF:
            return OK
        if actor is Actor.SELF_READ_TOKEN:
            return 403 if write else OK
        if actor in STRANGERS:
            return 404
        held = PERMISSION[actor]
        if need is None or held != need or (write and need == "read_log"):
            return 403
        return OK

    return expect


def account(*, write: bool = False, session_only: bool = False, role: str | None = None) -> (
    Expect
):
    """The caller's own account: anyone signed in (a coach or an admin only, when ``role`` says;
    a session only, when ``session_only``; not a read-only token, when it changes something)."""

    def expect(actor: Actor) -> int:
        if actor is Actor.ANONYMOUS:
            return 401
        if role == "coach" and actor not in COACHES:
            return 403
        if role == "admin" and actor is not Actor.ADMIN:
            return 403
        if actor is Actor.SELF_READ_TOKEN and (session_only or write):
            return 403
        return OK

    return expect


def public(_actor: Actor) -> int:
    return OK


def lee_only(actor: Actor) -> int:
    """Acting on lee's own link or invitation: lee; her read token may not write; to anyone else
    the link does not exist."""
    if actor is Actor.ANONYMOUS:
        return 401
    if actor is Actor.SELF:
        return OK
    return 403 if actor is Actor.SELF_READ_TOKEN else 404


@dataclass(frozen=True)
class Rule:
    expect: Expect
    build: Build
    ok: tuple[int, ...] = (200,)
    probe: bool = False  # names an object: also called by lee with olga's objects
    fresh_session: bool = False  # ends the session it is called with: use a throwaway one
    ends_sessions: bool = False  # ends every session of the caller: sign in again afterwards


# -- requests ------------------------------------------------------------------------------------


def get(path: str, **params: Any) -> Build:
    """A request with lee's objects filled in: {user}, {set}, {plan}, {custom}, {comment}."""

    def build(w: World, actor: Actor, owner: str) -> tuple[str, dict[str, Any]]:
        o = w.objs[owner]
        filled = path.format(
            user=w.user_segment(actor),
            set=o.set_uuid,
            plan=o.plan_id,
            custom=o.custom_slug,
            comment=o.comment_uuid,
            batch=o.batch_id,
            token=o.token_uuid,
            form_check=o.form_check_uuid,
        )
        kw: dict[str, Any] = {}
        if params:
            kw["params"] = {k: v(w, owner) if callable(v) else v for k, v in params.items()}
        return filled, kw

    return build


def send(path: str, body: Callable[[World, Actor, str], Any] | dict[str, Any] | None) -> Build:
    base = get(path)

    def build(w: World, actor: Actor, owner: str) -> tuple[str, dict[str, Any]]:
        filled, kw = base(w, actor, owner)
        if body is not None:
            kw["json"] = body(w, actor, owner) if callable(body) else body
        return filled, kw

    return build


def with_fresh(make: Callable[[World, str], str], path: str, body: dict[str, Any] | None = None) -> (
    Build
):
    """A request on an object made for this call (``{obj}``), of the owner."""

    def build(w: World, actor: Actor, owner: str) -> tuple[str, dict[str, Any]]:
        kw: dict[str, Any] = {} if body is None else {"json": body}
        return path.format(user=w.user_segment(actor), obj=make(w, owner)), kw

    return build


def new_set(w: World, _a: Actor, _o: str) -> dict[str, Any]:
    return {"uuid": _uuid(), "exercise": "barbell row", "load": 50, "reps": 10}


def new_workout(w: World, _a: Actor, _o: str) -> dict[str, Any]:
    return {"uuid": _uuid(), "sets": [{"uuid": _uuid(), "exercise": "dips", "reps": 10}]}


def new_comment(w: World, _a: Actor, owner: str) -> dict[str, Any]:
    return {"target_kind": "set", "target_uuid": w.objs[owner].set_uuid, "body": "nice depth"}


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def _import(w: World, actor: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    path = f"/users/{w.user_segment(actor)}/imports"
    return path, {"files": {"file": ("log.csv", CSV.encode(), "text/csv")}, "data": {"dry_run": "true"}}


def _upload_clip(w: World, _a: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    files = {"file": ("set.mp4", FAKE_MP4, "video/mp4")}
    return "/form-checks", {"files": files, "data": {"exercise": "pull-up"}}


def _undo_last(w: World, actor: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    if actor is Actor.SELF:  # what lee undoes is a set logged for the purpose
        w.fresh_set(SUBJECT)
    return f"/users/{w.user_segment(actor)}/log/undo", {}


def _new_user(w: World, _a: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    body = {"username": f"new{w.n()}", "password": "a fine long passphrase", "role": "lifter"}
    return "/auth/register", {"json": body}


def _login(w: World, _a: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    from security_harness import PASSWORD

    return "/auth/login", {"json": {"username": OTHER, "password": PASSWORD}}


def _token_of(w: World, actor: Actor, owner: str) -> tuple[str, dict[str, Any]]:
    """A token of the caller's own (lee's, in the probe: olga's)."""
    name = USERNAME[actor]
    holder = owner if owner != SUBJECT else (name or SUBJECT)
    return f"/auth/tokens/{w.fresh_token(holder)}", {}


def _invite(w: World, _a: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    return "/coaching/invites", {"json": {"username": w.fresh_user(), "permissions": ["comment"]}}


def _code(w: World, _a: Actor, owner: str) -> tuple[str, dict[str, Any]]:
    return "/coaching/accept", {"json": {"code": w.fresh_invitation(owner)["code"]}}


def _invitation(action: str) -> Build:
    def build(w: World, _a: Actor, owner: str) -> tuple[str, dict[str, Any]]:
        return f"/coaching/links/{w.fresh_invitation(owner)['link']['uuid']}/{action}", {}

    return build


def _link(w: World, _a: Actor, owner: str) -> tuple[str, dict[str, Any]]:
    return f"/coaching/links/{w.fresh_link(owner)}", {}


def _narrow(w: World, a: Actor, owner: str) -> tuple[str, dict[str, Any]]:
    path, _ = _link(w, a, owner)
    return path, {"json": {"permissions": ["read_log"]}}


def _admin_on_fresh(action: str, body: dict[str, Any] | None = None) -> Build:
    def build(w: World, _a: Actor, _o: str) -> tuple[str, dict[str, Any]]:
        kw = {} if body is None else {"json": body}
        return f"/admin/users/{w.uuids[w.fresh_user()]}/{action}", kw

    return build


def _pw(w: World, _a: Actor, _o: str) -> tuple[str, dict[str, Any]]:
    from security_harness import PASSWORD

    return "/auth/password", {"json": {"old_password": PASSWORD, "new_password": PASSWORD}}


READ = data("read_log", write=False)
OWN = data(None, write=True)
PLAN = data("assign_plans", write=True)
U = "/users/{user}"

MATRIX: dict[tuple[str, str], Rule] = {
    # the catalog, as the lifter sees it (her own exercises included)
    ("GET", f"{U}/exercises"): Rule(READ, get(f"{U}/exercises", q="squat")),
    ("GET", f"{U}/exercises/{{ref}}"): Rule(READ, get(f"{U}/exercises/{{custom}}"), probe=True),
    ("GET", f"{U}/exercises/{{ref}}/alternatives"): Rule(
        READ, get(f"{U}/exercises/barbell-back-squat/alternatives")
    ),
    ("GET", f"{U}/custom-exercises"): Rule(READ, get(f"{U}/custom-exercises")),
    ("POST", f"{U}/custom-exercises"): Rule(
        OWN,
        send(f"{U}/custom-exercises", lambda w, a, o: {"name": f"Sled {w.n()}", "primary": ["quads"]}),
        ok=(201,),
    ),
    ("DELETE", f"{U}/custom-exercises/{{slug}}"): Rule(
        OWN, with_fresh(World.fresh_custom, f"{U}/custom-exercises/{{obj}}"), ok=(204,), probe=True
    ),
    # the log
    ("POST", f"{U}/log/sets"): Rule(OWN, send(f"{U}/log/sets", new_set), ok=(201,)),
    ("POST", f"{U}/log/workouts"): Rule(OWN, send(f"{U}/log/workouts", new_workout), ok=(201,)),
    ("POST", f"{U}/log/entries"): Rule(
        OWN, send(f"{U}/log/entries", {"text": "barbell curl 2x12 20kg"}), ok=(201,)
    ),
    ("GET", f"{U}/log/sets"): Rule(READ, get(f"{U}/log/sets")),
    ("GET", f"{U}/log/sets/{{uuid}}"): Rule(READ, get(f"{U}/log/sets/{{set}}"), probe=True),
    ("PATCH", f"{U}/log/sets/{{uuid}}"): Rule(
        OWN, send(f"{U}/log/sets/{{set}}", {"rpe": 8}), probe=True
    ),
    ("DELETE", f"{U}/log/sets/{{uuid}}"): Rule(
        OWN,
        with_fresh(lambda w, o: str(w.fresh_set(o)["uuid"]), f"{U}/log/sets/{{obj}}"),
        ok=(204,),
        probe=True,
    ),
    ("GET", f"{U}/log/batches"): Rule(READ, get(f"{U}/log/batches")),
    ("POST", f"{U}/log/batches/{{ref}}/undo"): Rule(
        OWN,
        with_fresh(lambda w, o: str(w.fresh_set(o)["batch"]), f"{U}/log/batches/{{obj}}/undo"),
        probe=True,
    ),
    ("POST", f"{U}/log/undo"): Rule(OWN, _undo_last),
    # coaching: next and today
    ("GET", f"{U}/next/{{exercise}}"): Rule(READ, get(f"{U}/next/barbell-back-squat")),
    ("GET", f"{U}/today"): Rule(READ, get(f"{U}/today")),
    # analysis
    ("GET", f"{U}/progress"): Rule(READ, get(f"{U}/progress")),
    ("GET", f"{U}/volume"): Rule(READ, get(f"{U}/volume")),
    ("GET", f"{U}/recovery"): Rule(READ, get(f"{U}/recovery")),
    ("GET", f"{U}/bodyweight"): Rule(READ, get(f"{U}/bodyweight")),
    ("POST", f"{U}/bodyweight"): Rule(OWN, send(f"{U}/bodyweight", {"value": 71.5}), ok=(201,)),
    # plans
    ("GET", f"{U}/plans/templates"): Rule(READ, get(f"{U}/plans/templates")),
    ("GET", f"{U}/plans"): Rule(READ, get(f"{U}/plans")),
    ("POST", f"{U}/plans"): Rule(PLAN, send(f"{U}/plans", {"template": "531"}), ok=(201,)),
    ("GET", f"{U}/plans/{{plan}}"): Rule(READ, get(f"{U}/plans/{{plan}}"), probe=True),
    ("POST", f"{U}/plans/{{plan}}/activate"): Rule(
        PLAN, send(f"{U}/plans/{{plan}}/activate", None), probe=True
    ),
    ("GET", f"{U}/plans/{{plan}}/explain"): Rule(
        READ, get(f"{U}/plans/{{plan}}/explain"), probe=True
    ),
    ("GET", f"{U}/plans/{{plan}}/review"): Rule(READ, get(f"{U}/plans/{{plan}}/review"), probe=True),
    ("GET", f"{U}/plans/{{plan}}/export.ics"): Rule(
        READ, get(f"{U}/plans/{{plan}}/export.ics"), probe=True
    ),
    ("GET", f"{U}/plans/{{plan}}/export.json"): Rule(
        READ, get(f"{U}/plans/{{plan}}/export.json"), probe=True
    ),
    # profile, transfer, sync
    ("GET", f"{U}/profile"): Rule(READ, get(f"{U}/profile")),
    ("PUT", f"{U}/profile"): Rule(OWN, send(f"{U}/profile", PROFILE)),
    ("POST", f"{U}/imports"): Rule(OWN, _import),
    ("GET", f"{U}/export"): Rule(READ, get(f"{U}/export")),
    ("GET", f"{U}/changes"): Rule(READ, get(f"{U}/changes")),
    # comments and the audit view
    ("GET", f"{U}/comments"): Rule(
        data("comment", write=False),
        get(f"{U}/comments", target_kind="set", target_uuid=lambda w, o: w.objs[o].set_uuid),
    ),
    ("POST", f"{U}/comments"): Rule(
        data("comment", write=True), send(f"{U}/comments", new_comment), ok=(201,), probe=True
    ),
    ("DELETE", f"{U}/comments/{{comment}}"): Rule(
        # a coach with 'comment' deletes only their own comments; this one is lee's
        data("comment", write=True, **{Actor.COACH_COMMENT.value: 403}),
        with_fresh(World.fresh_comment, f"{U}/comments/{{obj}}"),
        ok=(204,),
        probe=True,
    ),
    ("GET", f"{U}/audit"): Rule(data(None, write=False), get(f"{U}/audit")),
    # form checks: anyone signed in uploads their own clips; a check is the lifter's data
    ("POST", "/form-checks"): Rule(account(write=True), _upload_clip, ok=(202,)),
    ("GET", "/form-checks/{check}"): Rule(READ, get("/form-checks/{form_check}"), probe=True),
    ("GET", "/form-checks/{check}/video"): Rule(
        READ, get("/form-checks/{form_check}/video"), probe=True
    ),
    ("POST", "/form-checks/{check}/confirm"): Rule(
        OWN, with_fresh(World.fresh_form_check, "/form-checks/{obj}/confirm"), probe=True
    ),
    ("GET", f"{U}/form-checks"): Rule(READ, get(f"{U}/form-checks")),
    ("GET", "/form-checks"): Rule(account(), get("/form-checks")),
    ("DELETE", "/form-checks/{check}"): Rule(
        OWN, with_fresh(World.fresh_form_check, "/form-checks/{obj}"), ok=(204,), probe=True
    ),
    # the caller's own account
    ("POST", "/auth/register"): Rule(public, _new_user, ok=(201,)),
    ("POST", "/auth/login"): Rule(public, _login),
    ("POST", "/auth/logout"): Rule(account(), get("/auth/logout"), ok=(204,), fresh_session=True),
    ("GET", "/auth/me"): Rule(account(), get("/auth/me")),
    ("PATCH", "/auth/me"): Rule(account(write=True), send("/auth/me", {"display_name": "Someone"})),
    ("POST", "/auth/password"): Rule(
        account(write=True, session_only=True), _pw, ends_sessions=True
    ),
    ("POST", "/auth/tokens"): Rule(
        account(write=True, session_only=True),
        send("/auth/tokens", {"name": "phone", "scopes": ["read"]}),
        ok=(201,),
    ),
    ("GET", "/auth/tokens"): Rule(account(session_only=True), get("/auth/tokens")),
    ("DELETE", "/auth/tokens/{token}"): Rule(
        account(write=True, session_only=True), _token_of, ok=(204,), probe=True
    ),
    # coach links
    ("POST", "/coaching/invites"): Rule(account(write=True, role="coach"), _invite, ok=(201,)),
    ("GET", "/coaching/links"): Rule(account(), get("/coaching/links")),
    ("POST", "/coaching/accept"): Rule(lee_only, _code),
    ("POST", "/coaching/links/{link}/accept"): Rule(lee_only, _invitation("accept")),
    ("POST", "/coaching/links/{link}/decline"): Rule(lee_only, _invitation("decline")),
    ("PATCH", "/coaching/links/{link}"): Rule(lee_only, _narrow),
    ("DELETE", "/coaching/links/{link}"): Rule(lee_only, _link),
    # administration
    ("GET", "/admin/users"): Rule(account(role="admin"), get("/admin/users")),
    ("POST", "/admin/users/{user}/disable"): Rule(
        account(write=True, role="admin"), _admin_on_fresh("disable")
    ),
    ("POST", "/admin/users/{user}/enable"): Rule(
        account(write=True, role="admin"), _admin_on_fresh("enable")
    ),
    ("PUT", "/admin/users/{user}/role"): Rule(
        account(write=True, role="admin"), _admin_on_fresh("role", {"role": "coach"})
    ),
    # the service itself
    ("GET", "/health"): Rule(public, get("/health")),
    ("GET", "/openapi.json"): Rule(public, get("/openapi.json")),
    ("GET", "/docs"): Rule(public, get("/docs")),
}


def app_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path under /api/v1) the app answers (HEAD goes with GET; static files and
    other mounts are not routes)."""
    out = []
    for route in iter_route_contexts(app.routes):
        methods = route.methods or set()
        path = route.path or ""
        for method in sorted(methods - {"HEAD"}):
            out.append((method, path.removeprefix(API)))
    return out


# -- the run -------------------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> (
    Iterator[World]
):
    tmp = tmp_path_factory.mktemp("matrix")
    for url in module_db_url(request, tmp):  # one database and one seeding per backend
        app = make_app(url, tmp)
        yield seed(app, client(app))
        close_app(app)


def _markers_in(w: World, text: str) -> set[str]:
    return {name for name, marker in w.markers.items() if marker in text}


def _check(
    w: World, key: tuple[str, str], rule: Rule, actor: Actor, owner: str, expected: int
) -> tuple[list[str], set[str]]:
    """Call once; the problems found and the markers the response carried."""
    method = key[0]
    caller = w.callers[actor]
    name = USERNAME[actor]
    if rule.fresh_session and caller.cookie is not None and name is not None:
        from security_harness import login

        caller = login(w.c, name)
    w.allowed = expected == OK
    path, kw = rule.build(w, actor, owner)
    r = call(w.c, caller, method, API + path, **kw)
    if rule.ends_sessions and name is not None and r.status_code < 300:
        w.relogin(name)
    problems = []
    where = f"{method} {path} as {actor.value}"
    if expected == OK:
        if r.status_code not in rule.ok:
            problems.append(f"{where}: allowed, expected {rule.ok}, got {r.status_code} {r.text[:200]}")
    elif r.status_code != expected:
        problems.append(f"{where}: expected {expected}, got {r.status_code} {r.text[:200]}")
    elif not r.headers.get("content-type", "").startswith("application/problem+json"):
        problems.append(f"{where}: a {r.status_code} that is not problem+json")
    seen = _markers_in(w, r.text)
    allowed = {n for n in (name, SUBJECT if expected == OK and owner == SUBJECT else None) if n}
    foreign = seen - allowed
    if foreign:
        problems.append(f"{where}: CROSS-USER READ of {sorted(foreign)}'s data")
    return problems, seen


def test_every_route_of_the_app_has_an_entry_in_the_matrix(tmp_path: Path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'never-opened.db'}", tmp_path)  # routes only
    routes = set(app_routes(app))
    missing = sorted(routes - set(MATRIX))
    assert not missing, f"routes without an access rule in the matrix: {missing}"
    stale = sorted(set(MATRIX) - routes)
    assert not stale, f"matrix entries for routes the app does not have: {stale}"


def test_every_caller_gets_exactly_what_the_rules_allow_and_never_another_users_data(
    world: World,
) -> None:
    problems: list[str] = []
    lee_seen_by: set[Actor] = set()
    calls = 0
    for key in app_routes(world.app):
        rule = MATRIX.get(key)
        if rule is None:
            continue  # reported by the test above
        for actor in Actor:
            if rule.expect is public and actor not in (Actor.SELF, Actor.ANONYMOUS):
                continue  # the same for everyone: one caller with and one without credentials
            found, seen = _check(world, key, rule, actor, SUBJECT, rule.expect(actor))
            problems += found
            calls += 1
            if SUBJECT in seen and actor is not Actor.SELF:
                lee_seen_by.add(actor)
    assert not problems, f"{len(problems)} of {calls} calls broke the rules:\n" + "\n".join(problems)
    # the check has teeth: lee's marker reached exactly the callers allowed to read her log (and
    # her comments, where it is planted too)
    assert lee_seen_by == {Actor.SELF_READ_TOKEN, Actor.COACH_READ_LOG, Actor.COACH_COMMENT}
    _lee_cannot_reach_olgas_objects_through_her_own_path(world)
    _refused_writes_left_lees_marked_set_as_it_was(world)


def _lee_cannot_reach_olgas_objects_through_her_own_path(world: World) -> None:
    problems: list[str] = []
    probes = [(k, r) for k, r in MATRIX.items() if r.probe]
    assert len(probes) >= 10
    for key, rule in probes:
        found, seen = _check(world, key, rule, Actor.SELF, OTHER, 404)
        problems += found
        assert OTHER not in seen
    assert not problems, "object-level probes:\n" + "\n".join(problems)


def _refused_writes_left_lees_marked_set_as_it_was(world: World) -> None:
    lee = world.callers[Actor.SELF]
    r = call(world.c, lee, "GET", f"{API}/users/me/log/sets/{world.objs[SUBJECT].set_uuid}")
    assert r.status_code == 200
    assert r.json()["notes"] == world.markers[SUBJECT]
    assert r.json()["load"] == 100 and r.json()["reps"] == 5
