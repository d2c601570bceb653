"""The planner as a user meets it: ``spotter plan new`` on a fixed panel of profiles.

For each profile of :data:`PANEL` (2-6 days, 30-120 minutes, every goal, every equipment
preset, novice to advanced, and one lifter who imported an outside exercise database without
opting in to it), a fresh database is made with ``spotter --db ... init ...`` (untimed), then the
whole ``spotter --db ... plan new --format json`` command is timed in a subprocess: wall time
and CPU time (user + system of the child). The saved plan's peak week is read back from that
output and reviewed against PLAN-RUBRIC.md (:func:`spotter.planning.model.review.review_week`),
and its weighted distance from the volume targets is computed; the Fitbod-style greedy baseline
(:func:`~spotter.planning.model.greedy.greedy_week`) is reviewed the same way beside it, and so
is the other version's plan with ``--old-src`` (by this version's rubric).

With ``--old-src DIR`` (a ``src`` folder of another version, e.g. from ``git archive``) each
profile's command is also timed with that version's code, in the same run, so that old and new
solvers meet the same machine load.

The commands run with compiled bytecode, as an installed package has it (pip compiles at
install): ``PYTHONDONTWRITEBYTECODE`` is dropped and the ``.pyc`` files go to a cache in a
temporary folder (``PYTHONPYCACHEPREFIX``), filled by one untimed ``plan new`` per version before
the timed runs. Without it every run compiles Spotter's modules again (about 0.25 s of CPU here),
which measures the checkout, not the program. The summary gives p50 and p95 per group of
profiles (by goal and by days a week) as well as over the whole panel.

    python bench/bench_planner.py [--runs 1] [--only SUBSTRING] [--old-src DIR] [--verbose]

The panel is fixed: it was committed before the solver was tuned, and tuning must not change it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from spotter.config import resolve_settings
from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.explain import volume_report
from spotter.planning.model.greedy import greedy_week
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.rationale import session_names
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.review import PlanReview, ReviewInput, review_week
from spotter.planning.model.volume import facts_of
from spotter.profile import Profile
from spotter.services.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_DB = ROOT.parent / "shared" / "data" / "exercise-dbs" / "free-exercise-db.json"
DAYS = {
    2: "mon,thu",
    3: "mon,wed,fri",
    4: "mon,tue,thu,fri",
    5: "mon,tue,wed,fri,sat",
    6: "mon,tue,wed,thu,fri,sat",
}
HOME = "bodyweight,pull-up-bar,band"
#: A Monday: each plan week runs Monday to Sunday.
START = "2026-11-30"


@dataclass(frozen=True, slots=True)
class Case:
    goal: str
    experience: str
    days: int
    minutes: int
    equipment: str
    imported: bool = False  # an outside exercise database imported (not opted in)

    @property
    def label(self) -> str:
        extra = " +import" if self.imported else ""
        return (
            f"{self.goal[:5]} {self.experience[:3]} {self.days}x{self.minutes} "
            f"{self.equipment}{extra}"
        )


#: The fixed panel (the first four are the profiles of the issue).
PANEL: tuple[Case, ...] = (
    Case("strength", "advanced", 6, 90, "full-gym"),
    Case("posture", "novice", 3, 45, "cables-and-machines"),
    Case("general", "novice", 2, 60, "home-dumbbells"),
    Case("general", "novice", 3, 60, "full-gym", imported=True),
    Case("general", "novice", 3, 60, "full-gym"),
    Case("hypertrophy", "intermediate", 4, 60, "full-gym"),
    Case("hypertrophy", "intermediate", 6, 90, "full-gym"),
    Case("hypertrophy", "advanced", 5, 75, "full-gym"),
    Case("strength", "novice", 3, 60, "full-gym"),
    Case("strength", "intermediate", 4, 75, "full-gym"),
    Case("strength", "intermediate", 3, 90, "home-dumbbells"),
    Case("strength", "advanced", 4, 45, "home-dumbbells"),
    Case("posture", "intermediate", 4, 60, "full-gym"),
    Case("posture", "novice", 2, 90, "home-dumbbells"),
    Case("general", "intermediate", 5, 30, "full-gym"),
    Case("hypertrophy", "novice", 3, 45, "cables-and-machines"),
    Case("strength", "novice", 2, 120, "full-gym"),
    Case("general", "advanced", 6, 30, "cables-and-machines"),
    Case("hypertrophy", "intermediate", 3, 120, "home-dumbbells"),
    Case("general", "novice", 4, 45, HOME),
    Case("hypertrophy", "novice", 3, 60, HOME),
    Case("posture", "advanced", 5, 45, "full-gym"),
)


@dataclass(frozen=True, slots=True)
class Outcome:
    wall: float
    cpu: float
    plan: dict[str, object] | None
    error: str


def _run(args: list[str], env: Mapping[str, str]) -> Outcome:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=dict(env), check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        return Outcome(wall, cpu, None, (proc.stdout + proc.stderr).strip().splitlines()[-1:][0])
    return Outcome(wall, cpu, json.loads(proc.stdout), "")


#: The bytecode cache of this run (set by :func:`main`; module docstring).
PYCACHE: list[Path] = []


def _spotter(src: Path) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src))
    if PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE[0])
    return [sys.executable, "-m", "spotter.cli"], env


def _warm_up(src: Path) -> None:
    """One untimed ``plan new`` with ``src``: fills the bytecode cache (module docstring)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warm.db"
        _prepare(PANEL[0], db, src)
        _plan_new(db, src)


