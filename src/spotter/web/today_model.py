"""What the Today page shows for each exercise, built from the services' session.

A :class:`Card` is one exercise of today's session in the lifter's unit: the warm-ups and the
working sets with their loads, reps and how to load them (plates per side, the dumbbells, the pin),
the target effort, the rest, the tempo in words and the exercise page's cues and breathing; with
the sets already logged today matched onto the planned ones, in order. Cards come from the active
plan's session (:func:`cards_of`) or, for an exercise swapped in, from that exercise's own next
prescription (:func:`swap_card`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spotter.knowledge.catalog import Catalog
from spotter.knowledge.model import Exercise
from spotter.log import SetRecord
from spotter.science.units import Unit, from_kg

if TYPE_CHECKING:
    from spotter.services.next_set import NextUnitOfWork
    from spotter.services.today_view import ItemView

#: How far one tap on the load's plus or minus moves it, per unit.
LOAD_STEP = {Unit.KG: 2.5, Unit.LB: 5.0}
#: The efforts offered for a set (RPE).
RPES = (6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0)


@dataclass(frozen=True, slots=True)
class Done:
    """A set logged today: its uuid and what was done, in the lifter's unit."""

    uuid: str
    load: float | None
    reps: int | None
    seconds: float | None
    rpe: float | None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedSet:
    """One set to do: load (None: the body alone, or to be chosen), reps or seconds, how to
    load it, and the set logged for it today when there is one."""

    index: int
    kind: str  # "warm-up" or "working"
    load: float | None
    reps: int | None
    amrap: bool
    loading: str | None
    done: Done | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """One exercise of today's session."""

    slug: str
    name: str
    unit: Unit
    measure: str  # reps, seconds or meters
    bodyweight: bool
    summary: str
    target_rpe: float | None
    rest_seconds: int
    tempo: str
    tempo_words: str
    cues: tuple[str, ...]
    breathing: tuple[str, ...]
    reason: str
    calibration: str | None
    warmups: tuple[PlannedSet, ...]
    sets: tuple[PlannedSet, ...]
    extra: tuple[Done, ...] = ()
    planned_slug: str | None = None  # the plan's exercise when this one stands in for it
    planned_name: str | None = None
    note: str = ""
    step: float = 2.5
    rpes: tuple[float, ...] = field(default=RPES)

    @property
    def next_set(self) -> PlannedSet | None:
        """The first working set not done yet (None when all are)."""
        return next((s for s in self.sets if s.done is None), None)

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.sets if s.done is not None)

    @property
    def finished(self) -> bool:
        return self.next_set is None


def tempo_words(text: str) -> str:
    """A tempo such as ``3-1-1-0`` in words (eccentric, pause, concentric, pause, in seconds).

    >>> tempo_words("3-1-1-0")
    '3 s down, 1 s pause, 1 s up, no pause'
    >>> tempo_words("2-0-X-1")
    '2 s down, no pause, up as fast as you can, 1 s pause'
    >>> tempo_words("slow")
    'slow'
    """
    parts = text.split("-")
    if len(parts) != 4:
        return text

    def secs(value: str, what: str) -> str:
        if value.upper() == "X":
            return f"{what} as fast as you can"
        if value in ("0", "0.0"):
            return "no pause" if what == "pause" else f"{what} at once"
        shown = value.rstrip("0").rstrip(".") if "." in value else value
        return f"{shown} s {what}"

    down, hold, up, rest = parts
    return ", ".join(
        (secs(down, "down"), secs(hold, "pause"), secs(up, "up"), secs(rest, "pause"))
    )


def _in_unit(kg: float | None, unit: Unit) -> float | None:
    if kg is None:
        return None
    return round(from_kg(kg, unit), 2)


