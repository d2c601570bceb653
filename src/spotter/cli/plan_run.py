"""`spotter plan new`'s work, free of Typer: parse the values, build and save the plan, print it.

The Typer command (:mod:`spotter.cli.plan`) declares the options and calls
:func:`run_plan_new`; the fast dispatcher (:mod:`spotter.cli.fast`) calls it directly for a
command line it parses exactly as Click would, so that `plan new` starts without importing Typer,
Click or, on an up-to-date SQLite file, SQLAlchemy (the run's
:meth:`~spotter.compose.Runtime.quick_uow` reads the profile and the log and saves the plan).
Failures print their message and raise :class:`~spotter.cli.output.CommandError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spotter.cli.output import TextFormat, console, err_console, fail, print_json, user_errors

if TYPE_CHECKING:
    from spotter.compose import Runtime
    from spotter.planning.model.review import PlanReview
    from spotter.planning.model.stored import StoredPlan
    from spotter.profile import Profile


def split_values(values: Sequence[str] | None) -> list[str]:
    """The comma-separated items of a repeated option.

    >>> split_values(["back, side-delts", "", "calves"])
    ['back', 'side-delts', 'calves']
    """
    return [t.strip() for v in values or [] for t in v.split(",") if t.strip()]


def given(values: Sequence[str] | None) -> list[str] | None:
    """The option's items, or None when it was not given (the profile's then apply).

    >>> given(None) is None, given([])
    (True, [])
    """
    return None if values is None else split_values(values)


def parse_date(text: str | None, option: str, today: dt.date) -> dt.date:
    """The date of ``option``, ``today`` when it was not given."""
    if text is None:
        return today
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option} {text!r}: expected a date like 2026-11-30") from None


def plan_review(
    rt: Runtime, plan: StoredPlan, profile: Profile, week: int | None = None
) -> PlanReview:
    """The coach's review of ``plan`` (first loads read from the log)."""
    from spotter.services.planning import review_plan

    uow = rt.quick_uow()
    with uow:
        return review_plan(plan, rt.catalog, profile, log=uow.log, week=week)


def plan_roles(rt: Runtime, plan: StoredPlan, profile: Profile | None) -> dict[str, str]:
    """Each exercise's role in the week; none without a profile, or when the plan names an
    exercise the catalog no longer has (the week is still shown)."""
    from spotter.services.planning import PlanInputError, plan_roles

    if profile is None:
        return {}
    try:
        return plan_roles(plan, rt.catalog, profile)
    except PlanInputError:
        return {}


def warn(plan: StoredPlan) -> None:
    """Print the checks the week does not pass, each known template reason once."""
    if not plan.warnings:
        return
    out = err_console()
    out.print(
        f"[yellow]Warning:[/] {len(plan.warnings)} check(s) not passed by this week:",
        highlight=False,
    )
    marker = " (known for this template: "
    by_reason: dict[str, list[str]] = {}
    for w in plan.warnings:
        text, _, why = w.partition(marker)
        by_reason.setdefault(why.removesuffix(")"), []).append(text)
    for why, items in by_reason.items():
        for text in items:
            out.print(f"  - {text}", highlight=False, markup=False)
        if why:
            out.print(f"    known for this template: {why}", highlight=False, markup=False)


def run_plan_new(
    rt: Runtime,
    *,
    weeks: int | None = None,
    template: str | None = None,
    fill: bool = False,
    emphasis: Sequence[str] | None = None,
    avoid: Sequence[str] | None = None,
    favourite: Sequence[str] | None = None,
    start: str | None = None,
    imported: bool = False,
    fmt: TextFormat = TextFormat.text,
) -> None:
    """`spotter plan new` (see the Typer command's help for the options)."""
    from spotter.services.planning import new_plan
    from spotter.services.profile import get_profile

    first = parse_date(start, "--start", dt.date.today())
    with user_errors():
        profile = get_profile(rt.quick_uow())
        plan = new_plan(
            rt.quick_uow(),
            rt.catalog,
            profile,
            start=first,
            weeks=weeks,
            template=template,
            fill=fill,
            emphasis=given(emphasis),
            avoid=given(avoid),
            favourites=given(favourite),
            imported=imported,
        )
        assert profile is not None  # new_plan refuses a missing profile
        review = plan_review(rt, plan, profile)
        roles = plan_roles(rt, plan, profile)
    names = {ex.slug: ex.name for ex in rt.catalog}
    if fmt == "json":
        from spotter.services.plan_views import new_plan_view
        from spotter.services.results import to_data

        print_json(to_data(new_plan_view(plan, review, names, roles)))
        return
    from spotter.cli.plan_output import print_review_summary, print_week

    console().print(
        f"[bold green]Plan saved:[/] {plan.name} ({plan.weeks} weeks, the last a deload)"
    )
    print_week(plan, plan.weeks - 1, names, roles)
    warn(plan)
    print_review_summary(review)
    console().print(
        "See every week with `spotter plan show --week N`; why, and a coach's review, with "
        "`spotter plan explain`."
    )
