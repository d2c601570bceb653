"""Search tolerates typos and aliases; filters and alternatives behave as a lifter expects."""

from __future__ import annotations

import pytest

from spotter.knowledge.catalog import UnknownExerciseError, UnknownTermError, resolve_equipment


def slugs(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.exercise.slug for h in hits]


def test_lat_pull_down_finds_the_pulldowns(catalog) -> None:  # type: ignore[no-untyped-def]
    found = slugs(catalog.search("lat pull down"))
    assert "seated-lat-pulldown" in found[:3]
    assert "stepback-pulldown" in found
    assert "close-grip-lat-pulldown" in found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dumbell curl", "dumbbell-curl"),
        ("benchpress", "barbell-bench-press"),
        ("Bench Press (Barbell)", "barbell-bench-press"),
        ("romanain deadlift", "romanian-deadlift"),
        ("step back pulldown", "stepback-pulldown"),
        ("chinup", "chin-up"),
        ("farmer walk", "farmers-carry"),
    ],
)
def test_typos_spacing_and_app_names_find_the_exercise(catalog, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in slugs(catalog.search(query))[:3]


def test_filters_combine(catalog) -> None:  # type: ignore[no-untyped-def]
    hits = catalog.search(muscle="lats", equipment=["cable"])
    assert hits
    for h in hits:
        f = h.exercise.facts
        assert "lats" in f.primary + f.secondary
        assert any(e in resolve_equipment(["cable"]) for e in f.equipment)
    assert "stepback-pulldown" in slugs(hits)
    assert "pull-up" not in slugs(hits)


def test_primary_matches_rank_before_secondary(catalog) -> None:  # type: ignore[no-untyped-def]
    hits = catalog.search(muscle="biceps")
    first_secondary = next(
        i for i, h in enumerate(hits) if "biceps" not in h.exercise.facts.primary
    )
    assert all("biceps" in h.exercise.facts.primary for h in hits[:first_secondary])
    assert all("biceps" not in h.exercise.facts.primary for h in hits[first_secondary:])


def test_muscle_names_and_synonyms_are_understood(catalog) -> None:  # type: ignore[no-untyped-def]
    assert slugs(catalog.search(muscle="latissimus dorsi")) == slugs(catalog.search(muscle="lats"))


def test_an_unknown_filter_value_suggests_the_right_word(catalog) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownTermError, match="lats"):
        catalog.search(muscle="latz")
    with pytest.raises(UnknownTermError, match="kettlebell"):
        catalog.search(equipment=["kettlebel"])


def test_an_unknown_slug_suggests_the_closest(catalog) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownExerciseError) as err:
        catalog.get("stepback-pulldwn")
    assert err.value.suggestions[0] == "stepback-pulldown"


def test_alternatives_share_the_work_and_respect_the_equipment(catalog) -> None:  # type: ignore[no-untyped-def]
    owned = resolve_equipment(["home-dumbbells", "band", "pull-up-bar"])
    alts = catalog.alternatives("seated-lat-pulldown", available=owned, limit=8)
    assert alts
    for a in alts:
        assert set(a.exercise.facts.equipment) <= owned
    # the best stand-ins for a pulldown with this kit are vertical pulls that train the lats
    assert alts[0].same_pattern and "lats" in alts[0].shared_primary
    assert {"pull-up", "band-lat-pulldown", "chin-up"} & {a.exercise.slug for a in alts[:4]}
    scores = [a.score for a in alts]
    assert scores == sorted(scores, reverse=True)


def test_alternatives_without_a_limit_on_equipment_rank_the_twin_first(catalog) -> None:  # type: ignore[no-untyped-def]
    alts = catalog.alternatives("stepback-pulldown", limit=5)
    assert alts[0].exercise.slug in {
        "seated-lat-pulldown",
        "close-grip-lat-pulldown",
        "band-lat-pulldown",
        "machine-lat-pulldown",
        "single-arm-lat-pulldown",
    }
