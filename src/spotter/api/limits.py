"""Request body size limits, enforced before a large body is read.

Documented maxima (``BodyLimits`` takes others):

* a JSON body (``application/json``, ``*+json``, a form, or no content type): **1 MB**;
* an uploaded file (any other content type: ``multipart/form-data``, ``text/csv``,
  ``application/octet-stream``, ...), such as an import file: **20 MB**.

A request whose ``Content-Length`` is over the limit is answered ``413`` with a problem+json body
at once, without reading the body; a body sent without a length (chunked) is counted as it arrives
and answered ``413`` as soon as it passes the limit; the route never sees it.

Login lockout (too many failed passwords for one account) is decided by
:mod:`spotter.services.auth` and surfaces as ``429`` with a ``Retry-After`` header through the
API's error handler (:mod:`spotter.api.problems`). :class:`AddressThrottle` adds limits per
client address: 30 failed logins in 10 minutes (one address trying a password on many accounts,
which no account's lockout sees) and 20 new accounts in an hour, then 429 until the oldest event
leaves the window. The app counts them in the database (:class:`SharedAddressThrottle`, table
``address_event``), so every server process on one database shares the allowance; behind a
reverse proxy run uvicorn with ``--proxy-headers`` so that the address is the client's, not the
proxy's.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta
from email.message import Message as _MimeMessage
from typing import TYPE_CHECKING

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spotter.api.problems import PROBLEM_JSON, problem_type
from spotter.errors import RateLimitedError

if TYPE_CHECKING:
    from spotter.compose import Runtime

__all__ = [
    "JSON_LIMIT_BYTES",
    "UPLOAD_LIMIT_BYTES",
    "AddressThrottle",
    "BodyLimits",
    "SharedAddressThrottle",
    "client_address",
    "failed_logins",
    "limit_for",
    "login_throttle",
    "new_accounts",
    "register_throttle",
]

#: The largest JSON body accepted (1 MB).
JSON_LIMIT_BYTES = 1_000_000
#: The largest uploaded file body accepted, such as an import file (20 MB).
UPLOAD_LIMIT_BYTES = 20_000_000


def _is_json_like(content_type: str | None) -> bool:
    if not content_type:
        return True
    mime = _MimeMessage()
    mime["content-type"] = content_type
    main, sub = mime.get_content_maintype(), mime.get_content_subtype()
    if main == "application" and (sub == "json" or sub.endswith("+json")):
        return True
    return main == "application" and sub == "x-www-form-urlencoded"


def limit_for(
    content_type: str | None,
    *,
    json_limit: int = JSON_LIMIT_BYTES,
    upload_limit: int = UPLOAD_LIMIT_BYTES,
) -> int:
    """The largest body accepted with this content type.

    >>> limit_for("application/json; charset=utf-8"), limit_for("application/problem+json")
    (1000000, 1000000)
    >>> limit_for("multipart/form-data; boundary=x"), limit_for("text/csv")
    (20000000, 20000000)
    >>> limit_for(None)
    1000000
    """
    return json_limit if _is_json_like(content_type) else upload_limit


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def _problem(limit: int, content_type: str | None) -> bytes:
    kind = "a JSON body" if _is_json_like(content_type) else "an uploaded file"
    return json.dumps(
        {
            "type": problem_type("too-large"),
            "title": "Content Too Large",
            "status": 413,
            "detail": f"the request body is larger than {_megabytes(limit)}, "
            f"the most accepted for {kind}",
        }
    ).encode()


class BodyLimits:
    """ASGI middleware refusing request bodies over the limit of their content type (413)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        json_limit: int = JSON_LIMIT_BYTES,
        upload_limit: int = UPLOAD_LIMIT_BYTES,
    ) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type")
        limit = limit_for(content_type, json_limit=self.json_limit, upload_limit=self.upload_limit)
        declared = headers.get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _send_too_large(send, limit, content_type)
            return

        received = 0
        refused = False  # the 413 went out; the app's own answer is dropped
        app_started = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not app_started:
                    refused = True
                    await _send_too_large(send, limit, content_type)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal app_started
            if refused:
                return
            if message["type"] == "http.response.start":
                app_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:  # the app failed because the body was cut off: already answered
                raise


async def _send_too_large(send: Send, limit: int, content_type: str | None) -> None:
    body = _problem(limit, content_type)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})



