"""The progression-rule registry: every rule type has one entry, and units scale its steps."""

from __future__ import annotations

from typing import get_args

import pytest

from spotter.science.rules import (
    BoringButBig,
    DoubleProgression,
    GzclpT2,
    LinearProgression,
    RpeProgression,
    Rule,
    Wave531,
)
from spotter.science.units import Unit
from spotter.services.rule_kinds import KINDS, kind_of, unregistered

LB = 0.45359237  # kg per pound, by definition


def test_every_rule_type_has_exactly_one_registry_entry() -> None:
    assert unregistered() == []
    assert set(KINDS) == set(get_args(Rule))
    names = [k.name for k in KINDS.values()]
    assert len(names) == len(set(names))


def test_a_value_that_is_not_a_registered_rule_is_refused_by_name() -> None:
    with pytest.raises(LookupError, match="str is not in the progression-rule registry"):
        kind_of("double")  # type: ignore[arg-type]


def test_the_531_training_max_step_is_five_pounds_for_a_pound_lifter() -> None:
    kind = kind_of(Wave531())
    in_lb = kind.in_unit(Wave531(), lambda kg: kg, Unit.LB)
    assert in_lb.tm_increment_kg == pytest.approx(5 * LB)
    assert kind.in_unit(Wave531(), lambda kg: kg, Unit.KG).tm_increment_kg == 2.5
    bbb = kind_of(BoringButBig()).in_unit(BoringButBig(), lambda kg: kg, Unit.LB)
    assert bbb.tm_increment_kg == pytest.approx(5 * LB)


def test_load_steps_go_through_the_equipment_stepper() -> None:
    def doubled(kg: float) -> float:
        return kg * 2

    double = kind_of(DoubleProgression(8, 12, 3, 2.5)).in_unit(
        DoubleProgression(8, 12, 3, 2.5), doubled, Unit.KG
    )
    assert double.increment_kg == 5.0
    t2 = kind_of(GzclpT2(2.5)).in_unit(GzclpT2(2.5), doubled, Unit.KG)
    assert (t2.increment_kg, t2.reset_increment_kg) == (5.0, 15.0)
    rpe = RpeProgression(target_reps=5, target_rpe=8.0, sets=3)
    assert kind_of(rpe).in_unit(rpe, doubled, Unit.KG) == rpe  # no load step of its own


def test_straight_sets_take_the_rules_own_reps_or_the_top_of_the_slot() -> None:
    from spotter.planning.model.program import Slot

    slot = Slot(exercise="bench-press", sets=3, rep_low=6, rep_high=10, rir=2, rest_seconds=120)
    linear = LinearProgression(reps=5, sets=3, increment_kg=2.5)
    rpe = RpeProgression(target_reps=4, target_rpe=8.5, sets=3)
    double = DoubleProgression(6, 10, 3, 2.5)
    assert kind_of(linear).straight_reps(linear, slot) == 5
    assert kind_of(rpe).straight_reps(rpe, slot) == 4
    assert kind_of(double).straight_reps(double, slot) == 10
    assert kind_of(double).min_reps(double, slot) == 6
    assert kind_of(rpe).target_rpe(rpe, slot) == 8.5
    assert kind_of(double).target_rpe(double, slot) == 8.0  # 10 - RIR 2
