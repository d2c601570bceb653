"""Every built-in exercise says how a coach uses it: its role and how standard (staple) it is."""

from __future__ import annotations

import pytest

from spotter.knowledge.loader import CatalogError, builtin_dir, catalog_files, parse_text

#: The lifts the issue names as the top of the staple scale.
CLASSICS = (
    "barbell-back-squat",
    "barbell-bench-press",
    "conventional-deadlift",
    "barbell-overhead-press",
    "barbell-bent-over-row",
    "pull-up",
    "seated-lat-pulldown",
)
#: Novelties a coach would not build a week on.
NOVELTIES = ("dumbbell-pullover", "lying-cable-pullover", "machine-pullover", "sissy-squat")


def test_every_built_in_file_states_role_and_staple() -> None:
    missing = [
        p.name for p in catalog_files(builtin_dir()) if "\n  coaching: {role: " not in p.read_text()
    ]
    assert missing == []


def test_the_classic_lifts_score_top_staple_and_novelties_score_zero(catalog) -> None:  # type: ignore[no-untyped-def]
    assert {s: catalog.get(s).facts.staple for s in CLASSICS} == dict.fromkeys(CLASSICS, 3)
    assert {s: catalog.get(s).facts.staple for s in NOVELTIES} == dict.fromkeys(NOVELTIES, 0)


def test_the_four_strength_lifts_are_main_lift_candidates_and_curls_are_accessories(catalog) -> None:  # type: ignore[no-untyped-def]
    roles = {
        s: catalog.get(s).facts.role
        for s in ("barbell-back-squat", "barbell-bench-press", "conventional-deadlift")
    }
    assert set(roles.values()) == {"main"}
    assert catalog.get("barbell-curl").facts.role == "accessory"
    assert catalog.get("plank").facts.role == "trunk"
    assert catalog.get("farmers-carry").facts.role == "carry"


def test_core_patterns_are_trunk_and_carries_carry_in_every_file(catalog) -> None:  # type: ignore[no-untyped-def]
    core = {"anti-extension", "anti-rotation", "trunk-flexion", "trunk-rotation"}
    wrong = [
        ex.slug
        for ex in catalog.all()
        if (ex.facts.pattern in core) != (ex.facts.role == "trunk")
        or (ex.facts.pattern == "carry") != (ex.facts.role == "carry")
    ]
    assert wrong == []


def test_an_unknown_role_names_the_field_and_the_roles() -> None:
    text = (builtin_dir() / "plank.yaml").read_text()
    bad = text.replace("coaching: {role: trunk,", "coaching: {role: core,")
    with pytest.raises(CatalogError) as err:
        parse_text(bad, "plank.yaml")
    assert err.value.field == "facts.coaching.role"
    assert "main, secondary" in err.value.message or "accessory" in err.value.message


def test_a_staple_above_three_is_rejected() -> None:
    text = (builtin_dir() / "plank.yaml").read_text()
    bad = text.replace("staple: 1}", "staple: 4}")
    with pytest.raises(CatalogError) as err:
        parse_text(bad, "plank.yaml")
    assert err.value.field == "facts.coaching.staple"


def test_a_file_without_coaching_gets_a_role_from_its_pattern() -> None:
    from spotter.knowledge.loader import build

    text = (builtin_dir() / "romanian-deadlift.yaml").read_text()
    text = "".join(line for line in text.splitlines(True) if "coaching:" not in line)
    ex = build(parse_text(text, "romanian-deadlift.yaml"))
    assert (ex.facts.role, ex.facts.staple) == ("secondary", 1)


def test_an_exercise_page_shows_role_and_staple(catalog) -> None:  # type: ignore[no-untyped-def]
    from spotter.knowledge.page import to_dict, to_markdown

    page = to_dict(catalog.get("dumbbell-pullover"))
    assert (page["role"], page["staple"]) == ("accessory", 0)
    assert "main-lift candidate · staple 3/3" in to_markdown(catalog.get("pull-up"))
