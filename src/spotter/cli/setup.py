"""`spotter init` and `spotter profile`: record and show who is training and with what."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import click
import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    print_json,
    runtime,
    unit_of_work,
    user_errors,
)
from spotter.errors import SpotterError
from spotter.profile import EXPERIENCE, GOALS, UNITS, ProfileError

if TYPE_CHECKING:
    from spotter.services.profile import ProfileView

DEFAULTS = {
    "units": "kg",
    "goal": "general",
    "experience": "novice",
    "days": "mon,wed,fri",
    "minutes": 60,
    "equipment": "full-gym",
}

T = TypeVar("T")


def _choice(field: str, allowed: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in allowed:
            raise ProfileError(f"{field}: {text!r} is not one of {', '.join(allowed)}")
        return value

    return parse


def _minutes(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ProfileError(f"minutes per session: {text!r} is not a whole number") from None
    if not 10 <= value <= 240:
        raise ProfileError(f"minutes per session: {value} is outside 10-240")
    return value


def _weekdays(text: str) -> tuple[str, ...]:
    from spotter.profile import parse_weekdays

    days = parse_weekdays(text)
    if not days:
        raise ProfileError("training days: at least one weekday is needed, e.g. mon,wed,fri")
    return days


def _equipment(text: str) -> tuple[str, ...]:
    from spotter.knowledge.catalog import resolve_equipment

    return tuple(sorted(resolve_equipment([text])))


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _answer(
    value: str | None,
    label: str,
    parse: Callable[[str], T],
    default: str,
    interactive: bool,
    hint: str = "",
) -> T:
    """A given option, else the answer to a question asked again at once until it is valid,
    else the default."""
    if value is not None:
        return parse(value)
    if not interactive:
        return parse(default)

    def check(text: str) -> T:
        try:
            return parse(text)
        except SpotterError as exc:
            raise click.BadParameter(str(exc)) from exc

    answer: T = typer.prompt(f"{label}{hint}", default=default, value_proc=check)
    return answer


def init(
    ctx: typer.Context,
    units: Annotated[
        str | None, typer.Option(help=f"Units to show loads in: {', '.join(UNITS)}.")
    ] = None,
    goal: Annotated[str | None, typer.Option(help=f"Training goal: {', '.join(GOALS)}.")] = None,
    experience: Annotated[str | None, typer.Option(help=f"{', '.join(EXPERIENCE)}.")] = None,
    days: Annotated[str | None, typer.Option(help="Training weekdays, e.g. mon,wed,fri.")] = None,
    minutes: Annotated[int | None, typer.Option(help="Minutes per session (10-240).")] = None,
    equipment: Annotated[
        str | None,
        typer.Option(
            help="Equipment: a preset (full-gym, home-dumbbells, bodyweight, cables-and-machines), "
            "equipment keys or categories, comma-separated; e.g. home-dumbbells,band,pull-up-bar.",
        ),
    ] = None,
    emphasis: Annotated[
        str | None,
        typer.Option(help="Muscle groups the planner weighs more, e.g. back,side-delts."),
    ] = None,
    avoid: Annotated[
        str | None,
        typer.Option(
            help="Exercises or muscles the planner leaves out (an injury), e.g. "
            "barbell-back-squat,lower-back."
        ),
    ] = None,
    favourites: Annotated[
        str | None,
        typer.Option(help="Exercises the planner prefers, e.g. stepback-pulldown."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            "--tz",
            help="The time zone your days and weeks are counted in: an IANA name such as "
            "Pacific/Auckland, or 'local' for this machine's (the default).",
        ),
    ] = None,
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Do not ask; use defaults for anything not given.")
    ] = False,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Record your profile: units, goal, experience, training days, session length, equipment.

    Asks for what is not given when run in a terminal, again at once after an answer it cannot
    use; otherwise uses the defaults (kg, general, novice, mon,wed,fri, 60 minutes, full-gym).
    Creates the database on first use.

    Emphasis, avoid and favourites are never asked for: give them as options (`spotter plan
    new` uses them unless it is given its own). So is the time zone: without one, "today" and
    weeks follow this machine's clock.

    Example: spotter init --units lb --goal strength --days mon,wed,fri,sat --minutes 75 --equipment full-gym --emphasis back
    """
    from spotter.profile import Profile
    from spotter.services.accounts import check_timezone
    from spotter.services.planning import avoid_keys, emphasis_rows, favourite_slugs
    from spotter.services.profile import ProfileView, save_profile, set_time_zone, time_zone_of
    from spotter.services.results import to_data

    def items(text: str | None) -> list[str]:
        return [v.strip() for v in (text or "").split(",") if v.strip()]

    interactive = not defaults and _stdin_is_terminal()
    with user_errors():
        if timezone is not None:
            check_timezone(timezone)  # before anything is saved
        profile = Profile(
            units=_answer(
                units, "Units", _choice("units", UNITS), str(DEFAULTS["units"]), interactive,
                f" ({'/'.join(UNITS)})",
            ),
            goal=_answer(
                goal, "Goal", _choice("goal", GOALS), str(DEFAULTS["goal"]), interactive,
                f" ({'/'.join(GOALS)})",
            ),
            experience=_answer(
                experience,
                "Experience",
                _choice("experience", EXPERIENCE),
                str(DEFAULTS["experience"]),
                interactive,
                f" ({'/'.join(EXPERIENCE)})",
            ),
            training_days=_answer(
                days, "Training days", _weekdays, str(DEFAULTS["days"]), interactive
            ),
            minutes_per_session=_answer(
                None if minutes is None else str(minutes),
                "Minutes per session",
                _minutes,
                str(DEFAULTS["minutes"]),
                interactive,
                " (10-240)",
            ),
            equipment=_answer(
                equipment,
                "Equipment (preset or list)",
                _equipment,
                str(DEFAULTS["equipment"]),
                interactive,
            ),
            emphasis=emphasis_rows(items(emphasis)),
            avoid=avoid_keys(items(avoid), catalog(ctx)) if avoid else (),
            favourites=favourite_slugs(items(favourites), catalog(ctx)) if favourites else (),
        )
        save_profile(unit_of_work(ctx), profile)
        rt = runtime(ctx)
        zone = (
            set_time_zone(rt.uow(), rt.user_id, timezone)
            if timezone is not None
            else time_zone_of(rt.uow(), rt.user_id)
        )
    view = ProfileView.of(profile, zone)
    if fmt == "json":
        print_json(to_data(view))
        return
    console().print("[bold green]Profile saved.[/]")
    _show(view)


