"""Warm-up ramps: bar x 10, 40 % x 5, 60 % x 3, 80 % x 1, each rounded to real plates."""

from __future__ import annotations

import pytest

from spotter.science.loading import DumbbellRack
from spotter.science.plates import BAR_20_KG, BAR_45_LB, COMMON_KG, STANDARD_LB, Barbell
from spotter.science.units import Unit, lb_to_kg
from spotter.science.warmup import WarmupStep, warmup_ramp

GYM = Barbell(BAR_20_KG, COMMON_KG)


def _ramp(sets: object) -> list[tuple[float, int, tuple[float, ...]]]:
    return [(s.load, s.reps, s.plates_per_side) for s in sets]  # type: ignore[attr-defined]


def test_a_100_kg_squat_ramps_in_round_numbers() -> None:
    assert _ramp(warmup_ramp(100, GYM)) == [
        (20, 10, ()),
        (40, 5, (10,)),
        (60, 3, (20,)),
        (80, 1, (25, 5)),
    ]


def test_each_step_is_rounded_to_the_nearest_plates() -> None:
    # 140 kg: 56 -> 18 per side -> 17.5 (15 + 2.5); 84 -> 32 -> 32.5 (25 + 5 + 2.5);
    # 112 -> 46 -> 46.25 (25 + 20 + 1.25).
    assert _ramp(warmup_ramp(140, GYM)) == [
        (20, 10, ()),
        (55, 5, (15, 2.5)),
        (85, 3, (25, 5, 2.5)),
        (112.5, 1, (25, 20, 1.25)),
    ]


def test_a_pound_ramp_uses_pound_plates() -> None:
    # 225 lb: 90 -> 22.5 per side; 135 -> 45; 180 -> 67.5.
    assert _ramp(warmup_ramp(lb_to_kg(225), Barbell(BAR_45_LB, STANDARD_LB))) == [
        (45, 10, ()),
        (90, 5, (10, 10, 2.5)),
        (135, 3, (45,)),
        (180, 1, (45, 10, 10, 2.5)),
    ]


def test_steps_that_round_to_the_same_load_appear_once() -> None:
    # 40 kg: 16 rounds to the bar (dropped), 24 -> 25, 32 -> 32.5.
    assert [s.load_kg for s in warmup_ramp(40, GYM)] == [20, 25, 32.5]


def test_no_warm_up_is_as_heavy_as_the_work() -> None:
    assert warmup_ramp(20, GYM) == ()
    assert [s.load_kg for s in warmup_ramp(22.5, GYM)] == [20]


def test_dumbbells_start_from_the_lightest_pair() -> None:
    rack = DumbbellRack.stepped(2, 50, 2, Unit.KG)
    assert [(s.load_kg, s.reps) for s in warmup_ramp(30, rack)] == [
        (2, 10),
        (12, 5),
        (18, 3),
        (24, 1),
    ]


def test_a_custom_ramp() -> None:
    ramp = (WarmupStep(0.5, 5), WarmupStep(0.75, 2))
    assert [(s.load_kg, s.reps) for s in warmup_ramp(100, GYM, ramp=ramp)] == [(50, 5), (75, 2)]


def test_bad_ramps_are_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        warmup_ramp(0, GYM)
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        WarmupStep(1.2, 3)
