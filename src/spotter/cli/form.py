"""`spotter form`: check a set's form from pose landmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spotter.cli.common import catalog, console, print_json, user_errors


def form(
    ctx: typer.Context,
    landmarks: Annotated[
        Path, typer.Argument(help="Landmarks file: .npy, .csv or .json (see the README).")
    ],
    exercise: Annotated[
        str | None,
        typer.Option(
            "--exercise", "-e", help="Exercise name or slug; default: the generic counter."
        ),
    ] = None,
    fps: Annotated[
        float | None,
        typer.Option("--fps", help="Frames per second (default 30, or the JSON's own)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Count reps, time every phase, measure range and speed, and name faults with the exercise's cues.

    Example: spotter form set.npy --exercise stepback-pulldown
    """
    from rich.table import Table

    from spotter.motion.landmark_files import read_landmarks
    from spotter.services.form import check_form

    with user_errors():
        ex = catalog(ctx).resolve(exercise) if exercise else None
        lm = read_landmarks(landmarks, fps=fps)
        report = check_form(lm, ex)
    a = report.analysis
    if fmt == "json":
        print_json(
            {
                "exercise": ex.slug if ex else None,
                "family": report.family,
                "reps": a.count,
                "duration_s": report.duration,
                "velocity_loss": a.velocity_loss,
                "per_rep": [
                    {
                        "rep": r.index,
                        "start": r.start,
                        "end": r.end,
                        "concentric_s": r.concentric,
                        "eccentric_s": r.eccentric,
                        "pause_at_turn_s": r.pause_at_turn,
                        "pause_at_start_s": r.pause_at_start,
                        "range_of_motion": r.range_of_motion,
                        "concentric_mean_velocity": r.concentric_mean_velocity,
                    }
                    for r in a.reps
                ],
                "faults": [
                    {
                        "fault": f.fault,
                        "name": f.name,
                        "fix": f.fix,
                        "reps": list(f.reps),
                        "metric": f.metric,
                        "threshold": f.threshold,
                        "worst": f.worst,
                    }
                    for f in report.faults
                ],
            }
        )
        return
    title = ex.name if ex else "Generic counter"
    table = Table(title=f"{title}: {a.count} reps in {report.duration:.1f} s", title_justify="left")
    for col in ("Rep", "Concentric", "Pause", "Eccentric", "Range", "Speed"):
        table.add_column(col, justify="right")
    for r in a.reps:
        table.add_row(
            str(r.index),
            f"{r.concentric:.2f} s",
            f"{r.pause_at_turn:.2f} s",
            f"{r.eccentric:.2f} s",
            f"{r.range_of_motion * 100:.0f} %",
            f"{r.concentric_mean_velocity:.2f}",
        )
    console().print(table)
    if a.velocity_loss is not None:
        console().print(f"Velocity loss over the set: {a.velocity_loss * 100:.0f} %")
    for f in report.faults:
        reps = ", ".join(str(r) for r in f.reps)
        console().print(
            f"[yellow]{f.name}[/] on rep{'s' if len(f.reps) > 1 else ''} {reps}: {f.fix}"
        )
    if ex and not report.faults and a.count:
        console().print("[green]No fault the camera can check was seen.[/]")


def register(app: typer.Typer) -> None:
    app.command("form")(form)
