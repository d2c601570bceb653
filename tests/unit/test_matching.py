"""Names from other apps' exports map to the catalog, or are honestly left unmatched."""

from __future__ import annotations

import pytest

from spotter.knowledge.matching import NameMatcher


@pytest.fixture(scope="module")
def matcher(catalog):  # type: ignore[no-untyped-def]
    return NameMatcher(catalog)


@pytest.mark.parametrize(
    ("source", "slug", "method"),
    [
        ("Bench Press (Barbell)", "barbell-bench-press", "alias"),
        ("Squat (Barbell)", "barbell-back-squat", "alias"),
        ("Lat Pulldown (Cable)", "seated-lat-pulldown", "alias"),
        ("Deadlift (Barbell)", "conventional-deadlift", "alias"),
        ("Pull Up", "pull-up", "alias"),
        ("Walking Lunges (Each Side)", "walking-lunge", "normalised"),
        ("Cable Lateral Raise (Each Side)", "cable-lateral-raise", "normalised"),
        ("Barbell Incline Bench Press", "incline-barbell-bench-press", "fuzzy"),
        ("Skullcrusher", "skull-crusher", "fuzzy"),
    ],
)
def test_known_names_map_to_the_right_exercise(
    matcher, source: str, slug: str, method: str
) -> None:  # type: ignore[no-untyped-def]
    m = matcher.match(source)
    assert (m.slug, m.method) == (slug, method)
    assert m.confidence >= 85


@pytest.mark.parametrize(
    "source",
    [
        "Decline Bench Press (Barbell)",  # not the incline press, one letter away
        "Bent Over Row (Dumbbell)",  # not the barbell row: the equipment differs
        "Preacher Curl (Machine)",  # the catalog's preacher curl uses an EZ bar
        "Reverse Grip Pull Down",  # a pulldown, not a chin-up
        "Seated Machine Fly",  # not a seated calf raise
        "Unicorn Jump",
    ],
)
def test_different_exercises_are_not_forced_onto_a_near_name(matcher, source: str) -> None:  # type: ignore[no-untyped-def]
    m = matcher.match(source)
    assert m.slug is None and m.method == "none"
    assert m.candidates  # the report can still show the closest ones


def test_assisted_is_not_dropped(matcher) -> None:  # type: ignore[no-untyped-def]
    assert matcher.match("Chin Up (Assisted)").slug != "chin-up"
