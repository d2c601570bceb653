"""Import: upload a Strong, Hevy, FitNotes, Fitbod or Liftosaur export, read the import report
(rows, sets, how each exercise name was matched, the rows not imported and why), confirm or
change the suggested matches, then import.

The steps are those of :mod:`spotter.services.import_flow`, which the API's upload route and the
CLI use: :func:`~spotter.services.import_flow.read_log_file` parses and matches, and
:func:`~spotter.services.import_flow.store_import` reports (dry) or stores one batch. Between the
report and the import the file waits on the server under its content hash, in the lifter's own
folder of the cache (a phone need not upload it twice); it is removed once imported, and any left
behind is removed after a day.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime
from spotter.errors import NotFoundError, SpotterError, ValidationError
from spotter.science.units import Unit, parse_unit
from spotter.web.render import page
from spotter.web.session import Lifter, Viewer, Writer

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Catalog
    from spotter.services.import_flow import ImportDraft
    from spotter.services.importer import ImportReport, NameReport

router = APIRouter(include_in_schema=False)

#: The formats offered (auto: from the file's header). A Spotter JSON backup is restored through
#: the API or ``spotter import``, not from this page.
FORMATS = (
    ("auto", "Find out from the file"),
    ("strong", "Strong"),
    ("hevy", "Hevy"),
    ("fitnotes", "FitNotes"),
    ("fitbod", "Fitbod"),
    ("liftosaur", "Liftosaur"),
)
#: The largest file accepted (the API's import route takes the same).
MAX_FILE_BYTES = 20_000_000
#: A waiting upload older than this is removed.
STASH_SECONDS = 24 * 3600
#: At most this many rows not imported are listed on the report (the count says the rest).
MAX_ROWS_SHOWN = 100
#: The choice "keep the name as written" of a match.
KEEP = ""

_DIGEST = re.compile(r"^[0-9a-f]{64}$")


# -- waiting uploads -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upload:
    """A file waiting between its report and its import."""

    digest: str
    filename: str
    app_format: str
    unit: Unit
    data: bytes


def _folder(rt: Runtime, user_id: int) -> Path:
    return rt.settings.cache_dir / "web-imports" / str(user_id)


def stash(rt: Runtime, user_id: int, filename: str, app_format: str, unit: Unit, data: bytes) -> (
    Upload
):
    """Keep an upload under its content hash in the user's folder (older ones are removed)."""
    folder = _folder(rt, user_id)
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - STASH_SECONDS
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
    digest = hashlib.sha256(data).hexdigest()
    (folder / f"{digest}.bin").write_bytes(data)
    meta = {"filename": filename, "format": app_format, "unit": unit}
    (folder / f"{digest}.json").write_text(json.dumps(meta), encoding="utf-8")
    return Upload(digest, filename, app_format, unit, data)


def unstash(rt: Runtime, user_id: int, digest: str) -> Upload:
    """The waiting upload with this hash (404 when it is gone: imported, or over a day old)."""
    folder = _folder(rt, user_id)
    if not _DIGEST.fullmatch(digest) or not (folder / f"{digest}.bin").is_file():
        raise NotFoundError(
            "that upload is no longer waiting (it was imported, or is over a day old): "
            "choose the file again"
        )
    meta = json.loads((folder / f"{digest}.json").read_text(encoding="utf-8"))
    data = (folder / f"{digest}.bin").read_bytes()
    return Upload(digest, str(meta["filename"]), str(meta["format"]), parse_unit(str(meta["unit"])), data)


def drop(rt: Runtime, user_id: int, digest: str) -> None:
    for suffix in (".bin", ".json"):
        (_folder(rt, user_id) / f"{digest}{suffix}").unlink(missing_ok=True)


# -- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    slug: str
    label: str


@dataclass(frozen=True, slots=True)
class NameRow:
    """One exercise name of the file: matched, or waiting for the lifter's choice."""

    index: int
    source: str
    sets: int
    #: The catalog's name it was matched to ("" when kept as written).
    matched: str
    method: str
    #: For a name without a confident match: the suggestion first, then the other candidates.
    choices: tuple[Choice, ...]
    chosen: str
    #: The matcher's suggestion ("" without one).
    suggested: str


_METHODS = {
    "alias": "known name",
    "normalised": "same name",
    "fuzzy": "close name",
    "mapped": "your choice",
    "none": "no match",
}


def name_rows(report: ImportReport, catalog: Catalog, mapping: dict[str, str]) -> list[NameRow]:
    """The names of the report, those waiting for a choice first, then by the sets they hold."""
    rows = []
    ordered = sorted(report.names, key=lambda n: (n.slug is not None, -n.sets, n.source))
    for i, n in enumerate(ordered):
        rows.append(
            NameRow(
                index=i,
                source=n.source,
                sets=n.sets,
                matched=catalog.get(n.slug).name if n.slug and n.slug in catalog else "",
                method=_METHODS.get(n.method, n.method),
                choices=_choices(n, catalog) if n.slug is None else (),
                chosen=mapping.get(n.source, n.suggestion or KEEP) if n.slug is None else "",
                suggested=n.suggestion or "",
            )
        )
    return rows


def _choices(n: NameReport, catalog: Catalog) -> tuple[Choice, ...]:
    slugs = [n.suggestion] if n.suggestion else []
    slugs += [slug for slug, _score in n.candidates if slug not in slugs]
    return tuple(Choice(s, catalog.get(s).name) for s in slugs if s and s in catalog)


