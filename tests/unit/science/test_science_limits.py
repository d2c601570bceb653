"""Plausibility limits: the issue's absurd values are refused, true outliers pass with the override."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spotter.science.limits import (
    LIMITS,
    LimitError,
    check_bodyweight,
    check_date,
    check_set,
    check_value,
    ensure_within,
)

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("load", 99_999_999),
        ("reps", 99_999),
        ("reps", 5_000_000),
        ("load", 1e308),
        ("load", float("inf")),
        ("load", float("nan")),
        ("rpe", 11),
        ("rpe", 0.5),
        ("rir", -1),
        ("duration", -5),
        ("distance", 1e12),
        ("bodyweight", 5_000),
    ],
)
def test_the_issues_absurd_values_are_refused_even_with_the_override(
    field: str, value: float
) -> None:
    v = check_value(field, value, allow_outlier=True)
    assert v is not None
    assert not v.overridable
    assert "--allow-outlier" not in str(v)
    assert str(v).startswith(field)


def test_a_true_outlier_is_refused_by_default_and_kept_with_the_override() -> None:
    # a 1,200 kg leg press and a 1,500-rep skipping set happen; the default says so
    found = check_set(load_kg=1200, reps=1500)
    assert [v.field for v in found] == ["load", "reps"]
    assert all(v.overridable and "--allow-outlier" in str(v) for v in found)
    assert check_set(load_kg=1200, reps=1500, allow_outlier=True) == []


def test_every_message_names_field_value_and_range() -> None:
    (v,) = check_set(load_kg=99_999_999)
    assert str(v).startswith("load 99999999 kg is outside the plausible range -250 to 1000 kg")


def test_a_load_in_pounds_is_reported_in_pounds() -> None:
    # 5,000 lb = 2,267.96 kg; 1,000 kg = 2,204.62 lb; -250 kg = -551.16 lb (1 lb = 0.45359237 kg)
    (v,) = check_set(load_kg=5000 * 0.45359237, unit="lb")
    assert str(v).startswith("load 5000 lb is outside the plausible range -551.16 to 2204.62 lb")


def test_ordinary_sets_pass() -> None:
    assert check_set(load_kg=-20, reps=8, rpe=7.5) == []  # assisted pull-up
    assert check_set(load_kg=0, reps=20) == []  # push-ups
    assert check_set(seconds=90, meters=400, rir=2) == []
    assert check_set(load_kg=500, reps=1, rpe=10) == []  # a world-record deadlift
    assert check_bodyweight(82.5) == []


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_is_either_within_the_hard_range_or_refused(x: float) -> None:
    limit = LIMITS["load"]
    v = check_value("load", x, allow_outlier=True)
    inside = math.isfinite(x) and limit.hard_low <= x <= limit.hard_high
    assert (v is None) == inside


def test_dates_in_the_future_beyond_a_day_or_before_1900_are_refused() -> None:
    assert check_date(dt.datetime(2026, 12, 4, 23, 0), today=TODAY) == []
    (v,) = check_date(dt.date(2099, 1, 1), today=TODAY)
    assert "2099-01-01" in str(v) and "2026-12-04" in str(v)
    assert check_date(dt.date(1899, 12, 31), today=TODAY)
    assert [v.field for v in check_set(performed_at=dt.date(2027, 1, 1), today=TODAY)] == ["date"]


def test_ensure_within_raises_one_error_listing_every_violation_with_where() -> None:
    with pytest.raises(LimitError) as info:
        ensure_within(check_set(load_kg=1e9, reps=-3), where="line 7")
    text = str(info.value)
    assert text.startswith("line 7: load 1000000000 kg")
    assert "reps -3" in text
    assert len(info.value.violations) == 2
