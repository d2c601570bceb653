"""The whole built-in catalog loads, lints clean, and covers the body as the issue requires."""

from __future__ import annotations

import re
from collections import Counter

from spotter.knowledge.lint import lint_paths
from spotter.knowledge.loader import builtin_dir
from spotter.knowledge.vocab import EQUIPMENT, MUSCLES, PATTERNS, WORKING_PHASES


def test_every_catalog_file_passes_schema_and_lint() -> None:
    findings = lint_paths([builtin_dir()])
    assert findings == [], "\n".join(str(f) for f in findings)


def test_the_catalog_has_at_least_150_exercises(catalog) -> None:  # type: ignore[no-untyped-def]
    assert len(catalog) >= 150


def test_every_muscle_is_primary_in_at_least_three_exercises(catalog) -> None:  # type: ignore[no-untyped-def]
    counts = Counter(m for ex in catalog.all() for m in ex.facts.primary)
    thin = {m: counts[m] for m in MUSCLES if counts[m] < 3}
    assert not thin, f"muscles primary in fewer than 3 exercises: {thin}"


def test_every_movement_pattern_has_at_least_five_exercises(catalog) -> None:  # type: ignore[no-untyped-def]
    counts = Counter(ex.facts.pattern for ex in catalog.all())
    thin = {p: counts[p] for p in PATTERNS if counts[p] < 5}
    assert not thin, f"patterns with fewer than 5 exercises: {thin}"


def test_equipment_categories_are_covered(catalog) -> None:  # type: ignore[no-untyped-def]
    def uses(ex, category: str) -> bool:  # type: ignore[no-untyped-def]
        if category == "bodyweight":
            return bool(ex.facts.load_type == "bodyweight")
        return any(EQUIPMENT[e].category == category for e in ex.facts.equipment)

    need = {
        "barbell": 15,
        "dumbbell": 15,
        "cable": 15,
        "machine": 15,
        "bodyweight": 15,
        "kettlebell": 5,
        "band": 5,
    }
    have = {c: sum(uses(ex, c) for ex in catalog.all()) for c in need}
    short = {c: have[c] for c in need if have[c] < need[c]}
    assert not short, f"equipment categories below target: {short} (targets {need})"


def test_every_entry_is_a_complete_page(catalog) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for ex in catalog.all():
        steps = ex.steps
        if len(steps) < 3:
            problems.append(f"{ex.slug}: {len(steps)} steps")
        for s in steps:
            if s.phase in WORKING_PHASES and not s.breathing:
                problems.append(f"{ex.slug}: {s.id} has no breathing cue")
        if len(ex.text.cues) < 2:
            problems.append(f"{ex.slug}: fewer than 2 cues")
        if len(ex.facts.faults) < 2:
            problems.append(f"{ex.slug}: fewer than 2 faults")
        if ex.facts.tempo.rep_seconds <= 0:
            problems.append(f"{ex.slug}: no tempo")
    assert not problems, "\n".join(problems)


def test_stepback_pulldown_carries_every_fact_of_the_seed_page(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("stepback-pulldown")
    f = ex.facts
    assert f.primary == ("lats", "rhomboids", "rear-delts")
    assert {"biceps", "forearms", "abs"} <= set(f.secondary)
    assert {"cable-machine", "long-bar"} <= set(f.equipment)
    assert f.position in ("standing", "split-stance")
    assert f.grip_type == "pronated"
    assert f.mechanic == "compound"
    words = " ".join(s.text for s in ex.steps).lower()
    for fact in (
        "a few feet",
        "shoulder-width",
        "knees softly bent",
        "overhand",
        "wider than your shoulders",
        "step one foot back",
        "forward",
        "neutral",
        "brace your core",
        "chest",
        "shoulder blades together",
        "elbows point",
        "wrists stay straight",
        "moment",
        "slowly",
    ):
        assert fact in words, fact
    phases = [s.phase for s in ex.steps]
    assert phases.index("concentric") < phases.index("pause") < phases.index("eccentric")
    pull = next(s for s in ex.steps if s.phase == "concentric")
    back = next(s for s in ex.steps if s.phase == "eccentric")
    assert "out" in (pull.breathing or "").lower()
    assert "in" in (back.breathing or "").lower()
    # every tip of the seed's Tips & Tricks section has a home
    topics = Counter(t.topic for t in ex.tips)
    for topic in (
        "focus",
        "tempo",
        "form",
        "breathing",
        "load",
        "grip",
        "variety",
        "consistency",
        "rest",
    ):
        assert topics[topic] >= 1, topic
    assert {v.value for v in ex.variations if v.kind == "grip-width"} == {
        "wide",
        "medium",
        "narrow",
    }
    assert any("swing" in x.name.lower() for x in ex.faults)
    assert any("elbows" in x.fix.lower() for x in ex.faults)
    assert any("posture" in b.lower() for b in ex.text.benefits)


def test_seated_lat_pulldown_has_the_seed_bullet_steps(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("seated-lat-pulldown")
    assert ex.facts.position == "seated"
    assert "lat-pulldown-machine" in ex.facts.equipment
    words = " ".join(s.text for s in ex.steps).lower()
    for fact in (
        "seat",
        "thigh pad",
        "overhand",
        "wider than your shoulders",
        "feet",
        "chest",
        "shoulder blades",
        "elbows",
        "slowly",
    ):
        assert fact in words, fact
    assert re.search(r"(lean|tilt)\w*( \w+){0,4} back", words), "the slight lean back"
    phases = [s.phase for s in ex.steps]
    # pull, pause at the bottom, slow release, in the seed's order; breathing on the working phases
    assert phases.index("concentric") < phases.index("pause") < phases.index("eccentric")
    assert all(s.breathing for s in ex.steps if s.phase in ("concentric", "eccentric"))


def test_slugs_and_names_are_unique(catalog) -> None:  # type: ignore[no-untyped-def]
    names = Counter(ex.name.lower() for ex in catalog.all())
    assert [n for n, c in names.items() if c > 1] == []
