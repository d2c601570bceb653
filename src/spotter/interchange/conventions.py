"""How the apps write loads, and the whole load Spotter stores for each row.

Spotter stores the load a set was done with, in the form its own grammar uses: the whole bar
(plates and bar) for a barbell, the plates on a plate-loaded machine, **one** dumbbell or
kettlebell for dumbbell and kettlebell exercises ("a pair of 10 kg dumbbells" is 10 kg), the
stack for a cable or selectorized machine, and a *negative* load for assistance. Exports write
some loads otherwise; these rules turn each row's number into that load. The rule applied to
each exercise name is shown in the import report.

**Assisted.** A name with the word "assisted" or "assistance" (Hevy's and Strong's
"Chin Up (Assisted)"), or a name mapped to an assisted exercise, records the help of the
machine or band: the load is stored negative (bodyweight minus the help) and marked as a
bodyweight set. A 0 stays 0; an empty weight stays bodyweight alone.

**Per side.** A name that says "each side" or "per side" (FitNotes users write
"Squat (Each Side)") gives the load on *one side*. The whole load depends on the equipment,
read from the name's equipment words, else from the exercise the name is mapped to:

=====================================  ==============================  =========================
Equipment                              Whole load                      Why
=====================================  ==============================  =========================
barbell (also "with bar")              2 x side + bar (20 kg, or       plates on both sides of a
                                       45 lb when the row is in lb)    standard bar
Smith machine                          2 x side                        the bar's own weight
                                                                       varies (often
                                                                       counterbalanced); plates
                                                                       only
plate-loaded machine ("machine")       2 x side                        two loaded arms or pegs
dumbbell, kettlebell                   1 x side (kept)                 one implement per side is
                                                                       Spotter's dumbbell load
cable, band                            1 x side (kept)                 a stack has no sides: the
                                                                       number is one arm's pull
no equipment stated or known           2 x side                        "each side" means two
                                                                       equal loaded sides
=====================================  ==============================  =========================

"Each arm", "each hand" and "each leg" say the number belongs to one limb: kept as entered (a
dumbbell per hand, reps per leg). Fitbod's ``multiplier`` column (2 for dumbbell pairs, 4 for
dumbbell lunges) is not applied: its Weight column is already one implement.

>>> rule_for("Barbell Squat (Each Side)").apply(60.0, "kg")
140.0
>>> rule_for("Overhead Press (Each Side, Dumbbells)").apply(12.0, "kg")
12.0
>>> rule_for("Chin Up (Assisted)").apply(31.75, "kg")
-31.75
>>> print(rule_for("Seated Calf Raise Machine (Each Side)").text)
per side on a plate-loaded machine: whole load = 2 x side
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from spotter.knowledge.catalog import normalise
from spotter.knowledge.matching import equipment_kinds
from spotter.science.units import KG_PER_LB, Unit

#: The bar added to a per-side barbell load: 20 kg, or 45 lb for rows entered in pounds.
BAR_KG: Final[float] = 20.0
BAR_LB_IN_KG: Final[float] = 45 * KG_PER_LB

_PER_SIDE = re.compile(r"\b(?:each|per|a|one)\s+side\b|/\s*side\b")
_PER_LIMB = re.compile(r"\b(?:each|per)\s+(?:arm|hand|leg|limb)\b")
_ASSISTED = re.compile(r"\bassist(?:ed|ance)?\b")
# "with bar", "(bar)": a barbell; V-bar, T-bar, EZ bar, trap bar, straight bar are other kit
_BAR = re.compile(r"(?<![-\w])(?<!v )(?<!t )(?<!ez )(?<!trap )(?<!straight )(?<!hex )bar\b")


@dataclass(frozen=True, slots=True)
class LoadRule:
    """How one exercise name's numbers become whole loads.

    ``key`` is one of ``as-entered``, ``assisted``, ``per-side-bar``, ``per-side-double``,
    ``per-side-kept``; ``text`` says it for people.
    """

    key: str
    text: str

    @property
    def assisted(self) -> bool:
        return self.key == "assisted"

    def apply(self, load_kg: float | None, unit: Unit | None) -> float | None:
        """The whole load in kg for a row's load in kg (``unit`` is the row's entered unit)."""
        if load_kg is None:
            return None
        if self.key == "assisted":
            return -abs(load_kg)
        if self.key == "per-side-bar":
            return 2 * load_kg + (BAR_LB_IN_KG if unit == Unit.LB else BAR_KG)
        if self.key == "per-side-double":
            return 2 * load_kg
        return load_kg

    def entered(self, load_kg: float | None, unit: Unit | None) -> float | None:
        """The row's load in kg back from a whole load this rule gave (to apply another rule
        when a name is mapped later).

        >>> rule = rule_for("Barbell Squat (Each Side)")
        >>> rule.entered(rule.apply(60.0, Unit.KG), Unit.KG)
        60.0
        """
        if load_kg is None:
            return None
        if self.key == "assisted":
            return abs(load_kg)
        if self.key == "per-side-bar":
            return (load_kg - (BAR_LB_IN_KG if unit == Unit.LB else BAR_KG)) / 2
        if self.key == "per-side-double":
            return load_kg / 2
        return load_kg


AS_ENTERED: Final = LoadRule("as-entered", "as entered")
ASSISTED: Final = LoadRule(
    "assisted", "assisted: the weight is the help, stored as a negative load"
)


def is_assisted(name: str, slug: str | None = None) -> bool:
    """True for a name (or mapped exercise) that records assistance.

    >>> is_assisted("Pull Up (Assisted)"), is_assisted("Chin Up"), is_assisted("x", "assisted-dip")
    (True, False, True)
    """
    return bool(_ASSISTED.search(normalise(name))) or (slug is not None and "assisted" in slug)


def is_per_side(name: str) -> bool:
    """True when the name says its load is on one side.

    >>> is_per_side("Squat (Each Side)"), is_per_side("Curl (each arm)"), is_per_side("Side Plank")
    (True, False, False)
    """
    text = normalise(name)
    return bool(_PER_SIDE.search(text)) and not _PER_LIMB.search(text)


def rule_for(
    name: str, *, slug: str | None = None, exercise_kinds: Collection[str] = ()
) -> LoadRule:
    """The rule for an exercise name; ``slug`` and ``exercise_kinds`` describe the exercise the
    name is confirmed to be (its equipment kinds, see
    :func:`spotter.knowledge.matching.kinds_of`), used when the name states no equipment.

    >>> rule_for("Bench Press (With Bar, Each Side)").key
    'per-side-bar'
    >>> rule_for("Walking Lunges (Each Side)", exercise_kinds={"dumbbell"}).key
    'per-side-kept'
    >>> rule_for("Incline Chest Press (Each Side)").text
    'per side, equipment not stated: whole load = 2 x side'
    """
    if is_assisted(name, slug):
        return ASSISTED
    if not is_per_side(name):
        return AS_ENTERED
    kinds = set(equipment_kinds(name))
    if not kinds and _BAR.search(normalise(name)):
        kinds.add("barbell")
    if not kinds:
        kinds = set(exercise_kinds)
    for kind in ("smith", "barbell", "dumbbell", "kettlebell", "cable", "band", "machine"):
        if kind in kinds:
            return _PER_SIDE_RULES[kind]
    if "bodyweight" in kinds:
        return LoadRule("per-side-kept", "per side on a bodyweight exercise: kept as entered")
    return LoadRule("per-side-double", "per side, equipment not stated: whole load = 2 x side")


_PER_SIDE_RULES: Final[dict[str, LoadRule]] = {
    "smith": LoadRule(
        "per-side-double", "per side on a Smith machine: whole load = 2 x side (bar not counted)"
    ),
    "barbell": LoadRule(
        "per-side-bar", "per side on a barbell: whole load = 2 x side + 20 kg bar (45 lb in lb)"
    ),
    "dumbbell": LoadRule("per-side-kept", "per side with dumbbells: one dumbbell, kept as entered"),
    "kettlebell": LoadRule(
        "per-side-kept", "per side with kettlebells: one kettlebell, kept as entered"
    ),
    "cable": LoadRule("per-side-kept", "per side on a cable: one arm's stack, kept as entered"),
    "band": LoadRule("per-side-kept", "per side with a band: kept as entered"),
    "machine": LoadRule(
        "per-side-double", "per side on a plate-loaded machine: whole load = 2 x side"
    ),
}
