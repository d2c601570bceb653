"""History: the log by training day, newest first, a week of training days per page; edit a
set's load, reps and RPE, delete a set and take the deletion back.

Reads go through :func:`spotter.services.history_days.days_page`; edits and deletions through
the log service the CLI and the API use (:func:`spotter.services.log.edit_set`,
:func:`~spotter.services.log.delete_set`), so the same checks apply (plausible ranges, the load
kind of the exercise). With htmx a change swaps the one set's row; without it the form posts and
the page comes back (303) at the same place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime
from spotter.errors import NotFoundError, SpotterError
from spotter.web.render import fragment, page
from spotter.web.session import Viewer, ViewerDep, Writer

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Catalog
    from spotter.log import SetRecord
    from spotter.science.units import Unit
    from spotter.services.history_days import Day, DaysPage

router = APIRouter(include_in_schema=False)

#: A number field of a form, as typed (empty: not given).
Field = Annotated[str, Form(max_length=32)]


# -- how a set reads -----------------------------------------------------------------------------


def number(value: float | None) -> str:
    """A number as a form shows it: at most two decimals, no trailing zeros ("" for none).

    >>> number(82.5), number(100.0), number(61.23496), number(None)
    ('82.5', '100', '61.23', '')
    """
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def load_words(s: SetRecord, unit: Unit) -> str:
    """A set's load in ``unit`` as people say it: "100 kg", "bodyweight + 10 kg", "bodyweight"
    or "bodyweight − 20 kg" (assistance); "" for a set without a load.

    >>> from spotter.log import SetRecord
    >>> when = dt.datetime(2026, 12, 3, 18, 0)
    >>> load_words(SetRecord(when, "barbell-back-squat", load_kg=100.0, reps=5), "kg")
    '100 kg'
    >>> load_words(SetRecord(when, "pull-up", load_kg=10.0, reps=5, bodyweight=True), "kg")
    'bodyweight + 10 kg'
    >>> load_words(SetRecord(when, "assisted-pull-up", load_kg=-20.0, reps=8, bodyweight=True), "kg")
    'bodyweight − 20 kg'
    >>> load_words(SetRecord(when, "barbell-back-squat", load_kg=102.0582, reps=5), "lb")
    '225 lb'
    """
    from spotter.science.units import from_kg

    value = None if s.load_kg is None else from_kg(s.load_kg, unit)
    if s.bodyweight:
        if not value:
            return "bodyweight"
        sign = "+" if value > 0 else "−"
        return f"bodyweight {sign} {number(abs(value))} {unit}"
    return "" if value is None else f"{number(value)} {unit}"


def set_words(s: SetRecord, unit: Unit) -> str:
    """A whole set in a few words: load, then reps (or time, or distance), then RPE.

    >>> from spotter.log import SetRecord
    >>> when = dt.datetime(2026, 12, 3, 18, 0)
    >>> set_words(SetRecord(when, "barbell-back-squat", load_kg=100.0, reps=5, rpe=8.0), "kg")
    '100 kg × 5 @ RPE 8'
    >>> set_words(SetRecord(when, "plank", seconds=45.0, bodyweight=True), "kg")
    'bodyweight, 45 s'
    """
    parts = [load_words(s, unit)]
    text = parts[0]
    if s.reps is not None:
        text = f"{text} × {s.reps}" if text else f"{s.reps} reps"
    elif s.seconds is not None:
        text = f"{text}, {number(s.seconds)} s" if text else f"{number(s.seconds)} s"
    elif s.meters is not None:
        text = f"{text}, {number(s.meters)} m" if text else f"{number(s.meters)} m"
    if s.rpe is not None:
        text += f" @ RPE {number(s.rpe)}"
    return text


@dataclass(frozen=True, slots=True)
class SetLine:
    """One set as a row of the history shows it, with the values its edit form starts from."""

    uuid: str
    exercise: str
    name: str
    words: str
    set_type: str
    time: str
    #: The load in the viewer's unit as the form shows it ("" for none).
    load: str
    load_label: str
    reps: int | None
    rpe: str
    bodyweight: bool
    #: Whether the set has reps to edit (a timed or distance set has none).
    has_reps: bool
    notes: str | None


@dataclass(frozen=True, slots=True)
class ExerciseGroup:
    """The sets of one exercise within a day, in the order done."""

    name: str
    lines: tuple[SetLine, ...]


@dataclass(frozen=True, slots=True)
class DayView:
    date: dt.date
    groups: tuple[ExerciseGroup, ...]
    set_count: int


def exercise_name(catalog: Catalog, slug: str) -> str:
    """The catalog's name for a slug; an imported name kept as written reads as written."""
    from spotter.interchange.prepare import UNMATCHED_PREFIX

    if slug in catalog:
        return catalog.get(slug).name
    return slug.removeprefix(UNMATCHED_PREFIX)


