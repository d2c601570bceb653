"""`spotter exercises ...`: the exercise knowledge base."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from spotter.cli import everyday, render
from spotter.cli.common import (
    Format,
    PageFormat,
    catalog,
    console,
    err_console,
    exits,
    fail,
    print_result,
    runtime,
    settings,
    unit_of_work,
    user_errors,
    write_output,
)

app = typer.Typer(
    help="Look up exercises: list, search, show a page, find alternatives, lint, draft and add.",
    no_args_is_help=True,
)

MuscleOpt = Annotated[
    str | None,
    typer.Option(
        "--muscle",
        "-m",
        help="Muscle key or name (lats, 'rear delts') or group (back, legs, shoulders, arms, "
        "core, chest).",
    ),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment",
        "-e",
        help="Equipment key, category (barbell, dumbbell, cable, machine, band...) or preset; repeat or comma-separate.",
    ),
]
PatternOpt = Annotated[
    str | None, typer.Option("--pattern", "-p", help="Movement pattern, e.g. vertical-pull.")
]
LevelOpt = Annotated[
    str | None, typer.Option("--level", "-l", help="beginner, intermediate or advanced.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")]


def _search(
    ctx: typer.Context,
    text: str | None,
    muscle: str | None,
    equipment: list[str] | None,
    pattern: str | None,
    level: str | None,
    fmt: Format,
    limit: int | None,
    title: str,
) -> None:
    with user_errors():
        cat = catalog(ctx)
        hits = cat.search(
            text, muscle=muscle, equipment=equipment or (), pattern=pattern, level=level
        )
    if limit is not None:
        hits = hits[:limit]
    exercises = [h.exercise for h in hits]
    if fmt is Format.json:
        from spotter.services.exercise_views import ExerciseSummaryView

        print_result([ExerciseSummaryView.of(e) for e in exercises])
    elif fmt is Format.markdown:
        console().file.write(render.list_markdown(exercises))
    elif exercises:
        console().print(render.exercise_table(exercises, title=f"{title} ({len(exercises)})"))
    if not exercises:
        # the same exit status in every format: 1 when nothing matches
        err_console().print("No exercise matches. Try fewer filters or another spelling.")
        raise typer.Exit(1)


@app.command("list")
def list_(
    ctx: typer.Context,
    muscle: MuscleOpt = None,
    equipment: EquipmentOpt = None,
    pattern: PatternOpt = None,
    level: LevelOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the catalog, optionally filtered.

    Exits 1 when nothing matches, whatever the format (JSON then prints []).

    Example: spotter exercises list --pattern carry --format json
    """
    _search(ctx, None, muscle, equipment, pattern, level, fmt, None, "Exercises")


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(help="Name or part of it; typos and aliases are fine.")
    ] = None,
    muscle: MuscleOpt = None,
    equipment: EquipmentOpt = None,
    pattern: PatternOpt = None,
    level: LevelOpt = None,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = 20,
) -> None:
    """Search exercises by name (tolerant of typos and aliases) and filters.

    Exits 1 when nothing matches, whatever the format (JSON then prints []).

    Examples:

      spotter exercises search "lat pull down"

      spotter exercises search --muscle lats --equipment cable
    """
    _search(ctx, text, muscle, equipment, pattern, level, fmt, limit, "Matches")


@app.command()
def show(
    ctx: typer.Context,
    slug: Annotated[
        str, typer.Argument(help="The exercise's slug, name or alias, e.g. stepback-pulldown.")
    ],
    fmt: Annotated[
        PageFormat, typer.Option("--format", "-f", help="Output format.")
    ] = PageFormat.text,
) -> None:
    """Show an exercise page: muscles, equipment, steps with breathing, tempo, tips, mistakes.

    Example: spotter exercises show stepback-pulldown --format markdown
    """
    with exits():
        everyday.run_show(runtime(ctx), slug, fmt)


@app.command()
def alternatives(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The exercise to replace: slug, name or alias.")],
    equipment: EquipmentOpt = None,
    limit: LimitOpt = 10,
    fmt: FormatOpt = Format.table,
) -> None:
    """Exercises that can stand in for SLUG, ranked by shared primary muscles and pattern.

    Limited to the equipment given, else to your profile's equipment (see `spotter init`),
    else the full catalog. Exits 1 when there is none, whatever the format.

    Example: spotter exercises alternatives seated-lat-pulldown --equipment dumbbell,band
    """
    from spotter.knowledge.catalog import resolve_equipment

    with user_errors():
        cat = catalog(ctx)
        base = cat.get(slug)
        owned: frozenset[str] | None
        source = "your equipment"
        if equipment:
            owned = resolve_equipment(equipment)
            source = ", ".join(equipment)
        else:
            from spotter.services.profile import get_profile

            profile = get_profile(unit_of_work(ctx))
            if profile is None:
                owned, source = None, "the full catalog (no profile yet: run spotter init)"
            else:
                owned = frozenset(profile.equipment)
                source = "your profile's equipment"
        alts = cat.alternatives(base.slug, available=owned, limit=limit)
    if fmt is Format.json:
        from spotter.services.exercise_views import AlternativeView

        print_result([AlternativeView.of_alternative(a) for a in alts])
    elif fmt is Format.markdown:
        console().file.write(render.list_markdown([a.exercise for a in alts]))
    elif alts:
        console().print(
            render.alternatives_table(alts, title=f"Alternatives to {base.name} with {source}")
        )
    if not alts:
        err_console().print(f"No alternative with {source}.")
        raise typer.Exit(1)


