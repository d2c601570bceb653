"""`spotter form-checks prune`: apply the clip retention policy to clip storage now.

Registered in ``cli/app.py`` as the command group ``form-checks`` (``attr="app"``). A running
``spotter worker`` or ``spotter serve`` prunes by itself every hour; this command is for a cron
job, a first clean-up, or a look at what would go (``--dry-run``). The policy is
:mod:`spotter.jobs.retention`'s.
"""

from __future__ import annotations

from typing import Annotated

import typer

from spotter.cli.common import TextFormat, TextFormatOpt, console, print_json, runtime, user_errors

app = typer.Typer(
    name="form-checks",
    help="Form checks on a server: prune the clips past their retention period.",
    no_args_is_help=True,
)


@app.command("prune")
def prune(
    ctx: typer.Context,
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            help="Keep an uploaded clip this many days after the last check using it finished "
            "('never': keep clips; default: $SPOTTER_CLIP_RETENTION_DAYS, else 30).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be deleted; delete nothing.")
    ] = False,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Delete uploaded clips past their retention period and files no form check refers to.

    A clip is kept while a check using it is queued or running and for the retention period after the last one finished; annotated videos stay as long as their check; files no check refers to go once they are an hour old. Reports are never touched.

    Example: spotter --db postgresql://u:p@db/spotter form-checks prune --days 14 --dry-run
    """
    from spotter.jobs.retention import parse_days, retention_days
    from spotter.jobs.retention import prune as run_prune

    with user_errors():
        kept_days = retention_days() if days is None else parse_days(days, "--days")
        pruned = run_prune(runtime(ctx), days=kept_days, dry_run=dry_run)
    if fmt is TextFormat.json:
        print_json({
            "dry_run": dry_run, "days": kept_days, "clips": pruned.clips,
            "annotated": pruned.annotated, "partial": pruned.parts, "bytes": pruned.bytes,
            "paths": list(pruned.paths),
        })
        return
    verb = "Would delete" if dry_run else "Deleted"
    kept = "kept for good" if kept_days is None else f"kept {kept_days} days after their check"
    console().print(
        f"{verb} {pruned.clips} clips, {pruned.annotated} annotated videos and {pruned.parts} "
        f"partial files ({pruned.bytes / 1e6:.1f} MB); clips are {kept}.",
        highlight=False,
        markup=False,
    )
