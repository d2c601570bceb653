"""Moving a log in and out: importing Strong, Hevy, FitNotes, Fitbod, Liftosaur and Spotter files
(an upload), and exporting everything as Spotter's JSON (version 2) or the log as CSV."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from spotter.api.schemas.transfer import ImportOut, NameOut, RestoreOut, RowNote
from spotter.api.subject import Owner, Reader, Subject
from spotter.errors import ValidationError
from spotter.science.units import Unit

if TYPE_CHECKING:
    from spotter.config import Settings
    from spotter.services.importer import ImportReport

router = APIRouter(prefix="/users/{user}", tags=["transfer"])

Format = Literal["auto", "strong", "hevy", "fitnotes", "fitbod", "liftosaur", "spotter"]
#: The largest file read (the body limit of the app refuses larger uploads before this).
MAX_FILE_BYTES = 20_000_000


def _settings(sub: Subject) -> Settings:
    """The settings whose exercise-file folder is the lifter's own (see
    :func:`spotter.services.catalog.settings_of_user`)."""
    from spotter.services.catalog import settings_of_user

    return settings_of_user(sub.rt.settings, sub.user_id)


def _report(r: ImportReport) -> ImportOut:
    return ImportOut(
        format=r.format,
        rows_read=r.rows_read,
        sets_in_file=r.sets_in_file,
        sets_imported=r.sets_imported,
        already_present=r.already_present,
        new_sets=r.new_sets,
        remapped=r.remapped,
        workouts=r.workouts,
        first=r.first,
        last=r.last,
        dry_run=r.dry_run,
        names=[
            NameOut(
                source=n.source,
                slug=n.slug,
                stored_as=n.stored_as,
                method=n.method,
                confidence=n.confidence,
                suggestion=n.suggestion,
                load_rule=n.rule,
                sets=n.sets,
            )
            for n in r.names
        ],
        suggestions=r.suggestions,
        skipped=[RowNote(line=s.line, reason=s.reason) for s in r.skipped],
        refused=[RowNote(line=s.line, reason=s.reason) for s in r.refused],
    )


def _mapping(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValidationError(
            'mapping: expected a JSON object of source name to slug, e.g. {"Chin Up": "chin-up"}',
            field="body.mapping",
        )
    return {k: v for k, v in data.items() if v.strip()}


@router.post(
    "/imports",
    summary="Import another app's export",
    responses={200: {"description": "The import report (a Spotter JSON export: what it restored)."}},
)
async def import_file(
    sub: Owner,
    file: Annotated[UploadFile, File(description="The exported file (CSV, or Spotter's JSON).")],
    format: Annotated[Format, Form(description="auto detects it from the header.")] = "auto",
    unit: Annotated[
        Literal["kg", "lb"] | None,
        Form(description="The unit of files without one (Strong's comma format); default: "
             "the lifter's."),
    ] = None,
    mapping: Annotated[
        str | None,
        Form(
            max_length=100_000,
            description='Confirmed names, a JSON object: {"Chin Up (Assisted)": "assisted-chin-up"}.',
        ),
    ] = None,
    dry_run: Annotated[bool, Form(description="Only report; store nothing.")] = False,
    allow_outlier: Annotated[bool, Form()] = False,
) -> ImportOut | RestoreOut:
    """Every row becomes a set or is listed with its line and reason; a bad row costs that row,
    not the file. Names are matched to the catalog; others are kept as written with a suggested
    match, which the client confirms by sending the same file again with `mapping` (that adds no
    set twice and re-points the ones already imported). One batch: undo takes it back."""
    data = await file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError("the file is larger than 20 MB", field="body.file")
    if not data.strip():
        raise ValidationError("the file is empty", field="body.file")
    return _import(sub, data, file.filename or "upload", format, None if unit is None else Unit(unit), mapping, dry_run,
                   allow_outlier)


def _import(
    sub: Subject,
    data: bytes,
    name: str,
    app_format: str,
    unit: Unit | None,
    mapping: str | None,
    dry_run: bool,
    allow_outlier: bool,
) -> ImportOut | RestoreOut:
    from spotter.errors import SpotterError
    from spotter.interchange.prepare import MappingError
    from spotter.services.import_flow import (
        is_backup,
        read_log_file,
        restore_backup,
        store_import,
    )

    if is_backup(data, app_format):
        if dry_run:
            raise ValidationError("a Spotter JSON export cannot be dry-run", field="body.dry_run")
        try:
            counts = restore_backup(sub.uow(), _settings(sub), data)
        except SpotterError as exc:
            raise ValidationError(str(exc), field="body.file") from None
        return RestoreOut(restored=counts)
    mapped = _mapping(mapping)
    try:
        draft = read_log_file(
            sub.catalog,
            data,
            app_format=app_format,
            unit=unit or sub.unit,
            mapping=mapped,
            today=sub.today(),
            allow_outlier=allow_outlier,
        )
    except MappingError as exc:
        raise ValidationError(str(exc), field="body.mapping") from None
    except ValidationError as exc:
        raise ValidationError(str(exc), field=f"body.{exc.field or 'file'}") from None
    except SpotterError as exc:  # the file cannot be read: the message names the line
        raise ValidationError(f"{name}: {exc}", field="body.file") from None
    report = store_import(
        sub.uow(), sub.catalog, draft, label=f"import {draft.format} {name} (API)", dry_run=dry_run
    )
    return _report(report)


@router.get(
    "/export",
    summary="Export everything (JSON) or the log (CSV)",
    response_class=Response,
    responses={
        200: {
            "content": {"application/json": {}, "text/csv": {}},
            "description": "json: Spotter's export, version 2, restorable with imports; "
            "csv: one row per set.",
        }
    },
)
def export(
    sub: Reader,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Response:
    from spotter.interchange.export import spotter_csv
    from spotter.services.export import export_everything, export_rows

    stamp = sub.now_local().strftime("%Y%m%d-%H%M")
    if format == "json":
        doc = export_everything(sub.uow(), _settings(sub), now=sub.now_local())
        body = (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        media, ext = "application/json", "json"
    else:
        body = spotter_csv(export_rows(sub.uow(), sub.catalog))
        media, ext = "text/csv", "csv"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="spotter-{stamp}.{ext}"'},
    )
