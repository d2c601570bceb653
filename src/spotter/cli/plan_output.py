"""What `spotter plan` prints and writes: weeks and the coach's review as tables, and export files
written whole (the JSON is :mod:`spotter.services.plan_views` through ``to_data``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spotter.cli.output import console

if TYPE_CHECKING:
    from spotter.planning.model.program import Slot
    from spotter.planning.model.review import PlanReview
    from spotter.planning.model.stored import StoredPlan


def reps(slot: Slot) -> str:
    return str(slot.rep_low) if slot.rep_low == slot.rep_high else f"{slot.rep_low}-{slot.rep_high}"


#: How a table names an exercise's role in the week.
ROLE_LABELS = {
    "main": "main lift",
    "secondary": "compound",
    "accessory": "accessory",
    "trunk": "trunk",
    "carry": "carry",
}


def print_week(
    plan: StoredPlan, week: int, names: dict[str, str], roles: dict[str, str] | None = None
) -> None:
    from rich.table import Table

    sessions = [p for p in plan.sessions() if p.week == week]
    deload = " (deload)" if sessions and sessions[0].deload else ""
    peak = " (peak week)" if week == plan.weeks - 1 else ""
    console().print(f"[bold]Week {week} of {plan.weeks}{deload}{peak}[/]")
    for p in sessions:
        t = Table(
            title=f"{p.date.strftime('%a')} {p.date.isoformat()}: {p.name}", title_justify="left"
        )
        for col, just in (
            ("Exercise", "left"),
            *((("Role", "left"),) if roles else ()),
            ("Sets", "right"),
            ("Reps", "right"),
            ("RIR", "right"),
            ("Rest", "right"),
            ("Progression", "left"),
        ):
            t.add_column(col, justify=just)
        for s in p.session.slots:
            role = (ROLE_LABELS.get(roles.get(s.exercise, ""), ""),) if roles else ()
            t.add_row(
                names.get(s.exercise, s.exercise),
                *role,
                str(s.sets),
                reps(s),
                str(s.rir),
                f"{s.rest_seconds} s",
                s.rule or "auto",
            )
        console().print(t)


def print_review(review: PlanReview) -> None:
    """Each rubric item with its result and reason; a failure's findings below it."""
    from rich.table import Table

    failed = len(review.failed)
    verdict = (
        "[green]passes every item[/]" if not failed else f"[red]fails {failed} item(s)[/]"
    )
    t = Table(title=f"Coach's review (PLAN-RUBRIC.md): {verdict}", title_justify="left")
    for col in ("#", "Item", "Result", "Why"):
        t.add_column(col, justify="right" if col == "#" else "left")
    mark = {"passed": "[green]passed[/]", "failed": "[red]failed[/]", "not-applicable": "n/a"}
    for item in review.items:
        why = item.reason
        if item.status == "failed":
            why = "; ".join(item.details)
            if item.cannot_hold:
                why += f". This request cannot hold it: {item.cannot_hold}"
        t.add_row(str(item.number), item.title, mark[item.status], escape_markup(why))
    console().print(t)


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def target_problem(target: Path) -> str | None:
    """Why a file cannot be written at ``target``, or None."""
    if target.is_dir():
        return "is a folder; give a file name inside it, e.g. " + str(target / "plan.ics")
    parent = target.parent
    if not parent.exists():
        return f"the folder {parent} does not exist; create it first"
    if not parent.is_dir():
        return f"{parent} is not a folder"
    return None


def write_whole(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``target``, then rename it into place, so an
    existing file is never left half-written."""
    import os
    import tempfile

    umask = os.umask(0)
    os.umask(umask)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def print_review_summary(review: PlanReview) -> None:
    """One line: the review passed, or which items failed (and which the request rules out)."""
    applicable = sum(i.status != "not-applicable" for i in review.items)
    if review.ok:
        console().print(
            f"Coach's review: [green]passes all {applicable} items that apply[/].", highlight=False
        )
        return
    parts = [
        f"{i.number} ({i.title.lower()}{', the request cannot hold it' if i.cannot_hold else ''})"
        for i in review.failed
    ]
    console().print(
        f"Coach's review: [red]fails item(s) {escape_markup(', '.join(parts))}[/]; "
        "the reasons with `spotter plan review`.",
        highlight=False,
    )
