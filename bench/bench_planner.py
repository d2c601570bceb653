"""The week planner on the full catalog: CP-SAT against the Fitbod-style greedy baseline.

For each profile, solves the week three times and prints the median wall time, the objective
(weighted distance from the volume targets, then the preference cost), whether each stage was
proven optimal, and, for the solver's plan and for ``greedy_week``'s: the weighted distance from
the targets and the number of constraint violations (``check_week``: volume rows outside their
range, and every other rule), and the coaching quality: slots of unsuitable exercises (above the
lifter's level, or outgrown bodyweight ones while a loadable one of the pattern is owned) and
main patterns with a staple (a loaded main compound) out of those the lifter can load.

    python bench/bench_planner.py [--runs 3] [--effort 0.75] [--per-class 2] [--workers 1]
                                  [--polish]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model.checks import check_week
from spotter.planning.model.explain import eligible, volume_report
from spotter.planning.model.greedy import greedy_week
from spotter.planning.model.program import WeekPlan
from spotter.planning.model.request import PlanInfeasibleError, PlanRequest
from spotter.planning.model.suitability import (
    is_staple,
    loadable_patterns,
    staple_patterns,
    unsuitable,
)
from spotter.planning.model.volume import facts_of
from spotter.planning.solver.costs import usable
from spotter.planning.solver.cpsat import CpSatSolver
from spotter.profile import Profile
from spotter.services.catalog import load_catalog

SIX = ("mon", "tue", "wed", "thu", "fri", "sat")
PROFILES = [
    ("hypertrophy", "intermediate", SIX, 90, "full-gym"),
    ("hypertrophy", "intermediate", ("mon", "wed", "fri"), 60, "full-gym"),
    ("general", "novice", ("mon", "tue", "thu", "fri"), 45, "full-gym"),
    ("strength", "advanced", ("mon", "tue", "thu", "fri"), 45, "home-dumbbells"),
    ("posture", "novice", ("mon", "wed", "fri"), 45, "cables-and-machines"),
]


def _violations(week: object, facts: dict, profile: Profile) -> tuple[int, int]:
    found = check_week(week, facts, profile)  # type: ignore[arg-type]
    volume = sum(v.rule == "volume" for v in found)
    return volume, len(found) - volume


def _quality(week: WeekPlan, facts: dict, request: PlanRequest) -> str:  # type: ignore[type-arg]
    pool = eligible(request, facts)
    loadable = loadable_patterns(pool)
    experience = request.profile.experience
    used = [facts[slot.exercise] for s in week.sessions for slot in s.slots]
    bad = sum(unsuitable(f, experience=experience, loadable=loadable) for f in used)
    wanted = staple_patterns(usable(request, facts), experience)
    have = {f.pattern for f in used if is_staple(f)} & wanted
    return f"{bad:>3} {len(have)}/{len(wanted)}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--effort", type=float, default=0.75)
    parser.add_argument("--per-class", type=int, default=2, help="0 keeps every exercise")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--polish", action="store_true", help="search on after stage 2 too")
    args = parser.parse_args()
    facts = facts_of(load_catalog(None))
    solver = CpSatSolver(
        workers=args.workers,
        effort=args.effort,
        per_class=args.per_class or None,
        polish=args.polish,
    )
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; catalog {len(facts)} exercises; "
        f"effort {args.effort:g}, per class {args.per_class or 'all'}, workers {args.workers}, "
        f"polish {args.polish}"
    )
    print(
        f"{'profile':44} {'median':>7} {'dist':>5} {'pref':>5} {'proven':>7} "
        f"{'vol/other':>9} {'unsuit staples':>14} | {'greedy dist':>11} {'vol/other':>9} "
        f"{'unsuit staples':>14}"
    )
    for goal, experience, days, minutes, preset in PROFILES:
        profile = Profile("kg", goal, experience, days, minutes, EQUIPMENT_PRESETS[preset])
        request = PlanRequest(profile)
        label = f"{goal} {experience} {len(days)}x{minutes} {preset}"
        times = []
        try:
            for _ in range(args.runs):
                start = time.perf_counter()
                result = solver.solve_detailed(request, facts)
                times.append(time.perf_counter() - start)
        except PlanInfeasibleError as e:
            print(f"{label:44} infeasible: {e}")
            continue
        proven = "both" if result.optimal else "dist" if result.distance_optimal else "no"
        vol, other = _violations(result.week, facts, profile)
        greedy = greedy_week(profile, facts)
        gvol, gother = _violations(greedy, facts, profile)
        gdist = volume_report(greedy, request, facts).distance
        print(
            f"{label:44} {statistics.median(times):6.2f}s {result.distance:5.1f} "
            f"{result.preference:5d} {proven:>7} {vol:>4}/{other:<4} "
            f"{_quality(result.week, facts, request):>14} | {gdist:11.1f} "
            f"{gvol:>4}/{gother:<4} {_quality(greedy, facts, request):>14}"
        )


if __name__ == "__main__":
    main()