def _prepare(case: Case, db: Path, src: Path) -> Profile:
    cmd, env = _spotter(src)
    init = [
        *cmd,
        "--db",
        f"sqlite:///{db}",
        "init",
        "--defaults",
        "--units",
        "kg",
        "--goal",
        case.goal,
        "--experience",
        case.experience,
        "--days",
        DAYS[case.days],
        "--minutes",
        str(case.minutes),
        "--equipment",
        case.equipment,
        "--format",
        "json",
    ]
    out = json.loads(subprocess.run(init, capture_output=True, env=env, check=True).stdout)
    if case.imported:
        imp = [*cmd, "--db", f"sqlite:///{db}", "exercises", "import", "free-exercise-db", str(EXERCISE_DB)]
        subprocess.run(imp, capture_output=True, env=env, check=True)
    return Profile(
        out["units"],
        out["goal"],
        out["experience"],
        tuple(out["training_days"]),
        out["minutes_per_session"],
        tuple(out["equipment"]),
    )


def _plan_new(db: Path, src: Path) -> Outcome:
    cmd, env = _spotter(src)
    return _run([*cmd, "--db", f"sqlite:///{db}", "plan", "new", "--start", START, "--format", "json"], env)


def _weeks(plan: Mapping[str, object]) -> tuple[Mesocycle, tuple[str, ...]]:
    """The mesocycle of a ``plan new --format json`` output, and the peak week's day names."""
    by_week: dict[int, list[Mapping[str, object]]] = {}
    for s in plan["sessions"]:  # type: ignore[attr-defined]
        by_week.setdefault(int(s["week"]), []).append(s)
    weeks = []
    names: tuple[str, ...] = ()
    peak = len(by_week) - 1
    for n in sorted(by_week):
        sessions = by_week[n]
        weeks.append(
            WeekPlan(
                tuple(
                    Session(
                        str(s["day"]),
                        tuple(
                            Slot(
                                x["exercise"],
                                x["sets"],
                                x["rep_low"],
                                x["rep_high"],
                                x["rir"],
                                x["rest_seconds"],
                                x.get("rule"),
                            )
                            for x in s["slots"]  # type: ignore[attr-defined]
                        ),
                    )
                    for s in sorted(sessions, key=lambda s: str(s["date"]))
                ),
                deload=bool(sessions[0]["deload"]),
            )
        )
        if n == peak:
            names = tuple(str(s["name"]) for s in sorted(sessions, key=lambda s: str(s["date"])))
    return Mesocycle(tuple(weeks)), names


def _review(
    week: WeekPlan,
    names: tuple[str, ...],
    facts: Mapping[str, ExerciseFacts],
    profile: Profile,
    mesocycle: Mesocycle | None,
) -> tuple[PlanReview, float]:
    review = review_week(ReviewInput(week, facts, profile, names=names, mesocycle=mesocycle))
    distance = volume_report(week, PlanRequest(profile), facts).distance
    return review, distance


