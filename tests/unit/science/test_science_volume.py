"""Weekly fractional sets per muscle and the 2017 RP landmarks (SCIENCE.md section 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.science.records import LoggedSet, MuscleTargets
from spotter.science.volume import (
    LANDMARKS_2017,
    VolumeStatus,
    assess,
    fractional_sets,
    status,
    weekly_sets,
)

# Typed from SCIENCE.md: MV, MEV, MAV low, MAV high, MRV, frequency low, high.
TABLE = {
    "back": (8, 10, 14, 22, 25, 2, 4),
    "chest": (8, 10, 12, 20, 22, 1.5, 3),
    "quads": (6, 8, 12, 18, 20, 1.5, 3),
    "hamstrings": (4, 6, 10, 16, 20, 2, 3),
    "glutes": (0, 0, 4, 12, 16, 2, 3),
    "biceps": (5, 8, 14, 20, 26, 2, 6),
    "triceps": (4, 6, 10, 14, 18, 2, 4),
    "front delts": (0, 0, 6, 8, 12, 1, 2),
    "side delts": (0, 8, 16, 22, 26, 2, 6),
    "rear delts": (0, 8, 16, 22, 26, 2, 6),
    "traps": (0, 0, 12, 20, 26, 2, 6),
    "calves": (6, 8, 12, 16, 20, 2, 4),
    "abs": (0, 0, 16, 20, 25, 3, 5),
}

EXERCISES = {
    "squat": MuscleTargets(("quads", "glutes"), ("hamstrings", "adductors"), compound=True),
    "pulldown": MuscleTargets(("lats",), ("biceps", "rear-delts", "rhomboids"), compound=True),
    "row": MuscleTargets(("lats", "rhomboids"), ("biceps",), compound=True),
    "curl": MuscleTargets(("biceps",), ("forearms",)),
}
GROUPS: dict[str, str | None] = {
    "lats": "back",
    "rhomboids": "back",
    "rear-delts": "rear delts",
    "biceps": "biceps",
    "forearms": None,
}
MON = dt.datetime(2024, 3, 4, 18, 0)


def _sets(
    exercise: str, n: int, when: dt.datetime = MON, set_type: str = "working"
) -> list[LoggedSet]:
    return [LoggedSet(exercise, when, 50, 10, set_type=set_type) for _ in range(n)]


def test_the_landmarks_are_the_2017_table() -> None:
    assert set(LANDMARKS_2017) == set(TABLE)
    for name, row in TABLE.items():
        lm = LANDMARKS_2017[name]
        assert (lm.mv, lm.mev, lm.mav_low, lm.mav_high, lm.mrv, lm.freq_low, lm.freq_high) == row


def test_a_working_set_counts_one_per_primary_and_half_per_secondary() -> None:
    log = _sets("squat", 4) + _sets("squat", 2, set_type="warm-up")
    assert fractional_sets(log, EXERCISES) == {
        "quads": 4,
        "glutes": 4,
        "hamstrings": 2,
        "adductors": 2,
    }


def test_drop_failure_and_amrap_sets_count_but_empty_attempts_do_not() -> None:
    log = [
        LoggedSet("curl", MON, 15, 12),
        LoggedSet("curl", MON, 10, 10, set_type="drop"),
        LoggedSet("curl", MON, 15, 8, set_type="failure"),
        LoggedSet("curl", MON, 15, 14, set_type="amrap"),
        LoggedSet("curl", MON, 20, 0),
    ]
    assert fractional_sets(log, EXERCISES) == {"biceps": 4, "forearms": 2}


def test_a_set_counts_once_per_landmark_row_with_its_largest_share() -> None:
    # 3 pulldowns: back 1 each (lats primary; rhomboids secondary do not add), biceps 0.5,
    # rear delts 0.5. 2 rows: back 1 each (lats + rhomboids, once), biceps 0.5.
    # 3 curls: biceps 1 each; forearms have no row and are left out.
    log = _sets("pulldown", 3) + _sets("row", 2) + _sets("curl", 3)
    assert fractional_sets(log, EXERCISES, group_of=GROUPS) == {
        "back": 5,
        "biceps": 1.5 + 1 + 3,
        "rear delts": 1.5,
    }


def test_the_week_runs_monday_to_sunday() -> None:
    sunday_night = dt.datetime(2024, 3, 10, 23, 59)
    next_monday = dt.datetime(2024, 3, 11, 0, 0)
    last_sunday = dt.datetime(2024, 3, 3, 20, 0)
    log = [
        *_sets("curl", 2),
        *_sets("curl", 1, sunday_night),
        *_sets("curl", 5, next_monday),
        *_sets("curl", 7, last_sunday),
    ]
    assert weekly_sets(log, EXERCISES, week_of=dt.date(2024, 3, 6))["biceps"] == 3


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (9.5, VolumeStatus.BELOW_MEV),
        (10, VolumeStatus.MEV_TO_MAV),
        (11.5, VolumeStatus.MEV_TO_MAV),
        (12, VolumeStatus.WITHIN_MAV),
        (20, VolumeStatus.WITHIN_MAV),
        (20.5, VolumeStatus.ABOVE_MAV),
        (22, VolumeStatus.ABOVE_MAV),
        (22.5, VolumeStatus.ABOVE_MRV),
    ],
)
def test_chest_status_bounds(sets: float, expected: VolumeStatus) -> None:
    assert status(sets, LANDMARKS_2017["chest"]) is expected


def test_a_muscle_with_mev_zero_is_never_below_mev() -> None:
    assert status(0, LANDMARKS_2017["glutes"]) is VolumeStatus.MEV_TO_MAV
    assert status(4, LANDMARKS_2017["glutes"]) is VolumeStatus.WITHIN_MAV


def test_the_report_lists_every_row_of_the_table() -> None:
    log = _sets("squat", 9) + _sets("pulldown", 12)
    rows = GROUPS | {
        "quads": "quads",
        "glutes": "glutes",
        "hamstrings": "hamstrings",
        "adductors": None,
    }
    volume = weekly_sets(log, EXERCISES, week_of=MON.date(), group_of=rows)
    report = {r.muscle: (r.sets, r.status) for r in assess(volume)}
    assert len(report) == 13
    assert report["quads"] == (9, VolumeStatus.MEV_TO_MAV)  # 8 <= 9 < 12
    assert report["glutes"] == (9, VolumeStatus.WITHIN_MAV)  # 4 <= 9 <= 12
    assert report["hamstrings"] == (4.5, VolumeStatus.BELOW_MEV)  # 4.5 < 6
    assert report["back"] == (12, VolumeStatus.MEV_TO_MAV)
    assert report["biceps"] == (6, VolumeStatus.BELOW_MEV)
    assert report["chest"] == (0, VolumeStatus.BELOW_MEV)


def test_an_exercise_without_muscle_data_is_an_error() -> None:
    with pytest.raises(ValueError, match="no muscle data for exercise 'mystery'"):
        fractional_sets(_sets("mystery", 1), EXERCISES)
