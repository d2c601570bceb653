"""Lint rule across entries: variants of one movement on other kit agree on primary muscles.

A barbell, dumbbell, Smith machine, machine, cable or band version of one movement trains the
same prime movers; if the siblings list different primary muscles, a muscle's weekly volume
depends on which variant the planner happened to pick. (Emphasis belongs in ``variations``,
not in a sibling's primary list.)

**Siblings** are entries with the same movement pattern and unilateral flag whose slugs name the
same movement once the kit is taken out (:func:`movement_name`): the words of
:data:`KIT_WORDS` are dropped, and a few names that mean one movement are merged
(:data:`SAME_MOVEMENT`: a machine, cable or band "chest press" is the bench press on other kit).
A trap bar is not kit-only: its deadlift puts the load between the feet and is a different
movement from a kettlebell deadlift, so "trap" stays in the name.

* ``siblings``: an entry's primary muscles (as a set) differ from those most of its siblings
  list; the finding names each sibling and its muscles.

>>> movement_name("smith-machine-bench-press"), movement_name("machine-chest-press")
('bench-press', 'bench-press')
>>> movement_name("trap-bar-deadlift"), movement_name("kettlebell-deadlift")
('trap-deadlift', 'deadlift')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Final

from spotter.knowledge.model import Exercise

#: Words of a slug that name the kit, not the movement.
KIT_WORDS: Final[frozenset[str]] = frozenset(
    {
        "barbell",
        "dumbbell",
        "dumbbells",
        "smith",
        "machine",
        "cable",
        "band",
        "banded",
        "kettlebell",
        "ez",
        "bar",
        "plate",
        "loaded",
        "lever",
    }
)
#: Movement names that mean one movement.
SAME_MOVEMENT: Final[dict[str, str]] = {
    "chest-press": "bench-press",
    "incline-press": "incline-bench-press",
}


def movement_name(slug: str) -> str:
    """The movement a slug names, without its kit (module docstring)."""
    name = "-".join(w for w in slug.split("-") if w not in KIT_WORDS)
    return SAME_MOVEMENT.get(name, name)


def sibling_groups(exercises: Iterable[Exercise]) -> list[list[Exercise]]:
    """Groups of two or more siblings, each sorted by slug."""
    groups: dict[tuple[str, str, bool], list[Exercise]] = defaultdict(list)
    for ex in exercises:
        f = ex.facts
        groups[(movement_name(ex.slug), f.pattern, f.unilateral)].append(ex)
    return [sorted(g, key=lambda e: e.slug) for g in groups.values() if len(g) > 1]


def check_siblings(exercises: Iterable[Exercise]) -> list[tuple[Exercise, str]]:
    """``(entry, message)`` for every entry whose primary muscles differ from the set most of
    its siblings list (ties: the set of the first sibling by slug among the most common)."""
    out = []
    for group in sibling_groups(exercises):
        sets = [frozenset(e.facts.primary) for e in group]
        counts = Counter(sets)
        top = max(counts.values())
        usual = next(s for s in sets if counts[s] == top)
        for ex, muscles in zip(group, sets, strict=True):
            if muscles == usual:
                continue
            others = "; ".join(
                f"{o.slug}: {', '.join(o.facts.primary)}" for o in group if o is not ex
            )
            out.append(
                (
                    ex,
                    f"primary [{', '.join(ex.facts.primary)}] differs from its variants on "
                    f"other kit ({others}); siblings should share their prime movers "
                    "(move an emphasis to secondary or to variations)",
                )
            )
    return out
