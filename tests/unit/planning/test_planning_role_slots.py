"""Template slots filled by role: the catalog gives the exercise, the role and the lifter's goal
give the reps and rest, and the shipped templates written this way pass the coach's rubric on the
lifter they were written for."""

from __future__ import annotations

import pytest

from spotter.knowledge.model import ExerciseFacts, Tempo
from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model import facts_of
from spotter.planning.model.review import ReviewInput, review_week
from spotter.planning.model.role_slots import pick
from spotter.planning.model.session_time import session_minutes
from spotter.planning.model.template_use import template_mesocycle, template_week
from spotter.planning.model.templates import TemplateError, parse_template
from spotter.planning.template_files import load_templates
from spotter.profile import Profile

#: Templates whose every slot names a role or whose named lifts are a program's own.
ROLE_TEMPLATES = ["full-body-3", "upper-lower-4", "back-and-posture", "ppl-6", "gzclp", "531"]
#: Patterns of a lift that makes a day a lower-body day when it leads the session.
LOWER_LEADS = frozenset({"squat", "hinge", "lunge"})
DAYS = {
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
}


def _ex(
    slug: str,
    pattern: str,
    role: str,
    staple: int,
    *,
    primary: tuple[str, ...] = ("quads",),
    load: str = "barbell",
    equipment: tuple[str, ...] = (),
    level: str = "beginner",
) -> ExerciseFacts:
    mechanic = "compound" if role in ("main", "secondary") else "isolation"
    return ExerciseFacts(
        slug, mechanic, "push", pattern, primary, (), equipment, load, level, False, "standing",
        Tempo(2, 0, 2, 0), (3, 20), "generic", role=role, staple=staple,
    )  # fmt: skip


POOL = [
    _ex("back-squat", "squat", "main", 3),
    _ex("leg-press", "squat", "secondary", 2),
    _ex("hack-squat", "squat", "secondary", 2, level="intermediate"),
    _ex("goblet-squat", "squat", "secondary", 2, load="dumbbell"),
    _ex("band-raise", "shoulder-abduction", "accessory", 1, primary=("side-delts",), load="band"),
    _ex("cable-raise", "shoulder-abduction", "accessory", 1, primary=("side-delts",),
        load="cable-stack"),
    _ex("crunch", "trunk-flexion", "trunk", 2, primary=("abs",), load="bodyweight"),
    _ex("plank", "anti-extension", "trunk", 1, primary=("abs",), load="bodyweight"),
]  # fmt: skip


def test_a_main_slot_takes_the_classic_lift_and_a_second_compound_slot_another_one() -> None:
    assert pick("main", "squat", None, POOL, experience="novice").slug == "back-squat"  # type: ignore[union-attr]
    # the squat is in the week already: the next compound at the novice's level, not the hack squat
    second = pick("secondary", "squat", None, POOL, experience="novice", in_week={"back-squat": 1})
    assert second is not None and second.slug == "goblet-squat"
    # without the barbell the best compound the pool allows is the main lift
    home = [f for f in POOL if f.load_type != "barbell"]
    assert pick("main", "squat", None, home, experience="novice").slug == "goblet-squat"  # type: ignore[union-attr]


def test_accessories_are_loadable_when_they_can_be_and_trunk_work_is_anti_extension_first() -> None:
    raise_ = pick("accessory", None, "side-delts", POOL, experience="novice")
    assert raise_ is not None and raise_.slug == "cable-raise"
    bands_only = [f for f in POOL if f.slug != "cable-raise"]
    assert pick("accessory", None, "side-delts", bands_only, experience="novice").slug == "band-raise"  # type: ignore[union-attr]
    # a plank (anti-extension) before a higher-staple crunch: PLAN-RUBRIC.md item 12
    assert pick("trunk", None, None, POOL, experience="novice").slug == "plank"  # type: ignore[union-attr]
    assert pick("accessory", None, "biceps", POOL, experience="novice") is None


def test_with_no_compound_for_the_pattern_a_slot_takes_its_nearest_stand_in() -> None:
    home = [
        _ex("pullover", "shoulder-extension", "accessory", 1, primary=("lats",), load="dumbbell"),
        _ex("pull-through", "hinge", "accessory", 1, primary=("glutes",), load="cable-stack"),
        _ex("lateral-raise", "shoulder-abduction", "accessory", 1, primary=("side-delts",)),
    ]
    # no bar, cable or band to pull down from: the pullover counts as the vertical pull
    pull = pick("secondary", "vertical-pull", None, home, experience="novice")
    assert pull is not None and pull.slug == "pullover"
    # machines only: the cable pull-through is the hinge a coach would program
    hinge = pick("main", "hinge", None, home, experience="novice")
    assert hinge is not None and hinge.slug == "pull-through"
    # nothing pushes overhead: no stand-in, the slot stays empty (an error naming it)
    assert pick("main", "vertical-push", None, home, experience="novice") is None


