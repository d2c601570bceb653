"""Today (``/today``): the session of the active plan, set by set, built for the gym floor.

Each exercise shows its warm-ups and working sets with the loads and reps the rules prescribe,
how to load them (plates per side, dumbbells, the pin), the tempo and the exercise page's cues and
breathing. Logging a set goes through the API's retry-safe ``POST /api/v1/users/me/log/sets`` with
a uuid made in the browser (``today.js``), from an outbox that keeps the set while there is no
connection. ``/today/alternatives`` ranks stand-ins for an exercise (the catalog's alternatives
with the lifter's equipment) and ``/today/card`` renders one in its place; ``/today/done`` sums
up the session. Without a plan the page says so and offers to make one, or to log freely.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime, zone
from spotter.errors import NotFoundError
from spotter.log import SetRecord
from spotter.web.render import fragment, page
from spotter.web.session import Lifter, Viewer
from spotter.web.today_model import RPES, cards_of, swap_card

router = APIRouter(include_in_schema=False)

Slug = Annotated[str, Query(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$")]


def logged_today(rt: Runtime, seen: Viewer) -> tuple[dt.date, list[SetRecord]]:
    """The lifter's day and the sets logged on it (set times are their wall clock)."""
    day = rt.today(seen.timezone)
    start = dt.datetime.combine(day, dt.time())
    with rt.uow(seen.user_id) as uow:
        found = uow.log.sets(start=start, end=start + dt.timedelta(days=1))
    return day, found


@router.get("/today")
def today(request: Request, rt: RuntimeDep, seen: Lifter) -> HTMLResponse:
    """Today's session, or what to do without one."""
    from spotter.services.today_view import today_for

    catalog = rt.catalog_for(seen.user_id)
    day, logged = logged_today(rt, seen)
    try:
        view = today_for(
            rt.uow(seen.user_id), catalog, now=rt.now(), tz=zone(seen.timezone)
        )
    except NotFoundError as exc:
        if exc.field != "plan":
            raise
        view = None
    cards = cards_of(view.exercises, catalog, seen.unit, logged) if view is not None else []
    in_cards = {c.slug for c in cards}
    others = [s for s in logged if s.exercise not in in_cards]
    return page(
        request,
        "today/page.html",
        title="Today",
        day=day,
        view=view,
        cards=cards,
        others=[(catalog.get(s.exercise).name if s.exercise in catalog else s.exercise, s)
                for s in others],
        rpes=RPES,
        step={"kg": 2.5, "lb": 5.0}.get(seen.unit, 2.5),
    )


@router.get("/today/alternatives")
def alternatives(
    request: Request,
    rt: RuntimeDep,
    seen: Lifter,
    exercise: Slug,
    sets: Annotated[int, Query(ge=1, le=20)] = 3,
    reps: Annotated[int, Query(ge=1, le=100)] = 8,
    rest: Annotated[int, Query(ge=0, le=1200)] = 120,
    current: Annotated[str | None, Query(max_length=120)] = None,
) -> HTMLResponse:
    """Exercises that can stand in for ``exercise``, best first, with the lifter's equipment
    (``current``: the exercise now in its place, when it was swapped already)."""
    from spotter.services.profile import get_profile

    catalog = rt.catalog_for(seen.user_id)
    if exercise not in catalog:
        raise NotFoundError(f"no exercise {exercise!r} in the catalog", field="exercise")
    profile = get_profile(rt.uow(seen.user_id))
    owned = frozenset(profile.equipment) if profile is not None else None
    ranked = catalog.alternatives(exercise, available=owned, limit=6)
    return fragment(
        request,
        "today/alternatives.html",
        base=catalog.get(exercise),
        ranked=ranked,
        sets=sets,
        reps=reps,
        rest=rest,
        current=current,
    )


@router.get("/today/card")
def card(
    request: Request,
    rt: RuntimeDep,
    seen: Lifter,
    exercise: Slug,
    replaces: Slug,
    sets: Annotated[int, Query(ge=1, le=20)] = 3,
    reps: Annotated[int, Query(ge=1, le=100)] = 8,
    rest: Annotated[int, Query(ge=0, le=1200)] = 120,
) -> HTMLResponse:
    """The card of ``exercise`` standing in for ``replaces`` today."""
    catalog = rt.catalog_for(seen.user_id)
    if exercise not in catalog:
        raise NotFoundError(f"no exercise {exercise!r} in the catalog", field="exercise")
    _day, logged = logged_today(rt, seen)
    found = swap_card(
        rt.uow(seen.user_id),
        catalog,
        exercise,
        unit=seen.unit,
        replaces=replaces,
        sets=sets,
        reps=reps,
        rest_seconds=rest,
        logged=logged,
    )
    return fragment(request, "today/card.html", card=found, rpes=RPES)


def span_words(seconds: float | None) -> str | None:
    """How long a session took, in words.

    >>> span_words(20), span_words(25 * 60 + 10), span_words(3900), span_words(None)
    ('under a minute', '25 min', '1 h 05 min', None)
    """
    if seconds is None:
        return None
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{minutes} min"


@router.get("/today/done")
def done(request: Request, rt: RuntimeDep, seen: Lifter) -> HTMLResponse:
    """The session so far: exercises, sets, volume and time from the first set to the last."""
    catalog = rt.catalog_for(seen.user_id)
    day, logged = logged_today(rt, seen)
    by_exercise: dict[str, list[SetRecord]] = {}
    for s in logged:
        by_exercise.setdefault(s.exercise, []).append(s)
    working = [s for s in logged if s.set_type != "warm-up"]
    volume_kg = sum((s.load_kg or 0.0) * (s.reps or 0) for s in working if not s.bodyweight)
    from spotter.science.units import from_kg

    span = (
        (max(s.performed_at for s in logged) - min(s.performed_at for s in logged)).total_seconds()
        if len(logged) > 1
        else None
    )
    return page(
        request,
        "today/done.html",
        title="Session summary",
        day=day,
        rows=[
            (catalog.get(slug).name if slug in catalog else slug, sets)
            for slug, sets in by_exercise.items()
        ],
        working=len(working),
        volume=round(from_kg(volume_kg, seen.unit), 1),
        span=span_words(span),
    )