def line_of(s: SetRecord, unit: Unit, catalog: Catalog) -> SetLine:
    """The row of one stored set, loads in ``unit``."""
    from spotter.science.units import from_kg

    assert s.uuid is not None
    value = None if s.load_kg is None else from_kg(s.load_kg, unit)
    return SetLine(
        uuid=s.uuid,
        exercise=s.exercise,
        name=exercise_name(catalog, s.exercise),
        words=set_words(s, unit),
        set_type="" if s.set_type == "working" else s.set_type,
        time=f"{s.performed_at:%H:%M}",
        load=number(value),
        load_label=f"Added load ({unit})" if s.bodyweight else f"Load ({unit})",
        reps=s.reps,
        rpe=number(s.rpe),
        bodyweight=s.bodyweight,
        has_reps=s.seconds is None and s.meters is None,
        notes=s.notes,
    )


def day_view(day: Day, unit: Unit, catalog: Catalog) -> DayView:
    """A day's sets grouped by exercise, in the order each exercise was first done."""
    groups: dict[str, list[SetLine]] = {}
    for s in day.sets:
        groups.setdefault(s.exercise, []).append(line_of(s, unit, catalog))
    return DayView(
        day.date,
        tuple(ExerciseGroup(lines[0].name, tuple(lines)) for lines in groups.values()),
        len(day.sets),
    )


# -- the page ------------------------------------------------------------------------------------


def _is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request,
    who: ViewerDep,
    rt: RuntimeDep,
    before: Annotated[str, Query(max_length=10, description="Days before this date.")] = "",
) -> HTMLResponse:
    """A page of training days, newest first, with a link to older days (a cursor that is no
    date gives the newest days)."""
    from spotter.services.history_days import days_page

    day = _day(before)
    found = days_page(rt.uow(who.user_id), before=day)
    return _history_page(request, who, rt, found, day)


