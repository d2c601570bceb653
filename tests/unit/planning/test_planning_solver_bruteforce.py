"""On small made-up catalogs the CP-SAT planner's objective equals a brute-force optimum.

The enumerator below tries every assignment of 0, 2 or 3 sets to every (day, exercise) pair,
keeps the weeks that pass every check of ``check_week`` except volume (and, when one exists,
that hold a staple of every main pattern a staple is offered for), and scores them with the
documented objective, computed here from scratch: first the weighted distance from the volume
targets (``target_distance``), then the preference cost: per slot max(0, 1, +2 for an isolation
exercise, -1 for a favourite, +10 per level above the lifter, +2 for bodyweight or band and +1
for kettlebell when a loadable exercise of the pattern is offered and the goal is strength or
hypertrophy, +4 more for an outgrown one, -1 for a staple, +1 per point of the catalog's staple
score below 3); +2 per set above 3 of a small
exercise; +4 per main pattern with an offered staple missing; +3 per day an exercise is planned
beyond its first.
"""

from __future__ import annotations

import itertools
import random

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.model.checks import check_week
from spotter.planning.model.program import Session, WeekPlan
from spotter.planning.model.request import PlanInfeasibleError, PlanRequest
from spotter.planning.model.roles import main_lifts, plan_role, role_slot
from spotter.planning.model.targets import row_weights, weekly_targets
from spotter.planning.model.volume import target_distance, week_row_sets
from spotter.planning.solver.cpsat import CpSatSolver
from spotter.profile import WEEKDAYS, Profile

SETS = (0, 2, 3)
LOADED = {"barbell", "dumbbell", "cable-stack", "selectorized-machine", "plate-loaded-machine"}
MAIN = {"squat", "hinge", "horizontal-push", "horizontal-pull", "vertical-push", "vertical-pull"}
RANK = {"beginner": 0, "intermediate": 1, "advanced": 2, "novice": 0}

#: Exhaustive searches beside the solver: outside the fast tier, in the full suite.
pytestmark = pytest.mark.slow


def _ex(
    slug: str,
    pattern: str,
    primary: tuple[str, ...],
    secondary: tuple[str, ...] = (),
    mechanic: str = "compound",
    tempo: float = 4,
    load_type: str = "bodyweight",
    level: str = "beginner",
) -> ExerciseFacts:
    return ExerciseFacts(
        slug=slug,
        mechanic=mechanic,
        force="push",
        pattern=pattern,
        primary=primary,
        secondary=secondary,
        equipment=(),
        load_type=load_type,
        level=level,
        unilateral=False,
        position="standing",
        tempo=Tempo(tempo, 0, 0, 0),
        rep_range=(8, 12),
        motion_family="generic",
    )


# Made-up movements that each train several major rows, so that these four alone can give every
# major row its two different exercises; the extras are drawn at random.
CORE = [
    _ex("squat-pull", "squat", ("quads", "glutes", "lats"), ("biceps",)),
    _ex("hinge-press", "hinge", ("hamstrings", "glutes", "chest"), ("triceps",)),
    _ex("lunge-row", "lunge", ("quads", "lats", "hamstrings"), ("rear-delts",)),
    _ex("bridge-fly", "hip-extension", ("glutes", "chest", "hamstrings")),
]
EXTRAS = [
    _ex("row", "horizontal-pull", ("lats",), ("biceps", "rear-delts"), tempo=3),
    _ex("press", "horizontal-push", ("chest",), ("triceps", "front-delts"), tempo=3),
    _ex("curl", "elbow-flexion", ("biceps",), (), "isolation", tempo=3),
    _ex("raise", "shoulder-abduction", ("side-delts",), (), "isolation", tempo=2),
]


