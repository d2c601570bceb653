"""Plate maths and rounding to equipment, checked by hand arithmetic."""

from __future__ import annotations

import pytest

from spotter.science.loading import CableStack, DumbbellRack, lightest_load_kg, round_load
from spotter.science.plates import (
    BAR_15_KG,
    BAR_20_KG,
    BAR_45_LB,
    COMMON_KG,
    IWF_DISCS_KG,
    IWF_KG,
    POWERLIFTING_KG,
    STANDARD_LB,
    STANDARD_PLATES_LB,
    Bar,
    Barbell,
    PlateInventory,
    describe_barbell,
    load_barbell,
)
from spotter.science.units import Unit, lb_to_kg

NO_15S = PlateInventory.unlimited((25, 20, 10, 5, 2.5, 1.25), Unit.KG)


def test_the_published_example_100_kg_is_25_10_5_per_side() -> None:
    result = load_barbell(100, Barbell(BAR_20_KG, NO_15S))
    assert result.load_kg == 100
    assert result.plates_per_side == (25, 10, 5)
    assert result.exact


def test_the_plate_sets_are_the_published_ones() -> None:
    assert IWF_DISCS_KG == (25, 20, 15, 10, 5, 2.5, 2, 1.5, 1, 0.5)
    assert STANDARD_PLATES_LB == (45, 35, 25, 10, 5, 2.5)
    assert [w for w, _ in POWERLIFTING_KG.plates][-4:] == [2.5, 1.25, 0.5, 0.25]


def test_heaviest_plates_go_on_first() -> None:
    assert load_barbell(100, Barbell(BAR_20_KG, COMMON_KG)).plates_per_side == (25, 15)
    assert load_barbell(180, Barbell(BAR_20_KG, COMMON_KG)).plates_per_side == (25, 25, 25, 5)


def test_iwf_discs_make_half_kilo_steps() -> None:
    # 101 kg: (101 - 20) / 2 = 40.5 = 25 + 15 + 0.5
    assert load_barbell(101, Barbell(BAR_20_KG, IWF_KG)).plates_per_side == (25, 15, 0.5)
    # 103 kg: 41.5 = 25 + 15 + 1.5
    assert load_barbell(103, Barbell(BAR_20_KG, IWF_KG)).plates_per_side == (25, 15, 1.5)


def test_powerlifting_change_plates_make_quarter_kilo_steps_per_side() -> None:
    # 100.5 kg: 40.25 per side
    result = load_barbell(100.5, Barbell(BAR_20_KG, POWERLIFTING_KG))
    assert result.plates_per_side == (25, 15, 0.25)
    assert result.exact


def test_the_nearest_load_is_chosen_not_the_floor() -> None:
    # 101.5 kg wants 40.75 per side: 40 is 0.75 away, 41.25 (25 + 15 + 1.25) is 0.5 away.
    result = load_barbell(101.5, Barbell(BAR_20_KG, COMMON_KG))
    assert result.load_kg == 102.5
    assert result.difference_kg == pytest.approx(1.0)
    assert result.plates_per_side == (25, 15, 1.25)


def test_a_tie_goes_to_the_lighter_load() -> None:
    # 101.25 kg wants 40.625 per side: 40 and 41.25 are both 0.625 away.
    result = load_barbell(101.25, Barbell(BAR_20_KG, COMMON_KG))
    assert result.load_kg == 100
    assert result.difference_kg == pytest.approx(-1.25)


def test_pounds_on_a_45_lb_bar() -> None:
    gym = Barbell(BAR_45_LB, STANDARD_LB)
    assert load_barbell(lb_to_kg(225), gym).plates_per_side == (45, 45)
    assert load_barbell(lb_to_kg(315), gym).plates_per_side == (45, 45, 45)
    assert load_barbell(lb_to_kg(185), gym).plates_per_side == (45, 25)
    result = load_barbell(lb_to_kg(140), gym)
    assert (result.load, result.unit, result.plates_per_side) == (140, Unit.LB, (45, 2.5))
    assert result.load_kg == pytest.approx(140 * 0.45359237)
    # 137.5 lb wants 46.25 per side: 45 and 47.5 tie, so 135 lb.
    assert load_barbell(lb_to_kg(137.5), gym).load == 135


def test_a_kg_bar_with_lb_plates_is_converted_exactly() -> None:
    # 100 kg on a 20 kg bar with lb plates: per side (220.462 - 44.092) / 2 = 88.185 lb;
    # 87.5 (45 + 35 + 5 + 2.5) is closer than 90.
    result = load_barbell(100, Barbell(BAR_20_KG, STANDARD_LB))
    assert result.plates_per_side == (45, 35, 5, 2.5)
    assert result.load_kg == pytest.approx(20 + 175 * 0.45359237, abs=1e-9)