def _loading_text(ex: Exercise, kg: float | None, unit: Unit) -> str | None:
    """How to make ``kg`` with the lifter's default kit (None without a load or a kit)."""
    if kg is None or kg <= 0:
        return None
    from spotter.science.loading import round_load
    from spotter.services.today_loads import loading_of
    from spotter.services.training import default_equipment

    kit = default_equipment(ex, unit)
    if kit is None:
        return None
    found = loading_of(ex, round_load(kg, kit), kit)
    return found.text if found is not None else None


def _done(rec: SetRecord, unit: Unit) -> Done:
    return Done(
        uuid=rec.uuid or "",
        load=_in_unit(rec.load_kg, unit),
        reps=rec.reps,
        seconds=rec.seconds,
        rpe=rec.rpe,
        notes=rec.notes,
    )


def _match(
    planned: Sequence[PlannedSet], logged: Sequence[SetRecord], unit: Unit
) -> tuple[tuple[PlannedSet, ...], tuple[Done, ...]]:
    """The planned sets with today's logged sets put on them in order, and the sets left over."""
    from dataclasses import replace

    out = [
        replace(p, done=_done(logged[i], unit)) if i < len(logged) else p
        for i, p in enumerate(planned)
    ]
    extra = tuple(_done(r, unit) for r in logged[len(planned) :])
    return tuple(out), extra


def _words(ex: Exercise) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The exercise page's cues and its breathing instructions."""
    breathing = tuple(s.breathing for s in ex.execution_steps if s.breathing)
    return tuple(ex.text.cues), breathing


def _sets_summary(n: int, reps: str, measure: str, rpe: float | None) -> str:
    what = {"seconds": " s", "meters": " m"}.get(measure, "")
    text = f"{n} × {reps}{what}"
    return f"{text} at RPE {rpe:g}" if rpe else text


def _split(logged: Sequence[SetRecord], slug: str) -> tuple[list[SetRecord], list[SetRecord]]:
    mine = [s for s in logged if s.exercise == slug]
    return (
        [s for s in mine if s.set_type == "warm-up"],
        [s for s in mine if s.set_type != "warm-up"],
    )


def cards_of(
    items: Sequence[ItemView], catalog: Catalog, unit: Unit, logged: Sequence[SetRecord]
) -> list[Card]:
    """The cards of today's session with ``logged`` (today's sets) matched onto them."""
    from spotter.services.today_loads import CALIBRATION_MAX_REPS, CALIBRATION_MIN_REPS

    out = []
    for item in items:
        ex = catalog.get(item.exercise)
        cues, breathing = _words(ex)
        warm_logged, work_logged = _split(logged, ex.slug)
        warmups = [
            PlannedSet(
                i, "warm-up", _in_unit(w.load_kg, unit), w.reps, False,
                w.loading.text if w.loading else _loading_text(ex, w.load_kg, unit),
            )
            for i, w in enumerate(item.warmups)
        ]
        if item.calibration:
            low = item.rep_range[0]
            reps = min(max(low, CALIBRATION_MIN_REPS), CALIBRATION_MAX_REPS)
            planned = [PlannedSet(0, "working", None, reps, False, None)]
            target: float | None = 8.0
            summary = f"Test set: work up to {reps} reps at RPE 8"
        elif item.set_plan:
            planned = [
                PlannedSet(
                    i, "working", _in_unit(s.load_kg, unit), s.reps, s.amrap,
                    item.loading.text
                    if item.loading and s.load_kg == item.load_kg
                    else _loading_text(ex, s.load_kg, unit),
                )
                for i, s in enumerate(item.set_plan)
            ]
            target = item.target_rpe
            summary = _sets_summary(item.sets, item.reps, item.measure, target)
        else:  # no load to prescribe: bodyweight, a band, a hold
            planned = [
                PlannedSet(i, "working", None, item.rep_range[0], False, None)
                for i in range(item.sets)
            ]
            target = item.target_rpe
            summary = _sets_summary(item.sets, item.reps, item.measure, target)
        warm, _ = _match(warmups, warm_logged, unit)
        sets, extra = _match(planned, work_logged, unit)
        swapped = item.planned != item.exercise
        out.append(
            Card(
                slug=ex.slug,
                name=ex.name,
                unit=unit,
                measure=item.measure,
                bodyweight=item.added_to_bodyweight,
                summary=summary,
                target_rpe=target,
                rest_seconds=item.rest_seconds,
                tempo=item.tempo.text,
                tempo_words=tempo_words(item.tempo.text),
                cues=cues,
                breathing=breathing,
                reason=item.reason if not item.calibration else "",
                calibration=_calibration_words(ex.name, planned[0].reps or 0)
                if item.calibration
                else None,
                warmups=warm,
                sets=sets,
                extra=extra,
                planned_slug=item.planned if swapped else None,
                planned_name=item.planned_name if swapped else None,
                step=LOAD_STEP.get(unit, 2.5),
            )
        )
    return out