@app.command()
def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders; default: the built-in catalog and your own."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
) -> None:
    """Check entries: schema, vocabulary, and consistency across fields.

    Flags, for example, steps that say "sit on the seat" in a standing exercise, a thigh pad or
    bench the equipment list lacks, "handles" on a bar, muscles named in the prose but not
    listed, and working phases without a breathing cue. Exits 1 when anything is found.

    Example: spotter exercises lint my-exercise.yaml
    """
    from spotter.knowledge.lint import lint_paths
    from spotter.knowledge.loader import builtin_dir

    targets = list(paths or [])
    if not targets:
        targets = [builtin_dir()]
        user_dir = settings(ctx).user_catalog_dir
        if user_dir.is_dir():
            targets.append(user_dir)
    for p in targets:
        if not p.exists():
            raise fail(f"{p}: no such file or folder")
    findings = lint_paths(targets)
    if fmt is Format.json:
        print_result(findings)
    else:
        for f in findings:
            console().print(str(f), highlight=False, markup=False)
        n_files = sum(len(list(p.glob("*.y*ml"))) if p.is_dir() else 1 for p in targets)
        console().print(
            f"{len(findings)} finding(s) in {n_files} file(s)."
            if findings
            else f"All {n_files} file(s) pass."
        )
    if findings:
        raise typer.Exit(1)


@app.command()
def draft(
    ctx: typer.Context,
    page: Annotated[Path, typer.Argument(help="A plain-text exercise page, like the seed page.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the entry (default: SLUG.yaml here)."),
    ] = None,
    slug: Annotated[
        str | None, typer.Option("--slug", help="Slug to use (default: from the page's title).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing output file.")
    ] = False,
) -> None:
    """Draft a catalog entry from a plain-text page, then print its lint findings.

    Reads muscles, equipment, grip, stance, steps, breathing and tips using the vocabularies.
    Review the draft, fix what lint reports, then add it with `spotter exercises add FILE`.

    Example: spotter exercises draft my-page.txt -o my-exercise.yaml
    """
    from spotter.knowledge.draft import draft_entry, dump_entry
    from spotter.knowledge.lint import lint_text

    try:
        text = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{page}: cannot be read ({exc})") from exc
    with user_errors():
        entry = draft_entry(text, slug=slug)
    out = output or Path(f"{entry['slug']}.yaml")
    yaml_text = dump_entry(entry)
    findings = lint_text(yaml_text, str(out))
    write_output(out, yaml_text, force=force)
    console().print(f"Wrote draft [bold]{out}[/] ({entry['text']['en']['name']}).")
    if findings:
        console().print(f"{len(findings)} lint finding(s) to review:")
        for f in findings:
            console().print(f"  {f}", highlight=False, markup=False)
    else:
        console().print("Lint: no findings.")


@app.command()
def add(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A catalog entry (YAML) named SLUG.yaml.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace your own entry with the same slug.")
    ] = False,
) -> None:
    """Validate an entry and add it to your own catalog, next to the built-in one.

    Example: spotter exercises add my-exercise.yaml
    """
    from spotter.services.catalog import add_user_exercise

    if not file.is_file():
        raise fail(f"{file}: no such file")
    with user_errors():
        add_user_exercise(settings(ctx), file, replace=replace)
    console().print(
        f"Added [bold]{file.stem}[/] to your catalog ({settings(ctx).user_catalog_dir})."
    )


@app.command("import")
def import_db(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="free-exercise-db or wger.")],
    path: Annotated[
        Path, typer.Argument(help="free-exercise-db: the JSON file; wger: the folder of fixtures.")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; write nothing.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
) -> None:
    """Add a public exercise database to your own catalog, mapped to Spotter's vocabularies.

    Each entry keeps its source, licence and author and is linted; built-in entries are never
    overwritten. Stretches and cardio are skipped, with the reason in the report.

    Example: spotter exercises import free-exercise-db free-exercise-db.json
    """
    from spotter.interchange.exercise_dbs import from_free_exercise_db, from_wger
    from spotter.services.exercise_import import import_exercise_db

    if source not in ("free-exercise-db", "wger"):
        raise fail(f"unknown source {source!r}: expected free-exercise-db or wger")
    with user_errors():
        try:
            if source == "free-exercise-db":
                result = from_free_exercise_db(path.read_bytes())
            else:
                if not path.is_dir():
                    raise fail(
                        f"{path}: wger needs the folder holding exercise-base-data.json and translations.json"
                    )
                result = from_wger({p.name: p.read_bytes() for p in path.glob("*.json")})
        except OSError as exc:
            raise fail(f"{path}: cannot be read ({exc})") from exc
        report = import_exercise_db(settings(ctx), result, dry_run=dry_run)
    if fmt is Format.json:
        from spotter.services.exercise_views import ExerciseDbImportView

        print_result(ExerciseDbImportView.of(report))
        return
    verb = "Would write" if dry_run else "Wrote"
    console().print(
        f"{verb} {report.staged} exercises from {source} into {settings(ctx).user_catalog_dir} "
        f"({report.replaced} replaced); {len(report.skipped)} skipped."
    )
    console().print(
        f"{report.drills} of them are drills (balance, plyometric, stretching) that plans leave "
        "out; plans use the others only with `spotter plan new --imported`."
    )
    reasons = Counter(r for _, r in report.skipped)
    for reason, count in reasons.most_common(6):
        console().print(f"  skipped {count}: {reason}")
    if report.findings:
        console().print(
            f"Lint: {report.entries_with_findings} entries have findings for a coach to review: "
            + ", ".join(f"{k} {v}" for k, v in report.findings.items())
        )


def register(root: typer.Typer) -> None:
    """Add `spotter exercises` with its custom-exercise commands (new, mine, forget)."""
    from spotter.cli import custom_cmd

    if not any(c.name == "new" for c in app.registered_commands):
        custom_cmd.register(app)
    root.add_typer(app, name="exercises")
