"""`spotter export`: leave as easily as you came."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from spotter.cli.common import (
    catalog,
    check_output,
    console,
    fail,
    local_now,
    settings,
    unit_of_work,
    user_errors,
    write_output,
)

KINDS = ("json", "csv", "strong")


def export(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(metavar="KIND", help="json (everything), csv (one row per set) or strong."),
    ],
    file: Annotated[Path, typer.Argument(help="Where to write.")],
    unit: Annotated[
        str, typer.Option("--unit", "-u", help="Weight unit of the Strong CSV (kg or lb).")
    ] = "kg",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Export everything as JSON, the log as CSV, or a Strong-compatible CSV.

    The JSON export restores into a fresh database with `spotter import spotter FILE`.

    Example: spotter export json backup.json     spotter export strong strong.csv --unit lb
    """
    from spotter.interchange.export import spotter_csv, strong_csv
    from spotter.services.export import export_everything, export_rows
    from spotter.services.quantities import read_unit

    if kind not in KINDS:
        raise fail(f"unknown export {kind!r}: expected one of {', '.join(KINDS)}")
    with user_errors():
        weight_unit = read_unit(unit, field="--unit")
    check_output(file, force=force)  # a missing folder, a folder, an existing file: before any work
    with user_errors():
        uow = unit_of_work(ctx)
        if kind == "json":
            doc = export_everything(
                uow, settings(ctx), now=local_now(ctx)
            )
            data = (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
            what = f"{len(doc['sets'])} sets, {len(doc['workouts'])} workouts"
        else:
            rows = export_rows(uow, catalog(ctx))
            data = (
                spotter_csv(rows) if kind == "csv" else strong_csv(rows, weight_unit)
            )
            what = f"{len(rows)} sets"
    write_output(file, data, force=force)  # whole or not at all
    console().print(f"Wrote {file} ({what}).")


def register(app: typer.Typer) -> None:
    app.command("export")(export)
