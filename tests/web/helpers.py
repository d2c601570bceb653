"""What the browser tests share: a live server on a settable clock, accounts made through the API,
and the accessibility check (axe-core, vendored under ``tests/web/vendor``)."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import httpx

from spotter.compose import Runtime, utc_now

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

VENDOR = Path(__file__).resolve().parent / "vendor"
#: Every account the helpers make has this password.
PASSWORD = "correct horse battery staple"
#: The profile a signed-in lifter gets unless the test says otherwise (what the API takes).
PROFILE: dict[str, Any] = {
    "units": "kg",
    "goal": "strength",
    "experience": "intermediate",
    "training_days": ["mon", "wed", "fri"],
    "minutes_per_session": 60,
    "equipment": ["full-gym"],
}
#: The phone of the tests: an iPhone 12-14 sized viewport with touch.
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


class Clock:
    """The server's clock: the wall clock until :meth:`set`, then running on from the time set
    (so that two things done in a row still get two instants)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._base: dt.datetime | None = None
        self._since = 0.0

    def set(self, when: dt.datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("set_now needs a timezone-aware datetime")
        with self._lock:
            self._base, self._since = when, time.monotonic()

    def reset(self) -> None:
        with self._lock:
            self._base = None

    def __call__(self) -> dt.datetime:
        with self._lock:
            if self._base is None:
                return utc_now()
            return self._base + dt.timedelta(seconds=time.monotonic() - self._since)


@dataclass
class Account:
    """An account made by the helpers, with a session usable from httpx."""

    username: str
    uuid: str
    role: str
    cookie: str
    csrf: str


@dataclass
class LiveServer:
    """The whole app (API and pages) served by uvicorn on 127.0.0.1 over its own SQLite file."""

    url: str
    rt: Runtime
    app: Any
    clock: Clock
    _server: Any = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def set_now(self, when: dt.datetime) -> None:
        """Move the server's clock to ``when`` (aware); it runs on from there."""
        self.clock.set(when)

    def client(self, account: Account | None = None) -> httpx.Client:
        """An HTTP client on the server, sending ``account``'s session and CSRF token."""
        headers = {"X-CSRF-Token": account.csrf} if account else {}
        cookies = {"spotter_session": account.cookie} if account else {}
        return httpx.Client(base_url=self.url, headers=headers, cookies=cookies, timeout=30)

    def register(
        self, *, role: str = "lifter", username: str | None = None, timezone: str = "UTC",
        profile: dict[str, Any] | None = None,
    ) -> Account:
        """A new account made through the API and signed in (with ``profile``, when given)."""
        name = username or f"{role}-{uuid.uuid4().hex[:8]}"
        with httpx.Client(base_url=self.url, timeout=30) as c:
            r = c.post(
                "/api/v1/auth/register",
                json={"username": name, "password": PASSWORD, "role": role, "timezone": timezone},
            )
            assert r.status_code == 201, r.text
            r = c.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
            assert r.status_code == 200, r.text
            body = r.json()
            account = Account(
                name, body["account"]["uuid"], role, r.cookies["spotter_session"],
                body["csrf_token"],
            )
        if profile is not None:
            with self.client(account) as c:
                r = c.put("/api/v1/users/me/profile", json=profile)
                assert r.status_code == 200, r.text
        return account

    def login(self, username: str, role: str = "lifter") -> Account:
        """A new session of an existing account (made by :meth:`register`)."""
        with httpx.Client(base_url=self.url, timeout=30) as c:
            r = c.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
            assert r.status_code == 200, r.text
            body = r.json()
        return Account(
            username, body["account"]["uuid"], role, r.cookies["spotter_session"],
            body["csrf_token"],
        )

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.rt.close()


def start_server(db_file: Path, home: Path) -> LiveServer:
    """Serve ``create_app`` over ``db_file`` (already migrated) on a free loopback port."""
    import uvicorn

    from spotter.api.app import create_app
    from spotter.api.limits import AddressThrottle
    from spotter.config import Settings
    from spotter.services.auth import FAST_FOR_TESTS, Passwords

    clock = Clock()
    settings = Settings(
        db_url=f"sqlite:///{db_file}", data_dir=home / "data", cache_dir=home / "cache"
    )
    rt = Runtime(settings, auto_migrate=False, clock=clock)
    app = create_app(rt)
    app.state.passwords = Passwords(FAST_FOR_TESTS)
    unlimited = AddressThrottle(limit=10**9, window_s=1, what="tests")
    app.state.register_throttle = unlimited
    app.state.login_throttle = unlimited
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", rt, app, clock, server, thread)


def new_phone(browser: Any, live_server: LiveServer, **options: Any) -> BrowserContext:
    """A fresh phone-sized context whose relative addresses go to ``live_server``."""
    context: BrowserContext = browser.new_context(base_url=live_server.url, **{**PHONE, **options})
    context.set_default_timeout(15_000)
    return context


def sets_on_server(
    live_server: LiveServer, account: Account, *, exercise: str | None = None
) -> list[dict[str, Any]]:
    """The account's logged sets as the API lists them (oldest first)."""
    with live_server.client(account) as c:
        r = c.get("/api/v1/users/me/log/sets", params={"limit": 200})
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
    return [s for s in reversed(items) if exercise is None or s["exercise"] == exercise]


def wait_for_sets(
    live_server: LiveServer, account: Account, count: int, *, exercise: str | None = None,
    timeout_s: float = 15.0,
) -> list[dict[str, Any]]:
    """The sets once there are ``count`` of them (the page sends them in the background)."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = sets_on_server(live_server, account, exercise=exercise)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def log_history(
    live_server: LiveServer, account: Account, sets: list[tuple[str, float, int, str]]
) -> None:
    """Sets logged through the API: (exercise, load, reps, ISO time with offset), at RPE 8."""
    with live_server.client(account) as c:
        for exercise, load, reps, when in sets:
            r = c.post(
                "/api/v1/users/me/log/sets",
                json={
                    "uuid": str(uuid.uuid4()), "exercise": exercise, "load": load, "reps": reps,
                    "rpe": 8, "performed_at": when,
                },
            )
            assert r.status_code == 201, r.text


def make_plan(
    live_server: LiveServer, account: Account, start: dt.date, template: str | None = None
) -> dict[str, Any]:
    """A plan starting on ``start``: from ``template``, or from the account's profile (the
    optimiser). Tests that need given exercises on given days use a template."""
    body: dict[str, Any] = {"start": start.isoformat()}
    if template is not None:
        body["template"] = template
    with live_server.client(account) as c:
        r = c.post("/api/v1/users/me/plans", json=body)
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body


_accounts: WeakKeyDictionary[Any, Account] = WeakKeyDictionary()
_clocked: WeakKeyDictionary[Any, bool] = WeakKeyDictionary()


def set_clock(context: BrowserContext, live_server: LiveServer, when: dt.datetime) -> None:
    """Move the server's clock and the phone's to ``when``; both run on from there (a set logged
    on the phone carries the phone's time, which the server checks against its own day)."""
    live_server.set_now(when)
    if context in _clocked:
        context.clock.set_system_time(when)
    else:
        context.clock.install(time=when)
        _clocked[context] = True


def account_of(page: Page) -> Account:
    """The account a page of :func:`signed_in` is signed in as."""
    return _accounts[page]


def signed_in(
    phone: BrowserContext,
    live_server: LiveServer,
    role: str = "lifter",
    *,
    profile: dict[str, Any] | None = PROFILE,
    timezone: str = "UTC",
) -> Page:
    """A new page of ``phone`` signed in as a new account (registered through the API; a lifter
    gets ``profile`` unless it is None; a coach none)."""
    account = live_server.register(
        role=role, timezone=timezone, profile=profile if role == "lifter" else None
    )
    phone.add_cookies(
        [{"name": "spotter_session", "value": account.cookie, "url": live_server.url}]
    )
    page = phone.new_page()
    _accounts[page] = account
    return page


#: Impacts that fail the accessibility check.
SERIOUS = ("serious", "critical")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (id, impact, help, first nodes)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate((VENDOR / "axe.min.js").read_text(encoding="utf-8") + "\n;void 0;")
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return found


def assert_accessible(page: Page) -> None:
    """No axe-core violation of serious or critical impact on the page."""
    bad = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    assert not bad, f"{page.url}: accessibility violations: {bad}"
