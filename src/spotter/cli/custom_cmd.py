"""`spotter exercises new | mine | forget`: your own exercises from flags, kept in the database."""

from __future__ import annotations

from typing import Annotated

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    fail,
    local_now,
    print_json,
    unit_of_work,
    user_errors,
)


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())


def new(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help='The exercise\'s name, e.g. "Landmine Row".')],
    primary: Annotated[
        list[str], typer.Option("--primary", "-p", help="Primary muscles (repeat or comma-separate).")
    ],
    secondary: Annotated[
        list[str] | None, typer.Option("--secondary", "-s", help="Secondary muscles.")
    ] = None,
    equipment: Annotated[
        list[str] | None, typer.Option("--equipment", "-e", help="Equipment keys or categories.")
    ] = None,
    load_type: Annotated[
        str,
        typer.Option(
            "--load-type",
            help="barbell, dumbbell, cable-stack, selectorized-machine, plate-loaded-machine, "
            "bodyweight, band, kettlebell or plates (decides what a bare number means in the log).",
        ),
    ] = "bodyweight",
    measure: Annotated[
        str, typer.Option("--measure", help="reps, seconds or meters.")
    ] = "reps",
    mechanic: Annotated[str, typer.Option("--mechanic", help="compound or isolation.")] = "compound",
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another name for it.")] = None,
    slug: Annotated[str | None, typer.Option("--slug", help="The slug (default: from the name).")] = None,
    uuid: Annotated[
        str | None,
        typer.Option("--uuid", help="A uuid chosen by the caller: adding it again changes nothing."),
    ] = None,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """Define your own exercise with a few flags; it is stored in your database.

    Every command finds it by name, slug or alias, and `export json` carries it.
    (`spotter exercises add FILE` still adds a full catalog entry from a YAML file.)

    Example: spotter exercises new "Landmine Row" -p lats -s biceps -e barbell --load-type barbell
    """
    import uuid as uuidlib

    from spotter.knowledge.custom import CustomExercise
    from spotter.services.custom_exercises import add_custom

    if uuid is not None:
        try:
            uuid = str(uuidlib.UUID(uuid))
        except ValueError:
            raise fail(f"--uuid {uuid!r}: expected a uuid") from None
    with user_errors():
        ex = CustomExercise.new(
            name,
            primary=_split(primary),
            secondary=_split(secondary),
            equipment=_split(equipment),
            load_type=load_type,
            measure=measure,
            mechanic=mechanic,
            aliases=tuple(alias or ()),
            slug=slug,
            uuid=uuid,
        )
        saved, created = add_custom(
            unit_of_work(ctx),
            catalog(ctx),
            ex,
            now=local_now(ctx),
        )
    if fmt == "json":
        from spotter.services.custom_exercises import CustomAdded
        from spotter.services.results import to_data

        print_json(to_data(CustomAdded(saved.slug, saved.uuid, created)))
        return
    verb = "Added" if created else "Already stored:"
    console().print(
        f"{verb} [bold]{saved.name}[/] ({saved.slug}): {', '.join(saved.primary)}; "
        f"load type {saved.load_type}. Log it with: spotter log \"{saved.name.lower()} ...\""
    )


def mine(
    ctx: typer.Context,
    fmt: TextFormatOpt = TextFormat.text,
) -> None:
    """List the exercises you defined with `exercises new`.

    Example: spotter exercises mine
    """
    from spotter.services.custom_exercises import list_custom
    from spotter.services.results import to_data

    with user_errors():
        rows = list_custom(unit_of_work(ctx))
    if fmt == "json":
        print_json(to_data(rows))
        return
    if not rows:
        console().print('None yet: spotter exercises new "Landmine Row" -p lats --load-type barbell')
    for c in rows:
        console().print(f"{c.slug}  {c.name}  ({', '.join(c.primary)}; {c.load_type})")


def forget(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The slug of your exercise.")],
) -> None:
    """Remove an exercise you defined (sets logged with it stay in the log).

    Example: spotter exercises forget landmine-row
    """
    from spotter.services.custom_exercises import remove_custom

    with user_errors():
        remove_custom(unit_of_work(ctx), slug)
    console().print(f"Removed {slug}.")


def register(exercises_app: typer.Typer) -> None:
    exercises_app.command("new")(new)
    exercises_app.command("mine")(mine)
    exercises_app.command("forget")(forget)
