"""A small hand-made catalog and helpers for hand-built weeks, shared by the plan-review tests.

Every exercise uses tempo 2-0-2-0 (4 s a rep) so session minutes are easy to work by hand: a
set of 10-10 reps is 40 s of work.
"""

from __future__ import annotations

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.model.program import Session, Slot, WeekPlan
from spotter.planning.model.review import PlanReview, ReviewInput, review_week
from spotter.planning.model.targets import TargetRange
from spotter.profile import Profile

GYM = (
    "barbell",
    "squat-rack",
    "bench",
    "dumbbell",
    "cable-machine",
    "pull-up-bar",
    "leg-press",
    "leg-curl-machine",
    "mat",
)
HOME = ("dumbbell", "bench", "mat")


def fx(
    slug: str,
    pattern: str,
    primary: tuple[str, ...],
    *,
    role: str,
    staple: int,
    secondary: tuple[str, ...] = (),
    mechanic: str = "compound",
    equipment: tuple[str, ...] = ("barbell",),
    load: str = "barbell",
    measure: str = "reps",
    source: str = "builtin",
) -> ExerciseFacts:
    return ExerciseFacts(
        slug=slug,
        mechanic=mechanic,
        force="push",
        pattern=pattern,
        primary=primary,
        secondary=secondary,
        equipment=equipment,
        load_type=load,
        level="beginner",
        unilateral=False,
        position="standing",
        tempo=Tempo(2, 0, 2, 0),
        rep_range=(1, 30),
        motion_family="generic",
        measure=measure,
        role=role,
        staple=staple,
        source=source,
    )


DB = {"equipment": ("dumbbell",), "load": "dumbbell"}
CABLE = {"equipment": ("cable-machine",), "load": "cable-stack"}
ISO = {"mechanic": "isolation"}

FACTS: dict[str, ExerciseFacts] = {
    f.slug: f
    for f in (
        fx("squat", "squat", ("quads", "glutes"), role="main", staple=3,
           secondary=("hamstrings",), equipment=("barbell", "squat-rack")),
        fx("deadlift", "hinge", ("glutes", "hamstrings"), role="main", staple=3),
        fx("bench", "horizontal-push", ("chest",), role="main", staple=3,
           secondary=("front-delts", "triceps"), equipment=("barbell", "bench")),
        fx("ohp", "vertical-push", ("front-delts",), role="main", staple=3,
           secondary=("triceps", "side-delts")),
        fx("row", "horizontal-pull", ("lats", "rhomboids", "middle-traps"), role="main",
           staple=3, secondary=("biceps", "rear-delts")),
        fx("pull-up", "vertical-pull", ("lats",), role="main", staple=3, secondary=("biceps",),
           equipment=("pull-up-bar",), load="bodyweight"),
        fx("pulldown", "vertical-pull", ("lats",), role="secondary", staple=3,
           secondary=("biceps",), **CABLE),
        fx("rdl", "hinge", ("hamstrings", "glutes"), role="secondary", staple=3),
        fx("leg-press", "squat", ("quads", "glutes"), role="secondary", staple=2,
           equipment=("leg-press",), load="plate-loaded-machine"),
        fx("db-bench", "horizontal-push", ("chest",), role="secondary", staple=3,
           secondary=("front-delts", "triceps"), equipment=("dumbbell", "bench"),
           load="dumbbell"),
        fx("db-press", "vertical-push", ("front-delts",), role="secondary", staple=2,
           secondary=("triceps", "side-delts"), **DB),
        fx("db-row", "horizontal-pull", ("lats", "rhomboids"), role="secondary", staple=3,
           secondary=("biceps", "rear-delts"), **DB),
        fx("goblet-squat", "squat", ("quads", "glutes"), role="secondary", staple=2, **DB),
        fx("db-rdl", "hinge", ("hamstrings", "glutes"), role="secondary", staple=2, **DB),
        fx("lunge", "lunge", ("quads", "glutes"), role="secondary", staple=2, **DB),
        fx("leg-curl", "knee-flexion", ("hamstrings",), role="accessory", staple=1,
           equipment=("leg-curl-machine",), load="selectorized-machine", **ISO),
        fx("lateral-raise", "shoulder-abduction", ("side-delts",), role="accessory", staple=1,
           **DB, **ISO),
        fx("curl", "elbow-flexion", ("biceps",), role="accessory", staple=1, **DB, **ISO),
        fx("pushdown", "elbow-extension", ("triceps",), role="accessory", staple=1, **CABLE,
           **ISO),
        fx("face-pull", "horizontal-pull", ("rear-delts", "middle-traps"), role="accessory",
           staple=1, **CABLE),
        fx("pullover", "shoulder-extension", ("lats",), role="accessory", staple=0, **DB, **ISO),
        fx("plank", "anti-extension", ("abs",), role="trunk", staple=1, equipment=("mat",),
           load="bodyweight", measure="seconds"),
        fx("crunch", "trunk-flexion", ("abs",), role="trunk", staple=1, equipment=("mat",),
           load="bodyweight", **ISO),
        fx("band-row", "horizontal-pull", ("lats", "rhomboids"), role="secondary", staple=1,
           equipment=("band",), load="band"),
        fx("balance-board", "anti-rotation", ("abs",), role="drill", staple=0, equipment=(),
           load="bodyweight", source="free-exercise-db"),
        fx("fedb-cable-row", "horizontal-pull", ("lats",), role="secondary", staple=0,
           source="free-exercise-db", **CABLE),
    )
}


def s(exercise: str, sets: int = 3, reps: tuple[int, int] = (8, 12), rest: int = 120,
      rir: int = 2, rule: str | None = None) -> Slot:
    return Slot(exercise, sets, reps[0], reps[1], rir, rest, rule)


def week(*days: tuple[str, list[Slot]]) -> WeekPlan:
    return WeekPlan(tuple(Session(d, tuple(slots)) for d, slots in days))


def profile(goal: str = "hypertrophy", experience: str = "intermediate",
            days: tuple[str, ...] = ("mon", "wed", "fri"), minutes: int = 60,
            equipment: tuple[str, ...] = GYM) -> Profile:
    return Profile("kg", goal, experience, days, minutes, equipment)


def review(w: WeekPlan, p: Profile | None = None, *, targets: dict[str, TargetRange] | None = None,
           **kw: object) -> PlanReview:
    p = p or profile(days=w.days)
    return review_week(
        ReviewInput(w, FACTS, p, targets={} if targets is None else targets, **kw)  # type: ignore[arg-type]
    )
