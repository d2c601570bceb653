"""Where a planned exercise's first load comes from: the log, else a calibration set; never a
guess. Read through the log's read side with a small fake."""

from __future__ import annotations

import datetime as dt

from review_kit import FACTS

from spotter.log import SetRecord
from spotter.services.planning import load_sources


class FakeLog:
    def __init__(self, records: list[SetRecord]) -> None:
        self.records = records

    def sets(self, *, exercise: str | None = None, **_: object) -> list[SetRecord]:
        return [r for r in self.records if exercise is None or r.exercise == exercise]


def test_logged_lifts_start_from_the_log_and_the_rest_from_a_calibration_set() -> None:
    at = dt.datetime(2026, 11, 2, 18)
    log = FakeLog(
        [
            SetRecord(at, "squat", load_kg=100, reps=5),
            SetRecord(at, "bench", load_kg=40, reps=10, set_type="warm-up"),
        ]
    )
    got = load_sources(["squat", "bench", "curl", "plank", "pull-up"], FACTS, log)  # type: ignore[arg-type]
    assert got == {
        "squat": "log",
        "bench": "calibration",  # a warm-up set is no working history
        "curl": "calibration",
        "plank": "bodyweight",  # timed: no load to give
        "pull-up": "bodyweight",  # body weight, never logged
    }
