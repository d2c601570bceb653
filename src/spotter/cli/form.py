"""`spotter form`: check a set's form from pose landmarks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    err_console,
    fail,
    local_now,
    print_json,
    unit_of_work,
    user_errors,
)

if TYPE_CHECKING:
    from spotter.services.form import FormReport


def form(
    ctx: typer.Context,
    landmarks: Annotated[
        Path,
        typer.Argument(
            metavar="VIDEO_OR_LANDMARKS",
            help="A video (mp4, mov, avi, webm; needs `spotter vision install`) or a landmarks "
            "file: .npy, .csv or .json (see the README).",
        ),
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
    fmt: TextFormatOpt = TextFormat.text,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Save the primary signal with reps and phases as a PNG."),
    ] = None,
    log_set: Annotated[
        bool, typer.Option("--log", help="Record the set (reps, tempo, time under tension).")
    ] = False,
    load: Annotated[
        str | None,
        typer.Option("--load", help="Load for --log: 55kg, 120lb, bw, or a number in your unit."),
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Write the video again as this .mp4 with the skeleton, a rep counter and the faults.",
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option(
            "--subject",
            help="Whom to follow when two people exercise in view: left, right or largest.",
        ),
    ] = None,
) -> None:
    """Count reps, time every phase, measure range and speed, and name faults with the exercise's cues.

    Examples:

      spotter form set.npy --exercise stepback-pulldown

      spotter form set.npy -e push-up --format json --plot set.png

      spotter form set.npy -e seated-lat-pulldown --log --load 55kg

      spotter form set.mp4 -e pull-up --annotate checked.mp4

    A clip with several sets (the lifter walks away, or rests 15 s or more between reps) is
    reported set by set, and --log records every set.

    Extract a video's landmarks once: spotter form landmarks set.mp4 -o set.npy
    """

    from spotter.cli.form_video import frame_progress
    from spotter.motion.video import is_video
    from spotter.services.form_check import check_file

    with user_errors():
        ex = catalog(ctx).resolve(exercise) if exercise else None
        load_kg, bodyweight = _parse_load(ctx, load) if log_set else (None, False)
        if load is not None and not log_set:
            raise fail("--load goes with --log (it is the load to record)")
        if log_set and ex is None:
            raise fail("--log needs --exercise: the log records sets of a known exercise")
        if is_video(landmarks):
            with frame_progress(f"Finding the pose in {landmarks.name}") as advance:
                checked = check_file(landmarks, ex, fps=fps, subject=subject, progress=advance)
        else:
            checked = check_file(landmarks, ex, fps=fps, subject=subject)
        for note in checked.input_notes:
            err_console().print(f"[dim]Note: {note}.[/]", highlight=False)
        clip = checked.clip
        if annotate is not None:
            from spotter.cli.form_video import annotate as annotate_video

            annotate_video(landmarks, checked.landmarks, clip, annotate)
        plots: list[Path] = []
        if plot is not None:
            from spotter.cli.form_plot import save_plot

            for s in clip.sets:
                where = plot if s.number == 1 else plot.with_stem(f"{plot.stem}-set{s.number}")
                save_plot(s.report, where)
                plots.append(where)
        logged = []
        if log_set:
            from spotter.services.form import log_form_sets

            now = local_now(ctx)
            logged = log_form_sets(
                unit_of_work(ctx),
                clip.sets,
                load_kg=load_kg,
                bodyweight=bodyweight,
                when=now,
                now=now,
                command=f"spotter form {landmarks.name}" + (f" --load {load}" if load else ""),
            )
    if fmt == TextFormat.json:
        from spotter.services.form_views import form_check_view
        from spotter.services.results import to_data

        print_json(to_data(form_check_view(checked, logged=bool(logged))))
        return
    title = ex.name if ex else "Generic counter"
    several = len(clip.sets) > 1
    for s in clip.sets:
        head = f"Set {s.number} ({s.start:.1f}-{s.end:.1f} s), {title}" if several else title
        _print_report(s.report, head, named=ex is not None)
    if several:
        counts = ", ".join(str(s.report.analysis.count) for s in clip.sets)
        console().print(
            f"[bold]{len(clip.sets)} sets[/] in {clip.duration:.1f} s: {counts} reps "
            f"({clip.reps} in all); --log records them all."
        )
    for n in clip.notes:
        console().print(f"[dim]Note: {n}.[/]")
    for where in plots:
        console().print(f"Plot saved to {where}")
    for record in logged:
        console().print(
            f"Logged [bold]{ex.name if ex else ''}[/]: {record.reps} reps"
            + (f", tempo {record.tempo}" if record.tempo else "")
        )


def _print_report(report: FormReport, title: str, *, named: bool) -> None:
    """One set's check as a table and notes."""
    import numpy as np
    from rich.table import Table

    from spotter.services.form_check import seen

    a = report.analysis
    partial = f" ({a.partial_count} partial)" if a.partial_count else ""
    table = Table(
        title=f"{title}: {a.count} reps{partial} in {report.duration:.1f} s, "
        f"{report.view.name} view",
        title_justify="left",
    )
    for col in ("Rep", "Concentric", "Pause", "Eccentric", "Range", "Speed", "Faults"):
        table.add_column(col, justify="right" if col != "Faults" else "left")
    on_rep: dict[int, list[str]] = {}
    for f in report.faults:
        for i in f.reps:
            on_rep.setdefault(i, []).append(f.name)
    for r in a.reps:
        flags = ("cut " if not r.whole else "") + ("partial" if r.partial else "")
        table.add_row(
            f"{r.index}{'*' if flags else ''}",
            _secs(seen(r, r.concentric, "concentric")),
            f"{r.pause_at_turn:.2f} s",
            _secs(seen(r, r.eccentric, "eccentric")),
            f"{r.range_of_motion * 100:.0f} %",
            "-"
            if not np.isfinite(r.concentric_mean_velocity)
            else f"{r.concentric_mean_velocity:.2f}",
            ", ".join(on_rep.get(r.index, [])) or flags.strip(),
        )
    console().print(table)
    console().print(
        f"Speed in {report.signal.unit} per second ({report.signal.name}); "
        f"time under tension {report.time_under_tension:.1f} s."
    )
    if report.criterion:
        short = [str(i) for i, m in enumerate(report.metrics, 1) if m.get("criterion") == 0.0]
        missed = (
            f"; missed on rep{'s' if len(short) > 1 else ''} {', '.join(short)}" if short else ""
        )
        console().print(f"Standard: {report.criterion}{missed}.")
    if a.velocity_loss is not None:
        rir = (
            f"; about {report.rir:.0f} reps in reserve (velocity-based estimate)"
            if report.rir is not None
            else ""
        )
        console().print(f"Velocity loss over the set: {a.velocity_loss * 100:.0f} %{rir}")
    for w in report.warnings:
        console().print(f"[dim]Note: {w}.[/]")
    for f in report.faults:
        reps = ", ".join(str(r) for r in f.reps)
        console().print(
            f"[yellow]{f.name}[/] on rep{'s' if len(f.reps) > 1 else ''} {reps}: {f.fix}"
        )
    if named and not report.faults and a.count:
        console().print("[green]No fault the camera can check was seen.[/]")


def _secs(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f} s"


def _parse_load(ctx: typer.Context, text: str | None) -> tuple[float | None, bool]:
    """A load for --log in kg, and whether it is bodyweight: 55kg, 120lb, bw, or a bare number."""
    from spotter.cli.training import profile_units
    from spotter.services.quantities import read_load

    if text is None:
        raise fail("--log needs --load (e.g. --load 55kg, --load 120lb or --load bw)")
    with user_errors():
        given = read_load(text, profile_units(ctx), field="--load", bodyweight=True)
    return given.kg, given.bodyweight


def register(app: typer.Typer) -> None:
    from spotter.cli.form_video import register_form

    register_form(app, form)
