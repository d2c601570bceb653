"""Custom exercises defined with a few facts (name, muscles, equipment, load type), no file.

They live in the database per owner (see ``store.custom_repo``) and join the catalog like any
entry, so every lookup finds them. What a flag-made entry does not say is filled with neutral
defaults: 8-12 reps, a 2-0-2-0 tempo, standing, intermediate, a force and pattern guessed from the
name (pull for rows, curls and pull-downs, push for presses and raises, static otherwise).

>>> c = CustomExercise.new("Landmine Row", primary=("lats",), equipment=("barbell",),
...                        load_type="barbell")
>>> c.slug, to_exercise(c).facts.force, to_exercise(c).facts.source
('landmine-row', 'pull', 'user')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spotter.errors import SpotterError
from spotter.knowledge.catalog import UnknownTermError, resolve_equipment, resolve_muscle
from spotter.knowledge.model import Exercise, ExerciseFacts, ExerciseText, Tempo
from spotter.knowledge.vocab import LOAD_TYPES, MEASURES, MECHANICS


class CustomExerciseError(SpotterError, ValueError):
    """A custom exercise that cannot be defined as given; nothing was saved."""


def slugify(name: str) -> str:
    """The slug of a name: lowercase words joined by hyphens.

    >>> slugify("  Landmine Row (one arm) ")
    'landmine-row-one-arm'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class CustomExercise:
    """A lifter's own exercise, as stored."""

    slug: str
    name: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    load_type: str = "bodyweight"
    measure: str = "reps"
    mechanic: str = "compound"
    aliases: tuple[str, ...] = ()
    uuid: str | None = None

    @classmethod
    def new(
        cls,
        name: str,
        *,
        primary: tuple[str, ...],
        secondary: tuple[str, ...] = (),
        equipment: tuple[str, ...] = (),
        load_type: str = "bodyweight",
        measure: str = "reps",
        mechanic: str = "compound",
        aliases: tuple[str, ...] = (),
        slug: str | None = None,
        uuid: str | None = None,
    ) -> CustomExercise:
        """Check every fact against the vocabulary; muscles and equipment may be labels or
        synonyms ("latissimus dorsi", "cable"). Raises :class:`CustomExerciseError`."""
        name = " ".join(name.split())
        if not name or len(name) > 120:
            raise CustomExerciseError("the name must be 1 to 120 characters")
        the_slug = slugify(slug or name)
        if not the_slug:
            raise CustomExerciseError(f"name {name!r} has no letters or digits to make a slug")
        if not primary:
            raise CustomExerciseError("give at least one primary muscle (--primary)")
        try:
            prim = tuple(dict.fromkeys(resolve_muscle(m) for m in primary))
            sec = tuple(dict.fromkeys(resolve_muscle(m) for m in secondary if m))
            kit = tuple(sorted(resolve_equipment(equipment))) if equipment else ()
        except UnknownTermError as exc:
            raise CustomExerciseError(str(exc)) from exc
        for value, known, what in (
            (load_type, LOAD_TYPES, "load type"),
            (measure, MEASURES, "measure"),
            (mechanic, MECHANICS, "mechanic"),
        ):
            if value not in known:
                raise CustomExerciseError(f"unknown {what} {value!r}; expected one of {', '.join(known)}")
        return cls(
            the_slug,
            name,
            prim,
            tuple(m for m in sec if m not in prim),
            kit,
            load_type,
            measure,
            mechanic,
            tuple(a.strip() for a in aliases if a.strip()),
            uuid,
        )


def _force_and_pattern(name: str, measure: str) -> tuple[str, str]:
    low = name.lower()
    if measure != "reps":
        return "static", "anti-extension"
    if re.search(r"pull[- ]?(down|up)|chin", low):
        return "pull", "vertical-pull"
    if re.search(r"\b(row|pull|curl|shrug|fly|face)", low):
        return "pull", "horizontal-pull"
    if re.search(r"\b(overhead|shoulder) press|\bpress\b.*overhead", low):
        return "push", "vertical-push"
    if re.search(r"\b(push|press|dip|raise|extension|kickback)", low):
        return "push", "horizontal-push"
    return "static", "anti-extension"


def to_exercise(c: CustomExercise) -> Exercise:
    """The catalog entry of a custom exercise (source "user")."""
    force, pattern = _force_and_pattern(c.name, c.measure)
    facts = ExerciseFacts(
        slug=c.slug,
        mechanic=c.mechanic,
        force=force,
        pattern=pattern,
        primary=c.primary,
        secondary=c.secondary,
        equipment=c.equipment,
        load_type=c.load_type,
        level="intermediate",
        unilateral=False,
        position="standing",
        tempo=Tempo(2, 0, 2, 0),
        rep_range=(8, 12) if c.measure == "reps" else (1, 5),
        motion_family="generic",
        measure=c.measure,
        source="user",
    )
    text = ExerciseText(
        language="en",
        name=c.name,
        aliases=c.aliases,
        description=f"{c.name}: your own exercise.",
        steps={},
        cues=(),
        faults={},
        tips={},
        variations={},
        benefits=(),
    )
    return Exercise(facts, text)
