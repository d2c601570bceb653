"""Pinning a ``spotter worker`` process to CPU cores (``--cpus``).

Why: MediaPipe runs a pose graph's calculators on a thread pool of its own, so one unpinned
worker keeps about 1.4 cores busy for one clip. Two unpinned workers on two cores then fight over
the cores (each wants 1.4), and the second worker adds little throughput. A worker pinned to one
core spends the same CPU time per clip (its threads take turns on the core instead of running
side by side), so N pinned workers on N cores do about N times the work of one.

``--cpus`` takes:

* ``none`` (the default): no pinning; the operating system places the threads;
* ``auto``: the core of this machine with the fewest Spotter workers pinned to it (the lowest
  numbered among equals), one core per ``--concurrency`` slot. Run one ``spotter worker --cpus
  auto`` per core and each gets its own; more workers than cores share them evenly. The claim is
  an exclusive ``flock`` on a file in the runtime folder (:func:`runtime_dir`), which the kernel
  releases when the process ends however it ends (SIGKILL included), so a dead worker's core is
  free again at once. Where that is unavailable (no ``sched_setaffinity``, no ``flock``), or
  in a container with a CPU quota (its lock folder is its own, so containers on one host would
  all pick the same core), the worker runs unpinned and says so;
* a list of cores, ``0``, ``0,2``, ``2-3``: the process runs on those cores only (like
  ``taskset``); they must be among the cores this process may use.

The parsing and the order in which ``auto`` tries cores are pure functions; the locks and the
system calls are in :func:`claim_cores` and :func:`pin`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from spotter.errors import ValidationError

#: The environment variable naming the folder of the core locks (default: :func:`runtime_dir`).
RUNTIME_ENV = "SPOTTER_RUNTIME_DIR"
#: The most workers ``auto`` stacks on one core before it gives up pinning.
MAX_PER_CORE = 64
#: The ``--cpus`` words.
NONE = "none"
AUTO = "auto"


def parse_cpus(text: str, allowed: Iterable[int]) -> frozenset[int] | str:
    """``--cpus``: ``"none"``, ``"auto"`` or the set of cores a list names.

    ``allowed`` is the set of cores the process may run on (``os.sched_getaffinity(0)``); a core
    outside it is refused, naming the cores there are.

    >>> parse_cpus("auto", {0, 1}), parse_cpus(" None ", {0, 1})
    ('auto', 'none')
    >>> sorted(parse_cpus("0,2-3", range(4)))
    [0, 2, 3]
    >>> parse_cpus("5", {0, 1})
    Traceback (most recent call last):
    ...
    spotter.errors.ValidationError: --cpus 5: core 5 is not one this process may use (0-1)
    >>> parse_cpus("1-x", {0, 1})
    Traceback (most recent call last):
    ...
    spotter.errors.ValidationError: --cpus 1-x: expected auto, none, or cores such as 0, 0,2 or 1-3
    """
    value = text.strip().lower()
    if value in (NONE, AUTO):
        return value
    usable = frozenset(allowed)
    cores: set[int] = set()
    try:
        for part in value.split(","):
            first, dash, last = part.strip().partition("-")
            low = int(first)
            high = int(last) if dash else low
            if low < 0 or high < low:
                raise ValueError(part)
            cores.update(range(low, high + 1))
    except ValueError:
        raise ValidationError(
            f"--cpus {text}: expected auto, none, or cores such as 0, 0,2 or 1-3", field="--cpus"
        ) from None
    outside = sorted(cores - usable)
    if outside:
        raise ValidationError(
            f"--cpus {text}: core {outside[0]} is not one this process may use "
            f"({describe(usable)})",
            field="--cpus",
        )
    return frozenset(cores)


def describe(cores: Iterable[int]) -> str:
    """Cores as ranges.

    >>> describe({0, 1, 2, 5, 7, 8}), describe(set())
    ('0-2,5,7-8', 'none')
    """
    ordered = sorted(cores)
    if not ordered:
        return "none"
    runs: list[tuple[int, int]] = []
    for core in ordered:
        if runs and core == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], core)
        else:
            runs.append((core, core))
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def slot_order(cores: Iterable[int], per_core: int = MAX_PER_CORE) -> Iterator[tuple[int, int]]:
    """The (core, slot) pairs ``auto`` tries, in order: the first slot of every core before
    the second of any, so workers fill the cores evenly, lowest core first.

    >>> list(slot_order({1, 0}, per_core=2))
    [(0, 0), (1, 0), (0, 1), (1, 1)]
    """
    ordered = sorted(cores)
    for slot in range(per_core):
        for core in ordered:
            yield core, slot


def runtime_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the core locks: ``SPOTTER_RUNTIME_DIR``, else ``spotter`` in
    ``XDG_RUNTIME_DIR``, else ``spotter-<uid>`` in the temporary folder. Every worker of one
    machine (and one user) must see the same folder for ``auto`` to spread them."""
    env = os.environ if env is None else env
    chosen = env.get(RUNTIME_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    xdg = env.get("XDG_RUNTIME_DIR", "").strip()
    if xdg:
        return Path(xdg) / "spotter"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"spotter-{uid}"


def usable_cores() -> frozenset[int]:
    """The cores this process may run on (its affinity: taskset, a container's cpuset)."""
    if hasattr(os, "sched_getaffinity"):
        return frozenset(os.sched_getaffinity(0))
    return frozenset(range(os.cpu_count() or 1))


def quota_cores(cpu_max: str) -> float | None:
    """The cores a cgroup v2 ``cpu.max`` line allows (quota over period); None for no quota.

    >>> quota_cores("max 100000"), quota_cores("150000 100000"), quota_cores("")
    (None, 1.5, None)
    """
    parts = cpu_max.split()
    if len(parts) != 2 or parts[0] == "max":
        return None
    try:
        return int(parts[0]) / int(parts[1])
    except (ValueError, ZeroDivisionError):
        return None


def cpu_quota() -> float | None:
    """The CPU quota of this process's container in cores (cgroup v2, else v1); None without
    one. A container with a quota usually cannot see which cores other containers pin to."""
    try:
        return quota_cores(Path("/sys/fs/cgroup/cpu.max").read_text())
    except OSError:
        pass
    try:
        quota = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read_text())
        period = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


