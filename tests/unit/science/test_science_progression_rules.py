"""Single steps of each progression rule, against the rules' definitions and hand arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.science.prescription import round_to_step
from spotter.science.progression import evaluate
from spotter.science.records import ExerciseSession, PerformedSet
from spotter.science.rules import (
    DoubleProgression,
    GzclpT1,
    GzclpT2,
    GzclpT3,
    LinearProgression,
    RpeProgression,
    Wave531,
)
from spotter.science.units import Unit

DAY = dt.date(2024, 5, 6)


def _day(n: int, *sets: PerformedSet) -> ExerciseSession:
    return ExerciseSession(DAY + dt.timedelta(days=n), tuple(sets))


def _sets(load: float, *reps: int, rpe: float | None = None) -> tuple[PerformedSet, ...]:
    return tuple(PerformedSet(load, r, rpe) for r in reps)


DOUBLE = DoubleProgression(rep_low=4, rep_high=6, sets=4, increment_kg=5)


def test_double_progression_published_example_120_kg_6666_goes_to_125() -> None:
    p = evaluate(DOUBLE, [_day(0, *_sets(120, 6, 6, 6, 6))])
    assert (p.load_kg, p.sets, p.reps, p.min_reps) == (125, 4, 6, 4)


def test_double_progression_keeps_the_load_if_one_set_falls_short() -> None:
    p = evaluate(DOUBLE, [_day(0, *_sets(120, 6, 6, 6, 5))])
    assert p.load_kg == 120
    assert p.reason == (
        "3 of 4 sets reached 6 reps at 120 kg (6, 6, 6, 5): stay at 120 kg until all reach 6."
    )


def test_double_progression_needs_every_prescribed_set() -> None:
    p = evaluate(DOUBLE, [_day(0, *_sets(120, 6, 6, 6))])
    assert p.load_kg == 120
    assert p.reason.startswith("Only 3 of 4 sets done at 120 kg")


def test_warm_ups_and_lighter_back_off_sets_do_not_count() -> None:
    session = _day(
        0,
        PerformedSet(60, 10, set_type="warm-up"),
        *_sets(120, 6, 6, 6, 6),
        PerformedSet(100, 8, set_type="drop"),
    )
    assert evaluate(DOUBLE, [session]).load_kg == 125


def test_the_history_is_read_in_date_order_and_empty_sessions_are_skipped() -> None:
    older, newer = _day(0, *_sets(120, 6, 6, 6, 6)), _day(3, *_sets(125, 5, 5, 4, 4))
    only_warmup = _day(5, PerformedSet(60, 10, set_type="warm-up"))
    assert evaluate(DOUBLE, [newer, only_warmup, older]).load_kg == 125


def test_a_first_session_needs_a_starting_load() -> None:
    with pytest.raises(ValueError, match="needs a starting load"):
        evaluate(DOUBLE, [])
    p = evaluate(DOUBLE, [], start_kg=100)
    assert (p.load_kg, p.reason) == (100, "No sets logged yet: start at 100 kg, 4×4–6.")


def test_reasons_are_written_in_the_users_unit() -> None:
    p = evaluate(DOUBLE, [_day(0, *_sets(100, 6, 6, 6, 6))], unit=Unit.LB)
    assert p.reason == "All 4 sets reached 6 reps at 220.46 lb: add 11.02 lb → 231.49 lb."


LINEAR = LinearProgression(increment_kg=2.5)


def test_linear_progression_deloads_exactly_ten_percent_after_three_misses() -> None:
    missed = [_day(i, *_sets(100, 5, 5, 5, 4, 3)) for i in range(3)]
    assert evaluate(LINEAR, missed).load_kg == 90
    missed_50 = [_day(i, *_sets(50, 5, 5, 4, 4, 4)) for i in range(3)]
    assert evaluate(LINEAR, missed_50).load_kg == 45


def test_a_success_in_between_resets_the_failure_count() -> None:
    log = [
        _day(0, *_sets(100, 5, 5, 5, 5, 4)),
        _day(2, *_sets(100, 5, 5, 5, 5, 4)),
        _day(4, *_sets(100, 5, 5, 5, 5, 5)),
        _day(6, *_sets(102.5, 5, 5, 5, 4, 4)),
        _day(8, *_sets(102.5, 5, 5, 5, 4, 4)),
    ]
    assert evaluate(LINEAR, log).load_kg == 102.5


def test_failures_at_another_load_are_not_counted() -> None:
    log = [
        _day(0, *_sets(100, 5, 5, 4, 4, 4)),
        _day(2, *_sets(97.5, 5, 5, 4, 4, 4)),
        _day(4, *_sets(97.5, 5, 5, 4, 4, 4)),
    ]
    assert evaluate(LINEAR, log).load_kg == 97.5


def test_deload_size_count_and_rounding_are_parameters() -> None:
    rule = LinearProgression(increment_kg=5, failures_before_deload=2, deload_pct=0.2, sets=3)
    log = [_day(i, *_sets(100, 5, 5, 4)) for i in range(2)]
    assert evaluate(rule, log).load_kg == 80
    # 0.9 x 105 = 94.5; to the nearest 5 kg that is 95
    log = [_day(i, *_sets(105, 5, 5, 4, 4, 4)) for i in range(3)]
    assert evaluate(LINEAR, log, rounding=round_to_step(5)).load_kg == 95


def test_rpe_progression_uses_the_chart_for_the_next_load() -> None:
    # 100 x 5 @8 -> e1RM 100/0.811 = 123.30; 3 @9 = 89.2 % -> 109.99 -> 110
    rule = RpeProgression(target_reps=3, target_rpe=9, sets=4)
    p = evaluate(rule, [_day(0, *_sets(100, 5, rpe=8))])
    assert (p.load_kg, p.sets, p.reps, p.target_rpe) == (110, 4, 3, 9)
    assert p.reason == "Top set 100 kg × 5 @8 → e1RM 123.3 kg; 3 @9 is 89.2 % → 110 kg."


def test_rpe_progression_without_an_rpe_falls_back_to_brzycki() -> None:
    # Brzycki 100 x 36/32 = 112.5; 5 @8 = 81.1 % -> 91.24 -> 90 (nearest 2.5)
    p = evaluate(RpeProgression(target_reps=5, target_rpe=8, sets=3), [_day(0, *_sets(100, 5))])
    assert p.load_kg == 90


def test_rpe_progression_can_start_from_a_1rm() -> None:
    # 150 x 86.3 % (3 @8) = 129.45 -> 130
    p = evaluate(RpeProgression(target_reps=3, target_rpe=8, sets=3), [], one_rm_kg=150)
    assert p.load_kg == 130


def test_531_needs_a_1rm_and_accepts_other_rounding() -> None:
    with pytest.raises(ValueError, match="one_rm_kg"):
        evaluate(Wave531(), [])
    # TM 90: 58.5 -> 60, 67.5 -> 65 (tie goes down), 76.5 -> 75 to the nearest 5 kg
    p = evaluate(Wave531(), [], one_rm_kg=100, rounding=round_to_step(5))
    assert [s.load_kg for s in p.plan] == [60, 65, 75]


def test_gzclp_t1_extra_amrap_reps_do_not_make_up_a_short_set() -> None:
    p = evaluate(GzclpT1(increment_kg=5), [_day(0, *_sets(100, 3, 3, 3, 2, 6))])
    assert (p.load_kg, p.scheme) == (100, "6×2+")


def test_gzclp_t1_a_5rm_test_without_five_reps_is_estimated() -> None:
    # Fail 5x3, 6x2, 10x1 at 100; the test's best set is 100 x 3: Epley 110 x 0.87 = 95.7,
    # restart at 0.85 x 95.7 = 81.35 -> 82.5.
    log = [
        _day(0, *_sets(100, 3, 3, 3, 3, 2)),
        _day(2, *_sets(100, 2, 2, 2, 2, 2, 1)),
        _day(4, *_sets(100, *([1] * 9), 0)),
        _day(6, *_sets(100, 3)),
    ]
    p = evaluate(GzclpT1(increment_kg=5), log)
    assert (p.load_kg, p.scheme) == (82.5, "5×3+")


def test_gzclp_t2_resets_from_the_last_3x10_load_even_if_it_was_missed() -> None:
    log = [
        _day(0, *_sets(60, 10, 10, 10)),
        _day(2, *_sets(62.5, 10, 10, 8)),  # missed 3x10 at 62.5
        _day(4, *_sets(62.5, 8, 8, 6)),
        _day(6, *_sets(62.5, 6, 6, 5)),
    ]
    p = evaluate(GzclpT2(increment_kg=2.5), log)
    assert (p.load_kg, p.scheme) == (70, "3×10")


@pytest.mark.parametrize(("amrap", "expected"), [(24, 30), (25, 32.5), (31, 32.5)])
def test_gzclp_t3_rises_at_25_amrap_reps(amrap: int, expected: float) -> None:
    p = evaluate(GzclpT3(increment_kg=2.5), [_day(0, *_sets(30, 15, 15, amrap))])
    assert p.load_kg == expected
    assert [s.amrap for s in p.plan] == [False, False, True]


def test_rules_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="1 <= low <= high"):
        DoubleProgression(rep_low=12, rep_high=8, sets=3, increment_kg=2.5)
    with pytest.raises(ValueError, match="deload must be a fraction"):
        LinearProgression(increment_kg=2.5, deload_pct=1.5)
    with pytest.raises(ValueError, match="RTS chart"):
        RpeProgression(target_reps=5, target_rpe=5, sets=3)
    with pytest.raises(ValueError, match="RTS chart"):
        RpeProgression(target_reps=13, target_rpe=8, sets=3)
    with pytest.raises(ValueError, match="increment must be positive"):
        GzclpT1(increment_kg=0)
