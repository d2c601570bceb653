"""Catalog consistency: sibling presses agree on their muscles, carries and holds put their hold
where their steps do, a guided set times a hold in seconds, and the linter catches each kind of
slip on hand-made entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotter.cli.guide import play
from spotter.knowledge.guide import guided_set
from spotter.knowledge.lint import lint_paths, lint_siblings_of, lint_text

DATA = Path(__file__).resolve().parents[2] / "src/spotter/knowledge/data/exercises"
CARRIES = (
    "farmers-carry",
    "kettlebell-front-rack-carry",
    "kettlebell-overhead-carry",
    "suitcase-carry",
    "trap-bar-carry",
)


@pytest.mark.parametrize(
    "slug",
    [
        "barbell-bench-press",
        "smith-machine-bench-press",
        "dumbbell-bench-press",
        "machine-chest-press",
    ],
)
def test_bench_and_chest_presses_train_the_chest_with_shoulders_and_triceps_helping(
    catalog, slug: str
) -> None:  # type: ignore[no-untyped-def]
    # both outside databases: chest primary; front deltoids and triceps secondary
    facts = catalog.get(slug).facts
    assert facts.primary == ("chest",)
    assert {"front-delts", "triceps"} <= set(facts.secondary)


@pytest.mark.parametrize("slug", CARRIES)
def test_a_carry_walks_after_the_pick_up_not_after_the_set_down(catalog, slug: str) -> None:  # type: ignore[no-untyped-def]
    # steps: pick up (concentric), walk (hold), set down (eccentric): the walk is the pause
    # after the concentric, the fourth number of eccentric-pause-concentric-pause
    ex = catalog.get(slug)
    phases = [s.phase for s in ex.facts.steps if s.phase not in ("setup", "finish")]
    assert phases == ["concentric", "hold", "eccentric"]
    assert ex.facts.tempo.pause_after_eccentric == 0
    assert ex.facts.tempo.pause_after_concentric == 30


def test_a_pallof_press_holds_each_rep_for_the_tempos_seconds_not_eight_long_holds(
    catalog,
) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("pallof-press")  # tempo 2-0-2-3: press 2 s, hold 3 s, return 2 s
    assert str(ex.facts.tempo) == "2-0-2-3"
    cues = guided_set(ex, reps=8, rest_seconds=60)
    first = [(c.text, c.seconds) for c in cues if c.kind == "phase" and c.rep == 1]
    assert first == [("Lift", 2), ("Hold", 3), ("Lower", 2)]
    assert [c.text for c in cues if c.kind == "rep"] == [f"Rep {i} of 8" for i in range(1, 9)]
    assert not any(c.kind == "phase" and c.seconds == 8 for c in cues)
    assert play(cues, lambda _: None, lambda _: None) == 8 * 7 + 60


def test_a_carry_is_guided_as_one_walk_of_its_distance(catalog) -> None:  # type: ignore[no-untyped-def]
    cues = guided_set(catalog.get("farmers-carry"), reps=1, rest_seconds=0)
    phases = [(c.text, c.seconds) for c in cues if c.kind == "phase"]
    assert phases == [("Lift", 1), ("Walk 20 m", 30), ("Lower", 1)]


def test_the_whole_catalog_lints_clean() -> None:
    assert [str(f) for f in lint_paths([DATA])] == []


# -- the rules on hand-made entries ------------------------------------------------------------

FARMERS = (DATA / "farmers-carry.yaml").read_text()
PALLOF = (DATA / "pallof-press.yaml").read_text()
BENCH = (DATA / "barbell-bench-press.yaml").read_text()
DB_BENCH = (DATA / "dumbbell-bench-press.yaml").read_text()


def test_a_walk_written_as_a_pause_after_the_eccentric_is_flagged() -> None:
    bad = FARMERS.replace("tempo: 1-0-1-30", "tempo: 1-30-1-0")
    findings = lint_text(bad, "farmers-carry.yaml")
    assert sorted(f.code for f in findings) == ["tempo", "tempo-pause"]
    pause = next(f for f in findings if f.code == "tempo-pause")
    assert "30 s after eccentric" in pause.message and "'walk' (concentric)" in pause.message
    assert pause.line == 14  # the tempo line of the file


def test_a_hold_step_the_tempo_does_not_time_is_flagged() -> None:
    bad = PALLOF.replace("tempo: 2-0-2-3", "tempo: 2-0-2-0")
    findings = lint_text(bad, "pallof-press.yaml")
    assert [f.code for f in findings] == ["tempo"]
    assert "'hold-out'" in findings[0].message and "not timed in seconds" in findings[0].message


def test_a_short_pause_without_a_step_is_allowed_but_a_long_one_is_not() -> None:
    # 2 s after the eccentric is a brief stop; 4 s is a hold no step describes
    assert (
        lint_text(BENCH.replace("tempo: 3-1-1-0", "tempo: 3-2-1-0"), "barbell-bench-press.yaml")
        == []
    )
    bad = lint_text(BENCH.replace("tempo: 3-1-1-0", "tempo: 3-1-1-4"), "barbell-bench-press.yaml")
    assert [f.code for f in bad] == ["tempo-pause"]


def test_sibling_variants_that_disagree_on_primary_muscles_are_flagged() -> None:
    agree = {"a/barbell-bench-press.yaml": BENCH, "a/dumbbell-bench-press.yaml": DB_BENCH}
    assert lint_siblings_of(agree) == []
    off = DB_BENCH.replace("primary: [chest]", "primary: [chest, triceps]", 1).replace(
        "secondary: [front-delts, triceps]", "secondary: [front-delts]", 1
    )
    smith = BENCH.replace("slug: barbell-bench-press", "slug: smith-machine-bench-press", 1)
    findings = lint_siblings_of(
        {
            "a/barbell-bench-press.yaml": BENCH,
            "a/dumbbell-bench-press.yaml": off,
            "a/smith-machine-bench-press.yaml": smith,
        }
    )
    # two of three list [chest]: the dumbbell entry is the odd one out, at its primary line
    assert [(f.path, f.code, f.line) for f in findings] == [
        ("a/dumbbell-bench-press.yaml", "siblings", 6)
    ]
    assert "barbell-bench-press: chest" in findings[0].message


def test_a_different_movement_is_not_a_sibling() -> None:
    # a close-grip bench press is its own movement (triceps first), not the bench on other kit
    close = (DATA / "close-grip-bench-press.yaml").read_text()
    assert lint_siblings_of({"a/barbell-bench-press.yaml": BENCH, "a/close.yaml": close}) == []
