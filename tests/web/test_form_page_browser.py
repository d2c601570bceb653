"""Form check in a phone's browser: upload a real clip of a squat, watch the page update itself
from queued or analysing to the report (no reload), play the annotated video's address, and log
the set with one tap; the log on the server then holds it once."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from helpers import LiveServer, account_of

pytestmark = pytest.mark.browser

#: A careful count of the clip's finished reps (the shared data's README): one.
SQUAT_18_REPS = 1


def shared_clip(name: str) -> Path:
    """A clip of the shared data through the suite's ``shared_data`` helper (skips without it).

    ``tests/conftest.py`` is loaded by its path: in this folder ``conftest`` is the browser one.
    """
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("spotter_tests_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: Path = module.shared_data("pose", name)
    return found


def test_a_filmed_squat_is_analysed_while_the_page_waits_and_logged_with_one_tap(
    phone: Any, live_server: LiveServer, signed_in: Any, assert_accessible: Any
) -> None:
    clip = shared_clip("squat_18.mp4")
    page = signed_in(phone, live_server)
    page.goto("/form")
    assert page.get_by_label("Clip").get_attribute("accept") == "video/*"
    assert page.get_by_label("Clip").get_attribute("capture") == "environment"
    assert_accessible(page)
    page.get_by_label("Clip").set_input_files(str(clip))
    page.get_by_label("Exercise").select_option("bodyweight-squat")
    page.get_by_label("Load, to log the set (optional)").fill("bw")
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/form/*")
    check_url = page.url
    status = page.locator("#check-status")
    assert status.get_attribute("data-status") in ("queued", "running", "done")
    status.and_(page.locator('[data-status="done"]')).wait_for(timeout=120_000)
    assert page.url == check_url  # htmx swapped the report in; the page was not reloaded
    assert page.locator("#rep-count strong").inner_text() == str(SQUAT_18_REPS)
    video = page.locator("video.annotated")
    check_uuid = check_url.rsplit("/", 1)[-1]
    assert video.get_attribute("src") == f"/api/v1/form-checks/{check_uuid}/video"
    assert_accessible(page)
    with live_server.client(account_of(page)) as api:
        r = api.get(f"/api/v1/form-checks/{check_uuid}/video")
        assert r.status_code == 200 and r.headers["content-type"].startswith("video/")
        page.get_by_role("button", name="Log this set").click()
        page.get_by_text("Set logged.").wait_for()
        items = api.get("/api/v1/users/me/log/sets").json()["items"]
        assert [(s["exercise"], s["reps"], s["bodyweight"]) for s in items] == [
            ("bodyweight-squat", SQUAT_18_REPS, True)
        ]
