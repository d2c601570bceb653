"""Plan templates: the shipped files load, each passes the checks it claims to on the lifter it
was written for, GZCLP and 5/3/1 carry SCIENCE.md's schemes, and bad files are located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model import check_week, facts_of
from spotter.planning.model.progression import rule_for
from spotter.planning.model.template_use import (
    assign_days,
    rotates,
    template_mesocycle,
    template_week,
)
from spotter.planning.model.templates import TemplateError, deviation
from spotter.planning.template_files import load_templates, parse_template_text
from spotter.profile import Profile
from spotter.science.rules import GzclpT1, GzclpT2, GzclpT3, Wave531

FULL_GYM = EQUIPMENT_PRESETS["full-gym"]
#: Training days a lifter with N days a week would pick (no two sessions of a split back to back
#: where the split avoids it).
DAYS = {
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
}


@pytest.fixture(scope="module")
def facts(catalog):  # type: ignore[no-untyped-def]
    return facts_of(catalog.all())


@pytest.fixture(scope="module")
def templates(facts):  # type: ignore[no-untyped-def]
    return load_templates(known_exercises=frozenset(facts))


def _alts(catalog):  # type: ignore[no-untyped-def]
    return lambda slug: [a.exercise.slug for a in catalog.alternatives(slug, limit=100)]


def _lifter(t, equipment=FULL_GYM, days=None):  # type: ignore[no-untyped-def]
    return Profile("kg", t.goal, t.experience, days or DAYS[t.days], t.minutes, tuple(equipment))


def test_every_template_file_loads_and_the_six_are_there(templates) -> None:  # type: ignore[no-untyped-def]
    assert set(templates) == {
        "full-body-3",
        "upper-lower-4",
        "ppl-6",
        "gzclp",
        "531",
        "back-and-posture",
    }
    assert [
        templates[n].days for n in ("full-body-3", "upper-lower-4", "ppl-6", "gzclp", "531")
    ] == [
        3,
        4,
        6,
        4,
        4,
    ]


def test_ppl_trains_push_pull_and_legs_twice(templates) -> None:  # type: ignore[no-untyped-def]
    names = [s.name for s in templates["ppl-6"].sessions]
    assert names == ["Push A", "Pull A", "Legs A", "Push B", "Pull B", "Legs B"]


def test_back_and_posture_features_the_stepback_pulldown(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["back-and-posture"]
    assert "stepback-pulldown" in facts
    firsts = [s.slots[0].choices[0] for s in t.sessions if s.slots[0].choices]
    assert firsts.count("stepback-pulldown") == 2
    week, _ = template_week(t, _lifter(t), facts)
    assert sum(x.exercise == "stepback-pulldown" for s in week.sessions for x in s.slots) == 2


@pytest.mark.parametrize(
    "name", ["full-body-3", "upper-lower-4", "ppl-6", "gzclp", "531", "back-and-posture"]
)
def test_template_as_is_passes_every_check_it_does_not_declare_a_deviation_for(
    name, templates, facts, catalog
) -> None:  # type: ignore[no-untyped-def]
    t = templates[name]
    lifter = _lifter(t)
    weeks = [template_week(t, lifter, facts, alternatives=_alts(catalog))[0]]
    if rotates(t, lifter):
        # a rotation's slots all keep their sets, so the accumulation weeks of a 5-week block
        # are its four rotation windows at full volume
        meso, _ = template_mesocycle(t, lifter, facts, weeks=5)
        weeks = list(meso.weeks[:-1])
        assert len({tuple(x.exercise for s in w.sessions for x in s.slots) for w in weeks}) == 4
    undeclared = [
        str(v)
        for week in weeks
        for v in check_week(week, facts, lifter)
        if deviation(t, v.rule, v.where) is None
    ]
    assert undeclared == []
    # on a full gym every named slot gets its template's first choice: nothing was substituted
    for ts, session in zip(t.sessions, weeks[0].sessions, strict=False):
        pairs = zip(session.slots, ts.slots, strict=True)
        named = [(x.exercise, s.choices[0]) for x, s in pairs if s.choices]
        assert [got for got, _ in named] == [first for _, first in named]


def test_gzclp_follows_the_pinned_tiers_schemes_and_increments(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["gzclp"]
    lifter = _lifter(t)
    meso, names = template_mesocycle(t, lifter, facts)
    assert names[0] == ("A1", "A2", "B1", "B2")
    week = meso.weeks[0]
    t1 = [s.slots[0] for s in week.sessions]
    t2 = [s.slots[1] for s in week.sessions]
    # SCIENCE.md section 5: T1 squat (A1), press (A2), bench (B1), deadlift (B2), every week
    assert [x.exercise for x in t1] == [
        "barbell-back-squat",
        "barbell-overhead-press",
        "barbell-bench-press",
        "conventional-deadlift",
    ]
    # the bench is A1's tier 2 and the squat B1's, as in the pinned rotation
    assert (t2[0].exercise, t2[2].exercise) == ("barbell-bench-press", "barbell-back-squat")
    for w in meso.weeks[:-1]:  # the fixed schemes are not ramped down in any loading week
        for s in w.sessions:
            tiers = [x for x in s.slots if x.rule is not None and x.rule.startswith("gzclp")]
            a, b, *threes = tiers
            assert (a.rule, a.sets, a.rep_low, a.rep_high) == ("gzclp-t1", 5, 3, 3)  # 5x3+
            assert (b.rule, b.sets, b.rep_low) == ("gzclp-t2", 3, 10)  # 3x10
            assert threes and all(
                (x.rule, x.sets, x.rep_low) == ("gzclp-t3", 3, 15) for x in threes
            )  # 3x15+
            # rest: T1 3-5 min, T2 2-3 min, T3 1-1.5 min
            assert 180 <= a.rest_seconds <= 300 and 120 <= b.rest_seconds <= 180
            assert all(60 <= x.rest_seconds <= 90 for x in threes)
    # ColinPeyrat's kg increments: T1 +5 kg lower / +2.5 kg upper, T2 +2.5 / +1.25, T3 +2.5
    assert rule_for(facts[t1[0].exercise], t1[0], "novice") == GzclpT1(increment_kg=5.0)
    assert rule_for(facts[t1[1].exercise], t1[1], "novice") == GzclpT1(increment_kg=2.5)
    assert rule_for(facts[t2[0].exercise], t2[0], "novice") == GzclpT2(increment_kg=1.25)
    assert rule_for(facts[t2[2].exercise], t2[2], "novice") == GzclpT2(increment_kg=2.5)
    t3 = week.sessions[0].slots[2]
    assert rule_for(facts[t3.exercise], t3, "novice") == GzclpT3(increment_kg=2.5)


def test_gzclp_on_three_days_does_its_four_sessions_in_turn(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["gzclp"]
    three = _lifter(t, days=("mon", "wed", "fri"))
    assert rotates(t, three) and not rotates(t, _lifter(t))
    meso, names = template_mesocycle(t, three, facts, weeks=3)
    # three days a week over four sessions: week 1 A1 A2 B1, week 2 B2 A1 A2, week 3 B1 B2 A1
    assert [list(n) for n in names] == [["A1", "A2", "B1"], ["B2", "A1", "A2"], ["B1", "B2", "A1"]]
    assert [s.day for s in meso.weeks[1].sessions] == ["mon", "wed", "fri"]
    assert meso.weeks[1].sessions[0].slots[0].exercise == "conventional-deadlift"  # B2's T1
    with pytest.raises(TemplateError, match=r"needs 3 training days.*has 2"):
        template_week(t, _lifter(t, days=("mon", "thu")), facts)


def test_fewer_days_than_sessions_without_rotation_is_refused_with_the_field() -> None:
    bad = GOOD.replace("days: 1\n", "days: 2\nmin_days: 1\n")
    with pytest.raises(TemplateError, match=r"field 'min_days': fewer days than the sessions"):
        parse_template_text(bad, "t.yaml")


def test_531_main_lifts_carry_the_wave_and_bbb_is_five_by_ten(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["531"]
    lifter = _lifter(t)
    meso, names = template_mesocycle(t, lifter, facts)
    assert len(meso.weeks) == 4  # one cycle: three wave weeks, then the deload
    assert names[0] == ("Press", "Deadlift", "Bench", "Squat")
    mains = [s.slots[0] for s in meso.weeks[0].sessions]
    assert [m.exercise for m in mains] == [
        "barbell-overhead-press",
        "conventional-deadlift",
        "barbell-bench-press",
        "barbell-back-squat",
    ]
    for week in meso.weeks:
        for s in week.sessions:
            assert s.slots[0].rule == "wave531"
            assert s.slots[0].sets == 3  # three wave sets every week, deload included
    # TM = 90 % of 1RM; +5 kg a cycle for squat and deadlift, +2.5 kg for press and bench
    tm_steps = [rule_for(facts[m.exercise], m, "intermediate") for m in mains]
    assert tm_steps == [
        Wave531(0.9, 2.5),
        Wave531(0.9, 5.0),
        Wave531(0.9, 2.5),
        Wave531(0.9, 5.0),
    ]
    # BBB after the press (bench), the deadlift (squat) and the bench (close-grip bench): 5x10
    # in every wave week, never the day's main lift (no exercise twice in one day)
    for week in meso.weeks[:-1]:
        bbb = {s.day: x for s in week.sessions for x in s.slots if x.rule == "bbb"}
        assert {d: x.exercise for d, x in bbb.items()} == {
            "mon": "barbell-bench-press",
            "tue": "barbell-back-squat",
            "thu": "close-grip-bench-press",
        }
        assert all((b.sets, b.rep_low, b.rep_high) == (5, 10, 10) for b in bbb.values())
    # no ramp: the assistance has the same sets in the three wave weeks
    sets = [[x.sets for s in w.sessions for x in s.slots] for w in meso.weeks[:-1]]
    assert sets[0] == sets[1] == sets[2]


def test_a_home_gym_gets_owned_substitutes(templates, facts, catalog) -> None:  # type: ignore[no-untyped-def]
    t = templates["full-body-3"]
    home = ("dumbbell", "adjustable-bench", "bench", "mat", "pull-up-bar", "kettlebell", "band")
    lifter = _lifter(t, equipment=home)
    week, _ = template_week(t, lifter, facts, alternatives=_alts(catalog))
    for s in week.sessions:
        for x in s.slots:
            assert set(facts[x.exercise].equipment) <= set(home), x.exercise
        assert len({x.exercise for x in s.slots}) == len(s.slots)
    # the barbell squat's own "any" list offers the kettlebell goblet squat
    assert week.sessions[0].slots[0].exercise == "kettlebell-goblet-squat"


def test_an_avoided_muscle_is_substituted_away(templates, facts, catalog) -> None:  # type: ignore[no-untyped-def]
    t = templates["upper-lower-4"]
    week, _ = template_week(
        t, _lifter(t), facts, alternatives=_alts(catalog), avoid=frozenset({"barbell-back-squat"})
    )
    assert "barbell-back-squat" not in {x.exercise for s in week.sessions for x in s.slots}
    # the lower day's main slot falls to another main squat of the catalog
    stand_in = facts[week.sessions[1].slots[0].exercise]
    assert (stand_in.pattern, stand_in.role) == ("squat", "main")


def test_too_few_training_days_says_what_to_do(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["ppl-6"]
    with pytest.raises(TemplateError, match=r"needs 6 training days.*has 3.*spotter init --days"):
        template_week(t, _lifter(t, days=("mon", "wed", "fri")), facts)


def test_nothing_to_stand_in_names_the_session_and_slot(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["531"]
    with pytest.raises(
        TemplateError, match="session 'Press', slot 3: no secondary exercise for vertical-pull"
    ):
        template_week(t, _lifter(t, equipment=("mat",)), facts)


def test_sessions_are_spread_over_more_training_days() -> None:
    # 3 sessions on a 5-day profile: at least one rest day between sessions
    assert assign_days(3, ("mon", "tue", "wed", "thu", "fri")) == ("mon", "wed", "fri")
    # mon+thu leaves 3 and 4 days between them (the week wraps around); mon+wed only 2 and 5
    assert assign_days(2, ("mon", "tue", "wed", "thu")) == ("mon", "thu")
    assert assign_days(4, ("sun", "mon", "tue", "thu", "fri")) == ("mon", "tue", "thu", "fri")


GOOD = """\
name: t
title: T
description: d
days: 1
goal: general
experience: novice
minutes: 30
weeks: 4
sessions:
  - name: A
    slots:
      - exercise: push-up
        sets: 3
        reps: 8-12
        rir: 2
        rule: double
