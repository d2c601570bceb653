"""The `spotter log` grammar, on the issue's own examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spotter.interchange.logline import (
    SET_TYPES,
    LoggedSet,
    LogSyntaxError,
    parse_log,
    parse_log_line,
)
from spotter.interchange.logwrite import format_entry


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
    assert sets("dip bw 12,10") == [(None, None, 12, None, True), (None, None, 10, None, True)]


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


# -- the exercise's load kind decides what a bare number means --------------------------------


def test_pull_up_3x8_is_three_sets_of_eight_at_bodyweight() -> None:
    e = parse_log_line("pull-up 3x8", kind="bodyweight")
    assert [(s.load, s.reps, s.bodyweight) for s in e.sets] == [(None, 8, True)] * 3


def test_push_up_3x20_and_20_18_15_are_reps_not_loads() -> None:
    e = parse_log_line("push-up 3x20", kind="bodyweight")
    assert [(s.load, s.reps) for s in e.sets] == [(None, 20)] * 3
    e = parse_log_line("push-up 20,18,15", kind="bodyweight")
    assert [(s.load, s.reps, s.bodyweight) for s in e.sets] == [
        (None, 20, True),
        (None, 18, True),
        (None, 15, True),
    ]


def test_a_load_on_a_bodyweight_exercise_is_added_to_the_body() -> None:
    for text in ("pull-up 10kg 3x8", "pull-up bw+10kg 3x8", "pull-up +10kg 3x8"):
        e = parse_log_line(text, kind="bodyweight")
        assert [(s.load, s.unit, s.bodyweight) for s in e.sets] == [(10, "kg", True)] * 3


def test_every_spelling_of_assistance_is_a_negative_load_relative_to_the_body() -> None:
    for text in (
        "assisted pull-up 20kg 3x8",
        "assisted pull-up -20kg 3x8",
        "assisted pull-up assist 20kg 3x8",
        "assisted pull-up bw-20kg 3x8",
    ):
        e = parse_log_line(text, kind="assisted")
        assert e.exercise == "assisted pull-up"
        assert [(s.load, s.reps, s.bodyweight) for s in e.sets] == [(-20, 8, True)] * 3


def test_assistance_is_refused_for_exercises_that_are_not_assisted() -> None:
    for text, kind in (("pull-up -20kg 3x8", "bodyweight"), ("squat -20kg 3x8", "external")):
        with pytest.raises(LogSyntaxError, match="only for assisted"):
            parse_log_line(text, kind=kind)  # type: ignore[arg-type]
    with pytest.raises(LogSyntaxError, match="assisted exercise"):
        parse_log_line("assisted pull-up bw+20kg 3x8", kind="assisted")


def test_bare_numbers_on_an_external_exercise_still_need_a_load() -> None:
    with pytest.raises(LogSyntaxError, match="need a load"):
        parse_log_line("squat 5,5,5", kind="external")
    assert [(s.load, s.reps) for s in parse_log_line("bench 80x5", kind="external").sets] == [
        (80, 5)
    ]


def test_an_exercise_named_with_assist_keeps_its_name() -> None:
    e = parse_log_line("band assist pull-up 3x8", kind="assisted")
    assert e.exercise == "band assist pull-up"


def test_a_lone_plus_joins_a_superset_of_two_entries() -> None:
    entries = parse_log("bench 80kg 3x8 + pull-up bw+5kg 3x8", kind=lambda n: "bodyweight")
    assert [e.exercise for e in entries] == ["bench", "pull-up"]
    assert [len(e.sets) for e in entries] == [3, 3]
    with pytest.raises(LogSyntaxError, match="one exercise per entry"):
        parse_log_line("bench 80kg 3x8 + row 60kg 3x8")


_UNIT = st.sampled_from(["kg", "lb"])
_LOAD = st.integers(1, 40_000).map(lambda n: n / 100)
_EFFORT = st.one_of(st.none(), st.integers(2, 20).map(lambda n: n / 2))
_RIR = st.one_of(st.none(), st.integers(0, 10).map(float))
_TYPE = st.sampled_from(SET_TYPES)


@st.composite
def _amount(draw: st.DrawFn) -> dict[str, object]:
    which = draw(st.sampled_from(["reps", "seconds", "meters"]))
    if which == "reps":
        return {"reps": draw(st.integers(1, 100))}
    value = draw(st.integers(1, 36_000).map(lambda n: n / 10))
    return {which: value}


@st.composite
def _set(draw: st.DrawFn, kind: str) -> LoggedSet:
    amount = draw(_amount())
    rpe = draw(_EFFORT) if "reps" in amount else None
    common = {"rpe": rpe, "rir": draw(_RIR), "set_type": draw(_TYPE), **amount}
    if kind == "external":
        return LoggedSet(draw(_LOAD), draw(_UNIT), **common)  # type: ignore[arg-type]
    if kind == "band-unloaded":  # most band sets carry no load (an entry cannot mix: a load
        # applies to every set after it)
        return LoggedSet(None, None, **{**common, "seconds": None, "meters": None,  # type: ignore[arg-type]
                                        "reps": draw(st.integers(1, 100))})
    if kind == "band":
        return LoggedSet(draw(_LOAD), draw(_UNIT), **common)  # type: ignore[arg-type]
    load = draw(st.one_of(st.none(), _LOAD))
    if load is None:
        return LoggedSet(None, None, bodyweight=True, **common)  # type: ignore[arg-type]
    signed = -load if kind == "assisted" else load
    return LoggedSet(signed, draw(_UNIT), bodyweight=True, **common)  # type: ignore[arg-type]


@given(st.sampled_from(["external", "bodyweight", "assisted", "band", "band-unloaded"]).flatmap(
    lambda k: st.tuples(st.just(k), st.lists(_set(k), min_size=1, max_size=6))
))
def test_every_generated_set_reads_back_from_its_written_form(case: tuple) -> None:  # type: ignore[type-arg]
    kind, written = case
    text = format_entry("some exercise", written)
    kind = kind.removesuffix("-unloaded")
    assert list(parse_log_line(text, kind=kind, default_unit="lb").sets) == written


def test_a_load_after_bodyweight_sets_applies_to_them_and_a_dangling_load_is_refused() -> None:
    e = parse_log_line("pull-up 3x8 10kg", kind="bodyweight")
    assert [(s.load, s.reps, s.bodyweight) for s in e.sets] == [(10, 8, True)] * 3
    e = parse_log_line("assisted pull-up 3x8 20kg", kind="assisted")
    assert [s.load for s in e.sets] == [-20] * 3
    with pytest.raises(LogSyntaxError, match="no sets after it"):
        parse_log_line("squat 100kg 3x5 120kg")


@pytest.mark.parametrize(
    "text", ["squat 99999999999x5 100kg", "squat 100kg 99999999x5", "plank 99999999x60s"]
)
def test_a_huge_set_count_is_refused_at_once(text: str) -> None:
    with pytest.raises(LogSyntaxError, match="at most 50 sets"):
        parse_log_line(text)


def test_band_exercises_take_bare_reps_without_a_load() -> None:
    e = parse_log_line("band pull-apart 3x15", kind="band")
    assert [(s.load, s.reps, s.bodyweight) for s in e.sets] == [(None, 15, False)] * 3
    e = parse_log_line("band pull-apart 15,12", kind="band")
    assert [(s.load, s.reps) for s in e.sets] == [(None, 15), (None, 12)]
    e = parse_log_line("band row 3x10 20kg", kind="band")  # a nominal band resistance
    assert [(s.load, s.bodyweight) for s in e.sets] == [(20, False)] * 3
