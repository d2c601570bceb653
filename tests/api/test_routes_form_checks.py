"""Form checks over HTTP: the upload's checks, the per-lifter limit, confirming a set once, and
who sees and comments on a check (on SQLite and PostgreSQL).

No pose model runs here: uploads are queued without their job running (the queue is stubbed), or
finished checks are put in the store directly. The analysis of real clips is in tests/jobs.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from access_world import FAKE_MP4
from routes_kit import Api, Lifter, is_problem, open_api

from spotter.access.model import Principal, Role
from spotter.services.form_jobs import MAX_ACTIVE_PER_USER, RETRY_AFTER_S

API = "/api/v1"


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch) -> (
    Iterator[Api]
):
    """The API with its job queue stubbed: uploads stay queued (no analysis runs)."""
    monkeypatch.setenv("SPOTTER_CLIPS", str(tmp_path / "clips"))
    monkeypatch.setattr("spotter.jobs.queue.enqueue", lambda rt, check_uuid: None)
    yield from open_api(db_url, tmp_path, catalog)


def _upload(who: Lifter, body: bytes = FAKE_MP4, name: str = "set.mp4", **form: str) -> Any:
    data = {"exercise": "pull-up", **form}
    files = {"file": (name, body, "video/mp4")}
    return who.client.post(f"{API}/form-checks", headers=who.headers, files=files, data=data)


def _get(who: Lifter, path: str, **kw: Any) -> Any:
    return who.client.get(f"{API}{path}", headers=who.headers, **kw)


def _post(who: Lifter, path: str, **kw: Any) -> Any:
    return who.client.post(f"{API}{path}", headers=who.headers, **kw)


def _stored_files(tmp_path: Path) -> list[Path]:
    root = tmp_path / "clips"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _finish(api: Api, who: Lifter, check: str, report: str = '{"reps": 3}') -> None:
    """Finish a queued check as a worker would (a report of 3 reps)."""
    from spotter.store.form_check_repo import FormCheckRepository

    with api.rt.uow(who.user_id) as uow:
        repo = FormCheckRepository(uow.connection, who.user_id)
        attempt = repo.claim(check, now=api.rt.now())
        assert attempt is not None
        assert repo.finish(check, attempt, status="done", now=api.rt.now(), report=report)
        uow.commit()


def _coach(api: Api, lifter: Lifter, permissions: list[str], *, accept: bool = True) -> Lifter:
    """A coach with a token, invited by ``lifter``'s username with these permissions."""
    from spotter.services import coaching
    from spotter.services.auth import create_token

    rt = api.rt
    with rt.uow() as uow:
        coach = uow.accounts.add_user(
            username=f"coach-{uuid.uuid4().hex[:6]}", role=Role.COACH, timezone="UTC",
            password_hash=None, now=rt.now(),
        )
        lifter_user = uow.accounts.user_by_id(lifter.user_id)
        uow.commit()
    assert lifter_user is not None
    made = coaching.invite(
        rt.uow(), Principal(coach.id, Role.COACH), lifter_user.username, permissions, now=rt.now()
    )
    if accept:
        coaching.accept(rt.uow(), Principal(lifter.user_id, Role.LIFTER), now=rt.now(),
                        link_uuid=made.link.uuid)
    token = create_token(rt.uow(), coach.id, name="t", scopes="read,write", now=rt.now()).token
    return Lifter(api.client, {"Authorization": f"Bearer {token}"}, coach.id, coach.uuid)


# -- the upload --------------------------------------------------------------------------------


def test_an_upload_is_answered_202_with_the_checks_url_and_stored_under_its_sha256(
    api: Api, tmp_path: Path
) -> None:
    me = api.lifter()
    r = _upload(me, load="bw", reps="6")
    assert r.status_code == 202, r.text
    body = r.json()
    assert r.headers["location"] == f"{API}/form-checks/{body['uuid']}"
    assert (body["status"], body["exercise"], body["load"], body["reps"]) == (
        "queued", "pull-up", "bw", 6)
    assert body["report"] is None and body["video_url"] is None
    digest = hashlib.sha256(FAKE_MP4).hexdigest()
    assert [p.name for p in _stored_files(tmp_path)] == [f"{digest}.mp4"]
    assert _get(me, r.headers["location"].removeprefix(API)).json()["status"] == "queued"


