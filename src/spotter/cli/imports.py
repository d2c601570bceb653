"""`spotter import`: bring a workout log from Strong, Hevy, FitNotes or Fitbod."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer

from spotter.cli.common import catalog, console, engine, fail, print_json, user_errors

FORMATS = ("auto", "strong", "hevy", "fitnotes", "fitbod", "spotter")


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file: CSV with columns source_name and slug (rows with an empty slug are ignored)."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or not {"source_name", "slug"} <= set(reader.fieldnames):
                raise fail(
                    f"{path}: expected a CSV with columns source_name,slug (from --write-map)"
                )
            return {
                row["source_name"]: row["slug"].strip()
                for row in reader
                if row.get("slug", "").strip()
            }
    except OSError as exc:
        raise fail(f"{path}: cannot be read ({exc})") from exc


def import_(
    ctx: typer.Context,
    app_format: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help="auto, strong, hevy, fitnotes, fitbod, or spotter (a JSON export).",
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
        Path | None, typer.Option("--map", help="A mapping file (source_name,slug) to apply.")
    ] = None,
    write_map: Annotated[
        Path | None,
        typer.Option("--write-map", help="Write every source name and its match here, to edit."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the report; save nothing.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Import a workout log; the format is detected from the header.

    Every row becomes a set or is reported with its line and reason. Exercise names are matched
    to the catalog (alias, normalised name, then fuzzy); unmatched names are kept and listed.
    Importing the same file again adds nothing; a file with an error saves nothing.

    Example: spotter import strong strong.csv --unit lb --write-map names.csv
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from spotter.interchange.detect import detect, parse_any
    from spotter.services.importer import import_log
    from spotter.store.uow import SqlUnitOfWork

    if app_format not in FORMATS:
        raise fail(f"unknown format {app_format!r}: expected one of {', '.join(FORMATS)}")
    if unit is not None and unit.lower() not in ("kg", "lb", "lbs"):
        raise fail(f"--unit {unit!r}: expected kg or lb")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"{file}: cannot be read ({exc})") from exc
    if app_format == "spotter" or (app_format == "auto" and data.lstrip()[:1] == b"{"):
        from spotter.cli.common import settings
        from spotter.services.export import restore_everything

        with user_errors():
            counts = restore_everything(SqlUnitOfWork(engine(ctx)), settings(ctx), data)
        console().print(
            "Restored " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f" from {file.name}."
        )
        return
    with user_errors():
        if unit is None:  # files without a unit column use the profile's unit
            from spotter.services.profile import get_profile

            profile = get_profile(SqlUnitOfWork(engine(ctx)))
            unit = profile.units if profile else None
        found = detect(data)
        if app_format != "auto" and not found.startswith(app_format):
            raise fail(
                f"{file} looks like a {found} export, not {app_format}; use 'auto' or the right format"
            )
        mapped = read_mapping(mapping) if mapping else None
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console(),
            transient=True,
            disable=fmt == "json",
        ) as progress:
            task = progress.add_task(f"Reading {file.name} ({found})", total=None)
            result = parse_any(data, unit=unit.lower().rstrip("s") if unit else None)
            progress.update(task, description="Importing sets", total=len(result.sets), completed=0)
            report = import_log(
                SqlUnitOfWork(engine(ctx)),
                catalog(ctx),
                result,
                mapping=mapped,
                dry_run=dry_run,
                progress=lambda n: progress.advance(task, n),
            )
    if write_map is not None:
        with write_map.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["source_name", "slug", "method", "confidence", "sets", "closest"])
            for n in report.names:
                closest = "; ".join(f"{s} ({c:g})" for s, c in n.candidates[:3])
                w.writerow([n.source, n.slug or "", n.method, f"{n.confidence:g}", n.sets, closest])
    if fmt == "json":
        print_json(
            {
                "format": report.format,
                "rows_read": report.rows_read,
                "sets_in_file": report.sets_in_file,
                "sets_imported": report.sets_imported,
                "already_present": report.already_present,
                "remapped": report.remapped,
                "workouts": report.workouts,
                "first": str(report.first) if report.first else None,
                "last": str(report.last) if report.last else None,
                "dry_run": report.dry_run,
                "names": [
                    {
                        "source": n.source,
                        "slug": n.slug,
                        "method": n.method,
                        "confidence": n.confidence,
                        "sets": n.sets,
                    }
                    for n in report.names
                ],
                "skipped": [{"line": s.line, "reason": s.reason} for s in report.skipped],
            }
        )
        return
    c = console()
    verb = "Would import" if dry_run else "Imported"
    c.print(
        f"[bold]{verb} {report.sets_imported if not dry_run else report.sets_in_file - report.already_present}"
        f"[/] sets from {file.name} ({report.format}): {report.rows_read} rows, {report.workouts} workouts, "
        f"{report.first} to {report.last}; {report.already_present} already present."
    )
    if report.remapped:
        c.print(f"Re-pointed {report.remapped} earlier sets to the exercises your mapping names.")
    methods = report.by_method
    c.print(
        "Exercise names: "
        + ", ".join(
            f"{methods.get(k, 0)} {k}" for k in ("alias", "normalised", "fuzzy", "mapped", "none")
        )
    )
    unmatched = [n for n in report.names if n.slug is None]
    if unmatched:
        c.print(
            f"[yellow]{len(unmatched)} names kept as imported exercises (map them with --write-map / --map):[/]"
        )
        for n in unmatched[:15]:
            near = f" — closest: {n.candidates[0][0]}" if n.candidates else ""
            c.print(f"  {n.source} ({n.sets} sets){near}")
        if len(unmatched) > 15:
            c.print(f"  ... and {len(unmatched) - 15} more")
    if report.skipped:
        c.print(f"{len(report.skipped)} rows skipped:")
        for s in report.skipped[:10]:
            c.print(f"  line {s.line}: {s.reason}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
