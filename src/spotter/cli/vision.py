"""`spotter vision`: install and check the optional video extra (OpenCV + MediaPipe pose)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from typing import Annotated

import typer

from spotter.cli.common import TextFormat, TextFormatOpt, console, fail, print_json

app = typer.Typer(
    help=(
        "The form check's video extra: OpenCV (headless) and MediaPipe's pose model.\n\n"
        "Example: spotter vision install     spotter vision check"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


@app.command("install")
def install(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the pip commands without running them.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Pass --quiet to pip.")] = False,
) -> None:
    """Install the video extra into this Python: OpenCV (headless), then MediaPipe 0.10.21 without its unused dependencies (jax, jaxlib, sounddevice, GUI OpenCV); then check that pose runs offline.

    Example: spotter vision install
    """
    from spotter.motion.vision_setup import install_steps

    steps = install_steps(quiet=quiet)
    for cmd in steps:
        console().print(f"[bold]$[/] {shlex.join(cmd)}", highlight=False, soft_wrap=True)
        if dry_run:
            continue
        done = subprocess.run(cmd, check=False)
        if done.returncode != 0:
            raise fail(f"pip failed (exit {done.returncode}) running: {shlex.join(cmd)}")
    if dry_run:
        return
    # A fresh interpreter sees the packages just installed.
    checked = subprocess.run([sys.executable, "-m", "spotter.cli", "vision", "check"], check=False)
    raise typer.Exit(checked.returncode)


@app.command("check")
def check(
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Show what the video extra has installed, its size on disk, and whether pose estimation runs here without downloading anything; exit 1 when it does not.

    Example: spotter vision check
    """
    from spotter.motion.pose import INSTALL_COMMAND
    from spotter.motion.vision_setup import vision_status

    status = vision_status()
    if fmt == "json":
        from spotter.services.results import to_data

        print_json(to_data(status.view()))
        raise typer.Exit(0 if status.ok else 1)
    out = console()
    for name, version in status.versions.items():
        out.print(f"{name:<24} {version or '[red]not installed[/]'}", highlight=False)
    out.print(f"{'installed size':<24} {_mb(status.size_bytes)} (the packages above but numpy)")
    out.print(f"{'pose model in the wheel':<24} {'yes' if status.model_in_wheel else '[red]no[/]'}")
    runs = "[green]yes[/]" if status.pose_runs else "[red]no[/]"
    speed = f" ({status.pose_ms:.0f} ms per blank frame)" if status.pose_ms is not None else ""
    out.print(f"{'pose runs offline':<24} {runs}{speed}")
    if status.downloaded:
        out.print(f"[red]Models were downloaded: {', '.join(status.downloaded)}[/]")
    if status.clashing:
        names = " ".join(status.clashing)
        verb = "provides" if len(status.clashing) == 1 else "provide"
        out.print(
            f"[red]{', '.join(status.clashing)} also {verb} cv2 and clashes with "
            f"opencv-python-headless (a GUI build that needs a display): "
            f"`pip uninstall -y {names} opencv-python-headless`, then `{INSTALL_COMMAND}`.[/]"
        )
    if status.unneeded:
        out.print(
            f"[yellow]Installed but unused by pose: {', '.join(status.unneeded)} "
            f"(`pip uninstall {' '.join(status.unneeded)}` frees the space).[/]"
        )
    if status.problem:
        out.print(f"[red]{status.problem}[/]; install with `{INSTALL_COMMAND}`")
    raise typer.Exit(0 if status.ok else 1)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="vision")
