"""Twelve weeks of StrongLifts-style linear progression from calibration sets, through
`today_session`.

Workout A (squat, bench, row, 5x5) and B (squat, press 5x5, deadlift 1x5) alternate on Monday,
Wednesday and Friday (A B A, then B A B). No lift has history: each is calibrated the first
time it appears (a set of 5 @8). Expected loads, by hand, from SCIENCE.md section 5
(StrongLifts 5x5):

* The first load is the RTS chart's 5 reps @8 (RIR 2) of the calibration's e1RM, which is the
  calibration load itself (5 @8 both ways). The calibration is neither a success nor a failure:
  the first session repeats its load. The deadlift's calibration, one set of 5, is already a
  whole 1x5 session, so it counts as one made: + 5 kg.
* + 2.5 kg (5 lb) a session for squat, bench, press and row; + 5 kg (10 lb) for the deadlift.
* A missed session repeats the load; the third miss in a row at one load deloads by 10 %, to
  the nearest 2.5 kg (5 lb), ties lighter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from program_sim import Cal, Given, Step, sim_engine, simulate, straight

from spotter.knowledge.catalog import Catalog
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan
from spotter.planning.model.stored import StoredPlan
from spotter.profile import Profile
from spotter.store.uow import SqlUnitOfWork

START = dt.date(2027, 1, 4)  # a Monday
SQ, BP, ROW, OHP, DL = (
    "barbell-back-squat",
    "barbell-bench-press",
    "barbell-bent-over-row",
    "barbell-overhead-press",
    "conventional-deadlift",
)
LINEAR = "linear progression"
DAYS = ("mon", "wed", "fri")


def _slot(slug: str, sets: int = 5) -> Slot:
    return Slot(slug, sets, 5, 5, 2, 180, "linear")


A = (_slot(SQ), _slot(BP), _slot(ROW))
B = (_slot(SQ), _slot(OHP), _slot(DL, 1))


def _plan() -> StoredPlan:
    week_aba = WeekPlan(tuple(Session(d, x) for d, x in zip(DAYS, (A, B, A), strict=True)))
    week_bab = WeekPlan(tuple(Session(d, x) for d, x in zip(DAYS, (B, A, B), strict=True)))
    weeks = tuple(week_aba if w % 2 == 0 else week_bab for w in range(12))
    names = tuple(("A", "B", "A") if w % 2 == 0 else ("B", "A", "B") for w in range(12))
    return StoredPlan(1, "5x5", None, dt.datetime(2027, 1, 1), START, True, Mesocycle(weeks), names)


def _days() -> list[dt.date]:
    return [START + dt.timedelta(days=7 * w + d) for w in range(12) for d in (0, 2, 4)]


def _script(cal: dict[str, Cal]) -> dict[tuple[str, str], list[Step]]:
    ok, fail = "ok", "fail"
    return {
        # squat every session: 19 made, three misses at one load, 13 made
        (SQ, LINEAR): [cal[SQ], *[ok] * 19, fail, fail, fail, *[ok] * 13],
        # bench (A): one miss then made; later three misses in a row
        (BP, LINEAR): [cal[BP], *[ok] * 5, fail, *[ok] * 4, fail, fail, fail, *[ok] * 4],
        (ROW, LINEAR): [cal[ROW], *[ok] * 17],
        # press (B): the second set short once
        (OHP, LINEAR): [cal[OHP], ok, ok, ok, "short2", *[ok] * 13],
        (DL, LINEAR): [cal[DL], *[ok] * 17],
    }


def _fives(*loads: float) -> list[Given]:
    return [straight(5, 5, x) for x in loads]


def _steps(first: float, step: float, n: int) -> list[float]:
    return [first + step * i for i in range(n)]


@pytest.fixture
def uow(tmp_path: Path) -> SqlUnitOfWork:
    return SqlUnitOfWork(sim_engine(str(tmp_path / "sim.db")))


def test_linear_in_kg_adds_2_5_kg_and_5_kg_on_the_deadlift_repeats_misses_and_deloads(
    uow: SqlUnitOfWork, catalog: Catalog
) -> None:
    profile = Profile("kg", "strength", "novice", DAYS, 60, ("full-gym",))
    cal = {
        SQ: Cal(60, 5, 8),
        BP: Cal(50, 5, 8),
        ROW: Cal(40, 5, 8),
        OHP: Cal(30, 5, 8),
        DL: Cal(80, 5, 8),
    }
    seen = simulate(uow, catalog, profile, _plan(), _days(), _script(cal))
    # squat: 60, +2.5 a session to 107.5 (session 20), missed 3 times, 90 % x 107.5 = 96.75
    # -> 97.5, then +2.5 to 127.5
    assert seen[(SQ, LINEAR)] == [
        (),
        *_fives(*_steps(60, 2.5, 20), 107.5, 107.5, *_steps(97.5, 2.5, 13)),
    ]
    # bench: 50 .. 60, 62.5 missed and repeated, 65 .. 72.5, missed 3 times: 90 % x 72.5 =
    # 65.25 -> 65, then 67.5, 70, 72.5
    assert seen[(BP, LINEAR)] == [
        (),
        *_fives(
            50, 52.5, 55, 57.5, 60, 62.5, 62.5, 65, 67.5, 70, 72.5, 72.5, 72.5, 65, 67.5, 70, 72.5
        ),
    ]
    assert seen[(ROW, LINEAR)] == [(), *_fives(*_steps(40, 2.5, 17))]  # 40 .. 80
    # press: 30 .. 37.5, the short set repeats 37.5, then + 2.5 to 67.5
    assert seen[(OHP, LINEAR)] == [(), *_fives(30, 32.5, 35, 37.5, *_steps(37.5, 2.5, 13))]
    # deadlift 1x5: the calibration 80 x 5 was a whole session -> 85, then + 5 to 165
    assert seen[(DL, LINEAR)] == [(), *(straight(1, 5, x) for x in _steps(85, 5, 17))]


def test_linear_in_pounds_adds_5_lb_and_10_lb_on_the_deadlift_and_deloads_to_5_lb_steps(
    uow: SqlUnitOfWork, catalog: Catalog
) -> None:
    profile = Profile("lb", "strength", "novice", DAYS, 60, ("full-gym",))
    cal = {
        SQ: Cal(135, 5, 8),
        BP: Cal(95, 5, 8),
        ROW: Cal(95, 5, 8),
        OHP: Cal(65, 5, 8),
        DL: Cal(185, 5, 8),
    }
    seen = simulate(uow, catalog, profile, _plan(), _days(), _script(cal))
    # squat: 135, +5 to 230, missed 3 times: 90 % x 230 = 207 -> 205, then +5 to 265
    assert seen[(SQ, LINEAR)] == [
        (),
        *_fives(*_steps(135, 5, 20), 230, 230, *_steps(205, 5, 13)),
    ]
    # bench: 95 .. 115, 120 missed and repeated, 125 .. 140 missed 3 times: 90 % x 140 = 126
    # -> 125, then 130, 135, 140
    assert seen[(BP, LINEAR)] == [
        (),
        *_fives(95, 100, 105, 110, 115, 120, 120, 125, 130, 135, 140, 140, 140, 125, 130, 135, 140),
    ]
    assert seen[(ROW, LINEAR)] == [(), *_fives(*_steps(95, 5, 17))]  # 95 .. 175
    assert seen[(OHP, LINEAR)] == [(), *_fives(65, 70, 75, 80, *_steps(80, 5, 13))]
    # deadlift: 185 x 5 made -> 195, then + 10 to 355
    assert seen[(DL, LINEAR)] == [(), *(straight(1, 5, x) for x in _steps(195, 10, 17))]
