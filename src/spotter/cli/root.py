"""The Typer app of `spotter`: the root callback (``--db``, ``--version``) over the lazy table of
commands in :mod:`spotter.cli.app`."""

from __future__ import annotations

from typing import Annotated

import typer

from spotter import __version__
from spotter.cli.app import COMMANDS
from spotter.cli.lazy import LazyGroup


class SpotterGroup(LazyGroup):
    table = COMMANDS


app = typer.Typer(
    name="spotter",
    help=(
        "Spotter: a strength-training coach on your own data.\n\n"
        "Examples:\n\n"
        "  spotter init --units kg --goal hypertrophy --days mon,wed,fri --equipment full-gym\n\n"
        '  spotter exercises search "lat pull down"\n\n'
        "  spotter exercises show stepback-pulldown\n\n"
        '  spotter log "stepback pulldown 55kg 10,10,9 @8"\n\n'
        "  spotter next stepback-pulldown\n\n"
        "  spotter volume"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    cls=SpotterGroup,
)
def _version(value: bool) -> None:
    if value:
        typer.echo(f"spotter {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (any SQLAlchemy URL) or a SQLite file path. "
            "Default: $SPOTTER_DB, else spotter.db in your data directory.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Spotter: a strength-training coach on your own data."""
    from spotter.compose import Runtime
    from spotter.config import resolve_settings

    rt = Runtime(resolve_settings(db))
    ctx.obj = {"runtime": rt}
    ctx.call_on_close(rt.close)
