"""`spotter init` and `spotter profile`: record and show who is training and with what."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spotter.cli.common import catalog, console, engine, print_json, user_errors
from spotter.profile import EXPERIENCE, GOALS, UNITS

if TYPE_CHECKING:
    from spotter.profile import Profile

DEFAULTS = {
    "units": "kg",
    "goal": "general",
    "experience": "novice",
    "days": "mon,wed,fri",
    "minutes": 60,
    "equipment": "full-gym",
}


def _ask(
    value: str | None, label: str, choices: tuple[str, ...] | None, default: str, interactive: bool
) -> str:
    if value is not None:
        return value
    if not interactive:
        return default
    hint = f" ({'/'.join(choices)})" if choices else ""
    answer: str = typer.prompt(f"{label}{hint}", default=default)
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
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Do not ask; use defaults for anything not given.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Record your profile: units, goal, experience, training days, session length, equipment.

    Asks for what is not given when run in a terminal; otherwise uses the defaults
    (kg, general, novice, mon,wed,fri, 60 minutes, full-gym). Creates the database on first use.

    Emphasis, avoid and favourites are never asked for: give them as options (`spotter plan
    new` uses them unless it is given its own).

    Example: spotter init --units lb --goal strength --days mon,wed,fri,sat --minutes 75 --equipment full-gym --emphasis back
    """
    from spotter.knowledge.catalog import resolve_equipment
    from spotter.profile import Profile, parse_weekdays
    from spotter.services.planning import avoid_keys, emphasis_rows, favourite_slugs
    from spotter.services.profile import save_profile
    from spotter.store.uow import SqlUnitOfWork

    def items(text: str | None) -> list[str]:
        return [v.strip() for v in (text or "").split(",") if v.strip()]

    interactive = not defaults and sys.stdin.isatty()
    with user_errors():
        profile = Profile(
            units=_ask(units, "Units", UNITS, str(DEFAULTS["units"]), interactive).lower(),
            goal=_ask(goal, "Goal", GOALS, str(DEFAULTS["goal"]), interactive).lower(),
            experience=_ask(
                experience, "Experience", EXPERIENCE, str(DEFAULTS["experience"]), interactive
            ).lower(),
            training_days=parse_weekdays(
                _ask(days, "Training days", None, str(DEFAULTS["days"]), interactive)
            ),
            minutes_per_session=minutes
            if minutes is not None
            else int(
                _ask(None, "Minutes per session", None, str(DEFAULTS["minutes"]), interactive)
            ),
            equipment=tuple(
                sorted(
                    resolve_equipment(
                        [
                            _ask(
                                equipment,
                                "Equipment (preset or list)",
                                None,
                                str(DEFAULTS["equipment"]),
                                interactive,
                            )
                        ]
                    )
                )
            ),
            emphasis=emphasis_rows(items(emphasis)),
            avoid=avoid_keys(items(avoid), catalog(ctx)) if avoid else (),
            favourites=favourite_slugs(items(favourites), catalog(ctx)) if favourites else (),
        )
        save_profile(SqlUnitOfWork(engine(ctx)), profile)
    if fmt == "json":
        print_json(_profile_dict(profile))
        return
    console().print("[bold green]Profile saved.[/]")
    _show(profile)


def profile(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show your recorded profile.

    Example: spotter profile --format json
    """
    from spotter.services.profile import get_profile
    from spotter.store.uow import SqlUnitOfWork

    with user_errors():
        p = get_profile(SqlUnitOfWork(engine(ctx)))
    if p is None:
        console().print("No profile yet: run [bold]spotter init[/].")
        raise typer.Exit(1)
    if fmt == "json":
        print_json(_profile_dict(p))
    else:
        _show(p)


def _profile_dict(p: Profile) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(p)


def _show(p: Profile) -> None:
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
    console().print(t)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("profile")(profile)