@dataclass
class CoreClaim:
    """Cores claimed by ``auto``: held (their lock files open and locked) until :meth:`release`
    or the end of the process."""

    cores: frozenset[int]
    _files: list[IO[bytes]] = field(default_factory=list, repr=False)

    def release(self) -> None:
        for f in self._files:
            f.close()  # closing the file drops its flock
        self._files.clear()


def claim_cores(count: int, allowed: Iterable[int], folder: Path) -> CoreClaim | None:
    """Claim ``count`` distinct cores (at most as many as there are) with the fewest workers
    on them, by locking ``cpu<core>.<slot>.lock`` files in ``folder``; None when locks cannot
    be taken on this system or every slot is held."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        return None
    cores = sorted(set(allowed))
    want = max(1, min(count, len(cores)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    claim = CoreClaim(frozenset())
    taken: set[int] = set()
    for core, slot in slot_order(cores):
        if len(taken) == want:
            break
        if core in taken:
            continue
        try:
            f = (folder / f"cpu{core}.{slot}.lock").open("ab")
        except OSError:
            claim.release()
            return None
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another worker holds this slot
            f.close()
            continue
        claim._files.append(f)
        taken.add(core)
    if not taken:
        return None
    claim.cores = frozenset(taken)
    return claim


def pin(cores: Iterable[int]) -> bool:
    """Run this process (every thread it has, and those it starts later) on ``cores`` only;
    False where the system has no ``sched_setaffinity``."""
    chosen = set(cores)
    if not hasattr(os, "sched_setaffinity"):
        return False
    os.sched_setaffinity(0, chosen)  # this thread; threads started later inherit it
    try:
        threads = [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        threads = []
    for tid in threads:  # threads started before (a library's pool)
        try:
            os.sched_setaffinity(tid, chosen)
        except OSError:  # the thread ended meanwhile
            continue
    return True


@dataclass(frozen=True)
class Placement:
    """Where a worker runs: the cores it is pinned to (None: unpinned) and why."""

    cores: frozenset[int] | None
    note: str
    claim: CoreClaim | None = None


def place(
    cpus: str, *, concurrency: int = 1, env: Mapping[str, str] | None = None
) -> Placement:
    """Apply ``--cpus`` to this process (see the module's description)."""
    allowed = usable_cores()
    chosen = parse_cpus(cpus, allowed)
    if chosen == NONE:
        return Placement(None, "not pinned to cores")
    if not hasattr(os, "sched_setaffinity"):
        return Placement(None, "not pinned: this system cannot pin a process to cores")
    if chosen == AUTO:
        quota = cpu_quota()
        if quota is not None:  # containers on one host would all pick the same first core
            return Placement(
                None, f"not pinned: this container has a CPU quota ({quota:g} cores), so "
                "--cpus auto cannot see the cores other containers use; give a list of cores "
                "or none",
            )
        claim = claim_cores(concurrency, allowed, runtime_dir(env))
        if claim is None:
            return Placement(
                None, f"not pinned: no core lock could be taken in {runtime_dir(env)}"
            )
        pin(claim.cores)
        return Placement(claim.cores, f"pinned to core {describe(claim.cores)} (auto)", claim)
    assert isinstance(chosen, frozenset)
    pin(chosen)
    return Placement(chosen, f"pinned to core {describe(chosen)}")
