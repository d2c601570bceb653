"""A guided set counts the exercise's own tempo, in its own order, with its breathing cues."""

from __future__ import annotations

from spotter.cli.guide import play
from spotter.knowledge.guide import guided_set


def test_a_stepback_pulldown_set_follows_its_tempo_and_breathing(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("stepback-pulldown")  # tempo 3-0-2-1: pull 2 s, squeeze 1 s, return 3 s
    cues = guided_set(ex, reps=10, rest_seconds=90)
    phases = [(c.text, c.seconds) for c in cues if c.kind == "phase" and c.rep == 1]
    assert phases == [("Pull", 2), ("Pause", 1), ("Return", 3)]
    pull = next(c for c in cues if c.kind == "phase" and c.text == "Pull")
    back = next(c for c in cues if c.kind == "phase" and c.text == "Return")
    assert "out" in (pull.breathing or "") and "in" in (back.breathing or "")
    # setup steps come first, all of them
    assert [c.kind for c in cues[:3]] == ["setup"] * 3
    # 10 reps x 6 s, then 90 s of rest
    slept: list[float] = []
    said: list[str] = []
    waited = play(cues, slept.append, said.append)
    assert waited == 10 * 6 + 90
    assert sum(slept) == 150
    assert sum("Rep " in s for s in said) == 10


def test_a_squat_descends_first(catalog) -> None:  # type: ignore[no-untyped-def]
    ex = catalog.get("barbell-back-squat")
    t = ex.facts.tempo
    cues = guided_set(ex, reps=1, rest_seconds=0)
    first = next(c for c in cues if c.kind == "phase")
    assert first.text == "Descend" and first.seconds == t.eccentric
    assert sum(c.seconds for c in cues if c.kind == "phase") == t.rep_seconds


def test_a_plank_holds_for_the_seconds_asked(catalog) -> None:  # type: ignore[no-untyped-def]
    cues = guided_set(catalog.get("plank"), reps=3, rest_seconds=60, hold_seconds=45)
    holds = [c.seconds for c in cues if c.kind == "phase"]
    assert holds == [45, 45, 45]
    slept: list[float] = []
    assert play(cues, slept.append, lambda _: None) == 3 * 45 + 60


def test_speed_zero_prints_without_waiting(catalog) -> None:  # type: ignore[no-untyped-def]
    slept: list[float] = []
    play(guided_set(catalog.get("stepback-pulldown"), 2, 30), slept.append, lambda _: None, speed=0)
    assert slept == []
