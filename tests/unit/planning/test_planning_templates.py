"""Plan templates: the shipped files load, each passes the checks it claims to on the lifter it
was written for, GZCLP and 5/3/1 carry SCIENCE.md's schemes, and bad files are located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model import check_week, facts_of
from spotter.planning.model.progression import rule_for
from spotter.planning.model.template_use import assign_days, template_mesocycle, template_week
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
        3,
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
    if t.rotate:
        # GZCLP's slots all keep their sets, so the accumulation weeks of a 5-week block are
        # its four rotation windows at full volume
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


def test_gzclp_follows_the_pinned_rotation_schemes_and_increments(templates, facts) -> None:  # type: ignore[no-untyped-def]
    t = templates["gzclp"]
    # SCIENCE.md section 5: A1 squat/bench/lat pulldown, A2 OHP/deadlift/DB row,
    # B1 bench/squat/lat pulldown, B2 deadlift/OHP/DB row
    firsts = [[s.choices[0] for s in ses.slots] for ses in t.sessions]
    assert firsts == [
        ["barbell-back-squat", "barbell-bench-press", "seated-lat-pulldown"],
        ["barbell-overhead-press", "conventional-deadlift", "one-arm-dumbbell-row"],
        ["barbell-bench-press", "barbell-back-squat", "seated-lat-pulldown"],
        ["conventional-deadlift", "barbell-overhead-press", "one-arm-dumbbell-row"],
    ]
    for ses in t.sessions:
        t1, t2, t3 = ses.slots
        assert (t1.rule, t1.sets, t1.rep_low, t1.rep_high) == ("gzclp-t1", 5, 3, 3)  # 5x3+
        assert (t2.rule, t2.sets, t2.rep_low) == ("gzclp-t2", 3, 10)  # 3x10
        assert (t3.rule, t3.sets, t3.rep_low) == ("gzclp-t3", 3, 15)  # 3x15+
        # rest: T1 3-5 min, T2 2-3 min, T3 1-1.5 min
        assert 180 <= (t1.rest_seconds or 0) <= 300
        assert 120 <= (t2.rest_seconds or 0) <= 180
        assert 60 <= (t3.rest_seconds or 0) <= 90
    lifter = _lifter(t)
    meso, names = template_mesocycle(t, lifter, facts, weeks=3)
    # three days a week over four sessions: week 1 A1 A2 B1, week 2 B2 A1 A2, week 3 B1 B2 A1
    assert [list(n) for n in names] == [["A1", "A2", "B1"], ["B2", "A1", "A2"], ["B1", "B2", "A1"]]
    squat_t1 = meso.weeks[0].sessions[0].slots[0]
    bench_t2 = meso.weeks[0].sessions[0].slots[1]
    assert squat_t1.sets == 5  # the fixed scheme is not ramped down in week 1
    # ColinPeyrat's kg increments: T1 +5 kg lower / +2.5 kg upper, T2 +2.5 / +1.25, T3 +2.5
    assert rule_for(facts[squat_t1.exercise], squat_t1, "novice") == GzclpT1(increment_kg=5.0)
    assert rule_for(facts[bench_t2.exercise], bench_t2, "novice") == GzclpT2(increment_kg=1.25)
    t3 = meso.weeks[0].sessions[0].slots[2]
    assert rule_for(facts[t3.exercise], t3, "novice") == GzclpT3(increment_kg=2.5)


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
    bbb = [s.slots[1] for s in meso.weeks[-2].sessions]
    assert all((b.sets, b.rep_low, b.rep_high) == (5, 10, 10) for b in bbb)
    # opposite-lift BBB: never the same exercise as the day's main lift
    assert all(b.exercise != m.exercise for b, m in zip(bbb, mains, strict=True))


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
    with pytest.raises(TemplateError, match="session 'Press', slot 1"):
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
