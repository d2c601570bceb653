"""`spotter import`: bring a workout log from Strong, Hevy, FitNotes, Fitbod or Liftosaur."""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import (
    AllowOutlierOpt,
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    fail,
    local_now,
    print_json,
    unit_of_work,
    user_errors,
)

if TYPE_CHECKING:
    from spotter.interchange.prepare import NamePlan
    from spotter.services.importer import ImportReport

#: Rows listed in the text report (the JSON report lists every one).
SHOWN_ROWS = 25
MAP_COLUMNS = ("source_name", "slug", "suggestion", "method", "confidence", "sets", "load_rule")


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file: CSV with columns source_name and slug (rows with an empty slug are
    ignored), as --write-map writes it (UTF-8, with or without a byte-order mark)."""
    expected = "a CSV with columns source_name,slug (as --write-map writes it)"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise fail(f"--map {path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise fail(f"--map {path}: expected UTF-8 text, {expected}") from exc
    out: dict[str, str] = {}
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or not {"source_name", "slug"} <= set(reader.fieldnames):
            raise fail(f"--map {path}: line 1: expected {expected}")
        for row in reader:
            name, slug = (row.get("source_name") or "").strip(), (row.get("slug") or "").strip()
            if name and slug:
                out[name] = slug
    except csv.Error as exc:
        raise fail(f"--map {path}: line {reader.line_num}: {exc}; expected {expected}") from exc
    return out


def check_output(path: Path, option: str) -> None:
    """Fail before anything is done when ``path`` cannot be written: a missing folder, a folder
    in its place, no permission."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise fail(f"{option} {path}: is a folder; expected a file name")
    if not parent.is_dir():
        raise fail(f"{option} {path}: {parent} is not an existing folder; create it first")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise fail(f"{option} {path}: cannot be written (no permission)")


def write_map(path: Path, plans: tuple[NamePlan, ...]) -> None:
    """Every source name with its slug (empty when kept as imported), the suggestion to confirm
    (copy it into slug), the method, the confidence, the sets and the load rule; written to a
    temporary file first, so a failure leaves no half-written map."""
    with tempfile.NamedTemporaryFile(
        "w", newline="", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as fh:
        w = csv.writer(fh)
        w.writerow(MAP_COLUMNS)
        for p in plans:
            m = p.match
            w.writerow(
                [
                    p.source,
                    m.slug or "",
                    m.suggestion or "",
                    m.method,
                    f"{m.confidence:g}",
                    p.sets,
                    p.rule.text,
                ]
            )
    os.replace(fh.name, path)


def ask_suggestions(plans: tuple[NamePlan, ...], names: Mapping[str, str]) -> dict[str, str]:
    """Ask, name by name, whether each suggestion is right; the accepted ones as a mapping."""
    accepted: dict[str, str] = {}
    for p in plans:
        m = p.match
        if m.slug is None and m.suggestion and m.method == "none":
            label = names.get(m.suggestion, m.suggestion)
            if typer.confirm(
                f"{p.source!r} ({p.sets} sets): is it {label} ({m.suggestion})?", default=False
            ):
                accepted[p.source] = m.suggestion
    return accepted


def import_(
    ctx: typer.Context,
    app_format: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help="auto, strong, hevy, fitnotes, fitbod, liftosaur, or spotter (its JSON or CSV).",
        ),
    ],
    file: Annotated[Path, typer.Argument(help="The exported CSV file.")],
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            help="Unit of weights in files without one (Strong's comma format); default: your profile's.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--map", help="A mapping file (source_name,slug) to apply: confirms names."),
    ] = None,
    write_map_to: Annotated[
        Path | None,
        typer.Option(
            "--write-map", help="Write every source name, its match and suggestion here, to edit."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the report; save nothing.")
    ] = False,
    allow_outlier: AllowOutlierOpt = False,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--ask/--no-ask",
            help="Ask to confirm each suggested match (default: when the input is a terminal).",
            show_default=False,
        ),
    ] = None,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Import a workout log; the format is detected from the header.

    Every row becomes a set or is listed with its line and reason (a row that is not a set, a
    cell that cannot be read, a value outside the plausible ranges); a bad row costs that row,
    not the file. Per-side loads ("(Each Side)") become whole loads and assisted rows negative
    loads, by the rules the report names. Exercise names are matched to the catalog (alias,
    normalised name, a close name at high confidence); any other name is kept as written
    (`imported:NAME`) and its suggested match is offered to confirm, here when the input is a
    terminal, or with --map. Importing the same file again adds nothing; an error saves nothing.

    Example: spotter import strong strong.csv --unit lb --write-map names.csv
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from spotter.cli.common import settings
    from spotter.science.units import Unit
    from spotter.services import import_flow as flow
    from spotter.services.quantities import read_unit

    with user_errors():
        if app_format not in flow.FORMATS:
            raise fail(f"unknown format {app_format!r}: expected one of {', '.join(flow.FORMATS)}")
        given = read_unit(unit, field="--unit") if unit is not None else None
    if write_map_to is not None:
        check_output(write_map_to, "--write-map")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    if flow.is_backup(data, app_format):
        with user_errors():
            counts = flow.restore_backup(unit_of_work(ctx), settings(ctx), data)
        console().print(
            "Restored " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f" from {file.name}."
        )
        return
    with user_errors():
        if given is None:  # files without a unit column use the profile's unit
            from spotter.services.profile import get_profile

            profile = get_profile(unit_of_work(ctx))
            given = Unit(profile.units) if profile else None
        cat = catalog(ctx)
        from spotter.errors import ValidationError

        try:
            draft = flow.read_log_file(
                cat,
                data,
                app_format=app_format,
                unit=given,
                mapping=read_mapping(mapping) if mapping else None,
                today=local_now(ctx).date(),
                allow_outlier=allow_outlier,
            )
        except ValidationError as exc:
            raise ValidationError(f"{file} {exc}", field=exc.field) from exc
        if ask or (ask is None and fmt == TextFormat.text and sys.stdin.isatty()):
            accepted = ask_suggestions(draft.prepared.names, {e.slug: e.name for e in cat.all()})
            draft = flow.with_confirmed(cat, draft, accepted)
        if write_map_to is not None:
            try:
                write_map(write_map_to, draft.prepared.names)
            except OSError as exc:
                raise fail(f"--write-map {write_map_to}: cannot be written ({exc})") from exc
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console(),
            transient=True,
            disable=fmt == TextFormat.json,
        ) as progress:
            task = progress.add_task("Importing sets", total=len(draft.result.sets))
            report = flow.store_import(
                unit_of_work(ctx),
                cat,
                draft,
                dry_run=dry_run,
                progress=lambda n: progress.advance(task, n),
                label=f"import {draft.format} {file.name}",
            )
    if fmt == "json":
        print_json(report_json(report))
        return
    print_report(report, file.name)


