"""Form-check throughput through 1, 2 and 4 `spotter worker` processes on one PostgreSQL,
unpinned (``--cpus none``) and one core each (``--cpus auto``), side by side.

N clips (copies of the real clips in ../shared/data/pose, each made distinct by a trailing MP4
``free`` box holding its number, so that clip storage keeps N files) are queued at once on a fresh
database; the workers, already started and registered, analyse them (report and annotated
video). Throughput is clip-seconds analysed per wall-second, from queueing the first job to the
last check stored; the speed-up is against one worker. The workers' CPU seconds for the jobs are
printed too (clip-seconds per CPU-second does not depend on what else runs), and the machine's
load average before and after each run: on shared cores the wall-clock ratio says more about the
neighbours than about Spotter.

Two ratios are printed for each run: against one worker of the same placement (how that setup
scales) and against the best one-worker run of any placement (what the machine gains overall).
The workers' core locks go to a folder of the bench's own (``SPOTTER_RUNTIME_DIR``), so workers
of other programs on the machine do not change which cores ``auto`` picks.

    source /work/prompts/pg-env.sh   # SPOTTER_TEST_PG_URL: a server where databases may be made
    nice -n 10 python bench/bench_workers.py --clips 8 --workers 1,2,4 --cpus none,auto
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSE = ROOT.parent / "shared" / "data" / "pose"
CLIPS = ("pull-up_5", "pull-up_11", "push-up_37", "squat_18")
EXERCISE = {"pull-up": "pull-up", "push-up": "push-up", "squat": "bodyweight-squat"}


def distinct_copy(source: Path, target: Path, number: int) -> None:
    """``source`` with a top-level MP4 ``free`` box appended (ignored by every reader)."""
    payload = f"spotter bench copy {number}".encode()
    target.write_bytes(source.read_bytes() + struct.pack(">I", 8 + len(payload)) + b"free" + payload)


def duration_s(path: Path) -> float:
    import cv2

    cap = cv2.VideoCapture(str(path))
    try:
        return float(cap.get(cv2.CAP_PROP_FRAME_COUNT)) / float(cap.get(cv2.CAP_PROP_FPS))
    finally:
        cap.release()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a running process, all its threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_ticks() -> tuple[int, int]:
    """(all, idle) CPU ticks of the machine since boot (Linux /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(fields), fields[3] + fields[4]  # idle and iowait


def cores_of(pid: int) -> str:
    """The cores a process may run on (Linux /proc: ``Cpus_allowed_list``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Cpus_allowed_list:"):
            return "[" + line.split(":", 1)[1].strip() + "]"
    return "[?]"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def fresh_database(server_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from spotter.store.db import normalize_url, upgrade_database

    url = make_url(normalize_url(server_url))
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    db_url = url.set(database=name).render_as_string(hide_password=False)
    upgrade_database(db_url)  # what `spotter db upgrade` does: Spotter's tables and the queue's
    return db_url


def drop_database(server_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from spotter.store.db import normalize_url

    admin = create_engine(make_url(normalize_url(server_url)), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def run(server_url: str, workers: int, cpus: str, clips: list[tuple[Path, str]], home: Path) -> (
    tuple[float, float, str]
):
    """Wall seconds for ``workers`` processes (``--cpus cpus``) to analyse ``clips``, the CPU
    seconds the workers used for them, and the cores each worker ran on."""
    from sqlalchemy import text

    from spotter.access.model import Role
    from spotter.compose import Runtime
    from spotter.config import Settings
    from spotter.jobs.pg import defer
    from spotter.jobs.storage import ClipStore, check_video
    from spotter.store.form_check_repo import FormCheckRepository

    name = f"spotter_bench_workers_{os.getpid()}"
    db_url = fresh_database(server_url, name)
    store_dir = home / f"clips-{workers}-{cpus}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SPOTTER_CLIPS": str(store_dir),
           "SPOTTER_RUNTIME_DIR": str(home / f"run-{workers}-{cpus}"),
           "SPOTTER_DATA_DIR": str(home / "data"), "SPOTTER_CACHE_DIR": str(home / "cache")}
    os.environ["SPOTTER_CLIPS"] = str(store_dir)
    rt = Runtime(Settings(db_url=db_url, data_dir=home / "data", cache_dir=home / "cache"),
                 auto_migrate=False)
    now = datetime.now(UTC)
    with rt.uow() as uow:
        user = uow.accounts.add_user(username="bench", role=Role.LIFTER, timezone="UTC",
                                     password_hash=None, now=now)
        uow.commit()
    store = ClipStore(store_dir)
    checks = []
    with rt.uow(user.id) as uow:
        repo = FormCheckRepository(uow.connection, user.id)
        for path, exercise in clips:
            body = path.read_bytes()
            stored = store.put(body, check_video(body))
            check = str(uuid.uuid4())
            repo.add(uuid=check, exercise=exercise, content_sha256=stored.sha256,
                     clip_path=stored.path, media_type=stored.media_type,
                     size_bytes=stored.size_bytes, filename=path.name, load_text=None, reps=None,
                     now=now)
            checks.append(check)
        uow.commit()

    def count(sql: str) -> int:
        with rt.engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())

    command = [sys.executable, "-m", "spotter.cli", "--db", db_url, "worker", "--log-level",
               "warning", "--cpus", cpus]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(workers)]
    try:
        while count("SELECT count(*) FROM procrastinate.procrastinate_workers") < workers:
            time.sleep(0.1)
        idle = sum(cpu_seconds(p.pid) for p in procs)  # start-up, before any job
        ticks = machine_ticks()
        placed = " ".join(cores_of(p.pid) for p in procs)
        start = time.perf_counter()
        for check in checks:
            defer(db_url, check)
        while count("SELECT count(*) FROM form_check WHERE status IN ('done', 'failed')") < len(
            checks
        ):
            time.sleep(0.2)
        wall = time.perf_counter() - start
        cpu = sum(cpu_seconds(p.pid) for p in procs) - idle
        total, free = (b - a for a, b in zip(ticks, machine_ticks(), strict=True))
        spare = free / total if total else 0.0
        failed = count("SELECT count(*) FROM form_check WHERE status = 'failed'")
        if failed:
            print(f"  warning: {failed} checks failed", flush=True)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(120)
        from spotter.jobs.pg import close_deferrer

        close_deferrer(db_url)
        rt.close()
        drop_database(server_url, name)
    return wall, cpu, f"{placed}; the machine {spare:.0%} idle meanwhile"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clips", type=int, default=8, help="clips queued per run")
    parser.add_argument("--workers", default="1,2,4", help="worker processes per run")
    parser.add_argument("--cpus", default="none,auto",
                        help="the workers' --cpus, each compared (none: unpinned)")
    parser.add_argument("--pg-url", default=os.environ.get("SPOTTER_TEST_PG_URL", ""))
    args = parser.parse_args()
    if not args.pg_url:
        sys.exit("give --pg-url or set SPOTTER_TEST_PG_URL (a PostgreSQL server)")
    sources = [POSE / f"{n}.mp4" for n in CLIPS]
    if not all(p.is_file() for p in sources):
        sys.exit(f"the real clips are not in {POSE}")
    home = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    try:
        clips: list[tuple[Path, str]] = []
        seconds = 0.0
        for i in range(args.clips):
            source = sources[i % len(sources)]
            copy = home / f"clip{i:03d}.mp4"
            distinct_copy(source, copy, i)
            clips.append((copy, EXERCISE[source.stem.split("_")[0]]))
            seconds += duration_s(copy)
        print(f"{args.clips} clips, {seconds:.1f} s of video; {os.cpu_count()} cores", flush=True)
        results: dict[tuple[str, int], float] = {}
        for workers in (int(w) for w in args.workers.split(",")):
            for cpus in args.cpus.split(","):
                before = load_average()
                wall, cpu, placed = run(args.pg_url, workers, cpus, clips, home)
                rate = seconds / wall
                results[cpus, workers] = rate
                same = results.get((cpus, 1))
                print(f"--cpus {cpus:4} {workers} worker(s): {wall:6.1f} s wall, {rate:.2f} "
                      f"clip-s/s, x{rate / same if same else float('nan'):.2f} of one "
                      f"{cpus} worker; worker CPU {cpu:.1f} s ({seconds / cpu:.2f} clip-s per "
                      f"CPU-s, {cpu / wall:.2f} cores busy); cores {placed}; load before "
                      f"{before}, after {load_average()}", flush=True)
        ones = [rate for (_, w), rate in results.items() if w == 1]
        if ones:
            best_one = max(ones)
            print(f"\nagainst the best one-worker run ({best_one:.2f} clip-s/s):")
            for (cpus, workers), rate in results.items():
                print(f"  --cpus {cpus:4} {workers} worker(s): {rate:.2f} clip-s/s, "
                      f"x{rate / best_one:.2f}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
