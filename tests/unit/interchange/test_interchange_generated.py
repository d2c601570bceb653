"""Generated exports of every variant in FORMATS.md, with their quirks: each stored set is what
the generator says was done (whole loads by the documented rules, worked out by hand in
exportgen), and every other row is explained with its line and reason."""

from __future__ import annotations

import datetime as dt

import pytest

from exportgen import Export, every_variant
from spotter.interchange.detect import detect, parse_any
from spotter.interchange.prepare import prepare

VARIANTS = every_variant()
TODAY = dt.date(2026, 6, 1)
FORMAT_OF = {
    "strong-semicolon-lbs": "strong-semicolon",
    "strong-semicolon-units": "strong-semicolon",
    "strong-12h": "strong",
    "hevy-lbs": "hevy",
    "hevy-semicolon": "hevy",
    "fitbod-semicolon": "fitbod",
}


def _outcome(export: Export, catalog):  # type: ignore[no-untyped-def]
    result = parse_any(export.data, unit=export.unit)
    return result, prepare(result, catalog, today=TODAY)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_each_generated_variant_is_detected(variant: str) -> None:
    assert detect(VARIANTS[variant].data) == FORMAT_OF.get(variant, variant)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_row_is_stored_as_done_or_explained_with_its_line(variant: str, catalog) -> None:  # type: ignore[no-untyped-def]
    export = VARIANTS[variant]
    result, ready = _outcome(export, catalog)
    assert result.rows_read == export.rows
    explained = {k.line: k.reason for k in (*result.skipped, *ready.refused)}
    assert sorted(explained) == sorted(export.explained)
    for line, word in export.explained.items():
        assert word.lower() in explained[line].lower(), (line, explained[line])
    assert len(ready.sets) + len(explained) == export.rows
    assert len(ready.sets) == len(export.truth)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_stored_sets_carry_the_whole_load_unit_reps_and_type_that_were_done(
    variant: str, catalog
) -> None:  # type: ignore[no-untyped-def]
    export = VARIANTS[variant]
    _, ready = _outcome(export, catalog)
    for got, want in zip(ready.sets, export.truth, strict=True):
        row = got.row
        assert row.exercise == want.exercise
        assert row.workout_start == want.when
        if want.whole_kg is None:
            assert got.load_kg is None
        else:
            assert got.load_kg == pytest.approx(want.whole_kg, rel=1e-6, abs=1e-9), want
        assert row.unit == want.unit
        assert (row.reps, row.seconds, row.set_type) == (want.reps, want.seconds, want.set_type)
        assert row.meters == pytest.approx(want.meters)
        assert row.rpe == want.rpe
        assisted = want.whole_kg is not None and want.whole_kg < 0
        bodyweight_only = want.whole_kg is None and want.reps is not None
        bodyweight_exercise = (
            got.exercise in catalog and catalog.get(got.exercise).facts.load_type == "bodyweight"
        )
        assert got.bodyweight == (assisted or bodyweight_only or bodyweight_exercise)


def test_assisted_and_per_side_rows_are_present_in_the_generated_files() -> None:
    names = {t.exercise for e in VARIANTS.values() for t in e.truth}
    assert "Chin Up (Assisted)" in names
    assert sum("Each Side" in n for n in names) >= 5
    assert any(t.whole_kg is not None and t.whole_kg < 0 for e in VARIANTS.values() for t in e.truth)