def _history_page(
    request: Request,
    who: Viewer,
    rt: Runtime,
    found: DaysPage,
    before: dt.date | None,
    *,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The page of ``found`` days, with the comments on their sets."""
    from spotter.services.history_days import comments_on_sets

    catalog = rt.catalog_for(who.user_id)
    uuids = [s.uuid for d in found.days for s in d.sets if s.uuid is not None]
    return page(
        request,
        "history/index.html",
        title="History",
        status_code=status,
        days=[day_view(d, who.unit, catalog) for d in found.days],
        older=found.older,
        before=before,
        comments=comments_on_sets(rt.uow(who.user_id), who.user_id, uuids),
        error=error,
    )


def _stored(rt: Runtime, user_id: int, uuid: str) -> tuple[SetRecord, bool]:
    """The viewer's set with this uuid and whether it was deleted (404 when there is none)."""
    from spotter.api.queries import set_by_uuid

    with rt.uow(user_id) as uow:
        found = set_by_uuid(uow.connection, user_id, uuid)
    if found is None:
        raise NotFoundError(f"no set {uuid} in your log")
    return found


def _load_text(value: float, s: SetRecord, unit: Unit) -> str:
    """A load typed in ``unit`` in the log grammar's words (what the edit service reads)."""
    if s.bodyweight:
        return "bw" if value == 0 else f"bw{value:+g}{unit}"
    return f"{value:g}{unit}"


def _parse(text: str, what: str, kind: type[float] | type[int]) -> float | int | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        expected = "a whole number" if kind is int else "a number such as 82.5"
        raise SpotterError(f"{what}: {text!r} is not {expected}") from None


def _day(before: str) -> dt.date | None:
    """The page cursor a form carried back ("" or a bad value: the newest page)."""
    try:
        return dt.date.fromisoformat(before) if before else None
    except ValueError:
        return None


def _back(before: str) -> str:
    day = _day(before)
    return "/history" if day is None else f"/history?before={day.isoformat()}"


def _row(
    request: Request, who: Viewer, rt: Runtime, s: SetRecord, *, status: int = 200, **extra: Any
) -> HTMLResponse:
    catalog = rt.catalog_for(who.user_id)
    return fragment(
        request, "history/_set.html", status_code=status, line=line_of(s, who.unit, catalog), **extra
    )


@router.post("/history/sets/{uuid}", response_class=HTMLResponse)
def edit(
    request: Request,
    uuid: str,
    who: Writer,
    rt: RuntimeDep,
    load: Field = "",
    reps: Field = "",
    rpe: Field = "",
    before: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Change a set's load, reps or RPE (only the fields that differ from what is stored)."""
    from spotter.science.limits import LimitError
    from spotter.science.units import from_kg
    from spotter.services.log import LogInputError, edit_set

    stored, deleted = _stored(rt, who.user_id, uuid)
    if deleted:
        raise NotFoundError(f"the set {uuid} was deleted")
    try:
        new_load = _parse(load, "load", float)
        new_reps = _parse(reps, "reps", int)
        new_rpe = _parse(rpe, "RPE", float)
        if new_reps is not None and new_reps < 1:
            raise SpotterError(f"reps: expected 1 or more, got {new_reps}")
        shown = None if stored.load_kg is None else from_kg(stored.load_kg, who.unit)
        load_text = None
        if new_load is not None and number(new_load) != number(shown):
            load_text = _load_text(float(new_load), stored, who.unit)
        changes = {
            "load": load_text,
            "reps": new_reps if new_reps != stored.reps else None,
            "rpe": new_rpe if new_rpe is not None and number(new_rpe) != number(stored.rpe) else None,
        }
        if any(v is not None for v in changes.values()):
            try:
                edit_set(
                    rt.uow(who.user_id),
                    rt.catalog_for(who.user_id),
                    uuid,
                    now=rt.now().astimezone(_zone(who)).replace(tzinfo=None),
                    default_unit=who.unit,
                    load=load_text,
                    reps=None if changes["reps"] is None else int(new_reps or 0),
                    rpe=None if changes["rpe"] is None else float(new_rpe or 0),
                )
            except LogInputError as exc:
                if not str(exc).startswith("nothing to change"):  # the same values again: fine
                    raise
    except (SpotterError, LimitError, LogInputError) as exc:
        said = str(exc).replace("--", "")  # the service words options as the CLI's flags
        if _is_htmx(request):
            return _row(request, who, rt, stored, error=said, editing=True)
        return _history_with(request, who, rt, before, error=said, status=422)
    if _is_htmx(request):
        changed, _ = _stored(rt, who.user_id, uuid)
        return _row(request, who, rt, changed, saved=True)
    return RedirectResponse(f"{_back(before)}#set-{uuid}", status_code=303)


def _zone(who: Viewer) -> dt.tzinfo:
    from spotter.compose import zone

    try:
        return zone(who.timezone)
    except SpotterError:
        return dt.UTC


def _history_with(
    request: Request, who: Viewer, rt: Runtime, before: str, *, error: str, status: int
) -> HTMLResponse:
    from spotter.services.history_days import days_page

    day = _day(before)
    found = days_page(rt.uow(who.user_id), before=day)
    return _history_page(request, who, rt, found, day, error=error, status=status)


@router.post("/history/sets/{uuid}/delete", response_class=HTMLResponse)
def delete(
    request: Request,
    uuid: str,
    who: Writer,
    rt: RuntimeDep,
    before: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Delete one set (a tombstone); the answer offers to take it back."""
    from spotter.services.log import delete_set

    stored, deleted = _stored(rt, who.user_id, uuid)
    if not deleted:
        delete_set(rt.uow(who.user_id), uuid)
    words = f"{exercise_name(rt.catalog_for(who.user_id), stored.exercise)}, " + set_words(
        stored, who.unit
    )
    if _is_htmx(request):
        return fragment(request, "history/_deleted.html", uuid=uuid, words=words, before=before)
    return page(
        request, "history/deleted.html", title="Set deleted", uuid=uuid, words=words, before=before
    )


@router.post("/history/sets/{uuid}/restore", response_class=HTMLResponse)
def restore(
    request: Request,
    uuid: str,
    who: Writer,
    rt: RuntimeDep,
    before: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Take a deletion back: the set returns with its values and time (as a new set)."""
    from spotter.api.queries import set_by_uuid
    from spotter.services.history_days import relog_deleted

    stored, deleted = _stored(rt, who.user_id, uuid)
    again = stored
    if deleted:
        now = rt.now().astimezone(_zone(who)).replace(tzinfo=None, microsecond=0)
        name = exercise_name(rt.catalog_for(who.user_id), stored.exercise)
        made = relog_deleted(rt.uow(who.user_id), stored, now=now, label=f"{name}: undo delete (web)")
        assert made.uuid is not None
        with rt.uow(who.user_id) as uow:
            back = set_by_uuid(uow.connection, who.user_id, made.uuid)
        assert back is not None
        again = back[0]
    if _is_htmx(request):
        return _row(request, who, rt, again, restored=True)
    assert again.uuid is not None
    return RedirectResponse(f"{_back(before)}#set-{again.uuid}", status_code=303)
