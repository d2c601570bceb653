"""The seeded world of the access matrix: a lifter, the people around her, and their data.

``lee`` is the lifter whose data the matrix asks for. Around her: ``olga`` (another lifter),
three coaches each linked to lee with one permission, a coach with no link, one whose invitation
lee never accepted, one whose link lee ended, an administrator, and lee's read-only token. Each
user logs a set whose note is a marker unique to them; a response that carries a marker of anyone
but the caller (or, when the call is allowed, lee) is a cross-user read.

Every object a route can name (a set, a batch, a plan, a custom exercise, a comment, a token) is
made for lee and for olga alike, so that lee can also be pointed at olga's objects under her own
path (an object-level probe). Objects a route destroys are made fresh for each call.
"""

from __future__ import annotations

import itertools
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.testclient import TestClient
from security_harness import PASSWORD, Caller, call, login, make_token, register

API = "/api/v1"
T = TypeVar("T")

PROFILE = {
    "units": "kg",
    "goal": "strength",
    "experience": "intermediate",
    "training_days": ["mon", "tue", "thu", "fri"],
    "minutes_per_session": 60,
    "equipment": ["full-gym"],
}
#: A log in Spotter's own CSV form (what GET export?format=csv writes), one set.
CSV = (
    "workout_start,workout_name,exercise,set_index,set_type,load_kg,bodyweight,reps,seconds,"
    "meters,rpe,rir,tempo,notes,superset,unit,uuid,batch_uuid,workout_seconds,workout_notes\n"
    "2026-11-02 18:00:00,,Barbell Bench Press,1,working,80,0,5,,,,,,,,kg,,,,\n"
)


class Actor(StrEnum):
    """Who calls. Every data request is about lee's data."""

    SELF = "self"  # lee, signed in (her own data as "me")
    SELF_READ_TOKEN = "self-read-token"  # lee's token with scope read only (her uuid)
    COACH_READ_LOG = "coach-read_log"
    COACH_ASSIGN_PLANS = "coach-assign_plans"
    COACH_COMMENT = "coach-comment"
    COACH_UNLINKED = "coach-unlinked"
    COACH_INVITED = "coach-invited"  # invited lee, never accepted
    COACH_ENDED = "coach-ended"  # was linked (all permissions), lee ended it
    OTHER_LIFTER = "other-lifter"  # olga
    ADMIN = "admin"
    ANONYMOUS = "anonymous"


#: The username behind each actor (None: nobody).
USERNAME: dict[Actor, str | None] = {
    Actor.SELF: "lee",
    Actor.SELF_READ_TOKEN: "lee",
    Actor.COACH_READ_LOG: "cora",
    Actor.COACH_ASSIGN_PLANS: "cato",
    Actor.COACH_COMMENT: "cleo",
    Actor.COACH_UNLINKED: "cyd",
    Actor.COACH_INVITED: "cass",
    Actor.COACH_ENDED: "cole",
    Actor.OTHER_LIFTER: "olga",
    Actor.ADMIN: "ada",
    Actor.ANONYMOUS: None,
}
#: The single permission of each linked coach.
PERMISSION = {
    Actor.COACH_READ_LOG: "read_log",
    Actor.COACH_ASSIGN_PLANS: "assign_plans",
    Actor.COACH_COMMENT: "comment",
}
ROLE = dict.fromkeys(("cora", "cato", "cleo", "cyd", "cass", "cole"), "coach")
SUBJECT = "lee"
OTHER = "olga"


@dataclass
class Objects:
    """What a route can name, of one user."""

    set_uuid: str = ""
    batch_id: int = 0
    plan_id: int = 0
    custom_slug: str = ""
    comment_uuid: str = ""
    token_uuid: str = ""
    form_check_uuid: str = ""


