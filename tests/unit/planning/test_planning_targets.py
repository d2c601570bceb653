"""Weekly targets derived by hand from the 2017 landmarks table (SCIENCE.md section 3)."""

from __future__ import annotations

import pytest

from spotter.planning.model.targets import TargetRange, pull_ratio, row_weights, weekly_targets
from spotter.profile import EXPERIENCE, GOALS
from spotter.science.volume import LANDMARKS_2017


def test_a_novice_training_for_size_aims_from_mev_to_the_top_of_mav() -> None:
    # Quads: MEV 8, MAV 12-18.
    assert weekly_targets("hypertrophy", "novice")["quads"] == TargetRange(8, 18)


def test_rows_that_need_no_direct_work_are_capped_only_at_mrv() -> None:
    # Glutes MEV 0, MRV 16; front delts MEV 0, MRV 12: squats and presses feed them.
    t = weekly_targets("hypertrophy", "novice")
    assert (t["glutes"], t["front delts"]) == (TargetRange(0, 16), TargetRange(0, 12))


def test_an_intermediate_aims_from_mev_to_the_top_of_mav() -> None:
    # Chest: MEV 10, MAV 12-20.
    assert weekly_targets("hypertrophy", "intermediate")["chest"] == TargetRange(10, 20)


def test_an_advanced_lifter_aims_across_the_whole_mav() -> None:
    t = weekly_targets("hypertrophy", "advanced")
    assert t["back"] == TargetRange(14, 22)  # MAV 14-22
    assert t["hamstrings"] == TargetRange(10, 16)  # MAV 10-16


def test_strength_halves_the_floor_of_the_isolation_rows_only() -> None:
    t = weekly_targets("strength", "advanced")
    assert t["side delts"] == TargetRange(8, 22)  # floor MAV low 16 x 0.5, top MAV 22
    assert t["quads"] == TargetRange(12, 18)  # unchanged: MAV 12-18


def test_general_uses_the_range_of_one_level_lower() -> None:
    # Back: MEV 10, MAV 14-22.
    assert weekly_targets("general", "intermediate")["back"] == TargetRange(10, 22)
    assert weekly_targets("general", "novice")["back"] == TargetRange(10, 22)


def test_posture_raises_the_upper_back_rows_but_never_above_mrv() -> None:
    adv = weekly_targets("posture", "advanced")
    # Intermediate base for rear delts 8-22, x 1.25 = 10-27.5, capped at MRV 26.
    assert adv["rear delts"] == TargetRange(10, 26)
    inter = weekly_targets("posture", "intermediate")
    assert inter["traps"] == TargetRange(0, 26)  # novice 0-MRV 26, x 1.25 capped at 26
    assert inter["back"] == TargetRange(12.5, 25)  # 10-22 x 1.25 = 12.5-27.5, MRV 25
    assert inter["chest"] == TargetRange(10, 20)  # not raised


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
