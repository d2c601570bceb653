"""Fixtures of the browser tests: the app served live, Chromium through Playwright, a phone.

* ``live_server`` (one per test module): uvicorn on 127.0.0.1 and a free port, serving the whole
  app over a fresh migrated SQLite file, with a settable clock (``live_server.set_now(when)``;
  each test starts on the wall clock again);
* ``browser`` (one per worker): the distribution's Chromium (``/usr/bin/chromium``, or
  ``SPOTTER_CHROMIUM``) driven by Playwright; without it the browser tests skip with the reason,
  and with ``CI=true`` they fail (``.ci/run`` installs Debian's ``chromium``);
* ``phone``: a new browser context the size of a phone (390x844, touch, scale 2);
* ``signed_in(phone, live_server, role="lifter")``: a page signed in as a new account registered
  through the API (a lifter with the default profile of :data:`helpers.PROFILE`);
* ``assert_accessible(page)``: axe-core finds no violation of serious or critical impact.

Mark browser tests ``@pytest.mark.browser``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import LiveServer, new_phone, start_server
from helpers import assert_accessible as _assert_accessible
from helpers import signed_in as _signed_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

#: Where the distribution's Chromium is (Debian's package); SPOTTER_CHROMIUM overrides it.
CHROMIUM = "/usr/bin/chromium"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def live_server(
    _sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The app served on loopback over a fresh database (one per test module)."""
    tmp = tmp_path_factory.mktemp("live")
    db = tmp / "spotter.db"
    shutil.copyfile(_sqlite_template, db)
    server = start_server(db, tmp / "home")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium (headless), shared by every browser test of the worker."""
    executable = os.environ.get("SPOTTER_CHROMIUM", CHROMIUM)
    if not Path(executable).exists():
        _unavailable(f"no Chromium at {executable} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    """A new phone-sized browser context (390x844, touch, scale 2) on the live server."""
    context = new_phone(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def signed_in() -> Callable[..., Any]:
    """``signed_in(phone, live_server, role="lifter", profile=..., timezone=...)`` -> a page."""
    return _signed_in


@pytest.fixture
def assert_accessible() -> Callable[..., None]:
    """``assert_accessible(page)``: no serious or critical axe-core violation."""
    return _assert_accessible
