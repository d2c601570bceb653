"""The video side of `spotter form`: landmarks from a video (with a progress bar),
`spotter form landmarks VIDEO -o FILE`, and `--annotate OUT.mp4`.

`form` is a command group whose default command is the form check itself, so both
`spotter form FILE --exercise SLUG` and `spotter form landmarks VIDEO -o FILE` work: a first
argument that names a subcommand runs it, anything else goes to the check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperCommand, TyperGroup

from spotter.cli.common import TextFormat, TextFormatOpt, console, err_console, fail, user_errors

if TYPE_CHECKING:
    from spotter.motion.analysis.landmarks import Landmarks
    from spotter.services.form import ClipReport

DEFAULT = "check"  # the hidden name of `spotter form FILE`


class _NamelessContext(typer.Context):
    """The default command's context: its usage reads `spotter form [OPTIONS] FILE`."""

    @property
    def command_path(self) -> str:
        return super().command_path.strip()


class FormCheckCommand(TyperCommand):
    context_class = _NamelessContext


class FormGroup(TyperGroup):
    """`spotter form FILE ...` runs the check; `spotter form landmarks ...` its subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands or args[0] == DEFAULT:
            args = [DEFAULT, *args]
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, cmd, rest = super().resolve_command(ctx, args)
        return (None if name == DEFAULT else name), cmd, rest


@contextmanager
def frame_progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar over video frames on stderr; yields the callback to advance it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("frames"),
        TimeRemainingColumn(),
        console=err_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield advance


SUBJECT_HELP = (
    "Whom to follow when two people exercise in view: left, right or largest "
    "(a mirror image and people walking through are ignored without it)."
)


def annotate(source: Path, landmarks: Landmarks, clip: ClipReport, out: Path) -> None:
    """Write `out`: the source video with skeleton, rep counter and each fault on its reps
    (reps numbered through the clip's sets)."""
    from spotter.motion.annotate import RepMark, write_annotated
    from spotter.motion.video import is_video

    if not is_video(source):
        raise fail(f"--annotate draws on the video: {source.name} is a landmarks file")
    marks: list[RepMark] = []
    for s in clip.sets:
        on_rep: dict[int, list[str]] = {}
        for f in s.report.faults:
            for i in f.reps:
                on_rep.setdefault(i, []).append(f.name)
        marks += [
            RepMark(
                len(marks) + r.index,
                r.start + s.start,
                r.end + s.start,
                tuple(on_rep.get(r.index, ())),
            )
            for r in s.report.analysis.reps
        ]
    first = clip.sets[0].report
    title = first.exercise.name if first.exercise is not None else "Generic counter"
    with frame_progress(f"Drawing {out.name}") as advance:
        write_annotated(source, landmarks, marks, out, title=title, progress=advance)
    err_console().print(f"Annotated video saved to {out}", highlight=False)


def landmarks_command(
    video: Annotated[Path, typer.Argument(help="The video: mp4, mov, avi, webm or mkv.")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write: .npy, .csv or .json (by the suffix)."),
    ],
    every_frame: Annotated[
        bool,
        typer.Option(
            "--every-frame",
            help="Run the pose model on every frame (default: at most 15 a second, the "
            "frames between interpolated; twice as fast at 30 fps, same counts).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    fmt: TextFormatOpt = TextFormat.text,
    subject: Annotated[str | None, typer.Option("--subject", help=SUBJECT_HELP)] = None,
) -> None:
    """Extract the pose landmarks of a video once, to check the set again without the video extra or the wait: spotter form FILE.npy --exercise SLUG.

    The file holds one row per video frame: x, y, z and visibility of the 33 BlazePose landmarks, normalised, NaN where nobody was seen. A .json file keeps the frame rate; with .npy and .csv pass --fps when checking them if the video was not 30 fps.

    Example: spotter form landmarks set.mp4 -o set.npy
    """
    from spotter.cli.common import print_result
    from spotter.services.form_check import extract_to_file

    with user_errors(), frame_progress(f"Finding the pose in {video.name}") as advance:
        done = extract_to_file(
            video, output, every_frame=every_frame, subject=subject, force=force, progress=advance
        )
    for note in done.notes:
        err_console().print(f"[dim]Note: {note}.[/]", highlight=False)
    if fmt == TextFormat.json:
        print_result(done)
        return
    console().print(
        f"Wrote {done.frames} frames ({done.duration_s:.1f} s at {done.fps:g} fps) to {output}",
        highlight=False,
    )
    if output.suffix.lower() != ".json" and abs(done.fps - 30.0) > 0.05:
        console().print(
            f"Check it with: spotter form {output} --fps {done.fps:g} --exercise ...",
            highlight=False,
        )


def register_form(app: typer.Typer, check: Callable[..., Any]) -> None:
    """Add `spotter form` (the check, `check`) and `spotter form landmarks` to the app."""
    group = typer.Typer(
        cls=FormGroup,
        help="Check a set's form from a video or a landmarks file; extract landmarks once.\n\n"
        "Example: spotter form set.mp4 --exercise pull-up     "
        "spotter form landmarks set.mp4 -o set.npy",
        no_args_is_help=False,
        rich_markup_mode="rich",
    )
    group.command(DEFAULT, cls=FormCheckCommand, hidden=True)(check)
    group.command("landmarks")(landmarks_command)
    app.add_typer(group, name="form")
