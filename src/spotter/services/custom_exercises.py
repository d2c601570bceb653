"""Custom exercises defined with flags, kept in the database per owner (no file needed).

They join the catalog the CLI builds (:func:`with_custom`), so every command finds them by slug,
name or alias. A caller may choose the exercise's uuid: adding the same uuid again returns the
stored exercise instead of a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from spotter.errors import SpotterError
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.custom import CustomExercise, CustomExerciseError, to_exercise
from spotter.services.uow import UnitOfWork


class _CustomRepo(Protocol):
    def all(self) -> list[CustomExercise]: ...
    def get(self, slug: str) -> CustomExercise | None: ...
    def by_uuid(self, uuid: str) -> CustomExercise | None: ...
    def add(self, c: CustomExercise, *, now: dt.datetime) -> CustomExercise: ...
    def delete(self, slug: str) -> bool: ...


class CustomUnitOfWork(UnitOfWork, Protocol):
    @property
    def custom(self) -> _CustomRepo: ...


class _LogCounter(Protocol):
    def exercises(self) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class CustomAdded:
    """What `spotter exercises new --format json` reports: the slug and uuid, and whether the
    exercise is new (False: its uuid was stored before)."""

    slug: str
    uuid: str | None
    created: bool


def add_custom(
    uow: CustomUnitOfWork, catalog: Catalog, exercise: CustomExercise, *, now: dt.datetime
) -> tuple[CustomExercise, bool]:
    """Store ``exercise``; returns it and whether it is new (False: its uuid was stored).

    Raises :class:`CustomExerciseError` when its slug, name or an alias already names another
    exercise of the catalog or of the owner's own.
    """
    with uow:
        if exercise.uuid is not None:
            known = uow.custom.by_uuid(exercise.uuid)
            if known is not None:
                return known, False
        if exercise.slug in catalog or uow.custom.get(exercise.slug) is not None:
            raise CustomExerciseError(
                f"an exercise with the slug {exercise.slug!r} already exists; choose another "
                "name (or --slug)"
            )
        for name in (exercise.name, *exercise.aliases):
            try:
                found = catalog.resolve(name)
            except SpotterError:
                continue
            if found.name.lower() == name.lower() or name.lower() in (
                a.lower() for a in found.text.aliases
            ):
                raise CustomExerciseError(f"{name!r} already names {found.name} ({found.slug})")
        saved = uow.custom.add(exercise, now=now)
        uow.commit()
    return saved, True


def list_custom(uow: CustomUnitOfWork) -> list[CustomExercise]:
    with uow:
        return uow.custom.all()


def remove_custom(uow: CustomUnitOfWork, slug: str) -> None:
    """Remove one of the owner's exercises (a tombstone; logged sets keep their slug)."""
    with uow:
        if not uow.custom.delete(slug):
            raise CustomExerciseError(f"you have no custom exercise {slug!r} (see `exercises mine`)")
        uow.commit()


def with_custom(catalog: Catalog, custom: list[CustomExercise]) -> Catalog:
    """The catalog plus the owner's custom exercises (catalog entries win on a slug clash)."""
    if not custom:
        return catalog
    extra = [to_exercise(c) for c in custom if c.slug not in catalog]
    return Catalog([*catalog.all(), *extra])
