"""Phone screenshots of the web app's sign-in, onboarding and Today pages for the README
(``docs/screenshots/``), from a live server with a lifter who trained last Monday and has a plan
from today, in the distribution's Chromium at 390x844 (scale 2).

    python bench/screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from bench_web import MONDAY, lifter, serve

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url, server = serve(Path(tmp))
        cookie = lifter(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("SPOTTER_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
                     "has_touch": True, "device_scale_factor": 2, "base_url": url}
            guest = browser.new_context(**phone)
            page = guest.new_page()
            page.goto("/signin")
            page.screenshot(path=OUT / "signin.png")
            page.goto("/register")
            page.get_by_label("Username").fill("ana.lifts")
            page.get_by_label("Password").fill("ana.lifts-password")
            page.get_by_role("button", name="Create account").click()
            page.wait_for_url("**/onboarding")
            page.get_by_label("Minutes per session").fill("300")
            page.get_by_label("Minutes per session").blur()
            page.wait_for_function(
                "() => document.getElementById('minutes_per_session-error').textContent !== ''"
            )
            page.evaluate(
                "() => document.getElementById('minutes_per_session')"
                ".scrollIntoView({block: 'center'})"
            )
            page.screenshot(path=OUT / "onboarding.png")
            guest.close()

            context = browser.new_context(**phone)
            context.clock.install(time=MONDAY + dt.timedelta(minutes=30))
            context.add_cookies([{"name": "spotter_session", "value": cookie, "url": url}])
            page = context.new_page()
            page.goto("/today")
            page.wait_for_function(
                "() => document.documentElement.dataset.offlineReady === 'true'"
            )
            page.screenshot(path=OUT / "today.png")
            card = page.locator("#card-barbell-bench-press")
            for _ in range(2):
                card.locator("button.log-set").click()
            card.locator('button[aria-label="2.5 kg more"]').click()
            card.locator("ol.working").scroll_into_view_if_needed()
            page.wait_for_timeout(1500)
            page.screenshot(path=OUT / "today-rest.png")
            context.set_offline(True)
            page.reload()
            card = page.locator("#card-barbell-bench-press")
            card.locator("button.log-set").click()
            page.locator("#rest-skip").click()
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=OUT / "today-offline.png")
            context.set_offline(False)
            page.evaluate("() => window.dispatchEvent(new Event('online'))")
            page.wait_for_function("() => window.Spotter.outbox.waiting() === 0")
            page.reload()
            swap = page.locator("#card-hack-squat")
            swap.get_by_role("button", name="Swap exercise").click()
            swap.locator("button.swap-to").first.wait_for()
            swap.locator(".alts").scroll_into_view_if_needed()
            page.screenshot(path=OUT / "today-swap.png")
            page.goto("/today/done")
            page.screenshot(path=OUT / "today-summary.png")
            context.close()
            browser.close()
        server.should_exit = True
    for name in sorted(OUT.glob("*.png")):
        print(name.relative_to(OUT.parents[1]))


if __name__ == "__main__":
    main()
