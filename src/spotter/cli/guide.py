"""`spotter guide`: a guided set in the terminal."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Annotated

import typer

from spotter.cli.common import catalog, console, user_errors
from spotter.knowledge.guide import Cue


def play(
    cues: Sequence[Cue],
    sleep: Callable[[float], None],
    say: Callable[[str], None],
    speed: float = 1.0,
) -> float:
    """Play a guided-set script: say each cue and wait out its time. Returns the seconds waited.

    ``sleep`` is the clock (``time.sleep`` in the CLI, a recorder in tests).
    """
    waited = 0.0
    for cue in cues:
        if cue.kind == "setup":
            say(f"[dim]Setup:[/] {cue.text}")
        elif cue.kind == "rep":
            say(f"\n[bold]{cue.text}[/]")
        elif cue.kind == "phase":
            breath = f"  [green]{cue.breathing}[/]" if cue.breathing else ""
            say(f"  {cue.text} {cue.seconds:g} s{breath}")
            for _ in range(int(cue.seconds)):
                if speed > 0:
                    sleep(1.0 / speed)
                waited += 1.0
            rest = cue.seconds - int(cue.seconds)
            if rest > 0:
                if speed > 0:
                    sleep(rest / speed)
                waited += rest
        elif cue.kind == "rest":
            say(f"\n[bold cyan]{cue.text}[/]")
            remaining = int(cue.seconds)
            while remaining > 0:
                step = min(15, remaining)
                if speed > 0:
                    sleep(step / speed)
                waited += step
                remaining -= step
                if remaining:
                    say(f"  {remaining} s left")
        else:
            say(f"[bold green]{cue.text}![/]")
    return waited


def guide(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Argument(help="Exercise name or slug.")],
    reps: Annotated[
        int | None,
        typer.Option(
            "--reps",
            "-r",
            min=1,
            max=100,
            help="Reps (or holds, carries), 1-100; default: bottom of the usual range (1 hold or carry).",
        ),
    ] = None,
    rest: Annotated[
        int | None,
        typer.Option(
            "--rest",
            min=0,
            max=3600,
            help="Rest after the set in seconds, up to 3600 (default by exercise).",
        ),
    ] = None,
    hold: Annotated[
        float | None,
        typer.Option("--hold", min=1, max=600, help="Seconds per hold for timed exercises (1-600)."),
    ] = None,
    speed: Annotated[
        float,
        typer.Option(
            "--speed",
            min=0,
            max=100,
            help="1 = real time, 2 = twice as fast (0.1-100); 0 = print the script without waiting.",
        ),
    ] = 1.0,
) -> None:
    """Guide one set: setup, then tempo and breathing phase by phase, then rest.

    The setup steps first, then each rep counted out phase by phase in the exercise's tempo
    with the breathing cue of each phase, then a rest timer.

    Example: spotter guide stepback-pulldown --reps 10 --rest 90
    """
    from spotter.knowledge.guide import default_rest_seconds, guided_set

    if 0 < speed < 0.1:
        raise typer.BadParameter("0 (print only) or 0.1-100", param_hint="'--speed'")
    with user_errors():
        ex = catalog(ctx).resolve(exercise)
    measure = ex.facts.measure
    # a timed hold and a carry are one per set by default; their range is seconds or meters
    n = reps or (1 if measure in ("seconds", "meters") else ex.facts.rep_range[0])
    cues = guided_set(
        ex, n, rest if rest is not None else default_rest_seconds(ex), hold_seconds=hold
    )
    one, many = {"seconds": ("hold", "holds"), "meters": ("carry", "carries")}.get(
        measure, ("rep", "reps")
    )
    what = one if n == 1 else many
    console().print(f"[bold]{ex.name}[/]: {n} {what}, tempo {ex.facts.tempo}")
    play(cues, time.sleep, console().print, speed)


def register(app: typer.Typer) -> None:
    app.command("guide")(guide)