def _one_slot_template(slot: dict[str, object]) -> dict[str, object]:
    return {
        "name": "t", "title": "T", "description": "d", "days": 1, "goal": "general",
        "experience": "novice", "minutes": 30, "weeks": 4,
        "sessions": [{"name": "A", "slots": [slot]}],
    }  # fmt: skip


def test_a_role_slots_reps_and_rest_follow_the_lifters_goal() -> None:
    t = parse_template(_one_slot_template({"role": "main", "pattern": "squat", "sets": 4}), "t.yaml")
    facts = {f.slug: f for f in POOL}
    got = {}
    for goal in ("strength", "general"):
        lifter = Profile("kg", goal, "novice", ("mon",), 60, ())
        week, _ = template_week(t, lifter, facts)
        x = week.sessions[0].slots[0]
        got[goal] = (x.exercise, x.sets, x.rep_low, x.rep_high, x.rest_seconds, x.rule)
    # PLAN-RUBRIC.md item 3: strength main lifts 1-6 reps at 3-5 min; general 8-15; item 15:
    # a novice's barbell main lift progresses linearly
    assert got == {
        "strength": ("back-squat", 4, 3, 5, 180, "linear"),
        "general": ("back-squat", 4, 8, 12, 90, "linear"),
    }


@pytest.mark.parametrize(
    ("slot", "message"),
    [
        ({"role": "boss", "pattern": "squat", "sets": 3}, "field 'sessions[0].slots[0].role': unknown role 'boss'"),
        ({"role": "main", "pattern": "squatting", "sets": 3}, "unknown movement pattern 'squatting'"),
        ({"role": "accessory", "muscle": "delts", "sets": 3}, "unknown muscle 'delts'"),
        ({"role": "accessory", "sets": 3}, "a accessory slot needs the pattern or the muscle"),
        ({"role": "main", "exercise": "squat", "sets": 3}, "give one of exercise"),
        ({"exercise": "squat", "pattern": "squat", "sets": 3, "reps": 5, "rir": 2, "rule": "linear"},
         "goes with role"),
    ],
)  # fmt: skip
def test_a_bad_role_slot_names_the_field_and_what_is_expected(
    slot: dict[str, object], message: str
) -> None:
    with pytest.raises(TemplateError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_template(_one_slot_template(slot), "t.yaml")


def test_nothing_to_fill_a_role_slot_names_the_session_and_slot() -> None:
    t = parse_template(
        _one_slot_template({"role": "accessory", "muscle": "biceps", "sets": 3}), "t.yaml"
    )
    lifter = Profile("kg", "general", "novice", ("mon",), 60, ())
    with pytest.raises(TemplateError, match="session 'A', slot 1: no accessory exercise for biceps"):
        template_week(t, lifter, {f.slug: f for f in POOL})


@pytest.mark.parametrize("name", ROLE_TEMPLATES)
def test_a_role_template_passes_the_coach_rubric_on_the_lifter_it_was_written_for(
    name: str, catalog
) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(catalog.all())
    t = load_templates()[name]
    lifter = Profile(
        "kg", t.goal, t.experience, DAYS[t.days], t.minutes, EQUIPMENT_PRESETS["full-gym"]
    )
    meso, names = template_mesocycle(t, lifter, facts)
    peak = len(meso.weeks) - 2
    review = review_week(
        ReviewInput(meso.weeks[peak], facts, lifter, names=names[peak], mesocycle=meso)
    )
    assert [f"{i.number} {i.title}: {i.reason}" for i in review.failed] == []
    # a day led by a squat or a hinge is not much shorter than one led by an upper-body lift:
    # at least 85 % of the shortest (the rubric's lower bound for filling a session)
    sessions = meso.weeks[peak].sessions
    lower = [session_minutes(s, facts) for s in sessions if _lower_led(s, facts)]
    upper = [session_minutes(s, facts) for s in sessions if not _lower_led(s, facts)]
    if lower and upper:
        assert min(lower) >= 0.85 * min(upper), (lower, upper)


def _lower_led(session, facts) -> bool:  # type: ignore[no-untyped-def]
    return facts[session.slots[0].exercise].pattern in LOWER_LEADS
