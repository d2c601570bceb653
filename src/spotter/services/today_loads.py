"""Loads and equipment for `spotter today`: how a load is made (plates per side, a dumbbell
pair, a stack pin), a progression rule's steps in the lifter's unit and kit, a starting load
from another rep scheme's e1RM, and what to say when there is no load to give (a calibration
step, a timed hold, bodyweight work).

* Load steps are the rule's kilograms; for pound users the usual pound equivalent (2.5 kg as
  5 lb, 5 kg as 10 lb, 1.25 kg as 2.5 lb; SCIENCE.md section 5: "2.5 kg (5 lb)"), and never
  less than the smallest step of the equipment (a 5 kg pin, a 2 kg dumbbell), so a step never
  rounds away. The 5/3/1 training-max step converts the same way (Wendler's own pound steps:
  +5 lb for bench and press, +10 lb for squat and deadlift).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spotter.knowledge.model import Exercise
from spotter.planning.model.program import Slot
from spotter.science.loading import CableStack, DumbbellRack, Equipment
from spotter.science.one_rm import estimate
from spotter.science.plates import Barbell, RoundedLoad, describe_barbell, plates_text
from spotter.science.prescription import Formatter
from spotter.science.records import ExerciseSession
from spotter.science.rpe import load_for, pct
from spotter.science.rules import (
    Rule,
)
from spotter.science.units import Unit, format_load, to_kg
from spotter.services.rule_kinds import kind_of
from spotter.services.training import increment_kg

#: The calibration set: the slot's lowest reps, at least 3 (not a max single) and at most 10
#: (SCIENCE.md section 1: e1RM estimates lose accuracy from about 10 reps), at RPE 8.
CALIBRATION_MIN_REPS: int = 3
CALIBRATION_MAX_REPS: int = 10

LoadingKind = Literal["barbell", "plate-loaded", "dumbbell", "kettlebell", "stack"]


@dataclass(frozen=True, slots=True)
class Loading:
    """How to make a load with the equipment: ``text`` for people, the parts for programs."""

    kind: LoadingKind
    load_kg: float
    load: float
    unit: Unit
    text: str
    bar: float | None = None
    plates_per_side: tuple[float, ...] = ()
    pin: int | None = None
    exact: bool = True


def rule_name(rule: Rule) -> str:
    """The rule as people call it (from the rule registry)."""
    return kind_of(rule).name


# -- equipment ---------------------------------------------------------------------------------


def loading_of(ex: Exercise, rounded: RoundedLoad, kit: Equipment | None) -> Loading | None:
    """How to make ``rounded`` with ``kit`` (None without equipment to load)."""
    base = (rounded.load_kg, rounded.load, rounded.unit)
    if isinstance(kit, Barbell):
        bar = kit.bar.weight_in(kit.plates.unit)
        if ex.facts.load_type == "plate-loaded-machine":
            text = f"{plates_text(rounded.plates_per_side)} per side"
            return Loading(
                "plate-loaded",
                *base,
                text,
                None,
                rounded.plates_per_side,
                exact=rounded.exact,
            )
        text = describe_barbell(rounded, kit.bar).split(": ", 1)[1]
        return Loading("barbell", *base, text, bar, rounded.plates_per_side, exact=rounded.exact)
    if isinstance(kit, DumbbellRack):
        kind: LoadingKind = "kettlebell" if ex.facts.load_type == "kettlebell" else "dumbbell"
        one = format_load(rounded.load, rounded.unit)
        text = f"one {one} {kind}" if ex.facts.unilateral else f"a pair of {one} {kind}s"
        return Loading(kind, *base, text, exact=rounded.exact)
    if isinstance(kit, CableStack):
        stack = rounded.load * kit.ratio
        first = kit.increment if kit.first is None else kit.first
        pin = round((stack - first) / kit.increment) + 1
        text = f"pin {pin}"
        if kit.ratio != 1:
            text += f" ({format_load(stack, rounded.unit)} on the stack at {kit.ratio}:1)"
        return Loading("stack", *base, text, pin=pin, exact=rounded.exact)
    return None


def step_kg(rule_kg: float, ex: Exercise, unit: Unit) -> float:
    """The rule's step in the user's unit, at least the equipment's smallest step."""
    wanted = to_kg(rule_kg * 2, Unit.LB) if unit == "lb" else rule_kg
    return max(wanted, increment_kg(ex, unit))


