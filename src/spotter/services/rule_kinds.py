"""One registry of progression rules: what the services need to know about each rule type.

A rule is a value (:mod:`spotter.science.rules`) evaluated by pure functions
(:mod:`spotter.science.progression`). Everything else a use case asks of a rule (its name, how
its steps scale to pounds, whether it follows the deload week, which sets it prescribes today,
how it starts from another scheme's e1RM) is one :class:`RuleKind` entry here, so a new rule type
is added by writing its value, its evaluator and one entry in :data:`KINDS`; no ``isinstance``
chain elsewhere needs to learn about it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from spotter.planning.model.program import Slot
from spotter.science.rules import (
    BoringButBig,
    DoubleProgression,
    GzclpT1,
    GzclpT2,
    GzclpT3,
    LinearProgression,
    RpeProgression,
    Rule,
    Wave531,
)
from spotter.science.units import Unit, to_kg

#: How a rule's next session is found: from the lift's 5/3/1 waves and a training max
#: (``wave``), by the rule's own evaluation of the sessions of this scheme (``history``), or by
#: the rule alone on every session, RPE-style (``rpe``).
Source = Literal["wave", "history", "rpe"]

#: A rule's steps in the user's unit: (rule, step in kg for kilograms) -> step in kg.
Stepper = Callable[[float], float]


@dataclass(frozen=True, slots=True)
class RuleKind:
    """What the services need to know about one rule type.

    ``name``: as people call it. ``source``: see :data:`Source`. ``deloads``: the plan's deload
    week lowers its load (and a session is judged by the rule planned on its day).
    ``own_sets``: today's sets are the rule's own (its stage decides how many). ``staged``:
    after a start from another scheme's e1RM, the rule evaluates from that load (GZCLP).
    ``shows_range``: the reps are shown as the slot's range. ``restart_pct``: the start from
    another scheme re-derives the load from the 1RM at this percentage (GZCLP T1; None: no).
    ``straight_reps``, ``start_reps`` and ``min_reps``: the reps of straight sets, the reps a
    start from another scheme aims at, the bottom of a range (None: none). ``target_rpe``: the effort to stop at.
    ``in_unit``: the rule with its steps in the user's unit.
    """

    name: str
    source: Source
    deloads: bool
    own_sets: bool
    staged: bool
    shows_range: bool
    restart_pct: Callable[[Any], float] | None
    straight_reps: Callable[[Any, Slot], int]
    start_reps: Callable[[Any, Slot], int]
    min_reps: Callable[[Any, Slot], int | None]
    target_rpe: Callable[[Any, Slot], float]
    in_unit: Callable[[Any, Stepper, Unit], Any]


def _top(_rule: Any, slot: Slot) -> int:
    return slot.rep_high


def _bottom(_rule: Any, slot: Slot) -> int:
    return slot.rep_low


def _own_reps(rule: Any, _slot: Slot) -> int:
    return int(rule.reps)


def _no_min(_rule: Any, _slot: Slot) -> int | None:
    return None


def _from_rir(_rule: Any, slot: Slot) -> float:
    return float(10 - slot.rir)


def _same(rule: Any, _step: Stepper, _unit: Unit) -> Any:
    return rule


def _increment(rule: Any, step: Stepper, _unit: Unit) -> Any:
    return replace(rule, increment_kg=step(rule.increment_kg))


def _increment_and_reset(rule: Any, step: Stepper, _unit: Unit) -> Any:
    return replace(
        rule,
        increment_kg=step(rule.increment_kg),
        reset_increment_kg=step(rule.reset_increment_kg),
    )


def _training_max_step(rule: Any, _step: Stepper, unit: Unit) -> Any:
    if unit is Unit.LB:  # 5 lb where the kilogram rule says 2.5 kg
        return replace(rule, tm_increment_kg=to_kg(rule.tm_increment_kg * 2, Unit.LB))
    return rule


_WAVE = RuleKind(
    name="5/3/1",
    source="wave",
    deloads=False,
    own_sets=True,
    staged=False,
    shows_range=False,
    restart_pct=None,
    straight_reps=_top,
    start_reps=_bottom,
    min_reps=_no_min,
    target_rpe=_from_rir,
    in_unit=_training_max_step,
)

_GZCLP = RuleKind(
    name="GZCLP T1",
    source="history",
    deloads=False,
    own_sets=True,
    staged=True,
    shows_range=False,
    restart_pct=lambda rule: float(rule.restart_pct),
    straight_reps=_top,
    start_reps=_bottom,
    min_reps=_no_min,
    target_rpe=_from_rir,
    in_unit=_increment,
)

#: The registry: every rule type of :data:`spotter.science.rules.Rule`, and what it is.
KINDS: dict[type, RuleKind] = {
    DoubleProgression: RuleKind(
        name="double progression",
        source="history",
        deloads=True,
        own_sets=False,
        staged=False,
        shows_range=True,
        restart_pct=None,
        straight_reps=_top,
        start_reps=_bottom,
        min_reps=_bottom,
        target_rpe=_from_rir,
        in_unit=_increment,
    ),
    LinearProgression: RuleKind(
        name="linear progression",
        source="history",
        deloads=True,
        own_sets=False,
        staged=False,
        shows_range=False,
        restart_pct=None,
        straight_reps=_own_reps,
        start_reps=_own_reps,
        min_reps=_no_min,
        target_rpe=_from_rir,
        in_unit=_increment,
    ),
    RpeProgression: RuleKind(
        name="RPE-based",
        source="rpe",
        deloads=False,
        own_sets=False,
        staged=False,
        shows_range=False,
        restart_pct=None,
        straight_reps=lambda rule, _slot: int(rule.target_reps),
        start_reps=_bottom,
        min_reps=_no_min,
        target_rpe=lambda rule, _slot: float(rule.target_rpe),
        in_unit=_same,
    ),
    Wave531: _WAVE,
    BoringButBig: replace(_WAVE, name="Boring But Big", own_sets=False),
    GzclpT1: _GZCLP,
    GzclpT2: replace(
        _GZCLP, name="GZCLP T2", restart_pct=None, in_unit=_increment_and_reset
    ),
    GzclpT3: replace(_GZCLP, name="GZCLP T3", restart_pct=None),
}


def kind_of(rule: Rule) -> RuleKind:
    """The registry entry of ``rule``'s type.

    >>> kind_of(Wave531()).name, kind_of(DoubleProgression(8, 12, 3, 2.5)).min_reps is not None
    ('5/3/1', True)
    """
    try:
        return KINDS[type(rule)]
    except KeyError:
        raise LookupError(
            f"{type(rule).__name__} is not in the progression-rule registry "
            "(spotter.services.rule_kinds.KINDS)"
        ) from None


def unregistered() -> list[str]:
    """Rule types of :data:`spotter.science.rules.Rule` without an entry (a test keeps it empty)."""
    return [t.__name__ for t in get_args(Rule) if t not in KINDS]
