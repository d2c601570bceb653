"""An exercise as a page: plain data for JSON and Markdown text, in the seed page's sections.

Sections, in order: description, muscles, equipment, instructions (setup, then execution with
the breathing cue of each phase), tempo, tips and tricks, common mistakes, variations, research,
alternatives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spotter.knowledge.catalog import Alternative
from spotter.knowledge.model import Exercise
from spotter.knowledge.vocab import EQUIPMENT, MUSCLES, PATTERNS, STAPLE_MAX

#: A catalog role in the words of a page.
ROLE_WORDS = {
    "main": "main-lift candidate",
    "secondary": "secondary compound",
    "accessory": "accessory",
    "trunk": "trunk work",
    "carry": "loaded carry",
    "drill": "drill (not planned)",
}

PHASE_LABEL = {
    "setup": "Setup",
    "concentric": "Lift",
    "pause": "Pause",
    "eccentric": "Return",
    "hold": "Hold",
    "finish": "Finish",
}
_BY_PATTERN: dict[str, tuple[str, str]] = {
    "vertical-pull": ("Pull", "Return"),
    "horizontal-pull": ("Pull", "Return"),
    "vertical-push": ("Press", "Lower"),
    "horizontal-push": ("Press", "Lower"),
    "squat": ("Stand up", "Descend"),
    "lunge": ("Drive up", "Descend"),
    "hinge": ("Drive up", "Lower"),
}


def phase_label(phase: str, pattern: str) -> str:
    """A step's phase in plain words for this movement pattern.

    >>> phase_label("concentric", "vertical-pull"), phase_label("eccentric", "vertical-pull")
    ('Pull', 'Return')
    >>> phase_label("eccentric", "squat"), phase_label("concentric", "elbow-flexion")
    ('Descend', 'Lift')
    """
    lift, lower = _BY_PATTERN.get(pattern, ("Lift", "Lower"))
    if phase == "concentric":
        return lift
    if phase == "eccentric":
        return lower
    return PHASE_LABEL.get(phase, phase)


def equipment_label(key: str) -> str:
    return EQUIPMENT[key].label if key in EQUIPMENT else key


def muscle_label(key: str) -> str:
    return MUSCLES[key].label if key in MUSCLES else key


def to_dict(ex: Exercise, alternatives: Sequence[Alternative] = ()) -> dict[str, Any]:
    """Everything on the page as JSON-ready data."""
    f = ex.facts
    return {
        "slug": ex.slug,
        "name": ex.name,
        "aliases": list(ex.text.aliases),
        "description": ex.text.description,
        "mechanic": f.mechanic,
        "force": f.force,
        "pattern": f.pattern,
        "primary_muscles": list(f.primary),
        "secondary_muscles": list(f.secondary),
        "equipment": list(f.equipment),
        "load_type": f.load_type,
        "level": f.level,
        "unilateral": f.unilateral,
        "position": f.position,
        "grip": {"type": f.grip_type, "width": f.grip_width},
        "tempo": str(f.tempo),
        "measure": f.measure,
        "rep_range": list(f.rep_range),
        "role": f.role,
        "staple": f.staple,
        "steps": [
            {"id": s.id, "phase": s.phase, "text": s.text, "breathing": s.breathing}
            for s in ex.steps
        ],
        "cues": list(ex.text.cues),
        "faults": [
            {
                "id": x.id,
                "name": x.name,
                "looks_like": x.looks_like,
                "fix": x.fix,
                "visible": x.visible,
                "metric": x.metric,
                "threshold": x.threshold,
            }
            for x in ex.faults
        ],
        "tips": [{"id": t.id, "topic": t.topic, "text": t.text} for t in ex.tips],
        "variations": [
            {
                "id": v.id,
                "kind": v.kind,
                "value": v.value,
                "name": v.name,
                "note": v.note,
                "emphasis": list(v.emphasis),
            }
            for v in ex.variations
        ],
        "benefits": list(ex.text.benefits),
        "research": [
            {"id": r.id, "citation": r.citation, "finding": r.finding, "variation": r.variation}
            for r in ex.research
        ],
        "alternatives": [
            {"slug": a.exercise.slug, "name": a.exercise.name, "score": a.score}
            for a in alternatives
        ],
        "source": f.source,
        "license": f.license,
        "author": f.author,
    }


def to_markdown(ex: Exercise, alternatives: Sequence[Alternative] = ()) -> str:
    """The page as Markdown."""
    f = ex.facts
    lines = [f"# {ex.name}", ""]
    if ex.text.aliases:
        lines += [f"*Also known as: {', '.join(ex.text.aliases)}*", ""]
    lines += [ex.text.description, ""]
    lines += [
        "## Muscles",
        "",
        f"- **Primary:** {', '.join(muscle_label(m) for m in f.primary)}",
    ]
    if f.secondary:
        lines.append(f"- **Secondary:** {', '.join(muscle_label(m) for m in f.secondary)}")
    lines += ["", "## Equipment", ""]
    lines += [f"- {equipment_label(e)}" for e in f.equipment] or ["- None (bodyweight)"]
    pattern = PATTERNS[f.pattern].label if f.pattern in PATTERNS else f.pattern
    lines += [
        "",
        f"{f.mechanic.capitalize()} · {f.force} · {pattern} · {f.level}"
        + (" · one side at a time" if f.unilateral else "")
        + f" · {ROLE_WORDS.get(f.role, f.role)} · staple {f.staple}/{STAPLE_MAX}",
        "",
        "## Instructions",
        "",
    ]
    if ex.setup_steps:
        lines += ["### Setup", ""]
        lines += [f"{i}. {s.text}" for i, s in enumerate(ex.setup_steps, 1)]
        lines.append("")
    lines += ["### Execution", ""]
    for i, s in enumerate(ex.execution_steps, 1):
        breath = f" *Breathing: {s.breathing}*" if s.breathing else ""
        lines.append(f"{i}. **{phase_label(s.phase, f.pattern)}.** {s.text}{breath}")
    t = f.tempo
    lines += [
        "",
        "## Tempo",
        "",
        f"{t} (seconds: {t.eccentric:g} eccentric, {t.pause_after_eccentric:g} pause, "
        f"{t.concentric:g} concentric, {t.pause_after_concentric:g} pause); "
        f"usual range {f.rep_range[0]}-{f.rep_range[1]} {f.measure}.",
        "",
        "## Cues",
        "",
    ]
    lines += [f"- {c}" for c in ex.text.cues]
    lines += ["", "## Tips and tricks", ""]
    lines += [f"- **{tip.topic.capitalize()}:** {tip.text}" for tip in ex.tips]
    lines += ["", "## Common mistakes", ""]
    for fault in ex.faults:
        lines.append(f"- **{fault.name}.** {fault.looks_like} *Fix:* {fault.fix}")
    if ex.variations:
        lines += ["", "## Variations", ""]
        lines += [f"- **{v.name}** ({v.kind}: {v.value}). {v.note}" for v in ex.variations]
    if ex.text.benefits:
        lines += ["", "## Benefits", ""]
        lines += [f"- {b}" for b in ex.text.benefits]
    if ex.research:
        lines += ["", "## Research", ""]
        lines += [f"- {r.finding} ({r.citation})" for r in ex.research]
    if alternatives:
        lines += ["", "## Alternatives", ""]
        lines += [f"- {a.exercise.name} (`{a.exercise.slug}`)" for a in alternatives]
    return "\n".join(lines) + "\n"
