"""Twelve simulated weeks of double, linear and RPE progression.

Each test runs a deterministic lifter against evaluate(): the lifter does what is prescribed and
logs what happened. The expected loads were worked out by hand from each rule's definition
(the reasoning is in the comments), never by running the code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spotter.science.prescription import Prescription
from spotter.science.progression import evaluate
from spotter.science.records import ExerciseSession, PerformedSet
from spotter.science.rules import DoubleProgression, LinearProgression, RpeProgression, Rule

MONDAY = dt.date(2024, 1, 1)
Lifter = Callable[[int, Prescription, list[ExerciseSession]], tuple[PerformedSet, ...]]


def _run(
    rule: Rule, sessions: int, per_week: int, lifter: Lifter, **kwargs: float
) -> tuple[list[Prescription], Prescription]:
    """Run the lifter for ``sessions`` sessions; return every prescription and the next one."""
    history: list[ExerciseSession] = []
    given: list[Prescription] = []
    for s in range(sessions):
        p = evaluate(rule, history, **kwargs)  # type: ignore[arg-type]
        given.append(p)
        day = MONDAY + dt.timedelta(days=7 * (s // per_week) + 2 * (s % per_week))
        history.append(ExerciseSession(day, lifter(s, p, history)))
    return given, evaluate(rule, history, **kwargs)  # type: ignore[arg-type]


def _sessions_at_current_load(history: list[ExerciseSession], load: float) -> int:
    k = 0
    for past in reversed(history):
        if past.top_load_kg != load:
            break
        k += 1
    return k


def _one_more_rep_each_time(start: tuple[int, int, int], cap: int) -> Lifter:
    """At a new load, sets go ``start``; each later session at that load adds a rep per set."""

    def lifter(s: int, p: Prescription, history: list[ExerciseSession]) -> tuple[PerformedSet, ...]:
        k = _sessions_at_current_load(history, p.load_kg)
        return tuple(PerformedSet(p.load_kg, min(cap, r + k)) for r in start)

    return lifter


def test_double_progression_waits_until_every_set_reaches_the_top() -> None:
    # 3 x 8-12, +2.5 kg. At each load the sets go 9/8/7, 10/9/8, 11/10/9, 12/11/10, 12/12/11,
    # 12/12/12: the sixth session has every set at 12, so the load rises in the seventh.
    rule = DoubleProgression(rep_low=8, rep_high=12, sets=3, increment_kg=2.5)
    given, following = _run(rule, 24, 2, _one_more_rep_each_time((9, 8, 7), 12), start_kg=40)
    assert [p.load_kg for p in given] == [40] * 6 + [42.5] * 6 + [45] * 6 + [47.5] * 6
    assert following.load_kg == 50
    assert all(p.scheme == "3×8–12" for p in given)
    assert given[5].reason == (
        "2 of 3 sets reached 12 reps at 40 kg (12, 12, 11): stay at 40 kg until all reach 12."
    )
    assert given[6].reason == "All 3 sets reached 12 reps at 40 kg: add 2.5 kg → 42.5 kg."


def test_the_compound_variant_raises_once_the_first_set_reaches_the_top() -> None:
    # Same lifter; the first set reaches 12 in the fourth session at a load (9, 10, 11, 12).
    rule = DoubleProgression(rep_low=8, rep_high=12, sets=3, increment_kg=2.5, first_set_only=True)
    given, following = _run(rule, 24, 2, _one_more_rep_each_time((9, 8, 7), 12), start_kg=40)
    expected = [40.0] * 4 + [42.5] * 4 + [45.0] * 4 + [47.5] * 4 + [50.0] * 4 + [52.5] * 4
    assert [p.load_kg for p in given] == expected
    assert following.load_kg == 55


def _strength_gate(base: float, per_week: int) -> Lifter:
    """Completes 5x5 when the load is at most ``base x 1.01^week``; else 5, 5, 4, 4, 3."""

    def lifter(s: int, p: Prescription, history: list[ExerciseSession]) -> tuple[PerformedSet, ...]:
        capacity = base * 1.01 ** (s // per_week)
        reps = (5, 5, 5, 5, 5) if p.load_kg <= capacity else (5, 5, 4, 4, 3)
        return tuple(PerformedSet(p.load_kg, r) for r in reps)

    return lifter


def test_linear_progression_adds_repeats_and_deloads_by_ten_percent() -> None:
    # StrongLifts: +2.5 kg per session, 3 sessions a week, 3 failures in a row -> -10 %,
    # rounded to 2.5 kg. The lifter's 5x5 capacity is 100 kg x 1.01^week: 100, 101, 102.01,
    # 103.03, 104.06, 105.10, 106.15, 107.21, 108.29, 109.37, 110.46, 111.57.
    rule = LinearProgression(increment_kg=2.5, failures_before_deload=3, deload_pct=0.10)
    given, following = _run(rule, 36, 3, _strength_gate(100, 3), start_kg=80)
    expected = [
        80, 82.5, 85,  # week 0, all made
        87.5, 90, 92.5,
        95, 97.5, 100,
        102.5, 105, 105,  # 102.5 <= 103.03 made; 105 missed twice
        105, 95, 97.5,  # third miss (105 > 104.06); 0.9 x 105 = 94.5 -> 95
        100, 102.5, 105,  # 105 <= 105.10 made
        107.5, 107.5, 107.5,  # 107.5 > 106.15, three misses
        97.5, 100, 102.5,  # 0.9 x 107.5 = 96.75 -> 97.5
        105, 107.5, 110,  # 107.5 <= 108.29 made; 110 missed
        110, 110, 100,  # 110 > 109.37 twice more; 0.9 x 110 = 99 -> 100
        102.5, 105, 107.5,
        110, 112.5, 112.5,  # 110 <= 111.57 made; 112.5 missed twice
    ]  # fmt: skip
    assert [p.load_kg for p in given] == expected
    assert following.load_kg == 112.5  # two misses so far: repeat
    assert given[13].reason == "Missed 5×5 at 105 kg 3 sessions in a row: deload 10 % → 95 kg."
    assert given[11].reason == (
        "Missed 5×5 at 105 kg (failure 1 of 3 before a deload): repeat 105 kg."
    )


# Row 5 of the RTS chart (SCIENCE.md): RPE -> fraction of 1RM for 5 reps.
FIVE_REPS = {
    10: 0.863,
    9.5: 0.850,
    9: 0.837,
    8.5: 0.824,
    8: 0.811,
    7.5: 0.799,
    7: 0.786,
    6.5: 0.774,
}


def _honest_rpe_reporter(one_rm: float) -> Lifter:
    """Reports, for 5 reps, the chart RPE whose percentage is nearest load / true 1RM, where
    the true 1RM grows 1 % a week."""

    def lifter(s: int, p: Prescription, history: list[ExerciseSession]) -> tuple[PerformedSet, ...]:
        ratio = p.load_kg / (one_rm * 1.01**s)
        rpe = min(FIVE_REPS, key=lambda r: abs(FIVE_REPS[r] - ratio))
        rest = [PerformedSet(p.load_kg, 5) for _ in range(p.sets - 1)]
        return (PerformedSet(p.load_kg, 5, rpe), *rest)

    return lifter


def test_rpe_progression_follows_the_e1rm_of_the_top_set() -> None:
    # 3 x 5 @8, one session a week; next load = load / pct(5, RPE) x 0.811, to 2.5 kg.
    # True 1RM 120 x 1.01^week. Week by week (load / 1RM -> RPE -> next):
    #  95/120.00=.792 -> 7 (.786)   -> 95 x .811/.786 = 98.02 -> 97.5
    #  97.5/121.20=.804 -> 7.5      -> 97.5 x .811/.799 = 98.96 -> 100
    #  100/122.41=.817 -> 8         -> 100
    #  100/123.64=.809 -> 8         -> 100
    #  100/124.87=.801 -> 7.5       -> 101.50 -> 102.5
    #  102.5/126.12=.813 -> 8       -> 102.5
    #  102.5/127.38=.805 -> 7.5     -> 104.04 -> 105
    #  105/128.66=.816 -> 8; 105/129.94=.808 -> 8; 105/131.24=.800 -> 7.5 -> 106.58 -> 107.5
    #  107.5/132.55=.811 -> 8; 107.5/133.88=.803 -> 7.5 -> 109.11 -> 110
    rule = RpeProgression(target_reps=5, target_rpe=8, sets=3)
    given, following = _run(rule, 12, 1, _honest_rpe_reporter(120), start_kg=95)
    expected = [95, 97.5, 100, 100, 100, 102.5, 102.5, 105, 105, 105, 107.5, 107.5]
    assert [p.load_kg for p in given] == expected
    assert following.load_kg == 110
    assert all((p.sets, p.reps, p.target_rpe) == (3, 5, 8) for p in given)
