"""What every command shares: settings from the callback, error reporting, output formats."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.output import CommandError as CommandError
from spotter.cli.output import Format as Format
from spotter.cli.output import PageFormat as PageFormat
from spotter.cli.output import TextFormat as TextFormat
from spotter.cli.output import console as console
from spotter.cli.output import err_console as err_console
from spotter.cli.output import print_json as print_json
from spotter.cli.output import print_result as print_result
from spotter.cli.output import report

if TYPE_CHECKING:
    from spotter.compose import Engine, Runtime
    from spotter.config import Settings
    from spotter.knowledge.catalog import Catalog
    from spotter.store.lite.uow import LiteUnitOfWork
    from spotter.store.uow import SqlUnitOfWork


#: The ``--format`` option of commands that print text or JSON.
TextFormatOpt = Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")]

#: The override of the plausibility limits (see ``spotter.science.limits``).
AllowOutlierOpt = Annotated[
    bool,
    typer.Option(
        "--allow-outlier",
        help="Keep a value outside the plausible range (a true outlier), up to the hard limit.",
    ),
]


def runtime(ctx: typer.Context) -> Runtime:
    """The composition root of this command run (one per invocation, for the local user).

    The root callback builds it from ``--db``; a command invoked without the callback (a test
    calling a sub-app directly) gets one from the environment.
    """
    from spotter.compose import Runtime

    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        root.obj = {}
    rt = root.obj.get("runtime")
    if not isinstance(rt, Runtime):
        from spotter.config import resolve_settings

        rt = Runtime(resolve_settings())
        root.obj["runtime"] = rt
        ctx.call_on_close(rt.close)
    return rt


def local_now(ctx: typer.Context) -> dt.datetime:
    """Now on the lifter's wall clock (the zone they chose, else this machine's), to the second,
    from the run's Runtime clock: the time the log keeps and the CLI's "today"."""
    from spotter.cli.everyday import wall_now

    with exits(), user_errors():
        return wall_now(runtime(ctx))


def settings(ctx: typer.Context) -> Settings:
    return runtime(ctx).settings


def catalog(ctx: typer.Context) -> Catalog:
    """The built-in catalog, the user's entry files and their custom exercises in the database."""
    return runtime(ctx).catalog


def engine(ctx: typer.Context) -> Engine:
    """The database engine, for the modules that still build their own units of work."""
    return runtime(ctx).engine


def unit_of_work(ctx: typer.Context) -> SqlUnitOfWork:
    """A unit of work for the local user on this run's database."""
    return runtime(ctx).uow()


def quick_uow(ctx: typer.Context) -> LiteUnitOfWork | SqlUnitOfWork:
    """A unit of work for the everyday commands (see :meth:`spotter.compose.Runtime.quick_uow`):
    the standard library's sqlite3 on an up-to-date SQLite file, else SQLAlchemy."""
    return runtime(ctx).quick_uow()


def fail(message: str, code: int = 1) -> typer.Exit:
    report(message)
    return typer.Exit(code)


@contextmanager
def exits() -> Iterator[None]:
    """Run code of :mod:`spotter.cli.everyday` under Typer: its :class:`CommandError` (the
    message already printed) becomes Typer's exit with the same code."""
    try:
        yield
    except CommandError as exc:
        raise typer.Exit(exc.code) from exc


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


def _output_problem(path: Path, *, force: bool) -> str | None:
    """Why ``path`` cannot be written as a new output file, or None when it can."""
    if path.is_dir():
        return f"{path} is a folder; give a file name inside it, e.g. {path / 'out'}"
    if path.exists() and not path.is_file():
        return f"cannot write {path}: it is not a regular file (a device or a pipe)"
    if path.exists() and not force:
        return f"{path} already exists; use --force to overwrite it or choose another file"
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        return f"cannot write {path}: the folder {parent} does not exist; create it first"
    if not parent.is_dir():
        return f"cannot write {path}: {parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot write {path}: the folder {parent} is not writable"
    return None


def check_output(path: Path, *, force: bool = True) -> None:
    """Fail (exit 1) before any work when ``path`` cannot be written: a missing folder, a folder,
    an existing file without ``force``, an unwritable place."""
    problem = _output_problem(path, force=force)
    if problem is not None:
        raise fail(_escape(problem))


def write_output(path: Path, data: str | bytes, *, force: bool = True) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed into place).

    Every failure is a clear error (exit 1) naming the path; an existing file is kept intact.
    """
    check_output(path, force=force)
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise fail(_escape(f"cannot write {path}: {exc.strerror or exc}")) from exc


def check_day(day: dt.date, option: str, *, today: dt.date) -> None:
    """Fail (exit 1) for a date a query cannot mean: before 1900 or over a year ahead."""
    from spotter.science.limits import QUERY_HORIZON, check_date

    found = check_date(day, today=today, field=option, ahead=QUERY_HORIZON)
    if found:
        raise fail(str(found[0]))
