"""Session minutes by hand: sets x (work + rest) + changeovers."""

from __future__ import annotations

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.model.program import Session, Slot
from spotter.planning.model.session_time import (
    CHANGEOVER_SECONDS,
    rest_seconds,
    session_minutes,
    session_seconds,
)


def _facts(
    slug: str, tempo: Tempo, *, unilateral: bool = False, measure: str = "reps"
) -> ExerciseFacts:
    return ExerciseFacts(
        slug=slug,
        mechanic="compound",
        force="push",
        pattern="horizontal-push",
        primary=("chest",),
        secondary=(),
        equipment=(),
        load_type="dumbbell",
        level="beginner",
        unilateral=unilateral,
        position="standing",
        tempo=tempo,
        rep_range=(1, 60),
        motion_family="press",
        measure=measure,
    )


FACTS = {
    "bench": _facts("bench", Tempo(3, 1, 1, 0)),  # 5 s a rep
    "one-arm-row": _facts("one-arm-row", Tempo(2, 0, 1, 1), unilateral=True),  # 4 s a rep
    "plank": _facts("plank", Tempo(1, 30, 1, 0), measure="seconds"),
    "carry": _facts("carry", Tempo(1, 30, 1, 0), measure="meters"),
}


def test_a_session_adds_work_rest_and_changeovers() -> None:
    session = Session(
        "mon",
        (
            Slot("bench", 3, 6, 10, 2, 180),  # 3 x (8 reps x 5 s + 180) = 660
            Slot("one-arm-row", 3, 8, 12, 2, 90),  # 3 x (10 x 4 x 2 sides + 90) = 510
            Slot("plank", 2, 20, 60, 2, 60),  # 2 x (40 s + 60) = 200
            Slot("carry", 2, 20, 40, 2, 90),  # 2 x (30 m at 1 m/s + 90) = 240
        ),
    )
    assert CHANGEOVER_SECONDS == 90
    assert session_seconds(session, FACTS) == 660 + 510 + 200 + 240 + 3 * 90
    assert session_minutes(session, FACTS) == pytest.approx(1880 / 60)


def test_a_single_exercise_has_no_changeover() -> None:
    session = Session("mon", (Slot("bench", 1, 5, 5, 2, 0),))
    assert session_seconds(session, FACTS) == 25.0


def test_an_empty_session_takes_no_time() -> None:
    assert session_minutes(Session("mon", ()), FACTS) == 0.0


@pytest.mark.parametrize(
    ("low", "high", "goal", "seconds"),
    [
        (5, 8, "hypertrophy", 120),
        (1, 6, "hypertrophy", 180),
        (3, 5, "strength", 240),
        (6, 12, "strength", 180),
        (12, 20, "posture", 60),
        (8, 12, "general", 120),
    ],
)
def test_rest_follows_the_rep_range_and_the_goal(
    low: int, high: int, goal: str, seconds: int
) -> None:
    assert rest_seconds(low, high, goal) == seconds


def test_rest_for_an_unknown_goal_is_refused() -> None:
    with pytest.raises(ValueError, match="goal"):
        rest_seconds(8, 12, "cardio")
