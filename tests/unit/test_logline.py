"""The `spotter log` grammar, on the issue's own examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spotter.interchange.logline import LogSyntaxError, parse_log_line


def sets(text: str, unit: str = "kg") -> list[tuple]:  # type: ignore[type-arg]
    e = parse_log_line(text, default_unit=unit)
    return [(s.load, s.unit, s.reps, s.rpe, s.bodyweight) for s in e.sets]


def test_one_load_several_rep_counts_and_an_rpe_for_all() -> None:
    e = parse_log_line("stepback pulldown 55kg 10,10,9 @8")
    assert e.exercise == "stepback pulldown"
    assert sets("stepback pulldown 55kg 10,10,9 @8") == [
        (55, "kg", 10, 8, False),
        (55, "kg", 10, 8, False),
        (55, "kg", 9, 8, False),
    ]


def test_sets_by_reps_with_the_load_before_or_after() -> None:
    assert sets("squat 3x5 100kg") == [(100, "kg", 5, None, False)] * 3
    assert sets("squat 100kg 3x5") == [(100, "kg", 5, None, False)] * 3


def test_load_by_reps_per_set_and_the_effort_rates_the_last_load() -> None:
    assert sets("bench 80x5, 85x5, 90x3 @9") == [
        (80, "kg", 5, None, False),
        (85, "kg", 5, None, False),
        (90, "kg", 3, 9, False),
    ]


def test_bodyweight_plus_load_and_assisted() -> None:
    assert sets("pull-up bw+10kg 8,7,6") == [
        (10, "kg", 8, None, True),
        (10, "kg", 7, None, True),
        (10, "kg", 6, None, True),
    ]
    assert sets("assisted pull-up -20kg 3x8") == [(-20, "kg", 8, None, False)] * 3
    assert sets("dip bw 12,10") == [(None, "kg", 12, None, True), (None, "kg", 10, None, True)]


def test_timed_and_distance_sets() -> None:
    e = parse_log_line("plank 3x60s")
    assert [(s.seconds, s.reps, s.bodyweight) for s in e.sets] == [(60, None, True)] * 3
    e = parse_log_line("farmers carry 32kg 3x40m")
    assert [(s.load, s.meters) for s in e.sets] == [(32, 40)] * 3
    assert [s.seconds for s in parse_log_line("side plank 1m30s").sets] == [90]


def test_units_per_load_and_by_default() -> None:
    assert sets("curl 25lb 12,10") == [(25, "lb", 12, None, False), (25, "lb", 10, None, False)]
    assert sets("bench 135x5", unit="lb") == [(135, "lb", 5, None, False)]
    assert sets("bench 60kgx5", unit="lb") == [(60, "kg", 5, None, False)]


def test_per_set_effort_rir_and_set_types() -> None:
    e = parse_log_line("curl 20kg 10@8,9@9")
    assert [s.rpe for s in e.sets] == [8, 9]
    assert [s.rir for s in parse_log_line("row 50kg 10,10 rir2").sets] == [2, 2]
    e = parse_log_line("squat 60kg 5 warmup 100kg 3x5 @8")
    assert [(s.load, s.set_type, s.rpe) for s in e.sets] == [(60, "warm-up", None)] + [
        (100, "working", 8)
    ] * 3


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("squat", 6, "expected sets"),
        ("squat 5 100kg", 7, "need a load"),
        ("squat 100kg 3x5 banana", 17, "'banana' is not"),
        ("squat 3x5 bw @8 @", 17, "'@' is not"),
        ("plank @8 3x60s", 7, "must follow the sets"),
    ],
)
def test_errors_say_where_and_what_was_expected(text: str, column: int, words: str) -> None:
    with pytest.raises(LogSyntaxError) as err:
        parse_log_line(text)
    assert err.value.position + 1 == column
    assert words in str(err.value)


@given(st.text(max_size=40))
def test_any_text_parses_or_is_rejected_with_an_explanation(text: str) -> None:
    try:
        e = parse_log_line(text)
    except LogSyntaxError as err:
        assert "cannot read the log entry" in str(err)
    else:
        assert e.exercise and e.sets
