"""Twelve weeks of 5/3/1 with Boring But Big, from calibration sets, through `today_session`.

The plan: Monday the squat's 5/3/1 sets and the bench's Boring But Big 5x10, Thursday the
bench's 5/3/1 sets and the squat's Boring But Big (Wendler's "opposite lift" pairing). Neither
lift has history: the first Monday both are calibration steps. The expected loads were worked
out by hand from the published rules (SCIENCE.md section 5):

* 1RM = the calibration set's e1RM from the RTS chart (SCIENCE.md section 2): a set of 3 @8 is
  86.3 % of 1RM, a set of 10 @8 is 68.0 %. Training max (TM) = 90 % of it.
* Each 5/3/1 session is the next week of the table (65/75/85 x 5,5,5+; 70/80/90 x 3,3,3+;
  75/85/95 x 5,3,1+; 40/50/60 x 5); the calibration is not a week, so the bench's 5s week is the
  first Thursday and the squat's the second Monday. The TM is fixed for the cycle and rises
  by +5 kg squat / +2.5 kg bench (+10 / +5 lb) between cycles, whatever the AMRAP sets show:
  the lifter beats every "+" set by 3 reps, which must not move it.
* Boring But Big: 5x10 at 50 % of the TM in the first cycle, 55 % in the second, 60 % from the
  third (Wendler's 50 % rising to 60 %), in the cycle of the lift's next 5/3/1 session.
* Loads go to the nearest 2.5 kg (20 kg bar, 1.25 kg plates) or 5 lb (45 lb bar, 2.5 lb
  plates), ties to the lighter.
Misses are scripted too (a short second set, a missed single, a short last BBB set): 5/3/1 has
no failure rule in SCIENCE.md, so none of them changes a load.
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
SQUAT, BENCH = "barbell-back-squat", "barbell-bench-press"
BBB = "Boring But Big"


def _plan() -> StoredPlan:
    mon = Session(
        "mon", (Slot(SQUAT, 3, 1, 5, 1, 180, "wave531"), Slot(BENCH, 5, 10, 10, 3, 90, "bbb"))
    )
    thu = Session(
        "thu", (Slot(BENCH, 3, 1, 5, 1, 180, "wave531"), Slot(SQUAT, 5, 10, 10, 3, 120, "bbb"))
    )
    weeks = tuple(WeekPlan((mon, thu)) for _ in range(12))
    return StoredPlan(
        1,
        "531 BBB",
        "531",
        dt.datetime(2027, 1, 1),
        START,
        True,
        Mesocycle(weeks),
        (("Squat", "Bench"),) * 12,
    )


def _days() -> list[dt.date]:
    return [START + dt.timedelta(days=7 * w + d) for w in range(12) for d in (0, 3)]


def _wave(*weeks: tuple[float, float, float, int]) -> list[Given]:
    """Rows (load 1, load 2, load 3, week of the table 1-4) as set-by-set prescriptions."""
    reps = {1: (5, 5, 5), 2: (3, 3, 3), 3: (5, 3, 1), 4: (5, 5, 5)}
    return [
        tuple(
            (float(load), r, i == 2 and week != 4)
            for i, (load, r) in enumerate(zip(loads, reps[week], strict=True))
        )
        for *loads, week in weeks
    ]


SCRIPT: dict[tuple[str, str], list[Step]] = {
    # week 4 (the squat's 3s week): second set one rep short; week 8: the single missed
    (SQUAT, "5/3/1"): ["cal", *(["ok"] * 2), "short2", *(["ok"] * 3), "fail", *(["ok"] * 4)],
    (BENCH, "5/3/1"): [*(["ok"] * 2), "fail", *(["ok"] * 3), "short2", *(["ok"] * 5)],
    (SQUAT, BBB): [*(["ok"] * 5), "fail", *(["ok"] * 6)],
    (BENCH, BBB): ["cal", *(["ok"] * 8), "fail", "ok", "ok"],
}


def _script(squat: Cal, bench: Cal) -> dict[tuple[str, str], list[Step]]:
    out = {k: list(v) for k, v in SCRIPT.items()}
    out[(SQUAT, "5/3/1")][0] = squat
    out[(BENCH, BBB)][0] = bench
    return out


@pytest.fixture
def uow(tmp_path: Path) -> SqlUnitOfWork:
    return SqlUnitOfWork(sim_engine(str(tmp_path / "sim.db")))


def test_531_bbb_in_kg_keeps_the_training_max_for_the_cycle_and_bbb_at_50_55_60_percent(
    uow: SqlUnitOfWork, catalog: Catalog
) -> None:
    profile = Profile("kg", "strength", "intermediate", ("mon", "thu"), 75, ("full-gym",))
    # squat: 140 x 3 @8 -> e1RM 140 / 0.863 = 162.225, TM 146.002 (+5 a cycle: 151.002, 156.002)
    # bench: 75 x 10 @8 -> e1RM 75 / 0.680 = 110.294, TM 99.265 (+2.5: 101.765, 104.265)
    seen = simulate(
        uow, catalog, profile, _plan(), _days(), _script(Cal(140, 3, 8), Cal(75, 10, 8))
    )
    assert seen[(SQUAT, "5/3/1")] == [
        (),  # week 1: calibration
        # cycle 1, TM 146.002: 94.90 109.50 124.10 | 102.20 116.80 131.40 | 109.50 124.10
        # 138.70 | 58.40 73.00 87.60
        *_wave(
            (95, 110, 125, 1), (102.5, 117.5, 132.5, 2), (110, 125, 137.5, 3), (57.5, 72.5, 87.5, 4)
        ),
        # cycle 2, TM 151.002: 98.15 113.25 128.35 | 105.70 120.80 135.90 | 113.25 128.35
        # 143.45 | 60.40 75.50 90.60 (the short set and the missed single change nothing)
        *_wave(
            (97.5, 112.5, 127.5, 1), (105, 120, 135, 2), (112.5, 127.5, 142.5, 3), (60, 75, 90, 4)
        ),
        # cycle 3, TM 156.002: 101.40 117.00 132.60 | 109.20 124.80 140.40 | 117.00 132.60 148.20
        *_wave((102.5, 117.5, 132.5, 1), (110, 125, 140, 2), (117.5, 132.5, 147.5, 3)),
    ]
    # squat BBB on Thursdays: squat 5/3/1 sessions before it = week - 1, cycle = that // 4:
    # weeks 1-4 50 % x 146.002 = 73.00; 5-8 55 % x 151.002 = 83.05; 9-12 60 % x 156.002 = 93.60
    assert seen[(SQUAT, BBB)] == [straight(5, 10, x) for x in [72.5] * 4 + [82.5] * 4 + [92.5] * 4]
    assert seen[(BENCH, "5/3/1")] == [
        # the first Thursday is already the 5s week; cycle 1, TM 99.265: 64.52 74.45 84.38 |
        # 69.49 79.41 89.34 | 74.45 84.38 94.30 | 39.71 49.63 59.56
        *_wave((65, 75, 85, 1), (70, 80, 90, 2), (75, 85, 95, 3), (40, 50, 60, 4)),
        # cycle 2, TM 101.765 (not the 107.5 kg top single a recomputed TM gives): 66.15 76.32
        # 86.50 | 71.24 81.41 91.59 | 76.32 86.50 96.68 | 40.71 50.88 61.06
        *_wave((65, 77.5, 87.5, 1), (70, 82.5, 92.5, 2), (77.5, 87.5, 97.5, 3), (40, 50, 60, 4)),
        # cycle 3, TM 104.265: 67.77 78.20 88.63 | 72.99 83.41 93.84 | 78.20 88.63 99.05 |
        # 41.71 52.13 62.56
        *_wave(
            (67.5, 77.5, 87.5, 1), (72.5, 82.5, 95, 2), (77.5, 87.5, 100, 3), (42.5, 52.5, 62.5, 4)
        ),
    ]
    # bench BBB on Mondays (week 1 is the calibration): bench 5/3/1 sessions before it =
    # week - 1: weeks 2-4 50 % x 99.265 = 49.63; 5-8 55 % x 101.765 = 55.97; 9-12 60 % x
    # 104.265 = 62.56 (the RPE chart's 10 @7 would give 65.3 % of 1RM = 72 kg)
    assert seen[(BENCH, BBB)] == [
        (),
        *(straight(5, 10, x) for x in [50] * 3 + [55] * 4 + [62.5] * 4),
    ]


def test_531_bbb_in_pounds_raises_the_tm_5_and_10_lb_and_loads_in_5_lb_steps(
    uow: SqlUnitOfWork, catalog: Catalog
) -> None:
    profile = Profile("lb", "strength", "intermediate", ("mon", "thu"), 75, ("full-gym",))
    # squat: 315 x 3 @8 -> e1RM 315 / 0.863 = 365.006, TM 328.505 (+10 lb: 338.505, 348.505)
    # bench: 165 x 10 @8 -> e1RM 165 / 0.680 = 242.647, TM 218.382 (+5 lb: 223.382, 228.382)
    seen = simulate(
        uow, catalog, profile, _plan(), _days(), _script(Cal(315, 3, 8), Cal(165, 10, 8))
    )
    assert seen[(SQUAT, "5/3/1")] == [
        (),
        # TM 328.505: 213.53 246.38 279.23 | 229.95 262.80 295.66 | 246.38 279.23 312.08 |
        # 131.40 164.25 197.10
        *_wave((215, 245, 280, 1), (230, 265, 295, 2), (245, 280, 310, 3), (130, 165, 195, 4)),
        # TM 338.505: 220.03 253.88 287.73 | 236.95 270.80 304.66 | 253.88 287.73 321.58 |
        # 135.40 169.25 203.10
        *_wave((220, 255, 290, 1), (235, 270, 305, 2), (255, 290, 320, 3), (135, 170, 205, 4)),
        # TM 348.505: 226.53 261.38 296.23 | 243.95 278.80 313.66 | 261.38 296.23 331.08
        *_wave((225, 260, 295, 1), (245, 280, 315, 2), (260, 295, 330, 3)),
    ]
    # 50 % x 328.505 = 164.25; 55 % x 338.505 = 186.18; 60 % x 348.505 = 209.10
    assert seen[(SQUAT, BBB)] == [straight(5, 10, x) for x in [165] * 4 + [185] * 4 + [210] * 4]
    assert seen[(BENCH, "5/3/1")] == [
        # TM 218.382: 141.95 163.79 185.63 | 152.87 174.71 196.54 | 163.79 185.63 207.46 |
        # 87.35 109.19 131.03
        *_wave((140, 165, 185, 1), (155, 175, 195, 2), (165, 185, 205, 3), (85, 110, 130, 4)),
        # TM 223.382: 145.20 167.54 189.88 | 156.37 178.71 201.04 | 167.54 189.88 212.21 |
        # 89.35 111.69 134.03
        *_wave((145, 170, 190, 1), (155, 180, 200, 2), (170, 190, 210, 3), (90, 110, 135, 4)),
        # TM 228.382: 148.45 171.29 194.13 | 159.87 182.71 205.54 | 171.29 194.13 216.96 |
        # 91.35 114.19 137.03
        *_wave((150, 170, 195, 1), (160, 185, 205, 2), (170, 195, 215, 3), (90, 115, 135, 4)),
    ]
    # 50 % x 218.382 = 109.19; 55 % x 223.382 = 122.86; 60 % x 228.382 = 137.03
    assert seen[(BENCH, BBB)] == [
        (),
        *(straight(5, 10, x) for x in [110] * 3 + [125] * 4 + [135] * 4),
    ]
