"""Reading the log by exercise: which exercise a typed name means, and which sets are usable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spotter.knowledge.catalog import Catalog, UnknownExerciseError
from spotter.log import SetRecord
from spotter.services.uow import UnitOfWork


class _LogNames(Protocol):
    def exercises(self) -> list[str]: ...


class LoggedUnitOfWork(UnitOfWork, Protocol):
    @property
    def log(self) -> _LogNames: ...


def resolve_logged(uow: LoggedUnitOfWork, catalog: Catalog, name: str) -> str:
    """The exercise key a person means by ``name`` in a command that reads the log: a catalog
    slug, name or alias as typed; else a name an import kept as written (``imported:NAME``, any
    case or punctuation, see :func:`spotter.interchange.prepare.find_imported`); else the
    catalog's closest match. Imported names so work wherever a slug does."""
    if name in catalog:
        return name
    try:
        return catalog.get(name).slug
    except UnknownExerciseError:
        pass
    from spotter.interchange.prepare import find_imported

    with uow:
        stored = uow.log.exercises()
    hit = find_imported(name, stored)
    if hit is not None:
        return hit
    return catalog.resolve(name).slug


def plausible(records: Sequence[SetRecord]) -> tuple[list[SetRecord], tuple[str, ...]]:
    """The sets whose numbers are within the hard limits, and a line for each one left out.

    A database written before the limits existed may hold a 1e308 kg row from an import; every
    number computed from the log would be infinite or NaN with it.
    """
    from spotter.science.limits import check_set

    kept: list[SetRecord] = []
    dropped: list[str] = []
    for r in records:
        bad = check_set(
            load_kg=r.load_kg,
            reps=r.reps,
            seconds=r.seconds,
            meters=r.meters,
            rpe=r.rpe,
            rir=r.rir,
            allow_outlier=True,
        )
        if bad:
            dropped.append(f"set {r.id} of {r.performed_at:%Y-%m-%d} ({bad[0]})")
        else:
            kept.append(r)
    return kept, tuple(dropped)
