"""What every command prints through, without Typer: the consoles, JSON, formats and failures.

The everyday commands (:mod:`spotter.cli.everyday`) run either under Typer or straight from the
fast dispatcher (:mod:`spotter.cli.fast`), so what they need to print and to fail is here, free of
Typer and Click: a failure prints ``Error: ...`` on standard error and raises
:class:`CommandError` with the exit code, which the Typer side turns into its own exit
(:func:`spotter.cli.common.exits`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class PageFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class TextFormat(StrEnum):
    """Text for people or JSON for programs: an unknown value is a usage error (exit 2)."""

    text = "text"
    json = "json"


class CommandError(Exception):
    """A command stops with ``code`` after its error message was printed."""

    def __init__(self, code: int = 1) -> None:
        super().__init__(code)
        self.code = code


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


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_result(result: object) -> None:
    """A service's typed result as JSON (see :func:`spotter.services.results.to_data`)."""
    from spotter.services.results import to_data

    print_json(to_data(result))


def escape(text: str) -> str:
    """``text`` with Rich markup characters escaped."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def report(message: str) -> None:
    """Print ``Error: message`` (Rich markup) on standard error."""
    err_console().print(f"[bold red]Error:[/] {message}", highlight=False, markup=True)


def fail(message: str, code: int = 1) -> CommandError:
    """Print the error and return the exception that stops the command (``raise fail(...)``)."""
    report(message)
    return CommandError(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a person can act on into a clear message and a non-zero exit."""
    from spotter.errors import SpotterError

    try:
        yield
    except SpotterError as exc:
        raise fail(escape(str(exc))) from exc
