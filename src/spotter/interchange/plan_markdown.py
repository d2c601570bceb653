"""A plan as Markdown: a heading per week, a table per session with dates.

Each session is a heading ("Mon 2026-11-30 — Upper A", "(deload)" in the deload week) and a
table of its exercises in order: name, sets, reps, RIR, rest and the progression rule. Given a
:class:`~spotter.planning.model.review.PlanReview`, a last section lists each item of the plan
rubric with its result and reason. Pipes in names are escaped so the table stays a table.

>>> md_cell("Bench | close grip")
'Bench \\\\| close grip'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import groupby

from spotter.planning.model.progression import RULES
from spotter.planning.model.review import PlanReview
from spotter.planning.model.stored import StoredPlan

_RESULT = {"passed": "passed", "failed": "**failed**", "not-applicable": "n/a"}
#: How the table names an exercise's role in the week.
ROLE_WORDS = {
    "main": "main lift",
    "secondary": "compound",
    "accessory": "accessory",
    "trunk": "trunk",
    "carry": "carry",
}


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def plan_to_markdown(
    plan: StoredPlan,
    names: Mapping[str, str],
    review: PlanReview | None = None,
    roles: Mapping[str, str] | None = None,
) -> str:
    """The plan as Markdown text; ``names`` maps exercise slugs to display names, ``roles`` to
    their role in the week (a Role column when given)."""
    lines = [f"# {md_cell(plan.name)}", ""]
    end = plan.end_date - dt.timedelta(days=1)
    source = ""
    if plan.template:
        source = f"; template `{plan.template}`" + (", filled by the planner" if plan.fill else "")
    lines.append(
        f"{plan.weeks} weeks, {plan.start_date.isoformat()} to {end.isoformat()}{source}. "
        "The last week is a deload."
    )
    if plan.emphasis:
        lines.append(f"Emphasis: {', '.join(plan.emphasis)}.")
    if plan.avoid:
        lines.append(f"Avoiding: {', '.join(plan.avoid)}.")
    lines.append("")
    for week, sessions in groupby(plan.sessions(), key=lambda p: p.week):
        items = list(sessions)
        deload = " (deload)" if items[0].deload else ""
        lines += [f"## Week {week}{deload}", ""]
        for p in items:
            lines += [
                f"### {p.date.strftime('%a')} {p.date.isoformat()} — {md_cell(p.name)}",
                "",
                "| Exercise |" + (" Role |" if roles else "") + " Sets | Reps | RIR | Rest | Progression |",
                "|---|" + ("---|" if roles else "") + "---:|---:|---:|---:|---|",
            ]
            for s in p.session.slots:
                reps = str(s.rep_low) if s.rep_low == s.rep_high else f"{s.rep_low}-{s.rep_high}"
                rule = s.rule if s.rule in RULES else "auto"
                role = f" {ROLE_WORDS.get(roles.get(s.exercise, ''), '')} |" if roles else ""
                lines.append(
                    f"| {md_cell(names.get(s.exercise, s.exercise))} |{role} {s.sets} | {reps} | "
                    f"{s.rir} | {s.rest_seconds} s | {rule} |"
                )
            lines.append("")
    if review is not None:
        lines += review_markdown(review)
    return "\n".join(lines)


def review_markdown(review: PlanReview) -> list[str]:
    """The coach's review as a Markdown section (lines)."""
    verdict = (
        "passes every item that applies"
        if review.ok
        else f"fails {len(review.failed)} item(s)"
    )
    lines = [
        f"## Coach's review (peak week): {verdict}",
        "",
        "| # | Item | Result | Why |",
        "|---:|---|---|---|",
    ]
    for item in review.items:
        why = "; ".join(item.details) if item.status == "failed" else item.reason
        if item.cannot_hold:
            why += f". This request cannot hold it: {item.cannot_hold}"
        lines.append(
            f"| {item.number} | {md_cell(item.title)} | {_RESULT[item.status]} | {md_cell(why)} |"
        )
    lines.append("")
    return lines
