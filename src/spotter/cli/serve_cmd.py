"""`spotter serve`: the REST API (``/api/v1``, docs at ``/api/v1/docs``) on uvicorn.

The command is called ``serve``; ``cli/app.py`` registers it lazily (``register``), so FastAPI and
uvicorn are imported only when it runs.

On the embedded SQLite database (the default, or any SQLite file) it prepares the schema as every
command does; on a server database (``SPOTTER_DB=postgresql://...`` or ``--db``) it never migrates
and refuses to start until ``spotter db upgrade`` has brought the schema up to date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import err_console, fail, user_errors

if TYPE_CHECKING:
    from spotter.compose import Runtime


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port.")] = 8000,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite file (default: the global --db, $SPOTTER_DB, else "
            "spotter.db in your data directory).",
            show_default=False,
        ),
    ] = None,
    log_level: Annotated[
        str, typer.Option("--log-level", help="uvicorn's log level: info, warning, debug...")
    ] = "info",
) -> None:
    """Serve the REST API for many lifters and their coaches, with its docs page.

    Example: spotter serve --port 8000     SPOTTER_DB=postgresql://u:p@host/spotter spotter serve
    """
    from spotter.compose import Runtime
    from spotter.config import resolve_settings

    if log_level.lower() not in ("critical", "error", "warning", "info", "debug", "trace"):
        raise fail(f"--log-level {log_level!r}: expected critical, error, warning, info or debug")
    root = ctx.find_root().obj
    given = root.get("runtime") if isinstance(root, dict) else None
    settings = resolve_settings(db) if db is not None or given is None else given.settings
    embedded = settings.db_url.startswith("sqlite:")
    rt = Runtime(settings, auto_migrate=embedded)
    try:
        with user_errors():
            rt.engine  # noqa: B018 - open (and on SQLite prepare) the database before listening
        run(rt, host=host, port=port, log_level=log_level.lower())
    finally:
        rt.close()


def run(rt: Runtime, *, host: str, port: int, log_level: str) -> None:
    """Serve the API of ``rt`` until interrupted."""
    import uvicorn

    from spotter.api.app import create_app

    err_console().print(
        f"Serving the Spotter API on http://{host}:{port}/api/v1 (docs: /api/v1/docs); "
        "Ctrl+C stops.",
        highlight=False,
    )
    uvicorn.run(create_app(rt), host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
