"""GZCLP tiers, pinned to the routine of ColinPeyrat/gzclp-tracker ``docs/GZCLP-ROUTINE.md``
(the version SCIENCE.md section 5 summarises).

* **Success**: every required set reached its reps ("unable to complete all required sets/reps
  (excluding AMRAP)" is a failure), i.e. at least ``sets`` working sets at the session's top
  load, each with at least the target reps; AMRAP reps beyond the target do not make up for a
  short set. (The tracker's code, ``src/lib/progression.ts``, sums the reps instead.)
* **T1**: 5x3+, 6x2+, 10x1+. A success adds the increment and keeps the stage; a failure keeps
  the load and moves to the next stage. A failure at 10x1+ calls for a 5RM test; the session
  after the test restarts 5x3+ at 85 % of the tested 5RM, rounded. The tested 5RM is the
  heaviest load lifted for 5 or more reps; if no set reached 5, ColinPeyrat's estimate is used
  (Epley e1RM x 0.87), which also suggests the test's starting load.
* **T2**: 3x10, 3x8, 3x6, no AMRAP. Success adds the increment; failure moves to the next stage
  at the same load; a failure at 3x6 goes back to 3x10 at "your last 3x10 weight" (the load of
  the last 3x10 session, made or missed) plus ``reset_increment_kg``, 7.5 kg by default
  (16.5 lb, inside the routine's 15-20 lb; the tracker's code adds 10 kg / 20 lb to the last
  *successful* 3x10 load instead).
* **T3**: 3x15+; add the increment once the last (AMRAP) set reaches 25 reps.

The stage is not read from the set count of a session: the whole history is replayed from
stage 1, which is where a lift's first logged session is assumed to be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spotter.science.one_rm import epley
from spotter.science.prescription import (
    Formatter,
    Prescription,
    Rounding,
    round_to_step,
    step_up,
)
from spotter.science.records import ExerciseSession
from spotter.science.rules import GZCLP_T1_STAGES, GZCLP_T2_STAGES, GzclpT1, GzclpT2, GzclpT3

#: The stage index that means "test a new 5RM" in tier 1.
TEST_5RM = len(GZCLP_T1_STAGES)
#: ColinPeyrat's 5RM estimate from an e1RM.
FIVE_RM_OF_E1RM = 0.87


def _scheme(stage: tuple[int, int], amrap: bool) -> str:
    return f"{stage[0]}×{stage[1]}{'+' if amrap else ''}"


def _made(session: ExerciseSession, sets: int, reps: int) -> tuple[bool, str]:
    """Whether every required set reached ``reps``, and the reps done, for the reason."""
    top = session.top_sets
    done = ", ".join(str(s.reps) for s in top)
    return len(top) >= sets and all(s.reps >= reps for s in top[:sets]), done


def _first(start_kg: float | None, tier: str) -> float:
    if start_kg is None:
        raise ValueError(f"no working sets logged yet: GZCLP {tier} needs a starting load")
    if start_kg <= 0:
        raise ValueError(f"the starting load must be positive, got {start_kg:g}")
    return start_kg


def estimate_5rm(session: ExerciseSession) -> float:
    """Heaviest load done for 5+ reps; else the best Epley e1RM x 0.87 (ColinPeyrat).

    >>> import datetime as dt
    >>> from spotter.science.records import PerformedSet
    >>> day = ExerciseSession(dt.date(2024, 1, 1), (PerformedSet(100, 5), PerformedSet(110, 3)))
    >>> estimate_5rm(day)
    100
    """
    five = [s.load_kg for s in session.working_sets if s.reps >= 5]
    if five:
        return max(five)
    return max(epley(s.load_kg, max(s.reps, 1)) for s in session.working_sets) * FIVE_RM_OF_E1RM


@dataclass(frozen=True, slots=True)
class _State:
    stage: int
    load: float
    reason: str
    last_stage1: float | None = None


def evaluate_t1(
    rule: GzclpT1,
    sessions: Sequence[ExerciseSession],
    start_kg: float | None,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    """The next tier-1 prescription, replaying ``sessions`` from stage 1."""
    round_load = rounding or round_to_step(rule.round_to_kg)
    if not sessions:
        load = _first(start_kg, "T1")
        state = _State(0, load, f"No sets logged yet: start T1 at {fmt(load)}, 5×3+.")
    else:
        state = _State(0, 0.0, "")
    for session in sessions:
        lifted = session.top_load_kg or 0.0
        if state.stage == TEST_5RM:
            five = estimate_5rm(session)
            new = round_load(five * rule.restart_pct)
            state = _State(
                0,
                new,
                f"New 5RM {fmt(five)}: restart 5×3+ at {rule.restart_pct * 100:g} % → {fmt(new)}.",
            )
            continue
        sets, reps = GZCLP_T1_STAGES[state.stage]
        made, done = _made(session, sets, reps)
        here = f"{_scheme((sets, reps), True)} at {fmt(lifted)} ({done})"
        if made:
            new = step_up(lifted, rule.increment_kg, rounding)
            state = _State(
                state.stage,
                new,
                f"Made {here}: add {fmt(rule.increment_kg)} → {fmt(new)}.",
            )
        elif state.stage + 1 < TEST_5RM:
            nxt = _scheme(GZCLP_T1_STAGES[state.stage + 1], True)
            state = _State(state.stage + 1, lifted, f"Missed {here}: same load, switch to {nxt}.")
        else:
            guess = round_load(estimate_5rm(session))
            state = _State(
                TEST_5RM,
                guess,
                f"Missed {here}: work up to a new 5-rep max (try about {fmt(guess)}); "
                f"T1 restarts at {rule.restart_pct * 100:g} % of it.",
            )
    if state.stage == TEST_5RM:
        return Prescription.straight(state.load, 1, 5, state.reason)
    sets, reps = GZCLP_T1_STAGES[state.stage]
    return Prescription.straight(state.load, sets, reps, state.reason, amrap=True)


def evaluate_t2(
    rule: GzclpT2,
    sessions: Sequence[ExerciseSession],
    start_kg: float | None,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    """The next tier-2 prescription, replaying ``sessions`` from 3x10."""
    if not sessions:
        load = _first(start_kg, "T2")
        state = _State(0, load, f"No sets logged yet: start T2 at {fmt(load)}, 3×10.")
    else:
        state = _State(0, 0.0, "")
    for session in sessions:
        lifted = session.top_load_kg or 0.0
        sets, reps = GZCLP_T2_STAGES[state.stage]
        made, done = _made(session, sets, reps)
        here = f"{_scheme((sets, reps), False)} at {fmt(lifted)} ({done})"
        last_3x10 = lifted if state.stage == 0 else state.last_stage1
        if made:
            new = step_up(lifted, rule.increment_kg, rounding)
            reason = f"Made {here}: add {fmt(rule.increment_kg)} → {fmt(new)}."
            state = _State(state.stage, new, reason, last_3x10)
        elif state.stage + 1 < len(GZCLP_T2_STAGES):
            nxt = _scheme(GZCLP_T2_STAGES[state.stage + 1], False)
            reason = f"Missed {here}: same load, switch to {nxt}."
            state = _State(state.stage + 1, lifted, reason, last_3x10)
        else:
            base = lifted if last_3x10 is None else last_3x10
            new = step_up(base, rule.reset_increment_kg, rounding)
            reason = (
                f"Missed {here}: back to 3×10 at the last 3×10 load {fmt(base)} "
                f"+ {fmt(rule.reset_increment_kg)} → {fmt(new)}."
            )
            state = _State(0, new, reason, None)
    sets, reps = GZCLP_T2_STAGES[state.stage]
    return Prescription.straight(state.load, sets, reps, state.reason)


def evaluate_t3(
    rule: GzclpT3,
    sessions: Sequence[ExerciseSession],
    start_kg: float | None,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    """The next tier-3 prescription: only the last session matters."""
    scheme = f"{rule.sets}×{rule.reps}+"
    if not sessions:
        load = _first(start_kg, "T3")
        reason = f"No sets logged yet: start T3 at {fmt(load)}, {scheme}."
        return Prescription.straight(load, rule.sets, rule.reps, reason, amrap=True)
    last = sessions[-1]
    lifted = last.top_load_kg or 0.0
    amrap = last.top_sets[-1].reps
    if amrap >= rule.amrap_target:
        new = step_up(lifted, rule.increment_kg, rounding)
        reason = (
            f"AMRAP set reached {amrap} reps (target {rule.amrap_target}) at {fmt(lifted)}: "
            f"add {fmt(rule.increment_kg)} → {fmt(new)}."
        )
    else:
        new = lifted
        reason = (
            f"AMRAP set {amrap} of {rule.amrap_target} reps at {fmt(lifted)}: "
            f"stay until it reaches {rule.amrap_target}."
        )
    return Prescription.straight(new, rule.sets, rule.reps, reason, amrap=True)
