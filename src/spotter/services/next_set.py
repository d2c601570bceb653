"""`next`: the next prescription of one exercise for one user, ready to load.

The use case reads the user's profile (their unit) and the exercise's logged sets, evaluates the
exercise's default progression rule, rounds the load to what the user's equipment makes, and
adds the warm-up ramp (compound barbell lifts), the tempo and the rest: everything a caller
shows, so the CLI and the API only render :class:`NextSet`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spotter.errors import NotFoundError
from spotter.knowledge.catalog import Catalog
from spotter.log import SetRecord
from spotter.profile import Profile
from spotter.science.units import Unit
from spotter.services.uow import UnitOfWork


class _Log(Protocol):
    def sets(self, *, exercise: str | None = ...) -> list[SetRecord]: ...
    def exercises(self) -> list[str]: ...


class _Profiles(Protocol):
    def get(self) -> Profile | None: ...


class NextUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _Log: ...
    @property
    def profiles(self) -> _Profiles: ...


@dataclass(frozen=True, slots=True)
class WarmupSet:
    """A warm-up set before the working sets."""

    load_kg: float
    reps: int
    plates_per_side: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class NextSet:
    """The next session of one exercise.

    ``load_kg`` is the rule's load; ``loaded_kg`` the same rounded to the user's equipment (for
    bodyweight exercises, the added load or assistance, None for the body alone) with the plates
    per side that make it.
    """

    exercise: str
    name: str
    load_kg: float
    sets: int
    reps: int
    min_reps: int | None
    target_rpe: float | None
    scheme: str
    reason: str
    warmups: tuple[WarmupSet, ...]
    loaded_kg: float | None
    plates_per_side: tuple[float, ...]
    added_to_bodyweight: bool
    unit: Unit
    tempo: str
    rest_seconds: int
    skipped: tuple[str, ...] = field(default=(), metadata={"json": False})


def next_set(uow: NextUnitOfWork, catalog: Catalog, exercise: str) -> NextSet:
    """The next prescription of ``exercise`` (a slug, name or alias) for the unit of work's user.

    Raises :class:`NotFoundError` for a name kept as imported (no rule without a catalog entry)
    and :class:`~spotter.services.training.TrainingError` when nothing usable is logged yet.
    """
    from spotter.knowledge.guide import default_rest_seconds
    from spotter.science.loading import round_load
    from spotter.science.warmup import warmup_ramp
    from spotter.services.lookup import plausible, resolve_logged
    from spotter.services.training import default_equipment, next_prescription, relative_to_body

    key = resolve_logged(uow, catalog, exercise)
    if key not in catalog:
        raise NotFoundError(
            f"{exercise!r} is kept as imported ({key}), not a catalog exercise, so it has no "
            "progression rule; map it to one (spotter import FORMAT FILE --map names.csv) "
            "or define it (spotter exercises new)",
            field="exercise",
        )
    ex = catalog.get(key)
    with uow:
        profile = uow.profiles.get()
        records, skipped = plausible(uow.log.sets(exercise=ex.slug))
    unit = Unit.LB if profile is not None and profile.units == "lb" else Unit.KG
    p = next_prescription(records, ex, unit)
    kit = default_equipment(ex, unit)
    ramp = (
        warmup_ramp(p.load_kg, kit)
        if ex.facts.mechanic == "compound" and ex.facts.load_type == "barbell"
        else ()
    )
    body = relative_to_body(ex)
    loaded = round_load(p.load_kg, kit)
    return NextSet(
        exercise=ex.slug,
        name=ex.name,
        load_kg=p.load_kg,
        sets=p.sets,
        reps=p.reps,
        min_reps=p.min_reps,
        target_rpe=p.target_rpe,
        scheme=p.scheme,
        reason=p.reason,
        warmups=tuple(WarmupSet(w.load_kg, w.reps, tuple(w.plates_per_side)) for w in ramp),
        loaded_kg=(None if abs(p.load_kg) < 1e-9 else p.load_kg) if body else loaded.load_kg,
        plates_per_side=tuple(loaded.plates_per_side),
        added_to_bodyweight=body,
        unit=unit,
        tempo=str(ex.facts.tempo),
        rest_seconds=default_rest_seconds(ex),
        skipped=skipped,
    )
