"""`spotter db`: the database's schema revision, and the explicit upgrade to this Spotter's head.

The command group is called ``db`` (``spotter db upgrade``, ``spotter db status``); register it
with ``register(app)`` (or ``app.add_typer(db_cmd.app, name="db")``). The embedded SQLite file of
the command line is upgraded on first use anyway; a server (``spotter serve``, PostgreSQL) never
is: run ``spotter db upgrade --db URL`` after installing a new Spotter.
"""

from __future__ import annotations

from typing import Annotated

import typer

from spotter.cli.common import TextFormat, TextFormatOpt, console, print_json, settings, user_errors

app = typer.Typer(
    name="db",
    help=(
        "The database's schema: see where it stands, upgrade it.\n\n"
        "Examples:\n\n"
        "  spotter db status\n\n"
        "  spotter db upgrade --db postgresql://spotter@localhost/spotter"
    ),
    no_args_is_help=True,
)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (postgresql://USER:PASSWORD@HOST/DB, sqlite:///FILE) or a SQLite file "
        "path. Default: the global --db, $SPOTTER_DB, else spotter.db in your data directory.",
        show_default=False,
    ),
]


def _url(ctx: typer.Context, db: str | None) -> str:
    if db is None:
        return settings(ctx).db_url
    from spotter.config import resolve_settings

    return resolve_settings(db).db_url


def _rev(rev: str | None) -> str:
    return rev if rev is not None else "none (empty database)"


@app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOpt = None, fmt: TextFormatOpt = TextFormat.text) -> None:
    """Upgrade the database's schema to this Spotter's head revision (one transaction).

    Prints the revision it started from and the one it reached; a database already at the head
    is left as it is.

    Example: spotter db upgrade --db postgresql://spotter:PASSWORD@localhost:5432/spotter
    """
    from spotter.services.results import to_data
    from spotter.services.schema import upgrade_schema

    with user_errors():
        result = upgrade_schema(_url(ctx, db))
    if fmt is TextFormat.json:
        print_json(to_data(result))
        return
    out = console()
    if not result.applied:
        out.print(
            f"{result.database} is already at the head revision {result.to_revision}; "
            "nothing to do.",
            highlight=False,
            markup=False,
        )
        return
    out.print(
        f"Upgraded {result.database} from {_rev(result.from_revision)} to {result.to_revision} "
        f"(applied {', '.join(result.applied)}).",
        highlight=False,
        markup=False,
    )


@app.command("status")
def status(ctx: typer.Context, db: DbOpt = None, fmt: TextFormatOpt = TextFormat.text) -> None:
    """Show the database's schema revision, this Spotter's head and what an upgrade would apply.

    Changes nothing (a SQLite file that does not exist is reported empty, not created).

    Example: spotter db status --format json
    """
    from spotter.services.results import to_data
    from spotter.services.schema import schema_status

    with user_errors():
        st = schema_status(_url(ctx, db))
    if fmt is TextFormat.json:
        print_json(to_data(st))
        return
    if not st.known:
        verdict = "newer than this Spotter knows: upgrade Spotter"
    elif st.up_to_date:
        verdict = "up to date"
    else:
        verdict = f"{len(st.pending)} pending: run `spotter db upgrade`"
    lines = [
        f"Database: {st.database}",
        f"Current revision: {_rev(st.current)}",
        f"Head revision: {st.head}",
        f"Pending: {', '.join(st.pending) or 'none'}",
        f"Status: {verdict}",
    ]
    console().print("\n".join(lines), highlight=False, markup=False)


def register(parent: typer.Typer) -> None:
    """Add ``spotter db`` to the root command."""
    parent.add_typer(app, name="db")