@dataclass
class World:
    """One backend's seeded users and data, and the client to call the app with."""

    c: TestClient
    app: FastAPI
    callers: dict[Actor, Caller]
    sessions: dict[str, Caller]  # username -> a signed-in session
    uuids: dict[str, str]  # username -> user uuid
    markers: dict[str, str]  # username -> the marker in their notes
    objs: dict[str, Objects] = field(default_factory=dict)
    #: Whether the call being prepared is expected to succeed (see :meth:`reuse`).
    allowed: bool = True
    _n: itertools.count[int] = field(default_factory=itertools.count)
    _kept: dict[tuple[str, str], Any] = field(default_factory=dict)

    # -- naming --------------------------------------------------------------------------------

    def n(self) -> int:
        return next(self._n)

    def user_segment(self, actor: Actor) -> str:
        """How the actor names lee in a path: ``me`` for lee's session, else her uuid."""
        return "me" if actor is Actor.SELF else self.uuids[SUBJECT]

    # -- calls as a user -----------------------------------------------------------------------

    def as_user(self, username: str, method: str, path: str, **kw: Any) -> Any:
        r = call(self.c, self.sessions[username], method, API + path, **kw)
        assert r.status_code < 300, f"{method} {path} as {username}: {r.status_code} {r.text}"
        return r.json() if r.content and "json" in r.headers.get("content-type", "") else None

    def relogin(self, username: str) -> None:
        """A new session for ``username`` (after a password change ended the old ones)."""
        fresh = login(self.c, username)
        self.sessions[username] = fresh
        for actor, name in USERNAME.items():
            if name == username and self.callers[actor].cookie is not None:
                self.callers[actor] = fresh

    # -- fresh objects -------------------------------------------------------------------------

    def reuse(self, kind: str, owner: str, make: Callable[[], T]) -> T:
        """A new object for a call expected to succeed (it may use the object up); for a call
        expected to be refused, the one kept from before (a refused call must leave it be: if it
        did not, the next refusal would show a 404 instead)."""
        if self.allowed:
            return make()
        key = (kind, owner)
        if key not in self._kept:
            self._kept[key] = make()
        kept: T = self._kept[key]
        return kept

    def fresh_set(self, owner: str) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            body = {
                "uuid": str(uuid.uuid4()),
                "exercise": "barbell bench press",
                "load": 60,
                "reps": 8,
            }
            out: dict[str, Any] = self.as_user(owner, "POST", "/users/me/log/sets", json=body)
            return out

        return self.reuse("set", owner, make)

    def fresh_custom(self, owner: str) -> str:
        def make() -> str:
            body = {"name": f"Ring row {self.n()}", "primary": ["lats"], "equipment": ["rings"]}
            return str(self.as_user(owner, "POST", "/users/me/custom-exercises", json=body)["slug"])

        return self.reuse("custom", owner, make)

    def fresh_comment(self, owner: str) -> str:
        def make() -> str:
            body = {
                "target_kind": "set",
                "target_uuid": self.objs[owner].set_uuid,
                "body": f"note {self.n()}",
            }
            return str(self.as_user(owner, "POST", "/users/me/comments", json=body)["uuid"])

        return self.reuse("comment", owner, make)

    def fresh_token(self, owner: str) -> str:
        def make() -> str:
            body = {"name": f"t{self.n()}", "scopes": ["read"]}
            return str(self.as_user(owner, "POST", "/auth/tokens", json=body)["uuid"])

        return self.reuse("token", owner, make)

    def fresh_form_check(self, owner: str) -> str:
        """A finished form check of ``owner`` (report and annotated video), made in the store so
        that no analysis runs."""
        return self.reuse("form_check", owner, lambda: done_form_check(self.app, owner))

    def fresh_user(self, role: str = "lifter") -> str:
        def make() -> str:
            name = f"u{self.n()}.{secrets.token_hex(2)}"
            self.uuids[name] = register(self.c, name, role=role)["uuid"]
            return name

        return self.reuse(f"user-{role}", "", make)

    def _new_coach(self) -> str:
        name = f"coach{self.n()}.{secrets.token_hex(2)}"
        self.uuids[name] = register(self.c, name, role="coach")["uuid"]
        self.sessions[name] = login(self.c, name)
        return name

    def fresh_invitation(self, lifter: str = SUBJECT) -> dict[str, Any]:
        """A new coach's open invitation to ``lifter`` with two permissions: link and code."""

        def make() -> dict[str, Any]:
            body = {"username": lifter, "permissions": ["read_log", "comment"]}
            return dict(self.as_user(self._new_coach(), "POST", "/coaching/invites", json=body))

        return self.reuse("invitation", lifter, make)

    def fresh_link(self, lifter: str = SUBJECT) -> str:
        """A new coach's active link to ``lifter``; its uuid."""

        def make() -> str:
            body = {"username": lifter, "permissions": ["read_log", "comment"]}
            made = self.as_user(self._new_coach(), "POST", "/coaching/invites", json=body)
            link = str(made["link"]["uuid"])
            self.as_user(lifter, "POST", f"/coaching/links/{link}/accept")
            return link

        return self.reuse("link", lifter, make)


def _link(w: World, coach: str, permissions: list[str], *, accept: bool, end: bool) -> None:
    made = w.as_user(
        coach, "POST", "/coaching/invites", json={"username": SUBJECT, "permissions": permissions}
    )
    link = made["link"]["uuid"]
    if accept:
        w.as_user(SUBJECT, "POST", f"/coaching/links/{link}/accept")
    if end:
        w.as_user(SUBJECT, "DELETE", f"/coaching/links/{link}")