@dataclass(frozen=True, slots=True)
class ReportView:
    """What the report page shows."""

    filename: str
    digest: str
    app_format: str
    unit: Unit
    report: ImportReport
    names: list[NameRow]
    waiting: int
    rows_not_imported: int
    shown: tuple[tuple[int, str], ...]


def report_view(upload: Upload, report: ImportReport, catalog: Catalog, mapping: dict[str, str]) -> (
    ReportView
):
    explained = report.explained
    names = name_rows(report, catalog, mapping)
    return ReportView(
        filename=upload.filename,
        digest=upload.digest,
        app_format=upload.app_format,
        unit=upload.unit,
        report=report,
        names=names,
        waiting=sum(1 for n in names if n.choices),
        rows_not_imported=len(explained),
        shown=tuple((k.line, k.reason) for k in explained[:MAX_ROWS_SHOWN]),
    )


def _draft(rt: Runtime, who: Viewer, upload: Upload, mapping: dict[str, str]) -> ImportDraft:
    """The parsed and matched file (errors name the file and its line)."""
    from spotter.interchange.prepare import MappingError
    from spotter.services.import_flow import read_log_file

    try:
        return read_log_file(
            rt.catalog_for(who.user_id),
            upload.data,
            app_format=upload.app_format,
            unit=upload.unit,
            mapping=mapping,
            today=rt.today(who.timezone),
        )
    except MappingError as exc:
        raise ValidationError(str(exc), field="mapping") from None
    except ValidationError:
        raise
    except SpotterError as exc:  # the file cannot be read: the message names the line
        raise ValidationError(f"{upload.filename}: {exc}", field="file") from None


def _form(request: Request, who: Viewer, *, error: str | None = None, status: int = 200) -> (
    HTMLResponse
):
    return page(
        request,
        "imports/index.html",
        title="Import",
        status_code=status,
        formats=FORMATS,
        unit=who.unit,
        error=error,
    )


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request, who: Lifter) -> HTMLResponse:
    """Choose the export to import."""
    return _form(request, who)


@router.post("/import", response_class=HTMLResponse)
def check_file(
    request: Request,
    who: Writer,
    rt: RuntimeDep,
    file: UploadFile | None = None,
    app_format: Annotated[str, Form(alias="format", max_length=20)] = "auto",
    unit: Annotated[str, Form(max_length=2)] = "",
) -> HTMLResponse:
    """Read the upload and show the report of what importing it would do (nothing stored yet).

    A plain function: FastAPI runs it in its thread pool, so parsing a large file holds up no
    other request."""
    from spotter.services.import_flow import is_backup, store_import

    if file is None:
        return _form(request, who, error="choose the exported file first", status=422)
    if app_format not in dict(FORMATS):
        return _form(request, who, error=f"unknown format {app_format!r}", status=422)
    data = file.file.read(MAX_FILE_BYTES + 1)
    name = (file.filename or "upload").rsplit("/", 1)[-1][:200]
    if len(data) > MAX_FILE_BYTES:
        return _form(request, who, error=f"{name} is larger than 20 MB", status=413)
    if not data.strip():
        return _form(request, who, error=f"{name} is empty: choose the exported file", status=422)
    if is_backup(data, app_format):
        return _form(
            request,
            who,
            error=f"{name} is a Spotter JSON backup, not another app's log: restore it with "
            "`spotter import` or the API",
            status=422,
        )
    upload = stash(rt, who.user_id, name, app_format, parse_unit(unit) if unit in ("kg", "lb") else who.unit,
                   data)
    try:
        draft = _draft(rt, who, upload, {})
    except ValidationError as exc:
        drop(rt, who.user_id, upload.digest)
        return _form(request, who, error=str(exc), status=422)
    catalog = rt.catalog_for(who.user_id)
    report = store_import(rt.uow(who.user_id), catalog, draft, label="", dry_run=True)
    return page(
        request,
        "imports/report.html",
        title="Import report",
        view=report_view(upload, report, catalog, {}),
    )


def _mapping(form: dict[str, str], catalog: Catalog) -> dict[str, str]:
    """The lifter's choices: ``name-<i>`` (the source name) with ``match-<i>`` (a slug, or keep
    as written)."""
    mapping: dict[str, str] = {}
    for key, source in form.items():
        if not key.startswith("name-"):
            continue
        slug = form.get("match-" + key.removeprefix("name-"), KEEP).strip()
        if slug == KEEP:
            continue
        if slug not in catalog:
            raise ValidationError(f"{source!r}: no exercise {slug!r} in the catalog", field="match")
        mapping[source] = slug
    return mapping


@router.post("/import/confirm", response_class=HTMLResponse)
async def confirm(request: Request, who: Writer, rt: RuntimeDep) -> HTMLResponse:
    """Import the waiting upload with the chosen matches (one batch: undo takes it back)."""
    from starlette.concurrency import run_in_threadpool

    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    return await run_in_threadpool(_confirm, request, who, rt, form)


def _confirm(request: Request, who: Viewer, rt: Runtime, form: dict[str, str]) -> HTMLResponse:
    from spotter.services.import_flow import store_import

    upload = unstash(rt, who.user_id, form.get("upload", ""))
    catalog = rt.catalog_for(who.user_id)
    mapping = _mapping(form, catalog)
    draft = _draft(rt, who, upload, mapping)
    report = store_import(
        rt.uow(who.user_id),
        catalog,
        draft,
        label=f"import {draft.format} {upload.filename} (web)",
    )
    drop(rt, who.user_id, upload.digest)
    return page(
        request,
        "imports/done.html",
        title="Imported",
        view=report_view(upload, report, catalog, mapping),
        confirmed=len(mapping),
    )
