"""Plans in the store: saved and read back, one active at a time, old databases upgraded, and a
request that fails saves nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from spotter.errors import SpotterError
from spotter.knowledge.model import ExerciseFacts
from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model import greedy_week
from spotter.planning.model.program import Session, WeekPlan
from spotter.planning.model.request import PlanInfeasibleError, PlanRequest
from spotter.profile import Profile
from spotter.services.planning import active_plan, explain_plan, new_plan
from spotter.services.profile import get_profile
from spotter.store.db import current_revision, migrate, open_engine
from spotter.store.migrations import HEAD
from spotter.store.uow import SqlUnitOfWork

START = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 24, 12, 0)
LIFTER = Profile(
    "kg",
    "hypertrophy",
    "intermediate",
    ("mon", "tue", "thu", "fri"),
    75,
    EQUIPMENT_PRESETS["full-gym"],
)


class GreedySolver:
    """A fast stand-in for the CP-SAT solver: the greedy baseline, plus the fixed week's slots
    on their days (as the real solver must keep them)."""

    def solve(self, request: PlanRequest, facts: Mapping[str, ExerciseFacts]) -> WeekPlan:
        week = greedy_week(request.profile, facts, avoid=request.avoid)
        if request.fixed is None:
            return week
        fixed = {s.day: s for s in request.fixed.sessions}
        sessions = []
        for s in week.sessions:
            pinned = fixed.pop(s.day, None)
            if pinned is None:
                sessions.append(s)
            else:
                taken = {x.exercise for x in pinned.slots}
                extra = tuple(replace(x, rule=None) for x in s.slots if x.exercise not in taken)
                sessions.append(
                    Session(s.day, tuple(replace(x, rule=None) for x in pinned.slots) + extra[:1])
                )
        sessions += fixed.values()
        return WeekPlan(
            tuple(
                sorted(
                    sessions,
                    key=lambda s: ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(s.day),
                )
            )
        )


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_engine(f"sqlite:///{tmp_path / 's.db'}")


def _count(engine) -> int:  # type: ignore[no-untyped-def]
    with SqlUnitOfWork(engine) as uow:
        return uow.plans.count()


def test_a_template_plan_round_trips_and_is_the_active_one(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    assert active_plan(SqlUnitOfWork(engine)) is None
    saved = new_plan(
        SqlUnitOfWork(engine),
        catalog,
        LIFTER,
        start=START,
        template="upper-lower-4",
        now=NOW,
        emphasis=["side delts", "lats"],
        favourites=["stepback pulldown"],
    )
    back = active_plan(SqlUnitOfWork(engine))
    assert back == saved
    assert back is not None and back.id == saved.id and back.active
    assert back.template == "upper-lower-4" and back.weeks == 6 and back.start_date == START
    assert back.emphasis == ("side delts", "back")  # lats counts in the back row
    assert back.favourites == ("stepback-pulldown",)
    assert back.session_names[0] == ("Upper A", "Lower A", "Upper B", "Lower B")
    # a template in role slots passes every planner check on the lifter it was written for
    assert back.warnings == ()
    assert back.session_on(START).name == "Upper A"  # type: ignore[union-attr]


def test_a_new_plan_deactivates_the_previous_one(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    first = new_plan(SqlUnitOfWork(engine), catalog, LIFTER, start=START, template="531", now=NOW)
    # as-is templates keep their check results as warnings: 5/3/1 on this hypertrophy lifter
    # gives side delts 4.5 sets a week, below the hypertrophy range's 8
    assert any(w.startswith("[volume] side delts") for w in first.warnings)
    second = new_plan(
        SqlUnitOfWork(engine), catalog, LIFTER, start=START, template="upper-lower-4", now=NOW
    )
    with SqlUnitOfWork(engine) as uow:
        plans = uow.plans.all()
    assert [(p.id, p.active) for p in plans] == [(first.id, False), (second.id, True)]
    assert active_plan(SqlUnitOfWork(engine)).id == second.id  # type: ignore[union-attr]


def test_an_optimised_plan_uses_the_solver_and_names_its_sessions(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    plan = new_plan(
        SqlUnitOfWork(engine), catalog, LIFTER, start=START, weeks=5, solver=GreedySolver(), now=NOW
    )
    assert plan.weeks == 5 and plan.template is None
    assert len(plan.session_names[0]) == len(plan.mesocycle.weeks[0].sessions)
    assert all(n for n in plan.session_names[0])
    assert plan.mesocycle.weeks[-1].deload


def test_fill_keeps_the_template_slots_and_their_rules(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    plan = new_plan(
        SqlUnitOfWork(engine),
        catalog,
        LIFTER,
        start=START,
        template="upper-lower-4",
        fill=True,
        solver=GreedySolver(),
        now=NOW,
    )
    base = plan.mesocycle.base
    bench = base.sessions[0].slots[0]
    # the role slot's exercise, sets and rule (an intermediate's main lift: RPE) are kept
    assert (bench.exercise, bench.rule, bench.sets) == ("barbell-bench-press", "rpe", 5)
    assert plan.session_names[0] == ("Upper A", "Lower A", "Upper B", "Lower B")
    x = explain_plan(plan, catalog, LIFTER)
    reasons = {r.exercise: r.reasons for r in x.exercises}
    assert "template" in reasons["barbell-bench-press"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"template": "nope"}, SpotterError, "known templates: 531, back-and-posture"),
        ({"template": "ppl-6"}, SpotterError, "needs 6 training days"),
        ({"weeks": 2}, SpotterError, "3-52 weeks"),
        ({"emphasis": ["wings"]}, SpotterError, "expected one of: back, chest"),
        ({"avoid": ["zzzz-not-a-thing"]}, SpotterError, "not an exercise or a muscle"),
        ({"fill": True}, SpotterError, "--fill needs a template"),
    ],
)
def test_bad_requests_save_nothing(engine, catalog, kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    new_plan(SqlUnitOfWork(engine), catalog, LIFTER, start=START, template="531", now=NOW)
    before = active_plan(SqlUnitOfWork(engine))
    three = replace(LIFTER, training_days=("mon", "wed", "fri"))
    with pytest.raises(error, match=message):
        new_plan(
            SqlUnitOfWork(engine), catalog, three, start=START, solver=GreedySolver(), **kwargs
        )
    assert _count(engine) == 1
    assert active_plan(SqlUnitOfWork(engine)) == before


def test_equipment_that_rules_out_every_back_exercise_is_explained_and_saves_nothing(
    engine, catalog
) -> None:  # type: ignore[no-untyped-def]
    bodyweight = replace(LIFTER, equipment=("mat",))
    with pytest.raises(PlanInfeasibleError) as e:
        new_plan(SqlUnitOfWork(engine), catalog, bodyweight, start=START, solver=GreedySolver())
    rules = {r for c in e.value.conflicts for r in c.rules}
    assert "equipment" in rules
    assert any("back" in c.message and c.relax for c in e.value.conflicts)
    assert _count(engine) == 0


def test_no_profile_says_run_init(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SpotterError, match="spotter init"):
        new_plan(SqlUnitOfWork(engine), catalog, None, start=START)
    assert _count(engine) == 0


def test_a_0002_database_is_upgraded_keeps_its_data_and_can_hold_plans(
    tmp_path: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    migrate(old, "0002")
    with old.begin() as conn:
        from sqlalchemy import text

        # the 0002 profile table, written as that version did (no planning columns yet)
        conn.execute(
            text(
                "INSERT INTO profile (id, units, goal, experience, training_days, "
                "minutes_per_session, equipment, updated_at) VALUES (1, :u, :g, :x, :d, :m, :e, "
                "'2026-11-20 09:00:00')"
            ),
            {
                "u": LIFTER.units,
                "g": LIFTER.goal,
                "x": LIFTER.experience,
                "d": ",".join(LIFTER.training_days),
                "m": LIFTER.minutes_per_session,
                "e": ",".join(LIFTER.equipment),
            },
        )
        conn.execute(
            text(
                "INSERT INTO log_batch (id, created_at, command) VALUES (1, '2026-11-20 10:00:00', 'squat 3x5 100kg')"
            )
        )
    assert current_revision(old) == "0002"
    old.dispose()
    engine = open_engine(url)
    assert current_revision(engine) == HEAD
    assert get_profile(SqlUnitOfWork(engine)) == LIFTER
    with SqlUnitOfWork(engine) as uow:
        assert uow.log.last_batch().command == "squat 3x5 100kg"  # type: ignore[union-attr]
    saved = new_plan(SqlUnitOfWork(engine), catalog, LIFTER, start=START, template="531")
    assert active_plan(SqlUnitOfWork(engine)) == saved


@pytest.mark.slow
def test_fill_with_the_real_solver_keeps_every_template_slot(engine, catalog) -> None:  # type: ignore[no-untyped-def]
    from spotter.planning.model.template_use import template_week
    from spotter.planning.model.volume import facts_of
    from spotter.services.planning import list_templates

    lifter = Profile(
        "kg", "general", "novice", ("mon", "wed", "fri"), 75, EQUIPMENT_PRESETS["full-gym"]
    )
    plan = new_plan(
        SqlUnitOfWork(engine), catalog, lifter, start=START, template="full-body-3", fill=True
    )
    fixed, _ = template_week(list_templates()["full-body-3"], lifter, facts_of(catalog.all()))
    base = plan.mesocycle.base
    kept = {(s.day, x.exercise, x.sets, x.rule) for s in base.sessions for x in s.slots}
    assert {(s.day, x.exercise, x.sets, x.rule) for s in fixed.sessions for x in s.slots} <= kept
