"""What every command shares: settings from the callback, error reporting, output formats."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from spotter.config import Settings
    from spotter.knowledge.catalog import Catalog


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


def settings(ctx: typer.Context) -> Settings:
    from spotter.config import resolve_settings

    obj = ctx.find_root().obj
    if obj is None or "settings" not in obj:
        s = resolve_settings()
        ctx.find_root().obj = {"settings": s}
        return s
    result: Settings = obj["settings"]
    return result


def catalog(ctx: typer.Context) -> Catalog:
    from spotter.services.catalog import load_catalog

    root = ctx.find_root()
    obj = root.obj if root.obj is not None else {}
    if "catalog" not in obj:
        obj["catalog"] = load_catalog(settings(ctx))
        root.obj = obj
    cat: Catalog = obj["catalog"]
    return cat


def engine(ctx: typer.Context) -> Engine:
    from spotter.store.db import open_engine

    root = ctx.find_root()
    obj = root.obj if root.obj is not None else {}
    if "engine" not in obj:
        obj["engine"] = open_engine(settings(ctx).db_url)
        root.obj = obj
    eng: Engine = obj["engine"]
    return eng


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
