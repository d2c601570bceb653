"""Per-muscle recovery: hand arithmetic on the documented model and its calibration points."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from spotter.science.records import LoggedSet, MuscleTargets
from spotter.science.recovery import RecoveryModel, ready, recovery, set_fatigue

T0 = dt.datetime(2024, 3, 4, 18, 0)
EX = {
    "bench": MuscleTargets(("chest",), ("triceps", "front-delts"), compound=True),
    "squat": MuscleTargets(("quads", "glutes"), ("hamstrings",), compound=True),
    "curl": MuscleTargets(("biceps",), ("forearms",)),
}


def _h(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def _sets(exercise: str, n: int, rpe: float | None = 8, when: dt.datetime = T0) -> list[LoggedSet]:
    return [LoggedSet(exercise, when, 100, 5, rpe=rpe) for _ in range(n)]


def test_one_set_to_failure_takes_15_points_and_decays_with_tau() -> None:
    log = _sets("bench", 1, rpe=10)
    assert recovery(log, EX, at=T0)["chest"] == pytest.approx(85)
    # chest tau 20 h: 100 - 15/e at 20 h
    assert recovery(log, EX, at=_h(20))["chest"] == pytest.approx(100 - 15 / math.e)


def test_big_lower_body_muscles_recover_on_30_hours() -> None:
    log = _sets("squat", 1, rpe=10)
    assert recovery(log, EX, at=_h(30))["quads"] == pytest.approx(100 - 15 / math.e)


def test_effort_mechanic_and_role_scale_a_set() -> None:
    assert set_fatigue(10, compound=True, primary=True) == 15
    assert set_fatigue(8, compound=True, primary=True) == pytest.approx(12)  # 15 x 0.8
    assert set_fatigue(8, compound=False, primary=False) == pytest.approx(3)  # x 0.5 x 0.5
    assert set_fatigue(None, compound=True, primary=True) == pytest.approx(12)  # as RPE 8
    assert set_fatigue(4, compound=True, primary=True) == pytest.approx(7.5)  # floor 0.5


def test_four_hard_sets_are_recovered_in_48_hours_not_24() -> None:
    # 4 x 12 = 48 points on chest: 100 - 48 e^-1.2 = 85.54 at 24 h, 100 - 48 e^-2.4 = 95.65
    log = _sets("bench", 4)
    at_24, at_48 = recovery(log, EX, at=_h(24)), recovery(log, EX, at=_h(48))
    assert at_24["chest"] == pytest.approx(85.54, abs=0.01)
    assert at_48["chest"] == pytest.approx(95.65, abs=0.01)
    assert "chest" not in ready(at_24)
    assert "chest" in ready(at_48)


def test_five_hard_squat_sets_need_72_hours_for_the_quads() -> None:
    # 60 points: 100 - 60 e^-1.6 = 87.89 at 48 h, 100 - 60 e^-2.4 = 94.56 at 72 h
    log = _sets("squat", 5)
    assert recovery(log, EX, at=_h(48))["quads"] == pytest.approx(87.89, abs=0.01)
    assert recovery(log, EX, at=_h(72))["quads"] == pytest.approx(94.56, abs=0.01)
    assert "quads" not in ready(recovery(log, EX, at=_h(48)))
    assert "quads" in ready(recovery(log, EX, at=_h(72)))


def test_recovery_bottoms_at_zero_and_is_full_within_seven_days() -> None:
    log = _sets("squat", 20, rpe=10)
    assert recovery(log, EX, at=T0)["quads"] == 0
    # 100 - 100 e^(-168/30) = 99.63
    assert recovery(log, EX, at=_h(168))["quads"] == pytest.approx(99.63, abs=0.01)


def test_fatigue_from_earlier_sets_decays_before_new_sets_add() -> None:
    log = _sets("bench", 1, rpe=10) + _sets("bench", 1, rpe=10, when=_h(20))
    # 15/e + 15 = 20.52 points at 20 h
    assert recovery(log, EX, at=_h(20))["chest"] == pytest.approx(100 - 15 / math.e - 15)


def test_warm_ups_future_sets_and_untrained_muscles() -> None:
    warm_up = LoggedSet("bench", T0, 40, 10, rpe=3, set_type="warm-up")
    log = [warm_up, *_sets("curl", 3, when=_h(5))]
    result = recovery(log, EX, at=_h(1))
    assert result == {}
    assert set(recovery(log, EX, at=_h(6))) == {"biceps", "forearms"}


def test_the_order_of_the_log_does_not_matter() -> None:
    log = _sets("bench", 2) + _sets("bench", 2, when=_h(30)) + _sets("curl", 2, when=_h(10))
    assert recovery(log, EX, at=_h(50)) == recovery(list(reversed(log)), EX, at=_h(50))


def test_ready_means_at_least_90_percent() -> None:
    assert ready({"chest": 90.0, "quads": 89.99, "biceps": 100.0}) == ("biceps", "chest")
    assert ready({"chest": 80.0}, model=RecoveryModel(ready_at=80)) == ("chest",)


def test_an_exercise_without_muscle_data_is_an_error() -> None:
    with pytest.raises(ValueError, match="no muscle data for exercise 'mystery'"):
        recovery(_sets("mystery", 1), EX, at=_h(1))
