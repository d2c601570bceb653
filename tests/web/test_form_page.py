"""Form check without a browser: an upload is checked before anything is stored, a check that is
not finished asks again every 2 s, a failed one says why, a finished one shows reps, tempo, range
and each fault in the exercise's own words with its cue, and one tap logs the set once."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pages_kit import Person, Site, open_site

from spotter.knowledge.loader import builtin_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalog: Any) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("form"), catalog)


def squat_fault(fault: str) -> dict[str, str]:
    """A fault of the back squat as its catalog entry words it."""
    data = yaml.safe_load((builtin_dir() / "barbell-back-squat.yaml").read_text("utf-8"))
    faults: dict[str, dict[str, str]] = data["text"]["en"]["faults"]
    return faults[fault]


def rep(n: int, *, rom: float = 1.0) -> dict[str, Any]:
    return {
        "rep": n, "start": 2.0 * n, "end": 2.0 * n + 1.8, "whole": True, "partial": False,
        "concentric_s": 0.9, "eccentric_s": 0.8, "pause_at_turn_s": 0.1, "pause_at_start_s": 0.0,
        "range_of_motion": rom, "excursion": 0.3, "concentric_mean_velocity": 0.5,
        "concentric_peak_velocity": 0.8, "metrics": {},
    }


def report(reps: int = 5) -> dict[str, Any]:
    """A finished check's report, shaped as the form-check service's data."""
    shallow = squat_fault("shallow")
    check = {
        "family": "squat", "reps": reps, "partial_reps": 0, "unfinished_reps": 0,
        "duration_s": 11.0, "view": "side", "view_yaw_deg": 80.0, "warnings": [],
        "signal": "hip", "signal_unit": "body", "criterion": "hip crease below the knee",
        "velocity_loss": 0.3, "reps_in_reserve": 2.0, "time_under_tension_s": 9.1,
        "tempo": [2.1, 0.1, 1.2, 0.0],
        "per_rep": [rep(i, rom=0.8 if i >= 4 else 1.0) for i in range(1, reps + 1)],
        "faults": [{"fault": "shallow", "name": shallow["name"], "fix": shallow["fix"],
                    "reps": [4, 5], "metric": "depth", "threshold": 0.0, "worst": -0.05}],
    }
    return {"exercise": "barbell-back-squat", "reps": reps, "duration_s": 12.0, "notes": [],
            "input_notes": [], "sets": [{"set": 1, "start_s": 0.5, "end_s": 11.5, "check": check}]}


def seed(site: Site, owner: Person, *, status: str = "done", load: str | None = None) -> str:
    """A check of the owner's as the job queue leaves it (queued, running or done)."""
    from spotter.store.form_check_repo import FormCheckRepository

    check = str(uuid.uuid4())
    with site.rt.uow(owner.user_id) as uow:
        repo = FormCheckRepository(uow.connection, owner.user_id)
        repo.add(uuid=check, exercise="barbell-back-squat", content_sha256="0" * 64,
                 clip_path="none.mp4", media_type="video/mp4", size_bytes=1, filename="set.mp4",
                 load_text=load, reps=None, now=site.rt.now())
        if status != "queued":
            attempt = repo.claim(check, now=site.rt.now())
            assert attempt is not None
            if status == "done":
                repo.finish(check, attempt, status="done", now=site.rt.now(),
                            report=json.dumps(report()))
        uow.commit()
    return check


def upload(me: Person, name: str, body: bytes, **form: str) -> Any:
    return me.client.post(
        "/form",
        files={"clip": (name, body, "video/mp4")},
        data={"csrf_token": me.csrf, "exercise": "barbell-back-squat", **form},
    )


