"""Evaluate a progression rule on an exercise's history: the next prescription and why.

:func:`evaluate` is a pure function of the rule and the past sessions (oldest first; sessions
without working sets are skipped). The history is the truth: each step starts from the load
actually lifted, not from what was prescribed. What counts as success, per rule:

* double progression: at least ``sets`` working sets at the session's top load, every one of
  them at ``rep_high`` or more (only the first, with ``first_set_only``);
* linear progression: at least ``sets`` sets at the top load, every one at ``reps`` or more;
  the failures that trigger a deload are the latest sessions, counted back while they failed at
  the same load;
* RPE: no success test; the top set (the first set at the top load) gives the e1RM by
  :func:`spotter.science.one_rm.estimate` (the RTS chart when the set has an RPE);
* 5/3/1, Boring But Big and GZCLP: see :mod:`spotter.science.wave531` and
  :mod:`spotter.science.gzclp`. For Boring But Big the history is the lift's main 5/3/1
  sessions: they set the cycle.

Loads that come from a percentage are rounded (``rounding`` or the rule's ``round_to_kg``).
A load reached by adding an increment to a lifted load is rounded only when ``rounding`` is
given (the lifter's kit), and then never back to the lifted load
(:func:`~spotter.science.prescription.step_up`): the load shown is one the kit makes.

>>> import datetime as dt
>>> from spotter.science.records import ExerciseSession, PerformedSet
>>> rule = DoubleProgression(rep_low=4, rep_high=6, sets=4, increment_kg=5)
>>> day = ExerciseSession(dt.date(2024, 3, 1), tuple(PerformedSet(120, 6) for _ in range(4)))
>>> p = evaluate(rule, [day])
>>> p.load_kg, p.scheme
(125, '4×4–6')
>>> p.reason
'All 4 sets reached 6 reps at 120 kg: add 5 kg → 125 kg.'
"""

from __future__ import annotations

from collections.abc import Sequence

from spotter.science.gzclp import evaluate_t1, evaluate_t2, evaluate_t3
from spotter.science.one_rm import estimate
from spotter.science.prescription import (
    Formatter,
    Prescription,
    Rounding,
    round_to_step,
    step_up,
)
from spotter.science.records import ExerciseSession
from spotter.science.rpe import load_for, pct
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
from spotter.science.units import Unit, format_load, from_kg
from spotter.science.wave531 import evaluate_531, evaluate_bbb

__all__ = [
    "BoringButBig",
    "DoubleProgression",
    "GzclpT1",
    "GzclpT2",
    "GzclpT3",
    "LinearProgression",
    "RpeProgression",
    "Rule",
    "Wave531",
    "evaluate",
]


def evaluate(
    rule: Rule,
    history: Sequence[ExerciseSession],
    *,
    start_kg: float | None = None,
    one_rm_kg: float | None = None,
    rounding: Rounding | None = None,
    unit: Unit = Unit.KG,
) -> Prescription:
    """The next prescription for one exercise under ``rule``.

    Parameters
    ----------
    rule
        The progression rule (a value from :mod:`spotter.science.rules`).
    history
        The exercise's past sessions, in any order (they are sorted by date, stably).
    start_kg
        The first load, used when the history has no working set yet.
    one_rm_kg
        The 1RM that 5/3/1 and Boring But Big derive the training max from (required for
        them); RPE progression uses it when there is no history yet.
    rounding
        Rounds percentage-derived loads to what the user can load; defaults to the rule's
        ``round_to_kg``.
    unit
        The unit the reason is written in.

    Raises
    ------
    ValueError
        When there is no history and no starting load, or 5/3/1 lacks ``one_rm_kg``.
    """
    sessions = [s for s in sorted(history, key=lambda s: s.date) if s.working_sets]

    def fmt(kg: float) -> str:
        return format_load(from_kg(kg, unit), unit)

    if isinstance(rule, Wave531):
        if one_rm_kg is None:
            raise ValueError("5/3/1 needs the 1RM its training max comes from (one_rm_kg)")
        return evaluate_531(rule, len(sessions), one_rm_kg, rounding, fmt)
    if isinstance(rule, BoringButBig):
        if one_rm_kg is None:
            raise ValueError("Boring But Big needs the 1RM its training max comes from (one_rm_kg)")
        return evaluate_bbb(rule, len(sessions), one_rm_kg, rounding, fmt)
    if isinstance(rule, GzclpT1):
        return evaluate_t1(rule, sessions, start_kg, rounding, fmt)
    if isinstance(rule, GzclpT2):
        return evaluate_t2(rule, sessions, start_kg, rounding, fmt)
    if isinstance(rule, GzclpT3):
        return evaluate_t3(rule, sessions, start_kg, rounding, fmt)
    if isinstance(rule, RpeProgression):
        return _rpe(rule, sessions, one_rm_kg, start_kg, rounding, fmt)
    if isinstance(rule, LinearProgression):
        return _linear(rule, sessions, start_kg, rounding, fmt)
    return _double(rule, sessions, start_kg, rounding, fmt)


def _first_load(start_kg: float | None, rule_name: str) -> float:
    if start_kg is None:
        raise ValueError(f"no working sets logged yet: {rule_name} needs a starting load")
    if start_kg <= 0:
        raise ValueError(f"the starting load must be positive, got {start_kg:g}")
    return start_kg


