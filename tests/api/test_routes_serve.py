"""`spotter serve`: the embedded database is prepared as by every command; a server database
behind the schema is refused with what to run, and nothing is changed."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner


def serve_app() -> typer.Typer:
    from spotter.cli import serve_cmd

    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Root."""

    serve_cmd.register(app)
    return app


def test_serve_prepares_the_embedded_database_and_refuses_an_unmigrated_server(
    empty_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotter.cli import serve_cmd
    from spotter.store.db import current_revision

    served: list[Any] = []
    monkeypatch.setattr(serve_cmd, "run", lambda rt, **kw: served.append((rt, kw)))
    r = CliRunner().invoke(serve_app(), ["serve", "--db", empty_db_url, "--port", "8123"])
    if empty_db_url.startswith("sqlite"):
        assert r.exit_code == 0, r.output
        (rt, kw), = served
        assert kw == {"host": "127.0.0.1", "port": 8123, "log_level": "info"}
        assert current_revision(rt.engine) is not None  # migrated before listening
    else:
        assert r.exit_code == 1 and served == []
        assert "spotter db upgrade" in " ".join(r.output.split())
        from sqlalchemy import create_engine, inspect

        engine = create_engine(empty_db_url)
        try:
            assert inspect(engine).get_table_names() == []  # nothing was changed
        finally:
            engine.dispose()
