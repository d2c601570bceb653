"""Where each top-level command lives, as plain data (no Typer): see :mod:`spotter.cli.app`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """Where a top-level command lives and what ``--help`` says about it.

    ``attr`` is ``register`` for a module whose ``register(app)`` adds the command to a Typer
    app, or the name of the module's own Typer app (a command group) otherwise. ``help`` is the
    first paragraph of the command's own help text (a test keeps the two equal).
    """

    module: str
    help: str
    attr: str = "register"
    hidden: bool = False
