"""Importing a file for one user, as a use case: read, check the format, match the names, store.

The steps a caller may stand between (the CLI asks a person to confirm suggested matches) are
separate: :func:`read_log_file` parses and matches, :func:`with_confirmed` adds confirmed matches,
:func:`store_import` writes (or, dry, only reports). A JSON backup is not a log:
:func:`is_backup` says so and :func:`restore_backup` restores it. The API calls the same steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from spotter.config import Settings
from spotter.errors import ValidationError
from spotter.interchange.prepare import Prepared
from spotter.interchange.records import ParseResult
from spotter.knowledge.catalog import Catalog
from spotter.science.units import Unit
from spotter.services.export import ExportUnitOfWork
from spotter.services.importer import ImportReport, ImportUnitOfWork

#: The formats a caller may name; ``auto`` detects it from the file.
FORMATS = ("auto", "strong", "hevy", "fitnotes", "fitbod", "liftosaur", "spotter")


@dataclass(frozen=True, slots=True)
class ImportDraft:
    """A parsed file with its names matched, ready to store."""

    format: str
    result: ParseResult
    prepared: Prepared
    mapping: dict[str, str]
    today: dt.date
    allow_outlier: bool


def is_backup(data: bytes, app_format: str) -> bool:
    """Whether ``data`` is a Spotter JSON backup rather than a log to import."""
    return app_format in ("spotter", "auto") and data.lstrip()[:1] == b"{"


def restore_backup(uow: ExportUnitOfWork, settings: Settings, data: bytes) -> dict[str, int]:
    """Restore a JSON backup into an empty database; counts of what was restored, by kind."""
    from spotter.services.export import restore_everything

    return restore_everything(uow, settings, data)


def read_log_file(
    catalog: Catalog,
    data: bytes,
    *,
    app_format: str = "auto",
    unit: Unit | None,
    mapping: Mapping[str, str] | None = None,
    today: dt.date,
    allow_outlier: bool = False,
) -> ImportDraft:
    """Parse ``data`` (``unit``: for files without a unit column) and match its names.

    Raises :class:`ValidationError` for an unknown format or a file of another format than the
    one named; a parse error names the line.
    """
    from spotter.interchange.detect import detect, parse_any
    from spotter.interchange.prepare import prepare

    if app_format not in FORMATS:
        raise ValidationError(
            f"unknown format {app_format!r}: expected one of {', '.join(FORMATS)}", field="format"
        )
    found = detect(data)
    if app_format != "auto" and not found.startswith(app_format):
        raise ValidationError(
            f"looks like a {found} export, not {app_format}; use 'auto' or the right format",
            field="format",
        )
    mapped = dict(mapping or {})
    result = parse_any(data, unit=unit)
    ready = prepare(result, catalog, mapping=mapped, today=today, allow_outlier=allow_outlier)
    return ImportDraft(found, result, ready, mapped, today, allow_outlier)


def with_confirmed(catalog: Catalog, draft: ImportDraft, accepted: Mapping[str, str]) -> ImportDraft:
    """``draft`` again with the matches a person confirmed (source name -> slug) added."""
    from spotter.interchange.prepare import prepare

    if not accepted:
        return draft
    mapped = {**draft.mapping, **accepted}
    ready = prepare(
        draft.result, catalog, mapping=mapped, today=draft.today, allow_outlier=draft.allow_outlier
    )
    return replace(draft, prepared=ready, mapping=mapped)


def store_import(
    uow: ImportUnitOfWork,
    catalog: Catalog,
    draft: ImportDraft,
    *,
    label: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Store the draft's sets as one batch (all or nothing); with ``dry_run`` only report."""
    from spotter.services.importer import import_log

    return import_log(
        uow,
        catalog,
        draft.result,
        mapping=draft.mapping,
        dry_run=dry_run,
        progress=progress,
        today=draft.today,
        allow_outlier=draft.allow_outlier,
        prepared=draft.prepared,
        label=label,
    )