def test_a_file_that_is_no_video_is_refused_and_nothing_is_stored(site: Site) -> None:
    me = site.person()
    r = upload(me, "photo.mp4", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert r.status_code == 422
    assert "is not a video Spotter can read" in r.text
    assert 'class="list checks"' not in me.get("/form").text


def test_an_unreadable_clip_ends_failed_and_its_page_says_why(site: Site) -> None:
    from spotter.jobs.local import local_queue

    me = site.person()
    r = upload(me, "set.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + b"\x01" * 4096)
    assert r.status_code == 303
    page = r.headers["location"]
    assert re.fullmatch(r"/form/[0-9a-f-]{36}", page)
    assert local_queue(site.rt).wait(60)
    shown = me.get(page).text
    assert 'data-status="failed"' in shown and "The check failed: the clip" in shown
    assert "hx-trigger" not in shown  # nothing left to wait for


def test_a_check_not_yet_finished_asks_again_every_two_seconds(site: Site) -> None:
    me = site.person()
    for status, words in (("queued", "Queued"), ("running", "Analysing")):
        check = seed(site, me, status=status)
        for path in (f"/form/{check}", f"/form/{check}/status"):
            r = me.get(path)
            assert r.status_code == 200 and words in r.text
            assert f'hx-get="/form/{check}/status" hx-trigger="every 2s"' in r.text
    assert "<html" not in me.get(f"/form/{check}/status").text


def test_a_finished_check_shows_reps_tempo_range_and_each_fault_with_its_cue(site: Site) -> None:
    import html as htmllib

    me = site.person()
    check = seed(site, me)
    text = htmllib.unescape(me.get(f"/form/{check}").text)
    shallow = squat_fault("shallow")
    assert "<strong>5</strong> reps in 12.0 s" in text
    assert '<dd class="tempo">2-0-1-0 ' in text  # 2.1, 0.1, 1.2, 0.0 s to the half second
    assert "hip crease below the knee" in text and "about 2" in text
    assert f'<strong class="fault">{shallow["name"]}</strong> <small class="muted">(reps 4, 5)</small>' in text
    assert f'<span class="cue">{shallow["fix"]}</span>' in text
    assert re.findall(r"<td>(\d+ %)</td>", text) == ["100 %", "100 %", "100 %", "80 %", "80 %"]
    assert "hx-trigger" not in text


def test_one_tap_logs_the_set_once_with_the_counted_reps_and_the_load(site: Site) -> None:
    me = site.person()
    check = seed(site, me, load="100kg")
    form = me.get(f"/form/{check}").text
    assert 'id="log-set"' in form and 'value="100kg"' in form
    assert me.form(f"/form/{check}/confirm", {"load": "102.5", "reps": ""}).status_code == 303
    assert me.form(f"/form/{check}/confirm", {"load": "102.5", "reps": ""}).status_code == 303
    sets = me.get("/api/v1/users/me/log/sets").json()["items"]
    assert [(s["exercise"], s["load"], s["reps"]) for s in sets] == [("barbell-back-squat", 102.5, 5)]
    after = me.get(f"/form/{check}").text
    assert "Set logged." in after and 'id="log-set"' not in after


def test_a_linked_coach_sees_the_check_but_cannot_log_it_and_a_stranger_sees_nothing(
    site: Site,
) -> None:
    from test_coach_pages import coach, link

    lifter, linked, stranger = site.person(), coach(site, "linked"), coach(site, "stranger")
    link(site, linked, lifter, "read_log")
    check = seed(site, lifter)
    seen = linked.get(f"/form/{check}")
    assert seen.status_code == 200 and "<strong>5</strong> reps" in seen.text
    assert 'id="log-set"' not in seen.text
    assert linked.form(f"/form/{check}/confirm", {"load": "100", "reps": "5"}).status_code == 403
    assert f"/form/{check}" in linked.get(f"/coach/{lifter.uuid}").text
    hidden = stranger.get(f"/form/{check}")
    assert hidden.status_code == 404 and "reps in" not in hidden.text
    assert lifter.get("/api/v1/users/me/log/sets").json()["items"] == []


def test_a_coachs_comment_on_a_check_shows_on_the_lifters_page(site: Site) -> None:
    from test_coach_pages import coach, link

    lifter, commenting, reading = site.person(), coach(site, "commenting"), coach(site, "reading")
    link(site, commenting, lifter, "read_log", "comment")
    link(site, reading, lifter, "read_log")
    check = seed(site, lifter)
    r = commenting.form(f"/form/{check}/comments", {"body": "Sit back into the hips on reps 4-5."})
    assert r.status_code == 303
    mine = lifter.get(f"/form/{check}").text
    assert "Sit back into the hips on reps 4-5." in mine and 'id="check-comment"' in mine
    said = lifter.get("/api/v1/users/me/comments",
                      params={"target_kind": "form_check", "target_uuid": check}).json()
    assert [(c["author_uuid"], c["body"]) for c in said] == [
        (commenting.uuid, "Sit back into the hips on reps 4-5.")
    ]
    seen = reading.get(f"/form/{check}").text  # read_log alone: the report, not the comments
    assert "<strong>5</strong> reps" in seen and 'id="check-comment"' not in seen
    assert reading.form(f"/form/{check}/comments", {"body": "hi"}).status_code == 403


def test_a_sixth_clip_waiting_at_once_is_refused_with_the_limit(site: Site) -> None:
    from spotter.services.form_jobs import MAX_ACTIVE_PER_USER

    me = site.person()
    for _ in range(MAX_ACTIVE_PER_USER):
        seed(site, me, status="queued")
    r = upload(me, "set.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + b"\x01" * 256)
    assert r.status_code == 429
    assert f"the most at once is {MAX_ACTIVE_PER_USER}" in r.text
    assert r.text.count('<span class="status">queued</span>') == MAX_ACTIVE_PER_USER


def test_a_coach_opening_form_check_is_pointed_to_their_lifters_checks(site: Site) -> None:
    from test_coach_pages import coach

    r = coach(site).get("/form")
    assert r.status_code == 200
    assert 'href="/coach"' in r.text and 'id="form-upload"' not in r.text
    assert site.person(units=None).get("/form").headers["location"] == "/onboarding"


def test_a_lifter_deletes_a_check_and_its_comments_but_the_set_logged_from_it_stays(
    site: Site,
) -> None:
    from test_coach_pages import coach, link

    lifter, linked = site.person(), coach(site, "deleting")
    link(site, linked, lifter, "read_log", "comment")
    check, kept = seed(site, lifter, load="100kg"), seed(site, lifter)
    assert lifter.form(f"/form/{check}/confirm", {"load": "100", "reps": ""}).status_code == 303
    assert linked.form(f"/form/{check}/comments", {"body": "Deeper."}).status_code == 303
    page = lifter.get(f"/form/{check}").text
    assert f'action="/form/{check}/delete"' in page
    assert f'action="/form/{check}/delete"' not in linked.get(f"/form/{check}").text
    assert linked.form(f"/form/{check}/delete", {}).status_code == 403

    r = lifter.form(f"/form/{check}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == "/form?deleted=1"
    listing = lifter.get("/form?deleted=1").text
    assert "The check was deleted" in listing
    assert f'href="/form/{check}"' not in listing and f'href="/form/{kept}"' in listing
    assert lifter.get(f"/form/{check}").status_code == 404
    assert linked.get(f"/form/{check}").status_code == 404
    said = lifter.get("/api/v1/users/me/comments",
                      params={"target_kind": "form_check", "target_uuid": check}).json()
    assert said == []
    sets = lifter.get("/api/v1/users/me/log/sets").json()["items"]
    assert [(s["exercise"], s["load"], s["reps"]) for s in sets] == [("barbell-back-squat", 100.0, 5)]