# Loaded movements for the suitability instances: a staple press and row, an outgrown push-up,
# a small rehab exercise and an advanced one.
BENCH = _ex("bench", "horizontal-push", ("chest",), ("triceps",), tempo=3, load_type="barbell")
DB_ROW = _ex("db-row", "horizontal-pull", ("lats",), ("biceps",), tempo=3, load_type="dumbbell")
PUSH_UP = _ex("push-up", "horizontal-push", ("chest",), ("triceps",), tempo=2)
ROTATION = _ex("rotation", "external-rotation", (), ("rear-delts",), "isolation", 2, "dumbbell")
PISTOL = _ex("pistol", "lunge", ("quads", "glutes"), (), tempo=3, level="advanced")


def _staple(f: ExerciseFacts) -> bool:
    majors = {"lats", "chest", "quads", "hamstrings", "glutes", "front-delts"}
    return (
        f.mechanic == "compound"
        and f.pattern in MAIN
        and f.load_type in LOADED
        and bool(set(f.primary) & majors)
    )


def _preference(week: WeekPlan, facts: dict[str, ExerciseFacts], request: PlanRequest) -> int:
    goal, experience = request.profile.goal, request.profile.experience
    loadable = {f.pattern for f in facts.values() if f.load_type in LOADED}
    cost = 0
    days_of: dict[str, int] = {}
    for s in week.sessions:
        for slot in s.slots:
            f = facts[slot.exercise]
            c = 1 + (2 if f.mechanic == "isolation" else 0) - (f.slug in request.favourites)
            c += 10 * max(0, RANK[f.level] - RANK[experience])
            if f.pattern in loadable:
                if goal in ("strength", "hypertrophy") and f.load_type == "bodyweight":
                    c += 2
                light = f.pattern in ("squat", "lunge", "hinge", "horizontal-push")
                if (
                    f.load_type == "bodyweight"
                    and (f.level == "beginner" or light)
                    and experience != "novice"
                ):
                    c += 4
            c -= _staple(f)
            c += 3 - f.staple
            cost += max(0, c)
            if f.pattern == "external-rotation" and slot.sets > 3 and not request.emphasis:
                cost += 2 * (slot.sets - 3)
            days_of[slot.exercise] = days_of.get(slot.exercise, 0) + 1
    # staples the lifter can do: at their level, and a push only with a pull of its plane
    patterns = {f.pattern for f in facts.values()}
    offered = {
        f.pattern
        for f in facts.values()
        if _staple(f)
        and RANK[f.level] <= RANK[experience]
        and (f.pattern != "horizontal-push" or "horizontal-pull" in patterns)
    }
    planned = {facts[e] for e in days_of}
    cost += 4 * sum(not any(f.pattern == p and _staple(f) for f in planned) for p in offered)
    return cost + 3 * sum(n - 1 for n in days_of.values())


def _has_staples(week: WeekPlan, facts: dict[str, ExerciseFacts], experience: str) -> bool:
    planned = {facts[slot.exercise] for s in week.sessions for slot in s.slots}
    patterns = {f.pattern for f in facts.values()}
    offered = {
        f.pattern
        for f in facts.values()
        if _staple(f)
        and RANK[f.level] <= RANK[experience]
        and (f.pattern != "horizontal-push" or "horizontal-pull" in patterns)
    }
    return all(any(f.pattern == p and _staple(f) for f in planned) for p in offered)


def _brute_force(
    request: PlanRequest, facts: dict[str, ExerciseFacts], sets: tuple[int, ...] = SETS
) -> tuple[float, int] | None:
    profile = request.profile
    targets = weekly_targets(profile.goal, profile.experience)
    weights = row_weights(request.emphasis)
    days = [d for d in WEEKDAYS if d in profile.training_days]
    cells = [(d, f) for d in days for f in sorted(facts.values(), key=lambda f: f.slug)]
    main = main_lifts(facts.values())
    best: tuple[float, int] | None = None
    best_with_staples: tuple[float, int] | None = None
    for combo in itertools.product(sets, repeat=len(cells)):
        sessions = []
        for d in days:
            slots = [
                role_slot(f, profile.goal, plan_role(f, main), n)
                for (day, f), n in zip(cells, combo, strict=True)
                if day == d and n
            ]
            slots.sort(key=lambda s: facts[s.exercise].mechanic != "compound")
            if slots:
                sessions.append(Session(d, tuple(slots)))
        week = WeekPlan(tuple(sessions))
        if any(v.rule != "volume" for v in check_week(week, facts, profile)):
            continue
        score = (
            round(target_distance(week_row_sets(week, facts), targets, weights), 6),
            _preference(week, facts, request),
        )
        if best is None or score < best:
            best = score
        if _has_staples(week, facts, profile.experience) and (
            best_with_staples is None or score < best_with_staples
        ):
            best_with_staples = score
    return best_with_staples or best