def _rubric(review: PlanReview) -> str:
    """Items passed, and the failed ones (``*``: the review shows the request cannot hold it)."""
    failed = [f"{i.number}{'*' if i.cannot_hold else ''}" for i in review.failed]
    passed = sum(i.status == "passed" for i in review.items)
    return f"{passed:>2}p {'-' if not failed else ','.join(failed)}"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=1, help="timed commands per profile")
    parser.add_argument("--only", default="", help="profiles whose label contains this")
    parser.add_argument("--old-src", type=Path, help="another version's src to time beside")
    parser.add_argument("--verbose", action="store_true", help="print each failed item")
    args = parser.parse_args()
    src = ROOT / "src"
    cache = tempfile.TemporaryDirectory(prefix="spotter-pycache-")
    PYCACHE[:] = [Path(cache.name)]
    for version in (src, args.old_src):
        if version is not None:
            _warm_up(version)
    cases = [c for c in PANEL if args.only in c.label]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load before: {os.getloadavg()[0]:.2f}; "
        f"{len(cases)} profiles x {args.runs} run(s)"
    )
    old = f" old wall  cpu {'dist':>5} {'rubric':>12}" if args.old_src else ""
    print(
        f"{'profile':46} {'wall':>6} {'cpu':>5}{old} {'dist':>5} {'rubric':>12} | "
        f"{'greedy dist':>11} {'rubric':>12}"
    )
    walls: list[float] = []
    cpus: list[float] = []
    groups: dict[str, list[tuple[float, float | None]]] = {}
    olds: list[float] = []
    old_cpus: list[float] = []
    passing = greedy_passing = documented = old_passing = 0
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            profile = _prepare(case, db, src)
            runs = [_plan_new(db, src) for _ in range(args.runs)]
            old_runs = [_plan_new(db, args.old_src) for _ in range(args.runs)] if args.old_src else []
            settings = resolve_settings(f"sqlite:///{db}")
            catalog = load_catalog(settings)
        all_facts = facts_of(catalog.all())
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        walls.extend(r.wall for r in runs)
        cpus.extend(r.cpu for r in runs)
        old_cpu = statistics.median(r.cpu for r in old_runs) if old_runs else None
        for key in (case.goal, f"{case.days} days"):
            groups.setdefault(key, []).extend((r.cpu, old_cpu) for r in runs)
        old_txt = ""
        if old_runs:
            olds.extend(r.wall for r in old_runs)
            old_cpus.extend(r.cpu for r in old_runs)
            old_txt = (
                f" {statistics.median(r.wall for r in old_runs):7.2f}s"
                f" {statistics.median(r.cpu for r in old_runs):5.2f}s"
            )
        greedy = greedy_week(profile, all_facts)
        g_review, g_dist = _review(greedy, session_names(greedy, all_facts), all_facts, profile, None)
        greedy_passing += g_review.ok
        g_txt = f"{g_dist:11.1f} {_rubric(g_review):>12}"
        plan = runs[-1].plan
        if plan is None:
            print(f"{case.label:46} {wall:5.2f}s {cpu:4.2f}s{old_txt} refused: {runs[-1].error}")
            continue
        meso, names = _weeks(plan)
        review, dist = _review(meso.base, names, all_facts, profile, meso)
        passing += review.ok
        old_plan = old_runs[-1].plan if old_runs else None
        if old_plan is not None:  # the other version's plan, reviewed by this version's rubric
            o_meso, o_names = _weeks(old_plan)
            o_review, o_dist = _review(o_meso.base, o_names, all_facts, profile, o_meso)
            old_passing += o_review.ok
            old_txt += f" {o_dist:5.1f} {_rubric(o_review):>12}"
        print(
            f"{case.label:46} {wall:5.2f}s {cpu:4.2f}s{old_txt} {dist:5.1f} "
            f"{_rubric(review):>12} | {g_txt}"
        )
        documented += all(i.cannot_hold for i in review.failed)
        if args.verbose:
            for item in review.failed:
                print(f"    {item.number} {item.title}: {'; '.join(item.details)}")
                if item.cannot_hold:
                    print(f"      the request cannot hold it: {item.cannot_hold}")
    print("cpu by group (p50 / p95, seconds; old beside when timed):")
    for key, values in sorted(groups.items(), key=lambda kv: (kv[0][0].isdigit(), kv[0])):
        new_cpu = [v for v, _ in values]
        line = f"  {key:12} n={len(values):2} {statistics.median(new_cpu):5.2f} / {_pct(new_cpu, 0.95):5.2f}"
        olds_g = [o for _, o in values if o is not None]
        if olds_g:
            line += f"   old {statistics.median(olds_g):5.2f} / {_pct(olds_g, 0.95):5.2f}"
        print(line)
    summary = (
        f"plan new wall p50 {statistics.median(walls):.2f} s, p95 {_pct(walls, 0.95):.2f} s; "
        f"cpu p50 {statistics.median(cpus):.2f} s, p95 {_pct(cpus, 0.95):.2f} s"
    )
    if olds:
        summary += (
            f"; old wall p50 {statistics.median(olds):.2f} s, p95 {_pct(olds, 0.95):.2f} s; "
            f"old cpu p50 {statistics.median(old_cpus):.2f} s, p95 {_pct(old_cpus, 0.95):.2f} s"
        )
    print(summary)
    print(
        f"rubric: {passing}/{len(cases)} plans pass every item, {documented}/{len(cases)} pass "
        f"or fail only items the request cannot hold (greedy {greedy_passing}/{len(cases)} "
        f"pass); load after: {os.getloadavg()[0]:.2f}"
    )
    if args.old_src:
        print(f"old version's plans, same rubric: {old_passing}/{len(cases)} pass every item")


if __name__ == "__main__":
    main()