class AddressThrottle:
    """Events per client address in a sliding window (failed logins, new accounts); over the
    limit, :meth:`check` raises :class:`RateLimitedError` (429) saying how long to wait.

    >>> t = AddressThrottle(limit=2, window_s=60, what="failed logins", clock=lambda: 100.0)
    >>> t.count("10.0.0.1"); t.count("10.0.0.1")
    >>> t.check("10.0.0.2")  # another address is not affected
    >>> t.check("10.0.0.1")
    Traceback (most recent call last):
    ...
    spotter.errors.RateLimitedError: too many failed logins from this address; try again in 60 s
    """

    def __init__(
        self,
        *,
        limit: int,
        window_s: float,
        what: str,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.what = what
        self.max_addresses = max_addresses
        self._clock = clock
        self._lock = threading.Lock()
        self._events: dict[str, deque[float]] = {}

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._events.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._events[key]
        return times

    def check(self, key: str) -> None:
        """Raise while ``key`` has reached the limit."""
        now = self._clock()
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.limit:
                return
            wait = max(1, math.ceil(times[0] + self.window_s - now))
        raise RateLimitedError(
            f"too many {self.what} from this address; try again in {wait} s",
            retry_after_s=wait,
        )

    def count(self, key: str) -> None:
        """Count one event from ``key``."""
        now = self._clock()
        with self._lock:
            times = self._recent(key, now)
            if not times:
                if len(self._events) >= self.max_addresses:  # forget the stalest address
                    stalest = min(self._events, key=lambda k: self._events[k][-1])
                    del self._events[stalest]
                self._events[key] = times
            times.append(now)


class SharedAddressThrottle(AddressThrottle):
    """The same limit counted in the database (``address_event``, as ``kind``), so that every
    server process on one database sees every event; times come from the runtime's clock."""

    def __init__(
        self, runtime: Runtime, *, kind: str, limit: int, window_s: float, what: str
    ) -> None:
        super().__init__(limit=limit, window_s=window_s, what=what)
        self.runtime = runtime
        self.kind = kind

    def check(self, key: str) -> None:
        from spotter.services.address_limits import recent_events

        now = self.runtime.now()
        window = timedelta(seconds=self.window_s)
        times = recent_events(self.runtime.uow(), self.kind, key, now=now, window=window)
        if len(times) < self.limit:
            return
        leaves = times[len(times) - self.limit] + window  # when the count drops below the limit
        wait = max(1, math.ceil((leaves - now).total_seconds()))
        raise RateLimitedError(
            f"too many {self.what} from this address; try again in {wait} s",
            retry_after_s=wait,
        )

    def count(self, key: str) -> None:
        from spotter.services.address_limits import count_event

        window = timedelta(seconds=self.window_s)
        count_event(self.runtime.uow(), self.kind, key, now=self.runtime.now(), window=window)


def failed_logins(runtime: Runtime | None = None) -> AddressThrottle:
    """The default limit of failed logins: 30 from one address in 10 minutes (in the database
    of ``runtime`` when given, else in this process)."""
    if runtime is not None:
        return SharedAddressThrottle(
            runtime, kind="failed-login", limit=30, window_s=600, what="failed logins"
        )
    return AddressThrottle(limit=30, window_s=600, what="failed logins")


def new_accounts(runtime: Runtime | None = None) -> AddressThrottle:
    """The default limit of registrations: 20 from one address in an hour (in the database of
    ``runtime`` when given, else in this process)."""
    if runtime is not None:
        return SharedAddressThrottle(
            runtime, kind="registration", limit=20, window_s=3600, what="new accounts"
        )
    return AddressThrottle(limit=20, window_s=3600, what="new accounts")


_THROTTLE_LOCK = threading.Lock()


def _throttle(
    request: Request, name: str, make: Callable[[Runtime], AddressThrottle]
) -> AddressThrottle:
    state = request.app.state
    found = getattr(state, name, None)
    if isinstance(found, AddressThrottle):
        return found
    with _THROTTLE_LOCK:
        found = getattr(state, name, None)
        if not isinstance(found, AddressThrottle):
            found = make(state.runtime)
            setattr(state, name, found)
    return found


def login_throttle(request: Request) -> AddressThrottle:
    """The app's failed-login throttle (``app.state.login_throttle``, made on first use, counted
    in the app's database)."""
    return _throttle(request, "login_throttle", failed_logins)


def register_throttle(request: Request) -> AddressThrottle:
    """The app's registration throttle (``app.state.register_throttle``, made on first use,
    counted in the app's database)."""
    return _throttle(request, "register_throttle", new_accounts)


def client_address(request: Request) -> str:
    """The address a request came from ("unknown" when the server does not say)."""
    return request.client.host if request.client is not None else "unknown"
