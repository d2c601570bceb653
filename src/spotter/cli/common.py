"""What every command shares: settings from the callback, error reporting, output formats."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from spotter.config import Settings
    from spotter.knowledge.catalog import Catalog


T = TypeVar("T")


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class PageFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


_console: Console | None = None
_err_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console()
    return _console


def err_console() -> Console:
    global _err_console
    if _err_console is None:
        from rich.console import Console

        _err_console = Console(stderr=True, soft_wrap=True)
    return _err_console


def _cached(ctx: typer.Context, key: str, build: Callable[[], T]) -> T:
    """One object per command run (settings, catalog, engine), kept on the root context."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = {}
    if key not in root.obj:
        root.obj[key] = build()
    value: T = root.obj[key]
    return value


def settings(ctx: typer.Context) -> Settings:
    from spotter.config import resolve_settings

    return _cached(ctx, "settings", resolve_settings)


def catalog(ctx: typer.Context) -> Catalog:
    """The built-in catalog, the user's entry files and their custom exercises in the database."""
    from spotter.cli.custom_cmd import with_db_exercises
    from spotter.services.catalog import load_catalog

    return _cached(ctx, "catalog", lambda: with_db_exercises(load_catalog(settings(ctx)), ctx))


def engine(ctx: typer.Context) -> Engine:
    from spotter.store.db import open_engine

    return _cached(ctx, "engine", lambda: open_engine(settings(ctx).db_url))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console().print(f"[bold red]Error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a person can act on into a clear message and a non-zero exit."""
    from spotter.errors import SpotterError

    try:
        yield
    except SpotterError as exc:
        raise fail(_escape(str(exc))) from exc


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
