"""Bodyweight exercises: next uses every set, the newest included; e1RM uses body + added load."""

from __future__ import annotations

import datetime as dt

import pytest

from spotter.log import SetRecord
from spotter.services.training import next_prescription, progress, with_system_mass

D1, D2 = dt.datetime(2026, 11, 2, 18), dt.datetime(2026, 11, 4, 18)


def _sets(when: dt.datetime, load: float | None, reps: list[int]) -> list[SetRecord]:
    return [SetRecord(when, "pull-up", load, r, bodyweight=True, unit="kg") for r in reps]


def test_next_pull_up_after_added_load_then_bodyweight_uses_the_newer_sets(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("pull-up")
    low, high = ex.facts.rep_range
    # bw+10kg on Monday, then plain bodyweight on Wednesday with every set at the top of the range
    records = _sets(D1, 10.0, [low] * 3) + _sets(D2, None, [high] * 3)
    p = next_prescription(records, ex, "kg")
    # double progression from the newest session: 0 kg added + the 2.5 kg step (not 10 kg)
    assert p.load_kg == pytest.approx(2.5)


def test_assisted_sets_progress_towards_less_assistance(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("assisted-pull-up")
    high = ex.facts.rep_range[1]
    records = [
        SetRecord(D1, ex.slug, -20.0, high, bodyweight=True, unit="kg") for _ in range(3)
    ]
    p = next_prescription(records, ex, "kg")
    assert -20.0 < p.load_kg < 0  # less assistance, never added load


def test_pull_up_e1rm_is_body_plus_added_load_when_a_bodyweight_is_recorded(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("pull-up")
    records = _sets(D1, 10.0, [5])
    # Brzycki 1993: 1RM = w * 36 / (37 - r); 5 reps of (80 kg body + 10 kg) = 90 * 36/32 = 101.25
    points, recs = progress(with_system_mass(records, ex, [(dt.datetime(2026, 10, 1), 80.0)]))
    assert points[0].e1rm_kg == pytest.approx(101.25)
    assert recs.heaviest_kg == pytest.approx(90.0)
    # without a recorded bodyweight only the added load is known: 10 * 36/32
    points, _ = progress(with_system_mass(records, ex, []))
    assert points[0].e1rm_kg == pytest.approx(11.25)


def test_bodyweight_only_sets_count_as_the_body_and_assistance_is_taken_off(catalog) -> None:  # type: ignore[no-untyped-def]
    body = [(dt.datetime(2026, 10, 1), 80.0), (D2, 76.0)]
    pu = with_system_mass(_sets(D1, None, [8]) + _sets(D2, None, [8]), catalog.get("pull-up"), body)
    assert [r.load_kg for r in pu] == [80.0, 76.0]  # the measurement of the set's day or before
    ex = catalog.get("assisted-pull-up")
    assisted = [SetRecord(D1, ex.slug, -20.0, 8, bodyweight=True)]
    assert [r.load_kg for r in with_system_mass(assisted, ex, body)] == [60.0]
    squat = [SetRecord(D1, "barbell-back-squat", 100.0, 5)]
    assert with_system_mass(squat, catalog.get("barbell-back-squat"), body) == squat