def test_a_file_that_is_not_a_video_is_refused_by_its_bytes_whatever_its_name_and_nothing_is_stored(
    api: Api, tmp_path: Path
) -> None:
    me = api.lifter()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    r = _upload(me, png, name="set.mp4")
    assert is_problem(r, 422, "body.file")
    assert "not a video" in r.json()["detail"]
    assert _stored_files(tmp_path) == []
    assert _get(me, "/users/me/form-checks").json() == {"items": [], "next_cursor": None}


def test_an_unknown_exercise_a_bad_load_or_reps_are_refused_naming_the_field(api: Api) -> None:
    me = api.lifter()
    assert is_problem(_upload(me, exercise="zzqx flurble"), 422, "body.exercise")
    assert is_problem(_upload(me, load="heavy"), 422, "body.load")
    assert is_problem(_upload(me, reps="0"), 422)


def test_a_read_only_token_cannot_upload_and_nobody_uploads_without_credentials(api: Api) -> None:
    me = api.lifter()
    from spotter.services.auth import create_token

    token = create_token(api.rt.uow(), me.user_id, name="ro", scopes="read", now=api.rt.now())
    ro = Lifter(api.client, {"Authorization": f"Bearer {token.token}"}, me.user_id, me.uuid)
    assert is_problem(_upload(ro), 403)
    anonymous = Lifter(api.client, {}, 0, "")
    assert is_problem(_upload(anonymous), 401)


def test_the_sixth_check_waiting_gets_429_with_retry_after_until_one_finishes(
    api: Api, tmp_path: Path
) -> None:
    me = api.lifter()
    checks = []
    for i in range(MAX_ACTIVE_PER_USER):
        r = _upload(me, FAKE_MP4 + bytes([i]))
        assert r.status_code == 202, r.text
        checks.append(r.json()["uuid"])
    refused = _upload(me, FAKE_MP4 + b"sixth")
    assert is_problem(refused, 429)
    assert refused.headers["retry-after"] == str(RETRY_AFTER_S)
    assert len(_stored_files(tmp_path)) == MAX_ACTIVE_PER_USER  # the sixth was not stored
    other = api.lifter("other")  # the limit is per lifter
    assert _upload(other).status_code == 202
    _finish(api, me, checks[0])
    assert _upload(me, FAKE_MP4 + b"sixth").status_code == 202


# -- confirming the set ------------------------------------------------------------------------


def test_confirming_twice_logs_exactly_one_set_with_the_counted_reps_and_the_upload_load(
    api: Api,
) -> None:
    me = api.lifter()
    check = _upload(me, load="bw+10kg").json()["uuid"]
    assert is_problem(_post(me, f"/form-checks/{check}/confirm"), 409)  # not done yet
    _finish(api, me, check)
    first = _post(me, f"/form-checks/{check}/confirm")
    again = _post(me, f"/form-checks/{check}/confirm", json={"reps": 9})
    assert first.status_code == 200 and again.json() == first.json()
    sets = me.get("/log/sets").json()["items"]
    assert [(s["uuid"], s["exercise"], s["reps"], s["load"], s["bodyweight"]) for s in sets] == [
        (first.json()["set_uuid"], "pull-up", 3, 10.0, True)
    ]
    assert _get(me, f"/form-checks/{check}").json()["logged_set_uuid"] == first.json()["set_uuid"]


def test_a_confirm_may_correct_the_reps_and_give_the_load_in_pounds_or_as_a_bare_number(
    api: Api,
) -> None:
    me = api.lifter(units="kg")
    check = _upload(me, exercise="barbell back squat").json()["uuid"]
    _finish(api, me, check)
    r = _post(me, f"/form-checks/{check}/confirm", json={"reps": 5, "load": "225lb"})
    assert r.status_code == 200, r.text
    (logged,) = me.get("/log/sets").json()["items"]
    assert logged["reps"] == 5
    assert logged["load"] == pytest.approx(225 * 0.45359237, abs=0.01)  # shown in kg
    bare = _upload(me, FAKE_MP4 + b"2", exercise="barbell back squat", load="102.5").json()
    _finish(api, me, bare["uuid"])
    assert _post(me, f"/form-checks/{bare['uuid']}/confirm").status_code == 200
    loads = sorted(s["load"] for s in me.get("/log/sets").json()["items"])
    assert loads[1] == 102.5  # a bare number is in the lifter's unit


