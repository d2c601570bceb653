"""`spotter today`: today's session of the active plan, ready to lift."""

from __future__ import annotations

from typing import Annotated

import typer

from spotter.cli import everyday
from spotter.cli.common import TextFormat, TextFormatOpt, exits, runtime


def today(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="The day (YYYY-MM-DD); default today.")
    ] = None,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Today's session from the active plan: loads, warm-ups, plates or pins, rest and tempo.

    Loads come from each exercise's progression rule on your log (a calibration step when
    there is none yet). When a planned muscle is far from recovered (missed days, extra
    sessions), it proposes fewer sets or a swap.

    Example: spotter today     spotter today --date 2026-11-30 --format json
    """
    with exits():
        everyday.run_today(runtime(ctx), date, fmt)


def register(app: typer.Typer) -> None:
    app.command("today")(today)