def _instances() -> list[tuple[PlanRequest, dict[str, ExerciseFacts]]]:
    rng = random.Random(4)
    out = []
    shapes = [(("mon",), 1), (("mon",), 2), (("mon", "tue"), 0), (("sun", "mon"), 0), (("mon",), 3)]
    for days, extra in shapes:
        pool = CORE + rng.sample(EXTRAS, extra)
        facts = {f.slug: f for f in pool}
        profile = Profile(
            "kg",
            rng.choice(["hypertrophy", "strength", "general", "posture"]),
            rng.choice(["novice", "intermediate", "advanced"]),
            days,
            rng.choice([30, 45, 60, 75]),
            (),
        )
        emphasis = tuple(rng.sample(["chest", "back", "biceps", "glutes"], rng.randint(0, 1)))
        favourites = frozenset(rng.sample(sorted(facts), rng.randint(0, 2)))
        out.append((PlanRequest(profile, emphasis=emphasis, favourites=favourites), facts))
    # the four core movements at 2 sets need about 34 minutes: 25 cannot hold them
    short = Profile("kg", "strength", "novice", ("mon",), 25, ())
    out.append((PlanRequest(short), {f.slug: f for f in CORE}))
    return out


def _loaded_instances() -> list[tuple[PlanRequest, dict[str, ExerciseFacts]]]:
    out = []
    for goal, experience, extras in [
        ("hypertrophy", "intermediate", [BENCH, PUSH_UP, DB_ROW]),
        ("strength", "novice", [DB_ROW, PISTOL, ROTATION]),
        ("general", "advanced", [PUSH_UP, ROTATION, PISTOL]),
    ]:
        facts = {f.slug: f for f in CORE + extras}
        profile = Profile("kg", goal, experience, ("mon",), 75, ())
        out.append((PlanRequest(profile), facts))
    return out


@pytest.mark.parametrize(("request_", "facts"), _instances())
def test_the_solver_objective_equals_the_brute_force_optimum(
    request_: PlanRequest, facts: dict[str, ExerciseFacts]
) -> None:
    _check_against_brute_force(request_, facts, SETS)


@pytest.mark.parametrize(("request_", "facts"), _loaded_instances())
def test_suitability_costs_match_the_brute_force_optimum(
    request_: PlanRequest, facts: dict[str, ExerciseFacts]
) -> None:
    # levels, loadability, staples and a small exercise's fourth set, on one day
    _check_against_brute_force(request_, facts, (0, 2, 3, 4))


def _check_against_brute_force(
    request_: PlanRequest, facts: dict[str, ExerciseFacts], sets: tuple[int, ...]
) -> None:
    expected = _brute_force(request_, facts, sets)
    # the base model (the coach's structure rules are checked by the rubric panel test)
    solver = CpSatSolver(max_sets=max(sets), per_class=None, effort=20.0, coach=False)
    if expected is None:
        with pytest.raises(PlanInfeasibleError):
            solver.solve_detailed(request_, facts)
        return
    result = solver.solve_detailed(request_, facts)
    assert result.optimal
    # the solver's reported objective, and the objective of its plan scored from scratch
    assert (result.distance, result.preference) == pytest.approx(expected)
    targets = weekly_targets(request_.profile.goal, request_.profile.experience)
    own = target_distance(
        week_row_sets(result.week, facts), targets, row_weights(request_.emphasis)
    )
    assert (own, _preference(result.week, facts, request_)) == pytest.approx(expected)
    assert [v for v in check_week(result.week, facts, request_.profile) if v.rule != "volume"] == []
