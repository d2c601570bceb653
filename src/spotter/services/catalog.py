"""Loading the catalog a user sees (built-in plus their own entries) and adding to it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from spotter.config import Settings
from spotter.errors import SpotterError
from spotter.knowledge.catalog import Catalog
from spotter.knowledge.loader import (
    DEFAULT_LANGUAGE,
    CatalogError,
    build,
    builtin_dir,
    load_entries,
)


class UserCatalogError(SpotterError, ValueError):
    """A user entry that cannot be added; nothing was written."""


def load_catalog(settings: Settings | None = None, language: str = DEFAULT_LANGUAGE) -> Catalog:
    """The built-in catalog plus the user's own entries (built-in slugs win on a clash)."""
    cache = settings.cache_dir if settings else None
    entries = load_entries(builtin_dir(), cache)
    exercises = [build(e, language) for e in entries]
    if settings is not None and settings.user_catalog_dir.is_dir():
        builtin = {e.slug for e in exercises}
        for e in load_entries(settings.user_catalog_dir, cache):
            if e["slug"] not in builtin:
                exercises.append(build(e, language))
    return Catalog(exercises)


def settings_of_user(settings: Settings, user_id: int) -> Settings:
    """The settings whose exercise-file folder is ``user_id``'s: the local lifter keeps the data
    folder's (``exercises/``), every other user of a server ``users/<id>/exercises/`` under it
    (never the server's own)."""
    from spotter.access.model import LOCAL_USER_ID

    if user_id == LOCAL_USER_ID:
        return settings
    return replace(settings, data_dir=settings.data_dir / "users" / str(user_id))


def with_user_files(
    catalog: Catalog, settings: Settings, user_id: int, language: str = DEFAULT_LANGUAGE
) -> Catalog:
    """``catalog`` plus the exercise files in ``user_id``'s own folder (restored from their
    export) that it does not have yet; the local lifter's are in the base catalog already."""
    from spotter.access.model import LOCAL_USER_ID

    folder = settings_of_user(settings, user_id).user_catalog_dir
    if user_id == LOCAL_USER_ID or not folder.is_dir():
        return catalog
    extra = [
        build(e, language)
        for e in load_entries(folder, settings.cache_dir)
        if e["slug"] not in catalog
    ]
    return Catalog([*catalog.all(), *extra]) if extra else catalog


def add_user_exercise(settings: Settings, path: Path, *, replace: bool = False) -> None:
    """Validate and lint ``path``, then copy it into the user's catalog.

    Raises :class:`UserCatalogError` if the file is invalid, has lint findings, would shadow a
    built-in entry, or (without ``replace``) an existing user entry.
    """
    from spotter.knowledge.lint import lint_file

    findings = lint_file(path)
    if findings:
        raise UserCatalogError("the entry was not added:\n" + "\n".join(f"  {f}" for f in findings))
    from spotter.knowledge.loader import load_file

    try:
        ex = load_file(path)
    except CatalogError as exc:  # pragma: no cover - lint_file already reported it
        raise UserCatalogError(str(exc)) from exc
    if (builtin_dir() / f"{ex.slug}.yaml").exists():
        raise UserCatalogError(
            f"{path}: slug {ex.slug!r} is a built-in exercise; choose another slug "
            "(built-in entries are never overwritten)"
        )
    dest_dir = settings.user_catalog_dir
    dest = dest_dir / f"{ex.slug}.yaml"
    if dest.exists() and not replace:
        raise UserCatalogError(f"{dest} already exists; use --replace to overwrite your own entry")
    dest_dir.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".yaml.tmp")
    shutil.copyfile(path, tmp)
    tmp.replace(dest)
