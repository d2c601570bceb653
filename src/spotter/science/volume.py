"""Weekly sets per muscle, counted fractionally, against Israetel's volume landmarks.

Counting (Pelland et al., Sports Med 2025: fractional counting fit best): each set that is not
a warm-up counts 1 for every primary muscle of its exercise and 0.5 for every secondary one.
A set of 0 reps (a failed attempt) does not count. When muscles are gathered into the rows of
the landmarks table (``group_of``, e.g. lats and rhomboids into "back"), a set counts once per
row, with its largest share: a row pull with lats and rhomboids primary is 1 set of back, not 2.

The landmarks are the 2017-era Renaissance Periodization table (lucharo/rp-planning
``ref.csv``, matching themovementlabpreston.co.uk; SCIENCE.md section 3), in sets per week.
RP has revised some rows since (newer pages give chest MV ~4, MEV ~6); this version is pinned.

Status of a weekly count ``n`` for a row:

==============  =============================
below MEV       ``n < MEV``
MEV-MAV         ``MEV <= n < MAV low``
within MAV      ``MAV low <= n <= MAV high``
above MAV       ``MAV high < n <= MRV``
above MRV       ``n > MRV``
==============  =============================

>>> status(11, LANDMARKS_2017["chest"])
<VolumeStatus.MEV_TO_MAV: 'MEV-MAV'>
>>> status(23, LANDMARKS_2017["chest"])
<VolumeStatus.ABOVE_MRV: 'above MRV'>
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from spotter.science.records import LoggedSet, MuscleTargets

#: Weight of a set for a primary and a secondary muscle.
PRIMARY_SHARE: Final[float] = 1.0
SECONDARY_SHARE: Final[float] = 0.5


@dataclass(frozen=True, slots=True)
class Landmarks:
    """Sets per week: maintenance (MV), minimum effective (MEV), the maximum adaptive range
    (MAV, low to high), maximum recoverable (MRV, written "N+" in the source), and sessions per
    week."""

    mv: float
    mev: float
    mav_low: float
    mav_high: float
    mrv: float
    freq_low: float
    freq_high: float


def _lm(*v: float) -> Landmarks:
    return Landmarks(*v)


#: Israetel / RP volume landmarks, 2017 table, keyed by the muscle-group rows of the table.
LANDMARKS_2017: Final[dict[str, Landmarks]] = {
    "back": _lm(8, 10, 14, 22, 25, 2, 4),
    "chest": _lm(8, 10, 12, 20, 22, 1.5, 3),
    "quads": _lm(6, 8, 12, 18, 20, 1.5, 3),
    "hamstrings": _lm(4, 6, 10, 16, 20, 2, 3),
    "glutes": _lm(0, 0, 4, 12, 16, 2, 3),
    "biceps": _lm(5, 8, 14, 20, 26, 2, 6),
    "triceps": _lm(4, 6, 10, 14, 18, 2, 4),
    "front delts": _lm(0, 0, 6, 8, 12, 1, 2),
    "side delts": _lm(0, 8, 16, 22, 26, 2, 6),
    "rear delts": _lm(0, 8, 16, 22, 26, 2, 6),
    "traps": _lm(0, 0, 12, 20, 26, 2, 6),
    "calves": _lm(6, 8, 12, 16, 20, 2, 4),
    "abs": _lm(0, 0, 16, 20, 25, 3, 5),
}


class VolumeStatus(StrEnum):
    """Where a weekly set count sits against the landmarks."""

    BELOW_MEV = "below MEV"
    MEV_TO_MAV = "MEV-MAV"
    WITHIN_MAV = "within MAV"
    ABOVE_MAV = "above MAV"
    ABOVE_MRV = "above MRV"


def status(sets: float, landmarks: Landmarks) -> VolumeStatus:
    """The status of ``sets`` per week (see the module docstring for the bounds).

    >>> [status(n, LANDMARKS_2017["back"]).value for n in (9.5, 10, 14, 22, 22.5, 25, 25.5)]
    ['below MEV', 'MEV-MAV', 'within MAV', 'within MAV', 'above MAV', 'above MAV', 'above MRV']
    """
    if sets < landmarks.mev:
        return VolumeStatus.BELOW_MEV
    if sets < landmarks.mav_low:
        return VolumeStatus.MEV_TO_MAV
    if sets <= landmarks.mav_high:
        return VolumeStatus.WITHIN_MAV
    if sets <= landmarks.mrv:
        return VolumeStatus.ABOVE_MAV
    return VolumeStatus.ABOVE_MRV


def fractional_sets(
    logged: Iterable[LoggedSet],
    exercises: Mapping[str, MuscleTargets],
    *,
    group_of: Mapping[str, str | None] | None = None,
) -> dict[str, float]:
    """Fractional set counts per muscle (or per row, with ``group_of``).

    Parameters
    ----------
    logged
        The sets to count; warm-ups and 0-rep sets are skipped.
    exercises
        Exercise slug -> the muscles it trains.
    group_of
        Muscle -> landmarks row. A muscle mapped to None (no row) is left out; one missing from
        the mapping keeps its own name.

    Raises
    ------
    ValueError
        For a set of an exercise with no entry in ``exercises``.

    Examples
    --------
    >>> when = dt.datetime(2024, 1, 1, 18)
    >>> rows = {"row": MuscleTargets(("lats", "rhomboids"), ("biceps",), compound=True)}
    >>> sets = [LoggedSet("row", when, 60, 10), LoggedSet("row", when, 60, 10),
    ...         LoggedSet("row", when, 30, 10, set_type="warm-up")]
    >>> fractional_sets(sets, rows)
    {'lats': 2.0, 'rhomboids': 2.0, 'biceps': 1.0}
    >>> fractional_sets(sets, rows, group_of={"lats": "back", "rhomboids": "back"})
    {'back': 2.0, 'biceps': 1.0}
    """
    totals: dict[str, float] = {}
    for s in logged:
        if not s.counts_for_volume or s.reps <= 0:
            continue
        targets = exercises.get(s.exercise)
        if targets is None:
            raise ValueError(f"no muscle data for exercise {s.exercise!r}: cannot count its sets")
        shares: dict[str, float] = {}
        roles = ((targets.primary, PRIMARY_SHARE), (targets.secondary, SECONDARY_SHARE))
        for muscles, share in roles:
            for muscle in muscles:
                key = muscle if group_of is None else group_of.get(muscle, muscle)
                if key is not None:
                    shares[key] = max(shares.get(key, 0.0), share)
        for key, share in shares.items():
            totals[key] = totals.get(key, 0.0) + share
    return totals


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week.

    >>> week_start(dt.date(2024, 3, 7))
    datetime.date(2024, 3, 4)
    """
    return day - dt.timedelta(days=day.weekday())


