"""Concurrent lifters logging sets over HTTP: latency, throughput, and not one set lost or doubled.

The API runs under uvicorn on loopback (its own process here; the short test in
tests/api/test_load.py runs it in a thread). Each client is a lifter's phone: it logs sets with
uuids it chooses, and acts as if a response was lost on every fourth set (it sends the same set
again, same uuid, after the first answer) and double-taps every eighth (the same set twice at
once). At the end every lifter's log is read back
through the API: each set a client was told was stored must be there exactly once, and nothing
else (0 lost, 0 duplicated).

    nice -n 10 python bench/bench_load.py                  # PostgreSQL of SPOTTER_TEST_PG_URL
    nice -n 10 python bench/bench_load.py --db postgresql://... --clients 50 --seconds 60
    python bench/bench_load.py --db sqlite:///tmp/load.db --clients 8 --seconds 5

On PostgreSQL a scratch database is created next to the one named (and dropped afterwards).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

API = "/api/v1"
PASSWORD = "load test passphrase"
EXERCISES = ("barbell back squat", "barbell bench press", "barbell deadlift", "barbell row")


@dataclass
class Lifter:
    username: str
    token: str
    stored: set[str] = field(default_factory=set)  # uuids the API said it stored
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class LoadResult:
    """What a run measured."""

    clients: int
    seconds: float
    requests: int
    retries: int
    errors: Counter[str]
    latencies_ms: list[float]
    expected: int  # sets clients were told were stored
    found: int  # sets read back
    lost: int  # told stored, not found
    duplicated: int  # found more than once
    unexpected: int  # found but never sent

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.latencies_ms) < 2:
            return self.p50_ms
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[94]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        return [
            f"clients {self.clients}, {self.seconds:.1f} s, {self.requests} requests "
            f"({self.retries} of them retries), {self.rate:.1f} requests/s",
            f"latency p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms",
            f"sets stored {self.expected}, read back {self.found}: lost {self.lost}, "
            f"duplicated {self.duplicated}, unexpected {self.unexpected}",
            f"errors: {errors}",
        ]


def free_socket() -> socket.socket:
    """A listening socket on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def setup_lifters(base: str, count: int) -> list[Lifter]:
    """Register ``count`` lifters, each with a read-write token."""
    tag = secrets.token_hex(3)
    out = []
    with httpx.Client(base_url=base, timeout=30) as c:
        for i in range(count):
            name = f"load{i}.{tag}"
            r = c.post(f"{API}/auth/register", json={"username": name, "password": PASSWORD})
            r.raise_for_status()
            r = c.post(f"{API}/auth/login", json={"username": name, "password": PASSWORD})
            r.raise_for_status()
            csrf = r.json()["csrf_token"]
            r = c.post(
                f"{API}/auth/tokens",
                json={"name": "load", "scopes": ["read", "write"]},
                headers={"X-CSRF-Token": csrf},
            )
            r.raise_for_status()
            c.cookies.clear()
            out.append(Lifter(name, r.json()["token"]))
    return out


class Client(threading.Thread):
    """One phone: logs sets until the deadline (or its quota), retrying like a real client."""

    def __init__(
        self,
        base: str,
        lifter: Lifter,
        *,
        deadline: float,
        quota: int | None,
        seed: int,
        stats: Stats,
    ) -> None:
        super().__init__(daemon=True)
        self.base, self.lifter, self.deadline, self.quota = base, lifter, deadline, quota
        self.rng = random.Random(seed)
        self.stats = stats

    def _post(self, c: httpx.Client, body: dict[str, Any], *, retry: bool) -> int | None:
        start = time.perf_counter()
        try:
            r = c.post(f"{API}/users/me/log/sets", json=body)
        except httpx.HTTPError as exc:
            self.stats.add(None, 0.0, retry, type(exc).__name__)
            return None
        ms = (time.perf_counter() - start) * 1000
        self.stats.add(r.status_code, ms, retry, None if r.status_code < 300 else str(r.status_code))
        return r.status_code

    def _send(self, c: httpx.Client, body: dict[str, Any], n: int) -> None:
        """Send the ``n``-th set until an answer says it is stored (at most 4 tries, same
        uuid); every fourth is sent again after its answer, every eighth twice at once."""
        twin: threading.Thread | None = None
        if n % 8 == 2:  # a double tap: the same set twice at once
            twin = threading.Thread(target=self._post, args=(c, body), kwargs={"retry": True})
            twin.start()
        status = self._post(c, body, retry=False)
        if status is not None and status < 300 and n % 4 == 0:
            status = self._post(c, body, retry=True)  # as if the first answer was lost
        tries = 1
        while (status is None or status >= 500) and tries < 4:
            time.sleep(0.05 * tries)
            status = self._post(c, body, retry=True)
            tries += 1
        if twin is not None:
            twin.join()
        if status is not None and status < 300:
            with self.lifter.lock:
                self.lifter.stored.add(body["uuid"])

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.lifter.token}"}
        sent = 0
        with httpx.Client(base_url=self.base, headers=headers, timeout=30) as c:
            while time.monotonic() < self.deadline and (self.quota is None or sent < self.quota):
                body = {
                    "uuid": str(uuid.uuid4()),
                    "exercise": self.rng.choice(EXERCISES),
                    "load": self.rng.choice((60, 80, 100, 120)),
                    "reps": self.rng.randint(1, 12),
                    "notes": "load",
                }
                self._send(c, body, sent)
                sent += 1