def test_the_womens_bar_and_a_custom_bar_with_collars() -> None:
    # 60 kg on 15 kg: 22.5 per side = 20 + 2.5
    assert load_barbell(60, Barbell(BAR_15_KG, COMMON_KG)).plates_per_side == (20, 2.5)
    # IPF bar + collars = 25 kg: 100 kg is 37.5 per side = 25 + 10 + 2.5
    ipf = Bar(20, Unit.KG, collars=5)
    assert load_barbell(100, Barbell(ipf, POWERLIFTING_KG)).plates_per_side == (25, 10, 2.5)
    # A custom 10 kg technique bar: 30 kg is 10 per side
    assert load_barbell(30, Barbell(Bar(10), COMMON_KG)).plates_per_side == (10,)


def test_below_the_bar_the_empty_bar_is_the_nearest() -> None:
    result = load_barbell(15, Barbell(BAR_20_KG, COMMON_KG))
    assert (result.load_kg, result.plates_per_side) == (20, ())
    assert result.difference_kg == pytest.approx(5)


def test_a_users_inventory_limits_the_load() -> None:
    mine = Barbell(BAR_20_KG, PlateInventory.counted({20: 2, 10: 3}, Unit.KG))
    # One pair of 20s and one pair of 10s (the third 10 has no partner): at most 80 kg.
    result = load_barbell(100, mine)
    assert (result.load_kg, result.plates_per_side) == (80, (20, 10))
    assert result.difference_kg == pytest.approx(-20)


def test_the_breakdown_skips_a_heavy_plate_when_it_leaves_a_gap() -> None:
    # One pair each of 25, 20, 15. 90 kg = 35 per side: 25 would leave 10, which no plate
    # makes, so the answer is 20 + 15.
    mine = Barbell(BAR_20_KG, PlateInventory.counted({25: 2, 20: 2, 15: 2}, Unit.KG))
    result = load_barbell(90, mine)
    assert (result.load_kg, result.plates_per_side) == (90, (20, 15))


def test_a_barbell_load_reads_as_one_line() -> None:
    result = load_barbell(100, Barbell(BAR_20_KG, NO_15S))
    assert describe_barbell(result, BAR_20_KG) == "100 kg: 20 kg bar + 25 + 10 + 5 per side"


def test_bad_plates_and_bars_are_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        PlateInventory.counted({-5: 2}, Unit.KG)
    with pytest.raises(ValueError, match="listed twice"):
        PlateInventory(Unit.KG, ((20.0, 2), (20.0, 4)))
    with pytest.raises(ValueError, match="must not be negative"):
        Bar(-20)


def test_dumbbells_round_to_the_nearest_pair_ties_down() -> None:
    rack = DumbbellRack.stepped(2, 40, 2, Unit.KG)
    assert round_load(23, rack).load_kg == 22
    assert round_load(23.1, rack).load_kg == 24
    assert round_load(60, rack).load_kg == 40
    fixed = DumbbellRack((5, 7.5, 10, 12.5, 15), Unit.KG)
    assert round_load(11.5, fixed).load_kg == 12.5


def test_pound_dumbbells_report_the_difference_in_kg() -> None:
    rack = DumbbellRack.stepped(5, 100, 5, Unit.LB)
    result = round_load(lb_to_kg(97), rack)
    assert result.load == 95
    assert result.difference_kg == pytest.approx(-2 * 0.45359237)


def test_a_two_to_one_cable_halves_the_stack() -> None:
    # 40 kg of stack is 20 kg at the handle (SCIENCE.md section 7).
    trainer = CableStack(increment=5, plates=20, unit=Unit.KG, ratio=2)
    assert 20 in trainer.handle_loads()
    assert round_load(21, trainer).load_kg == 20
    assert round_load(22, trainer).load_kg == 22.5


def test_three_and_four_to_one_pulleys() -> None:
    # 10 lb plates at 3:1 give thirds: 15 lb sits between 13.33 and 16.67, a tie, so 13.33.
    stack = CableStack(10, 20, Unit.LB, ratio=3)
    assert round_load(lb_to_kg(15), stack).load == pytest.approx(40 / 3, abs=1e-6)
    assert lightest_load_kg(CableStack(10, 10, Unit.KG, ratio=4)) == 2.5


def test_add_on_plates_fill_the_gaps_of_a_stack() -> None:
    stack = CableStack(10, 10, Unit.LB, add_ons=(2.5, 5))
    loads = stack.handle_loads()
    assert loads[:8] == (10, 12.5, 15, 17.5, 20, 22.5, 25, 27.5)
    assert loads[-1] == 107.5
    assert round_load(lb_to_kg(16), stack).load == 15


def test_a_stack_with_a_different_first_plate() -> None:
    assert CableStack(7, 3, Unit.KG, first=4).stack_settings() == (4, 11, 18)


def test_only_the_four_pulley_ratios_exist() -> None:
    with pytest.raises(ValueError, match="pulley ratio must be 1, 2, 3 or 4"):
        CableStack(5, 10, Unit.KG, ratio=5)


def test_bodyweight_keeps_the_target() -> None:
    result = round_load(7.3, None)
    assert (result.load_kg, result.difference_kg) == (7.3, 0)


def test_a_barbell_rounds_through_the_plates() -> None:
    result = round_load(101.5, Barbell(BAR_20_KG, COMMON_KG))
    assert (result.load_kg, result.plates_per_side) == (102.5, (25, 15, 1.25))
