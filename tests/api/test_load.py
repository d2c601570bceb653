"""A short load test on loopback: concurrent clients logging sets, some retried, none lost or doubled.

The real API under uvicorn in a thread on a free port; 6 clients over 2 lifters each log up to
10 sets with uuids they choose: every fourth is sent again with the same uuid after its answer
(as if the answer was lost), every eighth twice at once. Every set a client was told was stored
must be in the log exactly once, and nothing else. Stops by itself: a quota of 10 sets a client
and a 15 s deadline (on a slow machine fewer sets are logged; none may go missing). The
50-client, 60 s version is bench/bench_load.py.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import uvicorn
from security_harness import close_app, make_app, module_db_url

from conftest import BACKENDS, ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "bench_load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture(params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The API under uvicorn in a thread, on a free loopback port: its base URL."""
    for url in module_db_url(request, tmp_path):
        app = make_app(url, tmp_path)
        sock = bench.free_socket()
        port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started, "uvicorn did not start within 10 s"
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()
            close_app(app)


def test_concurrent_clients_retrying_sets_lose_none_and_store_none_twice(served: str) -> None:
    result = bench.run_load(served, clients=6, lifters=2, seconds=15, quota=10)
    report = "\n".join(result.lines())
    assert result.expected >= 6 * 3, report  # each client got at least its first retries in
    assert result.retries >= 6 * 2, report  # a resend and a double tap for each client
    assert result.lost == 0, report
    assert result.duplicated == 0, report
    assert result.unexpected == 0, report
    assert result.found == result.expected, report
    assert not result.errors, report