def _own_data(w: World, name: str) -> None:
    """A profile, a marked set, a custom exercise, a bodyweight, a plan, a comment, a token."""
    objs = Objects()
    w.as_user(name, "PUT", "/users/me/profile", json=PROFILE)
    marked = {
        "uuid": str(uuid.uuid4()),
        "exercise": "barbell back squat",
        "load": 100,
        "reps": 5,
        "notes": w.markers[name],
    }
    stored = w.as_user(name, "POST", "/users/me/log/sets", json=marked)
    objs.set_uuid, objs.batch_id = stored["uuid"], stored["batch"]
    w.objs[name] = objs
    objs.custom_slug = w.fresh_custom(name)
    w.as_user(name, "POST", "/users/me/bodyweight", json={"value": 70 + len(name)})
    objs.plan_id = w.as_user(name, "POST", "/users/me/plans", json={"template": "531"})["plan"]["id"]
    body = {"target_kind": "set", "target_uuid": objs.set_uuid, "body": w.markers[name]}
    objs.comment_uuid = w.as_user(name, "POST", "/users/me/comments", json=body)["uuid"]
    objs.token_uuid = w.fresh_token(name)
    objs.form_check_uuid = done_form_check(w.app, name)


#: The first bytes of an MP4 file: enough for the upload's container check, not a video (its
#: analysis fails at once, so the matrix's uploads cost no pose model).
FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def done_form_check(app: FastAPI, username: str) -> str:
    """A form check of ``username`` stored as done (a report of 3 reps and a small annotated
    file in clip storage); its uuid."""
    from spotter.jobs.storage import ClipStore, write_atomically
    from spotter.store.form_check_repo import FormCheckRepository

    rt = app.state.runtime
    check = str(uuid.uuid4())
    with rt.uow() as uow:
        user = uow.accounts.user_by_username(username)
        assert user is not None
    store = ClipStore.of(rt.settings)
    clip = store.put(FAKE_MP4, "video/mp4")
    write_atomically(store.path(store.annotated_path(check)), FAKE_MP4)
    with rt.uow(user.id) as uow:
        repo = FormCheckRepository(uow.connection, user.id)
        repo.add(uuid=check, exercise="pull-up", content_sha256=clip.sha256, clip_path=clip.path,
                 media_type=clip.media_type, size_bytes=clip.size_bytes, filename="set.mp4",
                 load_text="bw", reps=None, now=rt.now())
        attempt = repo.claim(check, now=rt.now())
        assert attempt is not None
        repo.finish(check, attempt, status="done", now=rt.now(), report='{"reps": 3}',
                    annotated_path=store.annotated_path(check))
        uow.commit()
    return check


def seed(app: FastAPI, c: TestClient) -> World:
    """Register everyone, link the coaches, and give lee and olga their data."""
    from spotter.services.accounts import register as register_account

    rt = app.state.runtime
    w = World(c=c, app=app, callers={}, sessions={}, uuids={}, markers={})
    for name in {n for n in USERNAME.values() if n is not None}:
        w.markers[name] = f"MARKER-{name}-{secrets.token_hex(6)}"
        if name == "ada":
            account = register_account(
                rt.uow(), app.state.passwords, username=name, password=PASSWORD, now=rt.now(),
                role="admin", actor=None,
            )
            w.uuids[name] = account.uuid
        else:
            w.uuids[name] = register(c, name, role=ROLE.get(name, "lifter"))["uuid"]
        w.sessions[name] = login(c, name)
    for name in w.sessions:  # everyone's own marked set (coaches and the admin too)
        if name not in (SUBJECT, OTHER):
            body = {
                "uuid": str(uuid.uuid4()),
                "exercise": "barbell deadlift",
                "load": 120,
                "reps": 3,
                "notes": w.markers[name],
            }
            w.as_user(name, "POST", "/users/me/log/sets", json=body)
    _own_data(w, SUBJECT)
    _own_data(w, OTHER)
    for actor, permission in PERMISSION.items():
        _link(w, str(USERNAME[actor]), [permission], accept=True, end=False)
    _link(w, "cass", ["read_log"], accept=False, end=False)
    _link(w, "cole", ["read_log", "assign_plans", "comment"], accept=True, end=True)
    for actor, name in USERNAME.items():
        w.callers[actor] = Caller("anonymous") if name is None else w.sessions[name]
    w.callers[Actor.SELF_READ_TOKEN] = make_token(c, w.sessions[SUBJECT], ["read"], name="ro")
    return w