def weekly_sets(
    logged: Iterable[LoggedSet],
    exercises: Mapping[str, MuscleTargets],
    *,
    week_of: dt.date,
    group_of: Mapping[str, str | None] | None = None,
) -> dict[str, float]:
    """Fractional sets in the Monday-to-Sunday week containing ``week_of``."""
    first = week_start(week_of)
    last = first + dt.timedelta(days=7)
    in_week = (s for s in logged if first <= s.performed_at.date() < last)
    return fractional_sets(in_week, exercises, group_of=group_of)


@dataclass(frozen=True, slots=True)
class MuscleVolume:
    """One row of a weekly volume report."""

    muscle: str
    sets: float
    landmarks: Landmarks
    status: VolumeStatus


def assess(
    volume: Mapping[str, float], landmarks: Mapping[str, Landmarks] = LANDMARKS_2017
) -> tuple[MuscleVolume, ...]:
    """Every row of ``landmarks`` with its weekly sets (0 when absent) and status.

    >>> report = assess({"back": 12, "biceps": 4.5})
    >>> [(r.muscle, r.sets, r.status.value) for r in report[:2]]
    [('back', 12, 'MEV-MAV'), ('chest', 0.0, 'below MEV')]
    """
    return tuple(
        MuscleVolume(name, volume.get(name, 0.0), lm, status(volume.get(name, 0.0), lm))
        for name, lm in landmarks.items()
    )
