"""Phone screenshots of the Learn, Plan and Progress pages for the README (``docs/screenshots/``),
from a live server with the lifter of ``bench_web_pages.py`` (12 weeks of sets and a plan), in
the distribution's Chromium at 390x844 (scale 2).

    python bench/screenshots_pages.py
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path

from bench_web_pages import seeded

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app, rt, cookie = seeded(Path(tmp))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("SPOTTER_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            phone = browser.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                device_scale_factor=2, base_url=url,
            )
            phone.add_cookies([{"name": "spotter_session", "value": cookie, "url": url}])
            page = phone.new_page()

            def shot(name: str, top: str | None = None) -> None:
                if top is not None:
                    page.locator(top).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(300)
                page.screenshot(path=OUT / f"{name}.png")
                print(OUT / f"{name}.png")

            page.goto("/learn")
            page.get_by_label("Exercise name").press_sequentially("pulldwn", delay=30)
            page.locator("#results a", has_text="Seated Lat Pulldown").wait_for()
            shot("learn")
            page.goto("/learn/stepback-pulldown")
            shot("learn-exercise", "#s-execution")
            page.goto("/plan")
            shot("plan", "#week-title")
            page.goto("/progress")
            page.locator(".charts[data-drawn='2']").wait_for(state="attached")
            shot("progress", "#ex-title")
            shot("progress-volume", "#volume-title")
            browser.close()
        server.should_exit = True
        thread.join(timeout=10)
        rt.close()


if __name__ == "__main__":
    main()
