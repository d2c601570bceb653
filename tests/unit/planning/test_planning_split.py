"""Which exercises a day of the split may hold: a lower day may close with upper-body isolation
accessories (lateral raises, curls) but never a press or a pull; an upper day holds no leg work."""

from __future__ import annotations

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.planning.solver.split import allowed


def _ex(slug: str, pattern: str, role: str, mechanic: str) -> ExerciseFacts:
    return ExerciseFacts(
        slug, mechanic, "pull", pattern, ("side-delts",), (), (), "dumbbell", "beginner", False,
        "standing", Tempo(2, 0, 2, 0), (8, 15), "generic", role=role,
    )  # fmt: skip


LATERAL = _ex("lateral-raise", "shoulder-abduction", "accessory", "isolation")
CURL = _ex("curl", "elbow-flexion", "accessory", "isolation")
UPRIGHT = _ex("upright-row", "shoulder-abduction", "accessory", "compound")
FACE_PULL = _ex("face-pull", "horizontal-pull", "accessory", "compound")
PULLOVER = _ex("pullover", "shoulder-extension", "accessory", "isolation")
BENCH = _ex("bench", "horizontal-push", "main", "compound")
CALF = _ex("calf-raise", "plantar-flexion", "accessory", "isolation")
SQUAT = _ex("squat", "squat", "main", "compound")


@pytest.mark.parametrize(
    ("kind", "f", "ok"),
    [
        ("lower", LATERAL, True),
        ("lower", CURL, True),
        ("lower", UPRIGHT, False),  # a compound pull to the chin
        ("lower", FACE_PULL, False),  # a pull: rubric item 4 keeps pulls off Lower days
        ("lower", PULLOVER, False),  # the vertical pull's stand-in
        ("lower", BENCH, False),
        ("lower", SQUAT, True),
        ("upper", CALF, False),
        ("upper", SQUAT, False),
        ("upper", LATERAL, True),
        ("full", SQUAT, True),
        ("full", BENCH, True),
    ],
)
def test_a_day_of_the_split_holds_its_half_and_a_lower_day_may_close_with_arm_and_delt_work(
    kind: str, f: ExerciseFacts, ok: bool
) -> None:
    assert allowed(kind, f) is ok
