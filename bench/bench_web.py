"""Today on a phone: the page weight with every request it makes, compressed, whether any request
leaves the machine, and how soon the first content is painted, over loopback.

Serves the whole app (uvicorn, a temporary SQLite database) with a lifter who trained last Monday
and has a plan from today, then opens ``/today`` in Chromium (the distribution's, through
Playwright) in a fresh phone-sized context each run: nothing cached. Weight counts every
response's headers and body as sent on the wire (gzip where the server compresses), the service
worker's start-up requests included.

    nice -n 10 python bench/bench_web.py [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

PASSWORD = "correct horse battery staple"
MONDAY = dt.datetime(2026, 11, 16, 17, 0, tzinfo=dt.UTC)
PROFILE = {
    "units": "kg",
    "goal": "strength",
    "experience": "intermediate",
    "training_days": ["mon", "wed", "fri"],
    "minutes_per_session": 60,
    "equipment": ["full-gym"],
}
HISTORY = [("barbell-bench-press", 80, 5), ("conventional-deadlift", 140, 3),
           ("barbell-bent-over-row", 70, 5), ("hack-squat", 100, 8)]


def serve(home: Path) -> tuple[str, Any]:
    """The app on a free loopback port, its clock on MONDAY; (base URL, uvicorn server)."""
    import uvicorn

    from spotter.api.app import create_app
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.services.auth import FAST_FOR_TESTS, Passwords

    start = time.monotonic()
    settings = Settings(
        db_url=f"sqlite:///{home / 'spotter.db'}", data_dir=home / "data", cache_dir=home / "cache"
    )
    rt = Runtime(
        settings, auto_migrate=True,
        clock=lambda: MONDAY + dt.timedelta(seconds=time.monotonic() - start),
    )
    app = create_app(rt)
    app.state.passwords = Passwords(FAST_FOR_TESTS)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server


def lifter(url: str) -> str:
    """A lifter with last week's sets and a plan from MONDAY; their session cookie."""
    with httpx.Client(base_url=url, timeout=60) as c:
        c.post("/api/v1/auth/register", json={"username": "bench", "password": PASSWORD})
        login = c.post("/api/v1/auth/login", json={"username": "bench", "password": PASSWORD})
        c.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        c.put("/api/v1/users/me/profile", json=PROFILE).raise_for_status()
        for i, (exercise, load, reps) in enumerate(HISTORY):
            for k in range(3):
                c.post("/api/v1/users/me/log/sets", json={
                    "uuid": str(uuid.uuid4()), "exercise": exercise, "load": load, "reps": reps,
                    "rpe": 8, "performed_at": f"2026-11-09T18:{i * 3 + k:02d}:00+00:00",
                }).raise_for_status()
        c.post("/api/v1/users/me/plans", json={"start": "2026-11-16"}).raise_for_status()
        return str(login.cookies["spotter_session"])


def one_visit(browser: Any, url: str, cookie: str) -> dict[str, Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
        device_scale_factor=2,
    )
    context.add_cookies([{"name": "spotter_session", "value": cookie, "url": url}])
    responses: list[Any] = []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    page.goto(f"{url}/today", wait_until="load")
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === 'true'")
    page.wait_for_load_state("networkidle")
    paint = page.evaluate(
        """() => {
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            const nav = performance.getEntriesByType('navigation')[0];
            return {fcp: fcp ? fcp.startTime : null, ttfb: nav.responseStart - nav.requestStart,
                    html: nav.encodedBodySize};
        }"""
    )
    total = 0
    rows = []
    hosts = set()
    for r in responses:
        sizes = r.request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        hosts.add(urlsplit(r.url).netloc)
        rows.append((urlsplit(r.url).path, r.status, size, r.headers.get("content-encoding", "")))
    context.close()
    return {"total": total, "rows": rows, "hosts": hosts, **paint}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        url, server = serve(Path(tmp))
        cookie = lifter(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("SPOTTER_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            one_visit(browser, url, cookie)  # warm the server (imports, catalog)
            visits = [one_visit(browser, url, cookie) for _ in range(args.runs)]
            browser.close()
        server.should_exit = True
    last = visits[-1]
    print(f"/today on a phone, {args.runs} fresh visits over loopback (Chromium, nothing cached)")
    print("requests of one visit:")
    for path, status, size, enc in last["rows"]:
        print(f"  {status} {size:>7,} B  {enc or '-':5} {path}")
    weights = sorted(v["total"] for v in visits)
    outside = set().union(*(v["hosts"] for v in visits)) - {urlsplit(url).netloc}
    fcps = sorted(v["fcp"] for v in visits if v["fcp"] is not None)
    ttfbs = sorted(v["ttfb"] for v in visits)
    print(f"page weight, all requests, as sent: {statistics.median(weights) / 1000:.1f} kB "
          f"(limit 150 kB)")
    print(f"requests to another host: {len(outside)} {sorted(outside) if outside else ''}")
    print(f"first contentful paint: median {statistics.median(fcps):.0f} ms, "
          f"slowest {fcps[-1]:.0f} ms (limit 1000 ms)")
    print(f"server time to first byte of /today: median {statistics.median(ttfbs):.0f} ms")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