# -- the lists ----------------------------------------------------------------------------------


def _pages(who: Lifter, path: str, limit: int) -> list[list[str]]:
    """Every page of a list, followed by its cursors: the uuids on each page."""
    pages: list[list[str]] = []
    params: dict[str, Any] = {"limit": limit}
    while True:
        r = _get(who, path, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        pages.append([c["uuid"] for c in body["items"]])
        if body["next_cursor"] is None:
            return pages
        params = {"limit": limit, "cursor": body["next_cursor"]}


def test_the_list_of_checks_pages_newest_first_by_cursor_for_the_lifter_and_the_coach(
    api: Api,
) -> None:
    lee = api.lifter("lee")
    made = []
    for i in range(MAX_ACTIVE_PER_USER):
        made.append(_upload(lee, FAKE_MP4 + bytes([i])).json()["uuid"])
        _finish(api, lee, made[-1])
    newest_first = made[::-1]
    expected = [newest_first[0:2], newest_first[2:4], newest_first[4:5]]
    assert _pages(lee, "/form-checks", 2) == expected
    reader = _coach(api, lee, ["read_log"])
    assert _pages(reader, f"/users/{lee.uuid}/form-checks", 2) == expected
    assert _pages(lee, "/form-checks", 5) == [newest_first]  # a full last page: no cursor
    olga = api.lifter("olga")  # someone else's list is not in one's own
    assert _get(olga, "/form-checks").json() == {"items": [], "next_cursor": None}


def test_a_check_uploaded_between_two_pages_does_not_shift_the_next_page(api: Api) -> None:
    lee = api.lifter("lee")
    first = [_upload(lee, FAKE_MP4 + bytes([i])).json()["uuid"] for i in range(3)]
    page = _get(lee, "/form-checks", params={"limit": 2}).json()
    assert [c["uuid"] for c in page["items"]] == [first[2], first[1]]
    _finish(api, lee, first[2])
    newer = _upload(lee, FAKE_MP4 + b"new").json()["uuid"]
    rest = _get(lee, "/form-checks", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert [c["uuid"] for c in rest["items"]] == [first[0]] and rest["next_cursor"] is None
    assert newer not in [c["uuid"] for c in rest["items"]]


def test_a_damaged_cursor_or_one_of_another_list_is_refused_naming_the_cursor(api: Api) -> None:
    lee = api.lifter("lee")
    assert is_problem(_get(lee, "/form-checks", params={"cursor": "bm9wZQ"}), 422, "query.cursor")
    from spotter.api.pagination import Cursor

    sets_cursor = Cursor("sets", api.rt.now(), 1).encode()  # the sets list's kind of cursor
    assert is_problem(_get(lee, "/form-checks", params={"cursor": sets_cursor}), 422,
                      "query.cursor")


# -- deleting a check ---------------------------------------------------------------------------


def _age(tmp_path: Path, hours: float) -> None:
    """Make every stored file last written ``hours`` ago (past pruning's grace period)."""
    import os
    import time

    when = time.time() - hours * 3600
    for path in _stored_files(tmp_path):
        os.utime(path, (when, when))


def test_deleting_a_check_removes_its_video_and_its_clip_once_no_other_check_uses_it(
    api: Api, tmp_path: Path
) -> None:
    me = api.lifter()
    first = _upload(me, load="bw").json()["uuid"]
    again = _upload(me).json()["uuid"]  # the same bytes: one stored clip for two checks
    other = _upload(me, FAKE_MP4 + b"other").json()["uuid"]
    for check in (first, again, other):
        _finish(api, me, check)
        video = tmp_path / "clips" / "annotated" / f"{check}.mp4"
        video.parent.mkdir(parents=True, exist_ok=True)
        video.write_bytes(b"video")
    logged = _post(me, f"/form-checks/{first}/confirm").json()["set_uuid"]
    coach = _coach(api, me, ["comment"])
    note = {"target_kind": "form_check", "target_uuid": first, "body": "elbows in"}
    assert _post(coach, f"/users/{me.uuid}/comments", json=note).status_code == 201
    _age(tmp_path, 2)
    digest = hashlib.sha256(FAKE_MP4).hexdigest()
    shared = f"{digest[:2]}/{digest}.mp4"

    def names() -> set[str]:
        root = tmp_path / "clips"
        return {p.relative_to(root).as_posix() for p in _stored_files(tmp_path)}

    r = me.client.delete(f"{API}/form-checks/{first}", headers=me.headers)
    assert r.status_code == 204, r.text
    assert is_problem(_get(me, f"/form-checks/{first}"), 404)
    assert f"annotated/{first}.mp4" not in names() and shared in names()  # `again` uses it
    assert [s["uuid"] for s in me.get("/log/sets").json()["items"]] == [logged]  # the set stays
    from sqlalchemy import select

    from spotter.store.tables import comment

    with api.rt.engine.connect() as conn:  # the comment on the check is gone with it
        hidden = conn.execute(select(comment.c.deleted_at).where(
            comment.c.target_uuid == first)).scalars().all()
    assert len(hidden) == 1 and hidden[0] is not None
    assert me.client.delete(f"{API}/form-checks/{again}", headers=me.headers).status_code == 204
    assert shared not in names() and f"annotated/{other}.mp4" in names()
    assert [c["uuid"] for c in _get(me, "/form-checks").json()["items"]] == [other]
    assert is_problem(me.client.delete(f"{API}/form-checks/{first}", headers=me.headers), 404)


def test_only_the_lifter_deletes_a_check(api: Api, tmp_path: Path) -> None:
    lee = api.lifter("lee")
    check = _upload(lee).json()["uuid"]
    reader = _coach(api, lee, ["read_log"])
    olga = api.lifter("olga")
    assert is_problem(reader.client.delete(f"{API}/form-checks/{check}", headers=reader.headers),
                      403)
    assert is_problem(olga.client.delete(f"{API}/form-checks/{check}", headers=olga.headers), 404)
    assert _get(lee, f"/form-checks/{check}").json()["uuid"] == check
    assert len(_stored_files(tmp_path)) == 1


# -- who sees it ---------------------------------------------------------------------------------


def test_a_coach_sees_a_lifters_checks_only_while_linked_with_read_log(api: Api) -> None:
    lee = api.lifter("lee")
    check = _upload(lee).json()["uuid"]
    reader = _coach(api, lee, ["read_log"])
    commenter = _coach(api, lee, ["comment"])
    invited = _coach(api, lee, ["read_log"], accept=False)
    stranger = api.lifter("olga")
    assert _get(reader, f"/form-checks/{check}").json()["uuid"] == check
    listed = _get(reader, f"/users/{lee.uuid}/form-checks").json()
    assert [c["uuid"] for c in listed["items"]] == [check]
    assert is_problem(_get(commenter, f"/form-checks/{check}"), 403)
    for outsider in (invited, stranger):
        assert is_problem(_get(outsider, f"/form-checks/{check}"), 404)
        assert is_problem(_get(outsider, f"/users/{lee.uuid}/form-checks"), 404)
    assert is_problem(_get(stranger, f"/form-checks/{uuid.uuid4()}"), 404)  # looks the same
    # only the lifter logs the set
    _finish(api, lee, check)
    assert is_problem(_post(reader, f"/form-checks/{check}/confirm"), 403)


def test_a_coach_with_comment_comments_on_a_check_and_without_the_link_cannot(api: Api) -> None:
    lee = api.lifter("lee")
    check = _upload(lee).json()["uuid"]
    commenter = _coach(api, lee, ["comment"])
    reader = _coach(api, lee, ["read_log"])
    body = {"target_kind": "form_check", "target_uuid": check, "body": "chest to the bar"}
    made = _post(commenter, f"/users/{lee.uuid}/comments", json=body)
    assert made.status_code == 201, made.text
    seen = _get(lee, "/users/me/comments", params={"target_kind": "form_check",
                                                   "target_uuid": check}).json()
    assert [(c["body"], c["author_uuid"]) for c in seen] == [("chest to the bar", commenter.uuid)]
    assert is_problem(_post(reader, f"/users/{lee.uuid}/comments", json=body), 403)
    olga = api.lifter("olga")
    assert is_problem(_post(olga, f"/users/{lee.uuid}/comments", json=body), 404)
    # a check of someone else's is no target for lee's comments
    theirs = _upload(olga).json()["uuid"]
    mine = {**body, "target_uuid": theirs}
    assert is_problem(_post(lee, "/users/me/comments", json=mine), 404)