def _calibration_words(name: str, reps: int) -> str:
    return (
        f"No {name} logged yet. Warm up, then work up to a set of {reps} at RPE 8 (about two "
        "reps left in the tank, good form) and log it: from the next session on, Spotter "
        "prescribes the working loads."
    )


def swap_card(
    uow: NextUnitOfWork,
    catalog: Catalog,
    slug: str,
    *,
    unit: Unit,
    replaces: str,
    sets: int,
    reps: int,
    rest_seconds: int,
    logged: Sequence[SetRecord],
) -> Card:
    """The card of ``slug`` standing in for ``replaces``: the exercise's own next prescription
    (its warm-ups, load and reps) for ``sets`` sets, or a test set when it has no history."""
    from spotter.errors import SpotterError
    from spotter.services.next_set import next_set

    ex = catalog.get(slug)
    cues, breathing = _words(ex)
    warm_logged, work_logged = _split(logged, ex.slug)
    try:
        found = next_set(uow, catalog, ex.slug)
    except SpotterError:
        found = None
    calibration = None
    if found is None:
        test_reps = min(max(reps, 3), 10)
        planned = [PlannedSet(0, "working", None, test_reps, False, None)]
        warmups: list[PlannedSet] = []
        summary = f"Test set: work up to {test_reps} reps at RPE 8"
        target: float | None = 8.0
        calibration = _calibration_words(ex.name, test_reps)
        reason = ""
    else:
        load = None if found.loaded_kg is None else _in_unit(found.loaded_kg, unit)
        plates = _loading_text(ex, found.loaded_kg, unit)
        planned = [
            PlannedSet(i, "working", load, found.reps, False, plates) for i in range(sets)
        ]
        warmups = [
            PlannedSet(
                i, "warm-up", _in_unit(w.load_kg, unit), w.reps, False,
                _loading_text(ex, w.load_kg, unit),
            )
            for i, w in enumerate(found.warmups)
        ]
        target = found.target_rpe
        summary = _sets_summary(sets, str(found.reps), ex.facts.measure, target)
        reason = found.reason
    warm, _ = _match(warmups, warm_logged, unit)
    done, extra = _match(planned, work_logged, unit)
    replaced = catalog.get(replaces) if replaces in catalog else None
    return Card(
        slug=ex.slug,
        name=ex.name,
        unit=unit,
        measure=ex.facts.measure,
        bodyweight=ex.facts.load_type == "bodyweight",
        summary=summary,
        target_rpe=target,
        rest_seconds=rest_seconds,
        tempo=str(ex.facts.tempo),
        tempo_words=tempo_words(str(ex.facts.tempo)),
        cues=cues,
        breathing=breathing,
        reason=reason,
        calibration=calibration,
        warmups=warm,
        sets=done,
        extra=extra,
        planned_slug=replaced.slug if replaced else replaces,
        planned_name=replaced.name if replaced else replaces,
        step=LOAD_STEP.get(unit, 2.5),
    )