def report_json(report: ImportReport) -> object:
    """The report as JSON: every name with its match, suggestion and load rule, every row not
    stored with its line and reason (:class:`~spotter.services.importer.ImportReportView`)."""
    from spotter.services.importer import ImportReportView
    from spotter.services.results import to_data

    return to_data(ImportReportView.of(report))


def print_report(report: ImportReport, name: str) -> None:
    c = console()
    verb = "Would import" if report.dry_run else "Imported"
    c.print(
        f"[bold]{verb} {report.new_sets}[/] sets from {name} ({report.format}): "
        f"{report.rows_read} rows, {report.workouts} workouts, {report.first} to {report.last}; "
        f"{report.already_present} already present, {len(report.explained)} rows not stored "
        "(listed below)."
    )
    if report.remapped:
        c.print(f"Re-pointed {report.remapped} earlier sets to the exercises your mapping names.")
    methods = report.by_method
    c.print(
        "Exercise names: "
        + ", ".join(
            f"{methods.get(k, 0)} {k}"
            for k in ("alias", "normalised", "fuzzy", "mapped", "kept", "none")
            if methods.get(k) or k in ("alias", "none")
        )
    )
    ruled = [n for n in report.names if n.rule != "as entered"]
    if ruled:
        c.print("Load rules applied:")
        for n in ruled:
            c.print(f"  {n.source} ({n.sets} sets): {n.rule}", markup=False)
    kept = [n for n in report.names if n.slug is None]
    if kept:
        c.print(
            f"[yellow]{len(kept)} names kept as written (imported:NAME); confirm a suggestion "
            "with --map (copy it into the slug column of --write-map's file):[/]"
        )
        for n in kept[:SHOWN_ROWS]:
            near = f" - suggested: {n.suggestion}" if n.suggestion else ""
            c.print(f"  {n.source} ({n.sets} sets){near}", markup=False)
        if len(kept) > SHOWN_ROWS:
            c.print(f"  ... and {len(kept) - SHOWN_ROWS} more (--format json lists all)")
    explained = report.explained
    if explained:
        c.print(f"{len(explained)} rows not stored:")
        for s in explained[:SHOWN_ROWS]:
            c.print(f"  line {s.line}: {s.reason}", markup=False)
        if len(explained) > SHOWN_ROWS:
            c.print(f"  ... and {len(explained) - SHOWN_ROWS} more (--format json lists all)")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
