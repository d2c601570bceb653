"""Rich rendering of catalog data for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from spotter.knowledge.page import ROLE_WORDS, equipment_label, muscle_label, phase_label
from spotter.knowledge.vocab import PATTERNS, STAPLE_MAX

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from spotter.knowledge.catalog import Alternative
    from spotter.knowledge.model import Exercise


def summary_dict(ex: Exercise) -> dict[str, Any]:
    f = ex.facts
    return {
        "slug": ex.slug,
        "name": ex.name,
        "pattern": f.pattern,
        "primary_muscles": list(f.primary),
        "secondary_muscles": list(f.secondary),
        "equipment": list(f.equipment),
        "level": f.level,
        "mechanic": f.mechanic,
        "source": f.source,
    }


def list_markdown(exercises: Sequence[Exercise]) -> str:
    lines = ["| Exercise | Slug | Primary | Equipment | Level |", "|---|---|---|---|---|"]
    for ex in exercises:
        f = ex.facts
        lines.append(
            f"| {ex.name} | `{ex.slug}` | {', '.join(muscle_label(m) for m in f.primary)} | "
            f"{', '.join(equipment_label(e) for e in f.equipment) or 'bodyweight'} | {f.level} |"
        )
    return "\n".join(lines) + "\n"


def exercise_table(exercises: Sequence[Exercise], title: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("Exercise", style="bold")
    table.add_column("Slug", style="cyan")
    table.add_column("Primary")
    table.add_column("Pattern")
    table.add_column("Equipment")
    table.add_column("Level")
    for ex in exercises:
        f = ex.facts
        table.add_row(
            ex.name,
            ex.slug,
            ", ".join(muscle_label(m) for m in f.primary),
            PATTERNS[f.pattern].label if f.pattern in PATTERNS else f.pattern,
            ", ".join(equipment_label(e) for e in f.equipment) or "bodyweight",
            f.level,
        )
    return table


def alternatives_table(alts: Sequence[Alternative], title: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Exercise", style="bold")
    table.add_column("Slug", style="cyan")
    table.add_column("Shared primary")
    table.add_column("Same pattern")
    table.add_column("Equipment")
    table.add_column("Score", justify="right")
    for i, a in enumerate(alts, 1):
        table.add_row(
            str(i),
            a.exercise.name,
            a.exercise.slug,
            ", ".join(muscle_label(m) for m in a.shared_primary) or "-",
            "yes" if a.same_pattern else "no",
            ", ".join(equipment_label(e) for e in a.exercise.facts.equipment) or "bodyweight",
            f"{a.score:.2f}",
        )
    return table


def exercise_page(console: Console, ex: Exercise, alts: Sequence[Alternative]) -> None:
    """The seed page's sections, in the terminal.

    The sections are printed as one group: the same text as a print per line
    (tests/cli/test_cli_exercises.py compares the two) in about a quarter less time.
    """
    from rich.console import Group, RenderableType
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    f = ex.facts
    parts: list[RenderableType] = []
    p = parts.append
    pattern = PATTERNS[f.pattern].label if f.pattern in PATTERNS else f.pattern
    sub = f"{f.mechanic} · {f.force} · {pattern} · {f.level}" + (
        " · unilateral" if f.unilateral else ""
    )
    p(
        Panel(
            escape(ex.text.description),
            title=f"[bold]{escape(ex.name)}[/]",
            subtitle=sub,
            title_align="left",
        )
    )
    if ex.text.aliases:
        p(f"[dim]Also known as: {escape(', '.join(ex.text.aliases))}[/]")

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Primary muscles", ", ".join(muscle_label(m) for m in f.primary))
    if f.secondary:
        facts.add_row("Secondary", ", ".join(muscle_label(m) for m in f.secondary))
    facts.add_row(
        "Equipment", ", ".join(equipment_label(e) for e in f.equipment) or "none (bodyweight)"
    )
    if f.grip_type or f.grip_width:
        facts.add_row("Grip", " ".join(x for x in (f.grip_width, f.grip_type) if x))
    t = f.tempo
    facts.add_row(
        "Tempo",
        f"{t}  ({t.eccentric:g} s eccentric · {t.pause_after_eccentric:g} s pause · "
        f"{t.concentric:g} s concentric · {t.pause_after_concentric:g} s pause)",
    )
    facts.add_row("Usual range", f"{f.rep_range[0]}-{f.rep_range[1]} {f.measure}")
    facts.add_row("In a program", f"{ROLE_WORDS.get(f.role, f.role)}, staple {f.staple}/{STAPLE_MAX}")
    p(facts)

    if ex.setup_steps:
        p("\n[bold underline]Setup[/]")
        for i, s in enumerate(ex.setup_steps, 1):
            p(f" {i}. {escape(s.text)}")
    p("\n[bold underline]Execution[/]")
    for i, s in enumerate(ex.execution_steps, 1):
        p(f" {i}. [bold]{phase_label(s.phase, f.pattern)}:[/] {escape(s.text)}")
        if s.breathing:
            p(f"    [green]Breathe:[/] {escape(s.breathing)}")

    p("\n[bold underline]Cues[/]")
    for c in ex.text.cues:
        p(f" • {escape(c)}")
    p("\n[bold underline]Tips and tricks[/]")
    for tip in ex.tips:
        p(f" • [bold]{tip.topic.capitalize()}:[/] {escape(tip.text)}")
    p("\n[bold underline]Common mistakes[/]")
    for fault in ex.faults:
        cam = " [dim](camera can check)[/]" if fault.metric else ""
        p(f" • [bold]{escape(fault.name)}[/]{cam}: {escape(fault.looks_like)}")
        p(f"   [green]Fix:[/] {escape(fault.fix)}")
    if ex.variations:
        p("\n[bold underline]Variations[/]")
        for v in ex.variations:
            p(f" • [bold]{escape(v.name)}[/] ({v.kind}): {escape(v.note)}")
    if ex.text.benefits:
        p("\n[bold underline]Benefits[/]")
        for b in ex.text.benefits:
            p(f" • {escape(b)}")
    if ex.research:
        p("\n[bold underline]Research[/]")
        for r in ex.research:
            p(f" • {escape(r.finding)} [dim]({escape(r.citation)})[/]")
    if alts:
        p("\n[bold underline]Alternatives[/]")
        for a in alts:
            p(f" • {escape(a.exercise.name)} [cyan]{a.exercise.slug}[/]")
    console.print(Group(*parts))
