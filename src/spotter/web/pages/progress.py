"""Progress: e1RM and volume charts per exercise, weekly sets per muscle against the volume
landmarks, recovery per muscle, and personal records, in the lifter's unit.

The numbers come from :mod:`spotter.services.analysis` (what ``spotter progress``, ``volume``
and ``recovery`` and the API use). The charts are drawn in the browser by ``charts.js`` (uPlot,
vendored) from the JSON API (``/api/v1/users/me/progress``); the page also carries the same
numbers as tables, so it reads without script. The landmark and recovery bars are drawn here as
SVG shapes and ``<meter>`` elements: the content security policy allows no inline style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from spotter.api.deps import RuntimeDep
from spotter.web.render import page
from spotter.web.session import Lifter

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Catalog
    from spotter.science.units import Unit
    from spotter.services.analysis import ExerciseProgress
    from spotter.services.training import RecoveryReport, VolumeReport

router = APIRouter(include_in_schema=False)

#: Width of a landmark bar in SVG user units.
BAR_WIDTH = 300.0


@dataclass(frozen=True, slots=True)
class Band:
    """One stretch of a landmark bar: where it starts and how wide it is (SVG units), and what
    it means."""

    x: float
    width: float
    kind: str


@dataclass(frozen=True, slots=True)
class LandmarkBar:
    """A muscle's weekly sets drawn against its landmarks on a common scale."""

    muscle: str
    label: str
    sets: float
    mev: float
    mav_low: float
    mav_high: float
    mrv: float
    status: str
    bands: tuple[Band, ...]
    #: Width of the sets bar, and the x of each landmark's tick, in SVG units.
    sets_width: float
    ticks: tuple[tuple[str, float], ...]


def landmark_bar(
    muscle: str, sets: float, mev: float, mav: tuple[float, float], mrv: float, status: str
) -> LandmarkBar:
    """The geometry of one bar: the scale runs to 20 % past the MRV (or past the sets, if more).

    >>> b = landmark_bar("back", 12, 10, (14, 22), 25, "MEV-MAV")
    >>> [(x.kind, x.x, x.width) for x in b.bands]  # scale 0-30 sets over 300 units
    [('below', 0.0, 100.0), ('rising', 100.0, 40.0), ('productive', 140.0, 80.0), ('high', 220.0, 30.0), ('over', 250.0, 50.0)]
    >>> b.sets_width, dict(b.ticks)["MRV"]
    (120.0, 250.0)
    """
    top = max(mrv * 1.2, sets * 1.05, 1.0)

    def x(v: float) -> float:
        return round(BAR_WIDTH * min(max(v, 0.0), top) / top, 1)

    edges = (
        ("below", 0.0, mev),
        ("rising", mev, mav[0]),
        ("productive", mav[0], mav[1]),
        ("high", mav[1], mrv),
        ("over", mrv, top),
    )
    bands = tuple(
        Band(x(lo), round(x(hi) - x(lo), 1), kind) for kind, lo, hi in edges if hi > lo
    )
    from spotter.knowledge.vocab import MUSCLES

    label = MUSCLES[muscle].label if muscle in MUSCLES else muscle.replace("-", " ").capitalize()
    return LandmarkBar(
        muscle=muscle,
        label=label,
        sets=sets,
        mev=mev,
        mav_low=mav[0],
        mav_high=mav[1],
        mrv=mrv,
        status=status,
        bands=bands,
        sets_width=x(sets),
        ticks=(("MEV", x(mev)), ("MAV", x(mav[0])), ("MRV", x(mrv))),
    )


@dataclass(frozen=True, slots=True)
class MuscleRecovery:
    muscle: str
    label: str
    percent: float


def recovery_rows(report: RecoveryReport) -> tuple[MuscleRecovery, ...]:
    """Every muscle with its recovery, least recovered first (ties by name)."""
    from spotter.knowledge.page import muscle_label

    rows = [MuscleRecovery(k, muscle_label(k), round(v, 1)) for k, v in report.percent.items()]
    rows.sort(key=lambda r: (r.percent, r.label))
    return tuple(rows)


def volume_rows(report: VolumeReport) -> tuple[LandmarkBar, ...]:
    return tuple(
        landmark_bar(
            r.muscle,
            r.sets,
            r.landmarks.mev,
            (r.landmarks.mav_low, r.landmarks.mav_high),
            r.landmarks.mrv,
            r.status.value,
        )
        for r in report.rows
    )


def _week_of(text: str, today: dt.date) -> dt.date:
    """The day a ``week`` query names (any day of the week), else today; a week more than a
    year ahead is today's."""
    try:
        day = dt.date.fromisoformat(text) if text else today
    except ValueError:
        return today
    return day if day <= today + dt.timedelta(days=366) and day.year >= 1900 else today


def in_unit(kg: float | None, unit: Unit) -> float | None:
    """A stored load (kg) in the lifter's unit, to the hundredth.

    >>> in_unit(100, "lb"), in_unit(140, "kg"), in_unit(None, "kg")
    (220.46, 140.0, None)
    """
    from spotter.science.units import from_kg

    return None if kg is None else round(float(from_kg(kg, unit)), 2)


def _name(catalog: Catalog, slug: str) -> str:
    return catalog.get(slug).name if slug in catalog else slug.removeprefix("imported:")


@router.get("/progress", response_class=HTMLResponse)
def progress(
    request: Request, rt: RuntimeDep, who: Lifter, exercise: str = "", week: str = ""
) -> Response:
    """Charts and tables of one exercise (default: the one with the most sessions), the week's
    sets per muscle, recovery now, and the records of every logged exercise."""
    from spotter.science.volume import week_start
    from spotter.services.analysis import progress_of, recovery_of, volume_of

    catalog = rt.catalog_for(who.user_id)
    found = progress_of(rt.uow(who.user_id), catalog, None)
    logged: list[ExerciseProgress] = sorted(
        found.exercises, key=lambda e: _name(catalog, e.exercise).lower()
    )
    chosen = next((e for e in logged if e.exercise == exercise[:200]), None)
    if chosen is None and logged:
        chosen = max(logged, key=lambda e: (len(e.sessions), e.sessions[-1].date if e.sessions else dt.date.min))
    today = rt.today(who.timezone)
    day = _week_of(week[:20], today)
    volume = volume_of(rt.uow(who.user_id), catalog, day)
    now_local = rt.now().astimezone(_zone(who.timezone)).replace(tzinfo=None, microsecond=0)
    recovery = recovery_of(rt.uow(who.user_id), catalog, now_local)
    start = week_start(day)
    return page(
        request,
        "progress/index.html",
        title="Progress",
        logged=logged,
        chosen=chosen,
        names={e.exercise: _name(catalog, e.exercise) for e in logged},
        week_start=start,
        week_end=start + dt.timedelta(days=6),
        previous_week=start - dt.timedelta(days=7),
        next_week=start + dt.timedelta(days=7) if start + dt.timedelta(days=7) <= today else None,
        volume=volume,
        bars=volume_rows(volume.report),
        recovery=recovery_rows(recovery.report),
        left_out=found.skipped + volume.skipped,
        u=lambda kg: in_unit(kg, who.unit),
    )


def _zone(name: str) -> dt.tzinfo:
    from spotter.compose import zone

    return zone(name)