def unit_rule(rule: Rule, ex: Exercise, unit: Unit) -> Rule:
    """``rule`` with its steps in the user's unit and at least the equipment's smallest step."""
    stepped: Rule = kind_of(rule).in_unit(
        rule, lambda kg: step_kg(kg, ex, unit), unit
    )
    return stepped


def calibration_text(ex: Exercise, slot: Slot, unit: Unit) -> str:
    reps = min(max(slot.rep_low, CALIBRATION_MIN_REPS), CALIBRATION_MAX_REPS)
    return (
        f"No {ex.name} logged yet: warm up, then work up to a set of {reps} at RPE 8 (about 2 "
        f'reps in reserve, good form). Log it (spotter log "{ex.slug} LOAD{unit} 1x{reps} @8"); '
        f"`spotter calibrate {ex.slug} --load LOAD{unit} --reps {reps} --rpe 8` gives the "
        "working loads, and the next `spotter today` takes over."
    )


def no_load_reason(ex: Exercise, slot: Slot) -> str:
    lo, hi = slot.rep_low, slot.rep_high
    measure = ex.facts.measure
    if measure == "seconds":
        return f"Hold {lo}-{hi} s each set; once every set reaches {hi} s, add load or time."
    if measure == "meters":
        return f"Cover {lo}-{hi} m each set; once every set reaches {hi} m, add load."
    what = "band" if ex.facts.load_type == "band" else "bodyweight"
    return (
        f"{what.capitalize()}: {lo}-{hi} reps each set; once every set reaches {hi}, "
        f"{'use a stronger band' if what == 'band' else 'add load (belt or vest)'} "
        "or a harder variation."
    )


def rebase(
    last: ExerciseSession,
    target_reps: int,
    rir: int,
    rounding: Callable[[float], float],
    fmt: Formatter,
) -> tuple[float, str] | None:
    """A load from the e1RM of ``last``'s top set: the RTS chart's load for ``target_reps``
    (at most 12) at RPE ``10 - rir`` (6-10), rounded to the kit."""
    top = last.top_sets[0]
    try:
        est = estimate(top.load_kg, top.reps, top.rpe)
    except ValueError:
        return None
    reps = max(1, min(target_reps, 12))
    rpe = float(min(10, max(6, 10 - rir)))
    load = rounding(load_for(est.one_rm, reps, rpe))
    if load <= 0:
        return None
    rpe_text = f" @{top.rpe:g}" if top.rpe is not None else ""
    return load, (
        f"Last session {fmt(top.load_kg)} × {top.reps}{rpe_text} was another rep scheme: "
        f"e1RM {fmt(round(est.one_rm, 1))}; {reps} reps at RPE {rpe:g} is "
        f"{pct(reps, rpe) * 100:.1f} % → {fmt(load)}."
    )


#: The RTS chart's share of the e1RM that a 5-rep max is (5 reps at RPE 10, SCIENCE.md 2).
FIVE_RM_SHARE: float = pct(5, 10.0)


def gzclp_t1_start(
    last: ExerciseSession,
    restart_pct: float,
    rounding: Callable[[float], float],
    fmt: Formatter,
) -> tuple[float, str] | None:
    """GZCLP's first tier-1 load from a test set: ``restart_pct`` (85 %) of the 5RM, the rule
    the routine gives for starting T1 again after a 5RM test; the 5RM is the test set's e1RM x
    the RTS chart's 5 reps at RPE 10 (86.3 %)."""
    top = last.top_sets[0]
    try:
        est = estimate(top.load_kg, top.reps, top.rpe)
    except ValueError:
        return None
    five = est.one_rm * FIVE_RM_SHARE
    load = rounding(five * restart_pct)
    if load <= 0:
        return None
    rpe_text = f" @{top.rpe:g}" if top.rpe is not None else ""
    return load, (
        f"Test set {fmt(top.load_kg)} × {top.reps}{rpe_text}: e1RM {fmt(round(est.one_rm, 1))}, "
        f"5RM about {fmt(round(five, 1))}; T1 starts at {restart_pct * 100:g} % of it "
        f"→ {fmt(load)}."
    )