class Stats:
    """Every request's status and latency, from all threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.requests = 0
        self.retries = 0
        self.errors: Counter[str] = Counter()

    def add(self, status: int | None, ms: float, retry: bool, error: str | None) -> None:
        with self.lock:
            self.requests += 1
            self.retries += retry
            if status is not None:
                self.latencies.append(ms)
            if error is not None:
                self.errors[error] += 1


def read_back(base: str, lifter: Lifter) -> Counter[str]:
    """How many times each uuid is in the lifter's log (every page of GET log/sets)."""
    seen: Counter[str] = Counter()
    headers = {"Authorization": f"Bearer {lifter.token}"}
    cursor: str | None = None
    with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
        while True:
            params: dict[str, Any] = {"limit": 500}
            if cursor:
                params["cursor"] = cursor
            r = c.get(f"{API}/users/me/log/sets", params=params)
            r.raise_for_status()
            page = r.json()
            seen.update(s["uuid"] for s in page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return seen


def run_load(
    base: str,
    *,
    clients: int,
    lifters: int,
    seconds: float,
    quota: int | None = None,
    seed: int = 1,
) -> LoadResult:
    """Run ``clients`` concurrent clients over ``lifters`` lifters against ``base``."""
    people = setup_lifters(base, lifters)
    stats = Stats()
    start = time.monotonic()
    threads = [
        Client(
            base,
            people[i % lifters],
            deadline=start + seconds,
            quota=quota,
            seed=seed * 1000 + i,
            stats=stats,
        )
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    elapsed = time.monotonic() - start
    lost = duplicated = unexpected = found = expected = 0
    for p in people:
        seen = read_back(base, p)
        found += sum(seen.values())
        expected += len(p.stored)
        lost += len(p.stored - set(seen))
        duplicated += sum(n - 1 for n in seen.values() if n > 1)
        unexpected += len(set(seen) - p.stored)
    return LoadResult(
        clients=clients,
        seconds=elapsed,
        requests=stats.requests,
        retries=stats.retries,
        errors=stats.errors,
        latencies_ms=stats.latencies,
        expected=expected,
        found=found,
        lost=lost,
        duplicated=duplicated,
        unexpected=unexpected,
    )


# -- the benchmark: a server process on a scratch database ----------------------------------------


def _scratch_database(url: str) -> tuple[str, str | None]:
    """A new empty database on the server of ``url`` (PostgreSQL), or the URL itself (SQLite)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    from spotter.store.db import normalize_url

    u = make_url(normalize_url(url))
    if u.get_backend_name() != "postgresql":
        return url, None
    name = f"spotter_bench_{os.getpid()}_{secrets.token_hex(2)}"
    admin = create_engine(u, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return u.set(database=name).render_as_string(hide_password=False), name


def _drop_database(url: str, name: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    from spotter.store.db import normalize_url

    admin = create_engine(make_url(normalize_url(url)), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def serve(db: str, fd: int) -> None:
    """Run the API on ``db`` under uvicorn on an inherited listening socket (the server process)."""
    import uvicorn

    from spotter.api.app import create_app
    from spotter.api.limits import AddressThrottle
    from spotter.compose import Runtime
    from spotter.config import Settings

    home = Path(tempfile.mkdtemp(prefix="spotter-load-"))
    settings = Settings(db_url=db, data_dir=home / "data", cache_dir=home / "cache")
    app = create_app(Runtime(settings, auto_migrate=False))
    # every lifter of the run registers from this machine: lift the per-address limit
    app.state.register_throttle = AddressThrottle(limit=10**9, window_s=1, what="new accounts")
    sock = socket.socket(fileno=fd)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("SPOTTER_TEST_PG_URL"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--lifters", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--serve-fd", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.db:
        sys.exit("no database: pass --db URL or set SPOTTER_TEST_PG_URL")
    if args.serve_fd is not None:
        serve(args.db, args.serve_fd)
        return

    from spotter.store.db import open_engine

    db, scratch = _scratch_database(args.db)
    try:
        open_engine(db, auto_migrate=True).dispose()
        sock = free_socket()
        port = sock.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, __file__, "--db", db, "--serve-fd", str(sock.fileno())],
            pass_fds=[sock.fileno()],
        )
        sock.close()
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_up(base)
            result = run_load(
                base,
                clients=args.clients,
                lifters=args.lifters,
                seconds=args.seconds,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if scratch is not None:
            _drop_database(args.db, scratch)
    backend = "PostgreSQL" if scratch is not None else "SQLite"
    print(f"bench_load on {backend}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    for line in result.lines():
        print(line)
    if result.lost or result.duplicated or result.unexpected:
        sys.exit(1)


def _wait_up(base: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if httpx.get(f"{base}{API}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the API did not come up at {base} within {timeout:.0f} s")


if __name__ == "__main__":
    main()
