"""Phone screenshots of History, Import, Form check and the coach's view for the README
(``docs/screenshots/``): a live server (bench_web's, its clock on Monday 16 November 2026) with a
lifter who trained three days last week (the first week of their plan), imported a Hevy export and checked a squat on video,
and a coach they linked; in the distribution's Chromium at 390x844 (scale 2).

    python bench/screenshots_logs.py

The import and form-check shots use the shared real data (``../shared/data``) and are left out,
with a note, when it is absent.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from bench_web import PASSWORD, PROFILE, serve

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SHARED = ROOT.parent / "shared" / "data"
#: Last week's training: (day, exercise, kg, reps) with three sets each, RPE 8.
WEEK = [
    ("2026-11-09", "barbell-back-squat", 100, 5),
    ("2026-11-09", "barbell-bench-press", 80, 6),
    ("2026-11-11", "conventional-deadlift", 140, 3),
    ("2026-11-11", "seated-lat-pulldown", 60, 10),
    ("2026-11-13", "barbell-overhead-press", 50, 6),
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


def account(url: str, name: str, role: str) -> tuple[str, str, str]:
    """A new account, signed in: (session cookie, CSRF token, uuid)."""
    with httpx.Client(base_url=url, timeout=60) as c:
        c.post("/api/v1/auth/register", json={"username": name, "password": PASSWORD,
                                              "role": role}).raise_for_status()
        login = c.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
        login.raise_for_status()
        body = login.json()
        return str(login.cookies["spotter_session"]), body["csrf_token"], body["account"]["uuid"]


def client(url: str, cookie: str, csrf: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=120, cookies={"spotter_session": cookie},
                        headers={"X-CSRF-Token": csrf})


def prepare(url: str) -> tuple[str, str, str]:
    """The lifter (profile, last week's sets, a plan from Monday) and a linked coach; the
    lifter's cookie, the coach's cookie and the lifter's uuid."""
    cookie, csrf, lifter_uuid = account(url, "ana.lifts", "lifter")
    coach_cookie, coach_csrf, _ = account(url, "coach.kim", "coach")
    with client(url, cookie, csrf) as me, client(url, coach_cookie, coach_csrf) as coach:
        me.put("/api/v1/users/me/profile", json=PROFILE).raise_for_status()
        for day, exercise, kg, reps in WEEK:
            for k in range(3):
                me.post("/api/v1/users/me/log/sets", json={
                    "uuid": str(uuid.uuid4()), "exercise": exercise, "load": kg, "reps": reps,
                    "rpe": 8, "performed_at": f"{day}T18:{k * 4:02d}:00+00:00",
                }).raise_for_status()
        me.post("/api/v1/users/me/plans", json={"template": "full-body-3",
                                                "start": "2026-11-09"}).raise_for_status()
        invite = coach.post("/api/v1/coaching/invites", json={
            "username": "ana.lifts", "permissions": ["read_log", "comment", "assign_plans"]})
        invite.raise_for_status()
        me.post("/api/v1/coaching/accept", json={"code": invite.json()["code"]}).raise_for_status()
        first = me.get("/api/v1/users/me/log/sets", params={"limit": 1}).json()["items"][0]
        coach.post(f"/api/v1/users/{lifter_uuid}/comments", json={
            "target_kind": "set", "target_uuid": first["uuid"],
            "body": "Good speed off the chest; keep the elbows under the bar."}).raise_for_status()
    return cookie, coach_cookie, lifter_uuid


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url, _server = serve(Path(tmp))
        cookie, coach_cookie, lifter_uuid = prepare(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("SPOTTER_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            lifter = browser.new_context(base_url=url, **PHONE)
            lifter.add_cookies([{"name": "spotter_session", "value": cookie, "url": url}])
            page = lifter.new_page()
            page.goto("/history")
            page.locator("section.day").first.locator("details summary").first.click()
            page.screenshot(path=OUT / "history.png")
            shot(page)

            hevy = SHARED / "logs" / "hevy-2026.csv"
            if hevy.is_file():
                page.goto("/import")
                page.get_by_label("Exported file").set_input_files(str(hevy))
                page.get_by_role("button", name="Check the file").click()
                page.get_by_role("heading", name="Import report").wait_for()
                page.locator("#unmatched-title").scroll_into_view_if_needed()
                page.screenshot(path=OUT / "import-report.png")
                shot(page)
            else:
                print(f"no {hevy}: import-report.png left out")

            clip = SHARED / "pose" / "squat_18.mp4"
            if clip.is_file():
                page.goto("/form")
                page.get_by_label("Clip").set_input_files(str(clip))
                page.get_by_label("Exercise").select_option("bodyweight-squat")
                page.get_by_label("Load, to log the set (optional)").fill("bw")
                page.get_by_role("button", name="Upload and check").click()
                page.wait_for_url("**/form/*")
                started = time.monotonic()
                page.locator('#check-status[data-status="done"]').wait_for(timeout=300_000)
                print(f"form check done after {time.monotonic() - started:.1f} s")
                page.locator("#rep-count").scroll_into_view_if_needed()
                page.screenshot(path=OUT / "form-check.png")
                shot(page)
            else:
                print(f"no {clip}: form-check.png left out")

            coach = browser.new_context(base_url=url, **PHONE)
            coach.add_cookies([{"name": "spotter_session", "value": coach_cookie, "url": url}])
            page = coach.new_page()
            page.goto(f"/coach/{lifter_uuid}?week=2026-11-09")
            page.screenshot(path=OUT / "coach-week.png")
            shot(page)
            browser.close()


def shot(page: Any) -> None:
    print(f"{page.url}: saved")


if __name__ == "__main__":
    main()
