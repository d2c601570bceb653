"""`spotter plan new | show | explain | review | export | templates`: build, read, review and
export a program."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spotter.cli.common import (
    TextFormat,
    TextFormatOpt,
    catalog,
    console,
    engine,
    exits,
    fail,
    print_json,
    runtime,
    user_errors,
)
from spotter.cli.plan_output import (
    print_review,
    print_week,
    target_problem,
    write_whole,
)

if TYPE_CHECKING:
    from spotter.planning.model.review import PlanReview
    from spotter.planning.model.stored import StoredPlan
    from spotter.profile import Profile

app = typer.Typer(
    help="Plan a mesocycle from your profile: new, show, explain, review, export, templates.",
    no_args_is_help=True,
)

FmtOpt = TextFormatOpt


def _profile(ctx: typer.Context) -> Profile | None:
    from spotter.services.profile import get_profile
    from spotter.store.uow import SqlUnitOfWork

    return get_profile(SqlUnitOfWork(engine(ctx)))


def _active(ctx: typer.Context) -> StoredPlan:
    from spotter.services.planning import active_plan
    from spotter.store.uow import SqlUnitOfWork

    plan = active_plan(SqlUnitOfWork(engine(ctx)))
    if plan is None:
        raise fail("no plan yet: run `spotter plan new` first")
    return plan


def _names(ctx: typer.Context) -> dict[str, str]:
    return {ex.slug: ex.name for ex in catalog(ctx)}


@app.command("new")
def new(
    ctx: typer.Context,
    weeks: Annotated[
        int | None,
        typer.Option(
            "--weeks",
            "-w",
            help="Weeks in the block, deload included (default 6, or the template's).",
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", "-t", help="Start from a template (see `spotter plan templates`)."
        ),
    ] = None,
    fill: Annotated[
        bool,
        typer.Option(
            "--fill", help="Keep the template's slots and let the optimiser fill the rest."
        ),
    ] = False,
    emphasis: Annotated[
        list[str] | None,
        typer.Option(
            "--emphasis",
            help="Muscle groups to weigh more, e.g. back,side-delts (default: your profile's).",
        ),
    ] = None,
    avoid: Annotated[
        list[str] | None,
        typer.Option(
            "--avoid",
            help="Exercises or muscles to leave out (an injury), e.g. barbell-back-squat,erector-spinae "
            "(default: your profile's).",
        ),
    ] = None,
    favourite: Annotated[
        list[str] | None,
        typer.Option(
            "--favourite",
            help="Exercises to prefer, e.g. stepback-pulldown (default: your profile's).",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day of the plan, YYYY-MM-DD (default: today)."),
    ] = None,
    imported: Annotated[
        bool,
        typer.Option(
            "--imported",
            help="Also use exercises imported with `spotter exercises import` (off by default).",
        ),
    ] = False,
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """Build a mesocycle from your profile and make it your active plan.

    Without a template the optimiser chooses exercises and sets for every training day; with
    --template the template is used as is (its check results are shown as warnings), and with
    --template T --fill the optimiser keeps the template's slots and fills the rest.

    Example: spotter plan new --weeks 6 --emphasis back --favourite stepback-pulldown
    """
    from spotter.cli.plan_run import run_plan_new

    with exits():
        run_plan_new(
            runtime(ctx),
            weeks=weeks,
            template=template,
            fill=fill,
            emphasis=emphasis,
            avoid=avoid,
            favourite=favourite,
            start=start,
            imported=imported,
            fmt=fmt,
        )


@app.command("show")
def show(
    ctx: typer.Context,
    week: Annotated[
        int | None,
        typer.Option("--week", "-w", help="Week to show (default: this week of the plan, else 1)."),
    ] = None,
    fmt: FmtOpt = TextFormat.text,
) -> None:
    """Show a week of the active plan: each session's exercises, sets, reps, RIR, rest, rule.

    Example: spotter plan show --week 2
    """
    with user_errors():
        plan = _active(ctx)
        roles = _roles(ctx, plan, _profile(ctx))
    today = dt.date.today()
    if week is None:
        week = (
            (today - plan.start_date).days // 7 + 1
            if plan.start_date <= today < plan.end_date
            else 1
        )
    if not 1 <= week <= plan.weeks:
        raise fail(f"--week {week}: the plan has weeks 1-{plan.weeks}")
    names = _names(ctx)
    if fmt == "json":
        from spotter.services.plan_views import week_view
        from spotter.services.results import to_data

        print_json(to_data(week_view(plan, week, names, roles)))
        return
    console().print(f"[bold]{plan.name}[/]")
    print_week(plan, week, names, roles)


def _roles(ctx: typer.Context, plan: StoredPlan, profile: Profile | None) -> dict[str, str]:
    """Each exercise's role in the week; none without a profile, or when the plan names an
    exercise the catalog no longer has (the week is still shown)."""
    from spotter.services.planning import PlanInputError, plan_roles

    if profile is None:
        return {}
    try:
        return plan_roles(plan, catalog(ctx), profile)
    except PlanInputError:
        return {}


def _review(
    ctx: typer.Context, plan: StoredPlan, profile: Profile, week: int | None = None
) -> PlanReview:
    from spotter.services.planning import review_plan
    from spotter.store.uow import SqlUnitOfWork

    uow = SqlUnitOfWork(engine(ctx))
    with uow:
        return review_plan(plan, catalog(ctx), profile, log=uow.log, week=week)


@app.command("explain")
def explain(ctx: typer.Context, fmt: FmtOpt = TextFormat.text) -> None:
    """Why the plan looks like it does: weekly sets per muscle group against targets, pull/push
    and knee/hip balance, why each exercise is there (peak week), and the coach's review (each
    item of the plan rubric passed or failed, with the reason).

    Example: spotter plan explain
    """

    from rich.table import Table

    from spotter.services.planning import explain_plan

    with user_errors():
        plan = _active(ctx)
        profile = _profile(ctx)
        if profile is None:
            raise fail("no profile yet: run `spotter init` first")
        x = explain_plan(plan, catalog(ctx), profile)
        review = _review(ctx, plan, profile)
    if fmt == "json":
        from spotter.services.plan_views import explain_view
        from spotter.services.results import to_data

        print_json(to_data(explain_view(x, review)))
        return
    names = _names(ctx)
    t = Table(title=f"Weekly sets per muscle group ({plan.name}, peak week)", title_justify="left")
    for col in ("Group", "Sets", "Target", "Status"):
        t.add_column(col, justify="left" if col in ("Group", "Status") else "right")
    colour = {"in": "green", "below": "yellow", "above": "red"}
    for r in x.rows:
        label = r.row + (" (emphasis)" if r.emphasised else "")
        t.add_row(
            label, f"{r.sets:g}", f"{r.low:g}-{r.high:g}", f"[{colour[r.status]}]{r.status}[/]"
        )
    console().print(t)
    for p in x.planes:
        mark = "[green]ok[/]" if p.ok else "[red]short[/]"
        console().print(
            f"{p.plane.capitalize()}: pull {p.pull} sets vs push {p.push} sets "
            f"(wanted at least {p.ratio:g}x) {mark}"
        )
    console().print(f"Knee-dominant {x.knee_sets} sets vs hip-dominant {x.hip_sets} sets")
    e = Table(title="Why each exercise", title_justify="left")
    for col in ("Exercise", "Days", "Sets", "Works", "Why"):
        e.add_column(col)
    for why in x.exercises:
        works = ", ".join(why.primary_rows) + (
            f" (+ {', '.join(why.secondary_rows)})" if why.secondary_rows else ""
        )
        e.add_row(
            names.get(why.exercise, why.exercise),
            ", ".join(why.days),
            str(why.sets),
            works,
            "; ".join(why.reasons) or "-",
        )
    console().print(e)
    print_review(review)


@app.command("review")
def review_cmd(
    ctx: typer.Context,
    fmt: FmtOpt = TextFormat.text,
    week: Annotated[
        int | None,
        typer.Option("--week", "-w", help="Week to review (default: the peak week)."),
    ] = None,
) -> None:
    """Review the active plan as a coach would: each item of the plan rubric (structure, dose,
    balance, progression) passed, failed with the reason, or not applicable and why. The peak
    week by default, or any normal (not deload) week.

    Example: spotter plan review --week 2 --format json
    """
    with user_errors():
        plan = _active(ctx)
        profile = _profile(ctx)
        if profile is None:
            raise fail("no profile yet: run `spotter init` first")
        if week is not None and not 1 <= week <= plan.weeks:
            raise fail(f"--week {week}: the plan has weeks 1-{plan.weeks}")
        review = _review(ctx, plan, profile, week)
    if fmt == "json":
        from spotter.services.plan_views import ReviewView
        from spotter.services.results import to_data

        print_json(to_data(ReviewView.of(review)))
        return
    console().print(f"[bold]{plan.name}[/] ({'peak week' if week is None else f'week {week}'})")
    print_review(review)


@app.command("export")
def export(
    ctx: typer.Context,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Write an iCalendar file (one event per session).")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write the plan as Markdown.")
    ] = None,
    at: Annotated[
        str, typer.Option("--time", help="Start time of each session in the calendar, HH:MM.")
    ] = "18:00",
) -> None:
    """Export the active plan to a calendar (.ics) or a Markdown file (with the coach's review).

    Example: spotter plan export --ics plan.ics --time 07:30
    """
    from spotter.interchange.ics import plan_to_ics
    from spotter.interchange.plan_markdown import plan_to_markdown
    from spotter.planning.model.volume import facts_of

    if ics is None and markdown is None:
        raise fail("give --ics FILE or --markdown FILE (or both)")
    for option, target in (("--ics", ics), ("--markdown", markdown)):
        if target is not None:
            problem = target_problem(target)
            if problem:
                raise fail(f"{option} {target}: {problem}")
    try:
        start = dt.time.fromisoformat(at)
    except ValueError:
        raise fail(f"--time {at!r}: expected a time like 18:00") from None
    with user_errors():
        plan = _active(ctx)
        names = _names(ctx)
        facts = facts_of(catalog(ctx).all())
        missing = sorted(
            {x.exercise for w in plan.mesocycle.weeks for s in w.sessions for x in s.slots}
            - set(facts)
        )
        if missing:
            raise fail(f"the plan uses exercises no longer in the catalog: {', '.join(missing)}")
    review = None
    with user_errors():
        profile = _profile(ctx)
        roles = _roles(ctx, plan, profile)
        if profile is not None:
            review = _review(ctx, plan, profile)
    outputs: list[tuple[str, Path, str, str]] = []
    if ics is not None:
        outputs.append(
            (
                "--ics",
                ics,
                plan_to_ics(plan, facts, names, at=start),
                f"{ics} ({len(plan.sessions())} events)",
            )
        )
    if markdown is not None:
        outputs.append(
            ("--markdown", markdown, plan_to_markdown(plan, names, review, roles), str(markdown))
        )
    for option, target, text, _ in outputs:
        try:
            write_whole(target, text)
        except OSError as exc:
            raise fail(f"{option} {target}: cannot be written ({exc.strerror or exc})") from None
    console().print(f"Wrote {' and '.join(o[3] for o in outputs)}.", highlight=False)


@app.command("templates")
def templates(ctx: typer.Context, fmt: FmtOpt = TextFormat.text) -> None:
    """List the plan templates: days, the lifter they were written for, what they knowingly skip.

    Example: spotter plan templates
    """
    from rich.table import Table

    from spotter.services.planning import list_templates

    with user_errors():
        found = list_templates(catalog(ctx))
    if fmt == "json":
        from spotter.services.plan_views import template_views
        from spotter.services.results import to_data

        print_json(to_data(template_views(found.values())))
        return
    table = Table(title="Plan templates (spotter plan new --template NAME)", title_justify="left")
    table.add_column("Name", no_wrap=True, style="bold")
    for col in ("Title", "Days", "Written for", "Sessions"):
        table.add_column(col)
    for t in found.values():
        table.add_row(
            t.name,
            t.title,
            str(t.days),
            f"{t.goal}, {t.experience}, {t.minutes} min",
            ", ".join(s.name for s in t.sessions) + (" (rotating)" if t.rotate else ""),
        )
    console().print(table)
    console().print("Descriptions and known deviations: `spotter plan templates --format json`.")
