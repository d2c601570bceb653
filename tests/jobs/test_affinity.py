"""`spotter worker --cpus`: the cores a worker runs on, and how `auto` spreads the workers of one
machine over its cores through lock files the kernel releases when a worker dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from spotter.errors import ValidationError
from spotter.jobs.affinity import claim_cores, parse_cpus

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity"), reason="pinning needs sched_setaffinity (Linux)"
)


def test_a_list_of_cores_outside_the_allowed_ones_is_refused_naming_the_option() -> None:
    with pytest.raises(ValidationError) as err:
        parse_cpus("0,7", {0, 1})
    assert err.value.field == "--cpus" and "core 7" in str(err.value) and "0-1" in str(err.value)
    with pytest.raises(ValidationError):
        parse_cpus("3-1", {0, 1, 2, 3})


def test_auto_gives_each_worker_a_core_of_its_own_then_shares_them_evenly(
    tmp_path: Path,
) -> None:
    claims = [claim_cores(1, {0, 1}, tmp_path) for _ in range(4)]
    assert [c.cores if c else None for c in claims] == [
        frozenset({0}), frozenset({1}), frozenset({0}), frozenset({1})
    ]
    assert claims[0] is not None and claims[1] is not None
    claims[1].release()  # that worker stopped: the next one takes its core
    again = claim_cores(1, {0, 1}, tmp_path)
    assert again is not None and again.cores == frozenset({1})
    two = claim_cores(2, {0, 1, 2}, tmp_path)  # --concurrency 2: two distinct cores
    assert two is not None and two.cores == frozenset({2, 0})  # the free core 2, then core 0
    for c in [*claims, again, two]:
        if c is not None:
            c.release()


def _run(code: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            stdout=subprocess.PIPE, text=True)


def test_a_killed_workers_core_is_free_again_and_a_pinned_process_runs_on_its_core_only(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SPOTTER_RUNTIME_DIR": str(tmp_path)}
    holder = _run("""
        import sys, time
        from spotter.jobs.affinity import place
        placed = place("auto")
        print(sorted(placed.cores or []), flush=True)
        time.sleep(120)
    """, env)
    assert holder.stdout is not None
    first = holder.stdout.readline().strip()
    allowed = sorted(os.sched_getaffinity(0))
    assert first == str([allowed[0]])
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    probe = _run("""
        import os, threading
        from spotter.jobs.affinity import place
        started = threading.Event()
        stop = threading.Event()
        def idle():
            started.set()
            stop.wait()
        early = threading.Thread(target=idle)
        early.start()
        started.wait()
        placed = place("auto")
        print(sorted(placed.cores or []), sorted(os.sched_getaffinity(0)),
              sorted(os.sched_getaffinity(early.native_id)), flush=True)
        stop.set()
    """, env)
    out, _ = probe.communicate(timeout=60)
    core = str([allowed[0]])
    # the core of the killed holder is taken again; the thread started before pinning moved too
    assert out.strip() == f"{core} {core} {core}"