def _double(
    rule: DoubleProgression,
    sessions: Sequence[ExerciseSession],
    start_kg: float | None,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    def prescribe(load: float, reason: str) -> Prescription:
        return Prescription.straight(load, rule.sets, rule.rep_high, reason, min_reps=rule.rep_low)

    if not sessions:
        load = _first_load(start_kg, "double progression")
        scheme = f"{rule.sets}×{rule.rep_low}–{rule.rep_high}"
        return prescribe(load, f"No sets logged yet: start at {fmt(load)}, {scheme}.")
    last = sessions[-1]
    load = last.top_load_kg or 0.0
    top = last.top_sets
    judged = top[:1] if rule.first_set_only else top
    reached = sum(1 for s in judged if s.reps >= rule.rep_high)
    enough = len(top) >= (1 if rule.first_set_only else rule.sets)
    if enough and reached == len(judged):
        new = step_up(load, rule.increment_kg, rounding)
        who = "The first set" if rule.first_set_only else f"All {len(judged)} sets"
        return prescribe(
            new,
            f"{who} reached {rule.rep_high} reps at {fmt(load)}: "
            f"add {fmt(rule.increment_kg)} → {fmt(new)}.",
        )
    reps = ", ".join(str(s.reps) for s in top)
    if not enough:
        why = f"Only {len(top)} of {rule.sets} sets done at {fmt(load)} ({reps})"
    elif rule.first_set_only:
        why = f"The first set stopped at {top[0].reps} of {rule.rep_high} reps at {fmt(load)}"
    else:
        why = f"{reached} of {len(top)} sets reached {rule.rep_high} reps at {fmt(load)} ({reps})"
    return prescribe(load, f"{why}: stay at {fmt(load)} until all reach {rule.rep_high}.")


def _succeeded(session: ExerciseSession, sets: int, reps: int) -> bool:
    top = session.top_sets
    return len(top) >= sets and all(s.reps >= reps for s in top)


def _linear(
    rule: LinearProgression,
    sessions: Sequence[ExerciseSession],
    start_kg: float | None,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    scheme = f"{rule.sets}×{rule.reps}"

    def prescribe(load: float, reason: str) -> Prescription:
        return Prescription.straight(load, rule.sets, rule.reps, reason)

    if not sessions:
        load = _first_load(start_kg, "linear progression")
        return prescribe(load, f"No sets logged yet: start at {fmt(load)}, {scheme}.")
    last = sessions[-1]
    load = last.top_load_kg or 0.0
    if _succeeded(last, rule.sets, rule.reps):
        new = step_up(load, rule.increment_kg, rounding)
        return prescribe(
            new, f"Completed {scheme} at {fmt(load)}: add {fmt(rule.increment_kg)} → {fmt(new)}."
        )
    failures = 0
    for session in reversed(sessions):
        same_load = abs((session.top_load_kg or 0.0) - load) < 1e-9
        if not same_load or _succeeded(session, rule.sets, rule.reps):
            break
        failures += 1
    if failures >= rule.failures_before_deload:
        new = (rounding or round_to_step(rule.round_to_kg))(load * (1 - rule.deload_pct))
        return prescribe(
            new,
            f"Missed {scheme} at {fmt(load)} {failures} sessions in a row: "
            f"deload {rule.deload_pct * 100:g} % → {fmt(new)}.",
        )
    return prescribe(
        load,
        f"Missed {scheme} at {fmt(load)} (failure {failures} of {rule.failures_before_deload} "
        f"before a deload): repeat {fmt(load)}.",
    )


def _rpe(
    rule: RpeProgression,
    sessions: Sequence[ExerciseSession],
    one_rm_kg: float | None,
    start_kg: float | None,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    round_load = rounding or round_to_step(rule.round_to_kg)
    fraction = pct(rule.target_reps, rule.target_rpe)
    target = f"{rule.target_reps} @{rule.target_rpe:g}"

    def prescribe(load: float, reason: str) -> Prescription:
        return Prescription.straight(
            load, rule.sets, rule.target_reps, reason, target_rpe=rule.target_rpe
        )

    if not sessions:
        if one_rm_kg is not None:
            new = round_load(load_for(one_rm_kg, rule.target_reps, rule.target_rpe))
            return prescribe(
                new,
                f"No sets logged yet: 1RM {fmt(one_rm_kg)}; {target} is "
                f"{fraction * 100:.1f} % → {fmt(new)}.",
            )
        load = _first_load(start_kg, "RPE progression")
        return prescribe(load, f"No sets logged yet: start at {fmt(load)} and log the RPE.")
    top = sessions[-1].top_sets[0]
    est = estimate(top.load_kg, top.reps, top.rpe)
    new = round_load(load_for(est.one_rm, rule.target_reps, rule.target_rpe))
    rpe_text = f" @{top.rpe:g}" if top.rpe is not None else " (no RPE)"
    return prescribe(
        new,
        f"Top set {fmt(top.load_kg)} × {top.reps}{rpe_text} → e1RM {fmt(round(est.one_rm, 1))}; "
        f"{target} is {fraction * 100:.1f} % → {fmt(new)}.",
    )
