"""Coach view without a browser: a coach's lifters, one lifter's week planned against done
(checked against the plan the API shows and the sets logged), comments and plan assignment
reaching the lifter, and nothing at all for a coach the lifter has not linked."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pages_kit import MONDAY, Person, Site, open_site

from spotter.access.model import Principal, Role


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalog: Any) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("coach"), catalog)


def coach(site: Site, name: str = "coach") -> Person:
    """A coach account with a web session."""
    from spotter.services.auth import open_session

    with site.rt.uow() as uow:
        user = uow.accounts.add_user(
            username=f"{name}-{uuid.uuid4().hex[:6]}",
            role=Role.COACH,
            timezone="UTC",
            password_hash=None,
            now=site.rt.now(),
        )
        uow.commit()
    opened = open_session(site.rt.uow(), user.id, now=site.rt.now())
    client = TestClient(site.app, raise_server_exceptions=True, follow_redirects=False)
    client.cookies.set("spotter_session", opened.token)
    return Person(client, user.id, user.uuid, opened.csrf_token)


def username(site: Site, person: Person) -> str:
    with site.rt.uow() as uow:
        user = uow.accounts.user_by_id(person.user_id)
    assert user is not None
    return user.username


def link(site: Site, by: Person, lifter: Person, *permissions: str) -> None:
    """``by`` invites ``lifter`` with these permissions and the lifter accepts."""
    from spotter.services import coaching

    made = coaching.invite(
        site.rt.uow(), Principal(by.user_id, Role.COACH), username(site, lifter),
        list(permissions), now=site.rt.now(),
    )
    coaching.accept(
        site.rt.uow(), Principal(lifter.user_id, Role.LIFTER), now=site.rt.now(), code=made.code
    )


def week_rows(html: str) -> dict[str, tuple[str, str, str]]:
    """date -> (status, planned cell text, done cell text) of the week table."""
    import html as htmllib

    rows = {}
    for day, body in re.findall(r'<tr class="status-[a-z-]+" data-date="([0-9-]+)">(.*?)</tr>', html, re.S):
        cells = [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", c)).split())
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body, re.S)]
        status = re.search(r'<small class="status">([a-z ]+)</small>', body)
        assert status is not None
        rows[day] = (status.group(1), cells[1], cells[2])
    return rows


def test_a_coach_sees_the_lifters_who_accepted_and_the_invitations_still_open(site: Site) -> None:
    me = coach(site)
    accepted, waiting = site.person("ana"), site.person("bo")
    link(site, me, accepted, "read_log", "comment")
    from spotter.services import coaching

    coaching.invite(site.rt.uow(), Principal(me.user_id, Role.COACH), username(site, waiting),
                    ["read_log"], now=site.rt.now())
    r = me.get("/coach")
    assert r.status_code == 200
    assert f'href="/coach/{accepted.uuid}"' in r.text
    assert "sees the log, comments" in r.text
    assert f'href="/coach/{waiting.uuid}"' not in r.text and username(site, waiting) in r.text


def test_the_week_shows_each_planned_session_against_the_working_sets_done(site: Site) -> None:
    me, lifter = coach(site), site.person()
    link(site, me, lifter, "read_log")
    r = lifter.client.post("/api/v1/users/me/plans", json={"template": "full-body-3", "start": MONDAY.isoformat()},
                           headers={"X-CSRF-Token": lifter.csrf})
    assert r.status_code == 201, r.text
    plan = lifter.get("/api/v1/users/me/plans/active", params={"week": 1}).json()
    planned = {s["date"]: sum(x["sets"] for x in s["slots"]) for s in plan["sessions"]}
    for minute in (0, 5, 10):
        lifter.log_set("barbell-back-squat", 100, 5, f"{MONDAY}T18:{minute:02d}:00")
    r = lifter.client.post("/api/v1/users/me/log/sets", headers={"X-CSRF-Token": lifter.csrf}, json={
        "uuid": str(uuid.uuid4()), "exercise": "barbell-back-squat", "load": 60, "reps": 5,
        "performed_at": f"{MONDAY}T17:55:00", "set_type": "warm-up"})
    assert r.status_code == 201, r.text
    lifter.log_set("barbell-bench-press", 80, 8, f"{MONDAY + dt.timedelta(days=1)}T18:00:00")
    rows = week_rows(me.get(f"/coach/{lifter.uuid}").text)
    days = [(MONDAY + dt.timedelta(days=i)).isoformat() for i in range(7)]
    assert list(rows) == days
    monday, tuesday, wednesday, friday = days[0], days[1], days[2], days[4]
    assert set(planned) == {monday, wednesday, friday}  # the template's Mon/Wed/Fri
    assert rows[monday][0] == "done"
    assert f"{planned[monday]} sets" in rows[monday][1]
    assert rows[monday][2] == "3 sets Barbell Back Squat 3"  # the warm-up is not a working set
    assert rows[tuesday] == ("extra", "—", "1 set Barbell Bench Press 1")
    assert rows[wednesday][0] == "today" and rows[friday][0] == "to come"  # the clock: Wed 18 Nov
    assert rows[wednesday][2] == "—"


def test_a_coach_the_lifter_has_not_linked_gets_the_404_page_and_no_data(site: Site) -> None:
    stranger, lifter = coach(site, "stranger"), site.person()
    lifter.log_set("barbell-back-squat", 123.5, 5, f"{MONDAY}T18:00:00")
    for path in (f"/coach/{lifter.uuid}", f"/coach/{lifter.uuid}?week={MONDAY}"):
        r = stranger.get(path)
        assert r.status_code == 404
        assert "123.5" not in r.text and username(site, lifter) not in r.text
    r = stranger.form(f"/coach/{lifter.uuid}/plan", {"template": "full-body-3"})
    assert r.status_code == 404
    assert lifter.get("/api/v1/users/me/plans").json() == []
    assert stranger.get(f"/coach/{uuid.uuid4()}").status_code == 404


def test_a_coach_without_read_log_sees_neither_sets_nor_the_week(site: Site) -> None:
    me, lifter = coach(site), site.person()
    link(site, me, lifter, "assign_plans")
    lifter.log_set("barbell-back-squat", 123.5, 5, f"{MONDAY}T18:00:00")
    r = me.get(f"/coach/{lifter.uuid}")
    assert r.status_code == 200
    assert "123.5" not in r.text and 'id="week"' not in r.text
    assert "has not let you see their log" in r.text
    assert 'action="/coach/' + lifter.uuid + '/plan"' in r.text
    assert 'action="/coach/' + lifter.uuid + '/comments"' not in r.text


def test_a_coachs_comment_on_a_set_reaches_the_lifter(site: Site) -> None:
    me, lifter = coach(site), site.person()
    link(site, me, lifter, "read_log", "comment")
    lifter.log_set("barbell-back-squat", 100, 5, f"{MONDAY}T18:00:00")
    (s,) = lifter.get("/api/v1/users/me/log/sets").json()["items"]
    r = me.form(f"/coach/{lifter.uuid}/comments", {"target": f"set:{s['uuid']}", "body": "Brace before you descend."})
    assert r.status_code == 303
    seen = lifter.get("/api/v1/users/me/comments", params={"target_kind": "set", "target_uuid": s["uuid"]}).json()
    assert [(c["author_uuid"], c["body"]) for c in seen] == [(me.uuid, "Brace before you descend.")]
    assert "Brace before you descend." in me.get(f"/coach/{lifter.uuid}").text
    history = lifter.get("/history").text  # the lifter reads it under the set
    row = history[history.index(f'id="set-{s["uuid"]}"'):]
    assert f"<strong>{username(site, me)}</strong>: Brace before you descend." in row[:3000]
    empty = me.form(f"/coach/{lifter.uuid}/comments", {"target": f"set:{s['uuid']}", "body": "  "})
    assert empty.status_code == 422 and "1 to 4000 characters" in empty.text


def test_a_plan_a_coach_assigns_becomes_the_lifters_active_plan_and_is_audited(site: Site) -> None:
    me, lifter = coach(site), site.person()
    link(site, me, lifter, "assign_plans")
    r = me.form(f"/coach/{lifter.uuid}/plan", {"template": "full-body-3", "start": "2026-11-23"})
    assert r.status_code == 303, r.text
    active = lifter.get("/api/v1/users/me/plans/active").json()
    assert (active["template"], active["start_date"]) == ("full-body-3", "2026-11-23")
    audit = lifter.get("/api/v1/users/me/audit").json()
    assert [(e["actor_uuid"], e["action"]) for e in audit] == [(me.uuid, "plan.assign")]
    bad = me.form(f"/coach/{lifter.uuid}/plan", {"template": "upper-lower-4"})
    assert bad.status_code == 422 and "needs 4 training days a week" in bad.text
    assert lifter.get("/api/v1/users/me/plans/active").json()["template"] == "full-body-3"


def test_a_lifter_accepts_one_invitation_declines_another_and_ends_a_link(site: Site) -> None:
    from spotter.services import coaching

    lifter, wanted, unwanted = site.person(), coach(site, "wanted"), coach(site, "unwanted")
    for c in (wanted, unwanted):
        coaching.invite(site.rt.uow(), Principal(c.user_id, Role.COACH), username(site, lifter),
                        ["read_log"], now=site.rt.now())
    page = lifter.get("/coach").text
    assert "Your coaches" in page and "asks to: sees the log" in page
    links = dict(re.findall(r'<li id="link-([0-9a-f-]+)"><strong>([^<]+)</strong>', page))
    by_name = {name: link for link, name in links.items()}
    accept = by_name[username(site, wanted)]
    assert lifter.form(f"/coach/links/{accept}/accept", {}).status_code == 303
    assert lifter.form(f"/coach/links/{by_name[username(site, unwanted)]}/decline", {}).status_code == 303
    assert wanted.get(f"/coach/{lifter.uuid}").status_code == 200
    assert unwanted.get(f"/coach/{lifter.uuid}").status_code == 404
    assert lifter.form(f"/coach/links/{accept}/accept", {}).status_code == 409  # not open now
    assert lifter.form(f"/coach/links/{accept}/end", {}).status_code == 303
    assert wanted.get(f"/coach/{lifter.uuid}").status_code == 404
    assert "No coach follows your training" in lifter.get("/coach").text
    assert lifter.get(f"/coach/{wanted.uuid}").status_code == 403  # a lifter opens no lifter


def test_a_coach_invites_a_lifter_by_username_and_the_code_links_them(site: Site) -> None:
    me, lifter = coach(site), site.person()
    name = username(site, lifter)
    r = me.client.post("/coach/invite", data={
        "csrf_token": me.csrf, "username": name, "permission": ["read_log", "comment"]})
    assert r.status_code == 200
    code = re.search(r'<code id="invite-code">([^<]+)</code>', r.text)
    assert code is not None
    assert "Invitations waiting" in r.text and name in r.text
    accepted = lifter.client.post("/api/v1/coaching/accept", json={"code": code.group(1)},
                                  headers={"X-CSRF-Token": lifter.csrf})
    assert accepted.status_code == 200, accepted.text
    assert sorted(accepted.json()["permissions"]) == ["comment", "read_log"]
    assert f'href="/coach/{lifter.uuid}"' in me.get("/coach").text
    unknown = me.client.post("/coach/invite", data={
        "csrf_token": me.csrf, "username": "nobody-here", "permission": ["read_log"]})
    assert unknown.status_code == 404 and "No invitation sent" in unknown.text
