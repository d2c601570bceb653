"""A command group that imports a command's module only when that command runs.

The group knows its commands from a small static table (name, module, one-line help), so
``spotter --help`` lists every command without importing any of them, and ``spotter log ...``
imports the log's module alone: the start-up of a command pays for what it uses, not for the
35 commands beside it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from difflib import get_close_matches

import click
import typer
import typer.main
from typer.core import TyperGroup

from spotter.cli.output import CommandError
from spotter.cli.registry import LazyCommand as LazyCommand

#: Commands already built, by table identity and name (the CLI tests invoke the app many times).
_BUILT: dict[tuple[int, str], click.Command] = {}


def build_command(name: str, entry: LazyCommand) -> click.Command:
    """Import ``entry``'s module and build the click command ``name`` from it."""
    module = importlib.import_module(entry.module)
    holder = typer.Typer()

    @holder.callback()
    def _root() -> None:  # a callback keeps the holder a group even with one command
        """Holder."""

    target = getattr(module, entry.attr)
    if entry.attr == "register":
        target(holder)
    else:
        holder.add_typer(target, name=name)
    holder.registered_commands = [c for c in holder.registered_commands if c.name == name]
    holder.registered_groups = [g for g in holder.registered_groups if g.name == name]
    group = typer.main.get_command(holder)
    assert isinstance(group, click.Group)
    command = group.commands.get(name)
    if command is None:
        raise LookupError(f"{entry.module} does not define the command {name!r}")
    return command


class LazyGroup(TyperGroup):
    """A Typer group whose subcommands come from :attr:`table`, imported on first use."""

    table: Mapping[str, LazyCommand] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.table, *(n for n in self.commands if n not in self.table)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.table.get(cmd_name)
        if entry is None:
            return self.commands.get(cmd_name)
        if getattr(ctx, "_spotter_listing", False):
            return _Listed(cmd_name, entry)
        key = (id(self.table), cmd_name)
        if key not in _BUILT:
            _BUILT[key] = build_command(cmd_name, entry)
        return _BUILT[key]

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CommandError as exc:  # a command of spotter.cli.everyday run without exits()
            raise click.exceptions.Exit(exc.code) from exc

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        ctx._spotter_listing = True  # type: ignore[attr-defined]  # list from the table alone
        try:
            super().format_help(ctx, formatter)
        finally:
            ctx._spotter_listing = False  # type: ignore[attr-defined]

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            matches = get_close_matches(name, self.list_commands(ctx))
            hint = f" Did you mean {', '.join(repr(m) for m in matches)}?" if matches else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)


class _Listed(click.Command):
    """A command as the help listing shows it: its name and one line, nothing imported."""

    def __init__(self, name: str, entry: LazyCommand) -> None:
        super().__init__(name, help=entry.help, short_help=entry.help, hidden=entry.hidden)
