"""Twelve weeks of GZCLP from calibration sets, through `today_session`.

The plan rotates GZCLP's four sessions over Monday, Wednesday and Friday (A1: squat T1, bench
T2; A2: press T1, deadlift T2; B1: bench T1, squat T2; B2: deadlift T1, press T2), so each
session comes 9 times in 12 weeks. No lift has history: each is calibrated the first time it
appears (a set of 3 @8 in a T1 slot, of 10 @8 in a T2 slot). Expected loads, by hand, from
the routine pinned in SCIENCE.md section 5 (ColinPeyrat's GZCLP):

* First loads from the calibration's e1RM (RTS chart: 3 @8 is 86.3 %, 10 @8 is 68.0 %):
  T1 starts at 5x3+ with 85 % of the 5RM (the routine's restart rule; 5RM = 86.3 % of the
  e1RM, 5 reps @10), T2 at 3x10 with 10 reps @8 (68.0 % of the e1RM, RIR 2). The calibration is
  not a session of either tier: T1 starts at 5x3+ and T2 at 3x10, not one stage on.
* T1: made -> + 5 kg squat and deadlift, + 2.5 kg bench and press (+10 / +5 lb), same stage;
  missed -> same load, next stage (5x3+, 6x2+, 10x1+); 10x1+ missed -> a 5RM test at about
  the missed single's Epley e1RM x 0.87, then 5x3+ at 85 % of the tested 5RM.
* T2: made -> + 2.5 kg (the bar's smallest step; 5 lb); missed -> same load, next stage (3x10,
  3x8, 3x6); 3x6 missed -> 3x10 at the last 3x10 load + 7.5 kg (15 lb).
* Loads to the nearest 2.5 kg / 5 lb, ties lighter. "ok" beats each "+" set by 3 reps, "fail"
  leaves the last set one rep short (a 10x1 one set short).
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
SQ, BP, OHP, DL = (
    "barbell-back-squat",
    "barbell-bench-press",
    "barbell-overhead-press",
    "conventional-deadlift",
)
T1, T2 = "GZCLP T1", "GZCLP T2"
ROTATION = ((SQ, BP), (OHP, DL), (BP, SQ), (DL, OHP))  # A1, A2, B1, B2: (T1, T2)
DAYS = ("mon", "wed", "fri")


def _plan() -> StoredPlan:
    weeks = []
    for w in range(12):
        sessions = []
        for d, day in enumerate(DAYS):
            t1, t2 = ROTATION[(3 * w + d) % 4]
            sessions.append(
                Session(
                    day,
                    (
                        Slot(t1, 5, 3, 3, 1, 180, "gzclp-t1"),
                        Slot(t2, 3, 10, 10, 2, 150, "gzclp-t2"),
                    ),
                )
            )
        weeks.append(WeekPlan(tuple(sessions)))
    names = tuple(
        tuple(("A1", "A2", "B1", "B2")[(3 * w + d) % 4] for d in range(3)) for w in range(12)
    )
    return StoredPlan(
        1, "GZCLP", "gzclp", dt.datetime(2027, 1, 1), START, True, Mesocycle(tuple(weeks)), names
    )


def _days() -> list[dt.date]:
    return [START + dt.timedelta(days=7 * w + d) for w in range(12) for d in (0, 2, 4)]


def _script(cal: dict[str, Cal]) -> dict[tuple[str, str], list[Step]]:
    ok = "ok"
    return {
        # squat T1: two made, 5x3 missed, 6x2 made, 6x2 missed, 10x1 missed, the 5RM test
        (SQ, T1): [cal[SQ], ok, ok, "fail", ok, "fail", "fail", ok, ok],
        (SQ, T2): [ok, ok, "fail", ok, "fail", "fail", ok, ok, ok],
        (BP, T1): [ok, ok, ok, "fail", ok, ok, "fail", ok, ok],
        (BP, T2): [cal[BP], ok, ok, ok, ok, "fail", ok, ok, ok],
        (OHP, T1): [cal[OHP], ok, "fail", "fail", "fail", ok, ok, ok, ok],
        (OHP, T2): [ok] * 9,
        (DL, T1): [ok] * 9,
        (DL, T2): [cal[DL], *([ok] * 8)],
    }


def _t1(*rows: tuple[int, float]) -> list[Given]:
    """T1 rows (stage sets, load): 5 -> 5x3+, 6 -> 6x2+, 10 -> 10x1+, 1 -> the 1x5 test."""
    reps = {5: 3, 6: 2, 10: 1, 1: 5}
    return [straight(n, reps[n], load, amrap=n != 1) for n, load in rows]


def _t2(*rows: tuple[int, float]) -> list[Given]:
    """T2 rows (reps, load): 3 sets of them."""
    return [straight(3, r, load) for r, load in rows]


@pytest.fixture
def uow(tmp_path: Path) -> SqlUnitOfWork:
    return SqlUnitOfWork(sim_engine(str(tmp_path / "sim.db")))


def test_gzclp_in_kg_starts_at_the_first_stage_after_calibration_and_follows_the_stages(
    uow: SqlUnitOfWork, catalog: Catalog
) -> None:
    profile = Profile("kg", "strength", "novice", DAYS, 60, ("full-gym",))
    cal = {SQ: Cal(100, 3, 8), BP: Cal(50, 10, 8), OHP: Cal(40, 3, 8), DL: Cal(90, 10, 8)}
    seen = simulate(uow, catalog, profile, _plan(), _days(), _script(cal))
    # e1RMs: squat 100 / .863 = 115.875, bench 50 / .680 = 73.529, press 40 / .863 = 46.350,
    # deadlift 90 / .680 = 132.353. 5RM = e1RM x .863: 100, 63.456, 40, 114.221.
    # squat T1: 85 % x 100 = 85; +5, +5; 95 missed -> 6x2+ 95, made -> 100, missed -> 10x1+ 100,
    # missed -> test at 100 x 1.0333 x .87 = 89.9 -> 90; restart 85 % x 90 = 76.5 -> 77.5
    assert seen[(SQ, T1)] == [
        (),
        *_t1((5, 85), (5, 90), (5, 95), (6, 95), (6, 100), (10, 100), (1, 90), (5, 77.5)),
    ]
    # squat T2: 115.875 x .68 = 78.80 -> 80; 82.5; 85 missed -> 3x8 85, made -> 87.5, missed ->
    # 3x6 87.5, missed -> 3x10 at the last 3x10 load 85 + 7.5 = 92.5; 95; 97.5
    assert seen[(SQ, T2)] == _t2(
        (10, 80),
        (10, 82.5),
        (10, 85),
        (8, 85),
        (8, 87.5),
        (6, 87.5),
        (10, 92.5),
        (10, 95),
        (10, 97.5),
    )
    # bench T1: 85 % x 63.456 = 53.94 -> 55; +2.5 each; 62.5 missed -> 6x2+ 62.5, 65, 67.5
    # missed -> 10x1+ 67.5, made -> 70
    assert seen[(BP, T1)] == _t1(
        (5, 55), (5, 57.5), (5, 60), (5, 62.5), (6, 62.5), (6, 65), (6, 67.5), (10, 67.5), (10, 70)
    )
    # bench T2: 73.529 x .68 = 50; +2.5 to 60, missed -> 3x8 60, 62.5, 65
    assert seen[(BP, T2)] == [
        (),
        *_t2((10, 50), (10, 52.5), (10, 55), (10, 57.5), (10, 60), (8, 60), (8, 62.5), (8, 65)),
    ]
    # press T1: 85 % x 40 = 34 -> 35; 37.5 missed -> 6x2+, missed -> 10x1+, missed -> test at
    # 37.5 x 1.0333 x .87 = 33.71 -> 32.5; restart 85 % x 32.5 = 27.63 -> 27.5; 30; 32.5
    assert seen[(OHP, T1)] == [
        (),
        *_t1((5, 35), (5, 37.5), (6, 37.5), (10, 37.5), (1, 32.5), (5, 27.5), (5, 30), (5, 32.5)),
    ]
    # press T2: 46.35 x .68 = 31.52 -> 32.5, +2.5 a session
    assert seen[(OHP, T2)] == _t2(*((10, 32.5 + 2.5 * i) for i in range(9)))
    # deadlift T1: 85 % x 114.221 = 97.09 -> 97.5, +5 a session
    assert seen[(DL, T1)] == _t1(*((5, 97.5 + 5 * i) for i in range(9)))
    # deadlift T2: 132.353 x .68 = 90, +2.5 a session
    assert seen[(DL, T2)] == [(), *_t2(*((10, 90 + 2.5 * i) for i in range(8)))]


def test_gzclp_in_pounds_adds_10_and_5_lb_and_resets_t2_15_lb_above_the_last_3x10(
    uow: SqlUnitOfWork, catalog: Catalog
) -> None:
    profile = Profile("lb", "strength", "novice", DAYS, 60, ("full-gym",))
    cal = {SQ: Cal(225, 3, 8), BP: Cal(115, 10, 8), OHP: Cal(95, 3, 8), DL: Cal(205, 10, 8)}
    seen = simulate(uow, catalog, profile, _plan(), _days(), _script(cal))
    # e1RMs: squat 260.718, bench 169.118, press 110.081, deadlift 301.471;
    # 5RMs (x .863): 225, 145.949, 95, 260.169
    # squat T1: 85 % x 225 = 191.25 -> 190, +10 a session; test at 220 x 1.0333 x .87 =
    # 197.78 -> 200; restart 85 % x 200 = 170
    assert seen[(SQ, T1)] == [
        (),
        *_t1((5, 190), (5, 200), (5, 210), (6, 210), (6, 220), (10, 220), (1, 200), (5, 170)),
    ]
    # squat T2: 260.718 x .68 = 177.29 -> 175, +5; reset 185 + 15 = 200
    assert seen[(SQ, T2)] == _t2(
        (10, 175),
        (10, 180),
        (10, 185),
        (8, 185),
        (8, 190),
        (6, 190),
        (10, 200),
        (10, 205),
        (10, 210),
    )
    # bench T1: 85 % x 145.949 = 124.06 -> 125, +5
    assert seen[(BP, T1)] == _t1(
        (5, 125), (5, 130), (5, 135), (5, 140), (6, 140), (6, 145), (6, 150), (10, 150), (10, 155)
    )
    # bench T2: 169.118 x .68 = 115, +5 (2.5 lb is below the bar's 5 lb step)
    assert seen[(BP, T2)] == [
        (),
        *_t2((10, 115), (10, 120), (10, 125), (10, 130), (10, 135), (8, 135), (8, 140), (8, 145)),
    ]
    # press T1: 85 % x 95 = 80.75 -> 80; test at 85 x 1.0333 x .87 = 76.42 -> 75; restart
    # 85 % x 75 = 63.75 -> 65
    assert seen[(OHP, T1)] == [
        (),
        *_t1((5, 80), (5, 85), (6, 85), (10, 85), (1, 75), (5, 65), (5, 70), (5, 75)),
    ]
    # press T2: 110.081 x .68 = 74.86 -> 75, +5
    assert seen[(OHP, T2)] == _t2(*((10, 75 + 5 * i) for i in range(9)))
    # deadlift T1: 85 % x 260.169 = 221.14 -> 220, +10
    assert seen[(DL, T1)] == _t1(*((5, 220 + 10 * i) for i in range(9)))
    # deadlift T2: 301.471 x .68 = 205, +5
    assert seen[(DL, T2)] == [(), *_t2(*((10, 205 + 5 * i) for i in range(8)))]
