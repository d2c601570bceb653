"""Rubric item 15: progression (PLAN-RUBRIC.md, "Progression").

Each planned exercise's rule (:func:`~spotter.planning.model.progression.rule_for`, which honours
a template's named rule) must be one a coach would pick for its role and the lifter's experience:

==================================  ===========================================================
role                                rules accepted
==================================  ===========================================================
main lift, novice                   linear, GZCLP T1/T2, 5/3/1 (Wendler's beginner version)
main lift, intermediate / advanced  5/3/1 (percentage wave), RPE, GZCLP T1/T2
other compound                      double progression; linear for a novice; RPE otherwise;
                                    GZCLP T2/T3; Boring But Big (a percentage of the 5/3/1
                                    training max)
accessory, trunk, carry             double progression, GZCLP T3
==================================  ===========================================================

A *main lift* here is one of the week's main lifts (:func:`~.context.main_lifts`) in a slot
whose range starts at :data:`HEAVY_REPS` (5) reps or fewer: a barbell row or pull-up programmed
at 6-10 is assistance work and may progress by double progression.

A main lift loaded by dumbbells, kettlebells, cables or the body (the nearest variant a home
lifter has) may also progress by double progression: its load moves in fixed jumps.

RPE is not accepted for a novice's main lift: novices misjudge reps in reserve (Zourdos 2016,
Hackett 2017, SCIENCE.md section 2). Linear progression is not accepted for an intermediate's
main lift: its session-to-session gains are what an intermediate has outgrown.

The first week's loads must come from the log or a calibration set (``load_sources``): an
exercise whose source is ``guess``, or which has no source, fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.progression import rule_for
from spotter.planning.model.review.context import (
    ItemResult,
    ReviewInput,
    failed,
    is_compound,
    main_lifts,
    passed,
)
from spotter.science.rules import (
    BoringButBig,
    DoubleProgression,
    GzclpT1,
    GzclpT2,
    GzclpT3,
    LinearProgression,
    RpeProgression,
    Rule,
    Wave531,
)

#: Load sources that are not a guess.
GOOD_SOURCES: Final[frozenset[str]] = frozenset({"log", "calibration", "bodyweight"})
#: Names of the rules in messages.
RULE_NAMES: Final[dict[type, str]] = {
    LinearProgression: "linear",
    RpeProgression: "RPE",
    Wave531: "5/3/1",
    GzclpT1: "GZCLP T1",
    GzclpT2: "GZCLP T2",
    GzclpT3: "GZCLP T3",
    DoubleProgression: "double progression",
    BoringButBig: "Boring But Big",
}
#: The bottom of a main-lift slot's rep range is at most this.
HEAVY_REPS: Final[int] = 5
_MAIN: Final[dict[str, tuple[type, ...]]] = {
    "novice": (LinearProgression, GzclpT1, GzclpT2, Wave531),
    "intermediate": (Wave531, RpeProgression, GzclpT1, GzclpT2),
    "advanced": (Wave531, RpeProgression, GzclpT1, GzclpT2),
}
_COMPOUND: Final[dict[str, tuple[type, ...]]] = {
    "novice": (DoubleProgression, LinearProgression, GzclpT2, GzclpT3, BoringButBig),
    "intermediate": (DoubleProgression, RpeProgression, GzclpT2, GzclpT3, BoringButBig),
    "advanced": (DoubleProgression, RpeProgression, GzclpT2, GzclpT3, BoringButBig),
}
_ACCESSORY: Final[tuple[type, ...]] = (DoubleProgression, GzclpT3)


def accepted(facts: ExerciseFacts, *, main: bool, experience: str) -> tuple[type, ...]:
    """The rule types a coach accepts for the exercise (module docstring)."""
    if main:
        extra = (DoubleProgression,) if facts.load_type != "barbell" else ()
        return _MAIN[experience] + extra
    if is_compound(facts):
        return _COMPOUND[experience]
    return _ACCESSORY


def _name(rule: Rule) -> str:
    return RULE_NAMES.get(type(rule), type(rule).__name__)


def progression(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> ItemResult:
    """Item 15 (module docstring)."""
    n, key, title = 15, "progression", "Progression"
    experience = inp.profile.experience
    main = main_lifts(inp, available)
    details = []
    seen: set[str] = set()
    for s in inp.week.sessions:
        for x in s.slots:
            if x.exercise in seen:
                continue
            seen.add(x.exercise)
            f = inp.facts[x.exercise]
            rule = rule_for(f, x, experience)
            heavy = x.exercise in main and x.rep_low <= HEAVY_REPS
            ok = accepted(f, main=heavy, experience=experience)
            if not isinstance(rule, ok):
                role = "main lift" if heavy else ("compound" if is_compound(f) else "accessory")
                details.append(
                    f"{x.exercise} ({role}, {experience}) progresses by {_name(rule)}; a coach "
                    f"picks {' or '.join(sorted({RULE_NAMES[t] for t in ok}))}"
                )
            if inp.load_sources is not None:
                source = inp.load_sources.get(x.exercise)
                if source not in GOOD_SOURCES:
                    details.append(
                        f"{x.exercise}: first load is {source or 'not given'}, not from the log "
                        "or a calibration set"
                    )
    if details:
        return failed(n, key, title, details)
    loads = (
        "first loads from the log or a calibration set"
        if inp.load_sources is not None
        else "first loads not checked (no log was given)"
    )
    return passed(n, key, title, f"every exercise has a rule for its role; {loads}")