"""


def test_a_bad_template_file_is_located_by_file_line_and_field(facts) -> None:  # type: ignore[no-untyped-def]
    known = frozenset(facts)
    assert parse_template_text(GOOD, "t.yaml", known_exercises=known).name == "t"
    bad_reps = GOOD.replace("reps: 8-12", "reps: twelve")
    with pytest.raises(TemplateError) as e:
        parse_template_text(bad_reps, "t.yaml", known_exercises=known)
    assert str(e.value).startswith("t.yaml:14: field 'sessions[0].slots[0].reps':")
    assert "twelve" in str(e.value)
    unknown = GOOD.replace("exercise: push-up", "exercise: pushup")
    with pytest.raises(
        TemplateError,
        match=r"t.yaml:12: field 'sessions\[0\].slots\[0\].exercise': unknown exercise 'pushup'",
    ):
        parse_template_text(unknown, "t.yaml", known_exercises=known)
    bad_rule = GOOD.replace("rule: double", "rule: magic")
    with pytest.raises(TemplateError, match=r"t.yaml:16: .*unknown rule 'magic'"):
        parse_template_text(bad_rule, "t.yaml", known_exercises=known)
    with pytest.raises(TemplateError, match="does not match the file name"):
        parse_template_text(GOOD, "other.yaml", known_exercises=known)


def test_the_shipped_folder_is_package_data() -> None:
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    assert '"planning/templates/*.yaml"' in pyproject.read_text()


def test_531_loads_follow_the_wave_on_a_90_percent_training_max(templates, facts) -> None:  # type: ignore[no-untyped-def]
    from spotter.science.progression import evaluate
    from spotter.science.records import ExerciseSession, PerformedSet

    t = templates["531"]
    press = template_week(t, _lifter(t), facts)[0].sessions[0].slots[0]
    rule = rule_for(facts[press.exercise], press, "intermediate")
    # 1RM 100 kg -> TM 90 kg; week 1: 65/75/85 % = 58.5, 67.5, 76.5 -> 57.5, 67.5, 77.5 (2.5 kg)
    week1 = evaluate(rule, [], one_rm_kg=100)
    assert [(s.load_kg, s.reps, s.amrap) for s in week1.plan] == [
        (57.5, 5, False),
        (67.5, 5, False),
        (77.5, 5, True),
    ]
    # after three logged sessions: the deload week, 40/50/60 % x 5 = 36, 45, 54 -> 35, 45, 55
    done = [ExerciseSession(dt.date(2026, 12, d), (PerformedSet(60, 5),)) for d in (1, 8, 15)]
    deload = evaluate(rule, done, one_rm_kg=100)
    assert [(s.load_kg, s.reps) for s in deload.plan] == [(35, 5), (45, 5), (55, 5)]