def profile(
    ctx: typer.Context,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Show your recorded profile.

    Example: spotter profile --format json
    """
    from spotter.services.profile import ProfileView, get_profile, time_zone_of
    from spotter.services.results import to_data

    with user_errors():
        p = get_profile(unit_of_work(ctx))
        if p is None:
            console().print("No profile yet: run [bold]spotter init[/].")
            raise typer.Exit(1)
        rt = runtime(ctx)
        view = ProfileView.of(p, time_zone_of(rt.uow(), rt.user_id))
    if fmt == "json":
        print_json(to_data(view))
    else:
        _show(view)


def _show(p: ProfileView) -> None:
    from rich.table import Table

    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    t.add_row("Units", p.units)
    t.add_row("Goal", p.goal)
    t.add_row("Experience", p.experience)
    t.add_row("Training days", ", ".join(p.training_days) + f" ({p.sessions_per_week}/week)")
    t.add_row("Minutes per session", str(p.minutes_per_session))
    from spotter.knowledge.vocab import EQUIPMENT_PRESETS

    preset = next(
        (name for name, keys in EQUIPMENT_PRESETS.items() if set(keys) == set(p.equipment)), None
    )
    t.add_row(
        "Equipment",
        f"{preset} preset ({len(p.equipment)} items)"
        if preset
        else ", ".join(p.equipment) or "bodyweight only",
    )
    for label, values in (
        ("Emphasis", p.emphasis),
        ("Avoid", p.avoid),
        ("Favourites", p.favourites),
    ):
        if values:
            t.add_row(label, ", ".join(values))
    zone = p.timezone
    t.add_row("Time zone", f"{zone.name} (this machine's)" if zone.machine else zone.name)
    console().print(t)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("profile")(profile)
