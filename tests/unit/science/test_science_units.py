"""Kilograms and pounds: the pound is exactly 0.45359237 kg."""

from __future__ import annotations

import pytest

from spotter.science.units import (
    KG_PER_LB,
    Unit,
    format_load,
    from_kg,
    kg_to_lb,
    lb_to_kg,
    parse_unit,
    to_kg,
)


def test_the_pound_is_exactly_the_1959_definition() -> None:
    assert KG_PER_LB == 0.45359237
    assert lb_to_kg(100) == pytest.approx(45.359237, abs=1e-12)


def test_a_45_lb_plate_is_about_20_4_kg() -> None:
    # loadmybar.com: "a 45 lb plate is about 20.4 kg"
    assert lb_to_kg(45) == pytest.approx(20.41165665, abs=1e-9)


def test_converting_there_and_back_returns_the_same_load() -> None:
    for kg in (0.5, 20, 102.5, 317.5):
        assert lb_to_kg(kg_to_lb(kg)) == pytest.approx(kg, abs=1e-12)
    assert kg_to_lb(100) == pytest.approx(100 / 0.45359237, rel=1e-15)


def test_to_and_from_kg_follow_the_unit() -> None:
    assert to_kg(60, "kg") == 60
    assert to_kg(135, Unit.LB) == pytest.approx(135 * 0.45359237)
    assert from_kg(0.45359237 * 225, "lb") == pytest.approx(225)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("kg", Unit.KG),
        ("KGS", Unit.KG),
        (" lbs ", Unit.LB),
        ("pound", Unit.LB),
        ("kilograms", Unit.KG),
    ],
)
def test_unit_spellings_are_understood(text: str, unit: Unit) -> None:
    assert parse_unit(text) is unit


def test_an_unknown_unit_says_what_was_expected() -> None:
    with pytest.raises(ValueError, match=r"unknown unit 'st': expected kg or lb"):
        parse_unit("st")


def test_loads_print_without_trailing_zeros() -> None:
    assert format_load(100.0) == "100 kg"
    assert format_load(102.5) == "102.5 kg"
    assert format_load(1.25) == "1.25 kg"
    assert format_load(225.0, "lb") == "225 lb"
