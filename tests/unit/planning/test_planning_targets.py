"""Weekly targets derived by hand from the 2017 landmarks table (SCIENCE.md section 3)."""

from __future__ import annotations

import pytest

from spotter.planning.model.targets import TargetRange, pull_ratio, row_weights, weekly_targets
from spotter.profile import EXPERIENCE, GOALS
from spotter.science.volume import LANDMARKS_2017


def test_a_novice_training_for_size_aims_from_mev_to_the_low_end_of_mav() -> None:
    # Quads: MEV 8, MAV 12-18.
    assert weekly_targets("hypertrophy", "novice")["quads"] == TargetRange(8, 12)


def test_an_intermediate_aims_across_the_whole_mav() -> None:
    # Chest: MAV 12-20.
    assert weekly_targets("hypertrophy", "intermediate")["chest"] == TargetRange(12, 20)


def test_an_advanced_lifter_aims_at_the_upper_half_of_mav() -> None:
    t = weekly_targets("hypertrophy", "advanced")
    assert t["back"] == TargetRange(18, 22)  # (14 + 22) / 2 = 18
    assert t["hamstrings"] == TargetRange(13, 16)  # (10 + 16) / 2 = 13


def test_strength_halves_the_isolation_rows_only() -> None:
    t = weekly_targets("strength", "advanced")
    assert t["side delts"] == TargetRange(9.5, 11)  # (19, 22) x 0.5
    assert t["quads"] == TargetRange(15, 18)  # unchanged: (12 + 18) / 2 = 15


def test_general_uses_the_range_of_one_level_lower() -> None:
    assert weekly_targets("general", "intermediate")["back"] == TargetRange(10, 14)
    assert weekly_targets("general", "novice")["back"] == TargetRange(10, 14)


def test_posture_raises_the_upper_back_rows_but_never_above_mrv() -> None:
    adv = weekly_targets("posture", "advanced")
    # Intermediate base for rear delts 16-22, x 1.25 = 20-27.5, capped at MRV 26.
    assert adv["rear delts"] == TargetRange(20, 26)
    inter = weekly_targets("posture", "intermediate")
    assert inter["traps"] == TargetRange(0, 15)  # novice 0-12 x 1.25
    assert inter["chest"] == TargetRange(10, 12)  # not raised


@pytest.mark.parametrize("goal", GOALS)
@pytest.mark.parametrize("experience", EXPERIENCE)
def test_every_range_is_ordered_and_within_mrv(goal: str, experience: str) -> None:
    targets = weekly_targets(goal, experience)
    assert set(targets) == set(LANDMARKS_2017)
    for row, t in targets.items():
        assert 0 <= t.low <= t.high <= LANDMARKS_2017[row].mrv


def test_pulling_must_outweigh_pushing_more_for_posture() -> None:
    assert pull_ratio("posture") == 1.5
    assert pull_ratio("hypertrophy") == 1.0


def test_emphasised_rows_weigh_double_and_unknown_rows_are_refused() -> None:
    w = row_weights(["glutes"])
    assert (w["glutes"], w["back"]) == (2.0, 1.0)
    with pytest.raises(ValueError, match="unknown rows lats"):
        row_weights(["lats"])


def test_an_unknown_goal_is_refused() -> None:
    with pytest.raises(ValueError, match="goal"):
        weekly_targets("bulking", "novice")
