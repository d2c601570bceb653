"""The embedded SQLite server analyses uploads itself, in a background thread: a real clip ends
done with its true rep count and an annotated video, a broken one ends failed with the reason
without stopping the next, and checks left unfinished by a stopped server are taken up when it
starts again."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from routes_kit import Api, Lifter, open_api

API = "/api/v1"
#: An MP4 box header and nothing after it: passes the upload's container check, holds no frame.
HEADER_ONLY_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def sqlite_url(tmp_path: Path, _sqlite_template: Path) -> str:
    path = tmp_path / "spotter.db"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def api(sqlite_url: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch) -> (
    Iterator[Api]
):
    monkeypatch.setenv("SPOTTER_CLIPS", str(tmp_path / "clips"))
    yield from open_api(sqlite_url, tmp_path, catalog)


def _upload(me: Lifter, body: bytes, exercise: str) -> str:
    r = me.client.post(f"{API}/form-checks", headers=me.headers,
                       files={"file": ("clip.mp4", body, "video/mp4")}, data={"exercise": exercise})
    assert r.status_code == 202, r.text
    return str(r.json()["uuid"])


def _finished(me: Lifter, check: str, timeout: float = 600) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = me.client.get(f"{API}/form-checks/{check}", headers=me.headers).json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"check {check} not finished in {timeout} s")


@pytest.mark.shared_data
def test_a_broken_upload_fails_with_its_reason_and_the_real_clip_after_it_is_counted(
    api: Api, tmp_path: Path
) -> None:
    clip = shared_data("pose", "squat_18.mp4")
    me = api.lifter()
    broken = _upload(me, HEADER_ONLY_MP4, "bodyweight squat")
    real = _upload(me, clip.read_bytes(), "bodyweight squat")
    failed = _finished(me, broken)
    assert failed["status"] == "failed" and failed["report"] is None
    assert "clip" in failed["reason"] and str(tmp_path) not in failed["reason"]
    done = _finished(me, real)
    assert done["status"] == "done", done["reason"]
    # squat_18: one completed squat and one unfinished (counted frame by frame, data README)
    assert done["report"]["reps"] == 1
    assert done["report"]["exercise"] == "bodyweight-squat"
    video = me.client.get(done["video_url"], headers=me.headers)
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    import cv2

    out = tmp_path / "annotated.mp4"
    out.write_bytes(video.content)
    source, drawn = cv2.VideoCapture(str(clip)), cv2.VideoCapture(str(out))
    assert drawn.isOpened()
    assert drawn.get(cv2.CAP_PROP_FRAME_COUNT) == source.get(cv2.CAP_PROP_FRAME_COUNT)


def test_checks_left_queued_or_running_by_a_stopped_server_are_taken_up_at_start(
    sqlite_url: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotter.store.form_check_repo import FormCheckRepository

    monkeypatch.setenv("SPOTTER_CLIPS", str(tmp_path / "clips"))
    with monkeypatch.context() as stopped:  # a server whose queue never ran its jobs
        stopped.setattr("spotter.jobs.queue.enqueue", lambda rt, check_uuid: None)
        first = open_api(sqlite_url, tmp_path, catalog)
        api = next(first)
        me = api.lifter()
        waiting = _upload(me, HEADER_ONLY_MP4, "pull-up")
        running = _upload(me, HEADER_ONLY_MP4 + b"2", "pull-up")
        with api.rt.uow(me.user_id) as uow:  # it died in the middle of this one
            assert FormCheckRepository(uow.connection, me.user_id).claim(
                running, now=api.rt.now()) == 1
            uow.commit()
        time.sleep(0.5)
        listed = me.get("/form-checks").json()["items"]  # still there, unfinished
        statuses = {c["uuid"]: c["status"] for c in listed}
        assert statuses == {waiting: "queued", running: "running"}
        first.close()

    again = open_api(sqlite_url, tmp_path, catalog)  # the server starts again
    api = next(again)
    me = Lifter(api.client, me.headers, me.user_id, me.uuid)
    for check in (waiting, running):
        assert _finished(me, check, timeout=120)["status"] == "failed"  # no frame to read
    with api.rt.uow(me.user_id) as uow:
        repo = FormCheckRepository(uow.connection, me.user_id)
        attempts = {c: repo.get(c).attempts for c in (waiting, running)}  # type: ignore[union-attr]
    assert attempts == {waiting: 1, running: 2}
    again.close()
