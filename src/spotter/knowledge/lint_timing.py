"""Lint rules on timing: the tempo against the steps.

A tempo is written eccentric-pause-concentric-pause. A pause or hold step sits in the slot after
the movement step before it: after a concentric step (a pulldown's squeeze, a carry's walk after
the pick-up, a Pallof press held out) it is the fourth number, after an eccentric step (a squat's
pause in the hole) the second. An exercise that is only a hold (a dead hang: no lifting or
lowering step) writes its hold in the fourth place, as if getting into position were the
concentric: 0-0-0-30.

* ``tempo``: a pause or hold step sits in a slot the tempo leaves at 0 (the hold is not timed in
  seconds, so a guided set cannot count it); a tempo with a zero-second lifting or lowering
  phase (unless the exercise is a hold).
* ``tempo-pause``: the tempo puts a long pause (:data:`LONG_PAUSE` seconds or more) in a slot
  where no step pauses or holds, e.g. a carry's 30 s walk written as a pause after the eccentric
  when the walk follows the pick-up.

>>> from spotter.knowledge.model import Tempo
>>> hold_slots(("setup", "concentric", "hold", "eccentric"))
{'after-concentric': 'hold'}
>>> long_pauses_misplaced(Tempo(1, 30, 1, 0), {"after-concentric": "walk"})
['after-eccentric']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from spotter.knowledge.model import Exercise, Tempo

#: A pause this long (seconds) is a deliberate hold that a step must describe.
LONG_PAUSE: Final[float] = 3.0
#: Tempo slots and the number they are in the notation.
_SLOT_PLACE: Final[dict[str, str]] = {
    "after-eccentric": "second",
    "after-concentric": "fourth",
}

Finding = tuple[tuple[str | int, ...], str, str]


def hold_slots(phases: Iterable[str], ids: Iterable[str] | None = None) -> dict[str, str]:
    """The tempo slots holding a pause or hold step, with that step's id (its phase when
    ``ids`` is not given)."""
    phases = list(phases)
    names = list(ids) if ids is not None else phases
    out: dict[str, str] = {}
    previous = None
    for phase, name in zip(phases, names, strict=True):
        if phase in ("pause", "hold") and previous is not None:
            out.setdefault(f"after-{previous}", name)
        if phase in ("concentric", "eccentric"):
            previous = phase
    return out


def _slot_seconds(tempo: Tempo, slot: str) -> float:
    if slot == "after-eccentric":
        return float(tempo.pause_after_eccentric)
    return float(tempo.pause_after_concentric)


def long_pauses_misplaced(tempo: Tempo, slots: Mapping[str, str]) -> list[str]:
    """The slots where the tempo pauses :data:`LONG_PAUSE` seconds or more with no pause or
    hold step there."""
    return [
        slot
        for slot in _SLOT_PLACE
        if _slot_seconds(tempo, slot) >= LONG_PAUSE and slot not in slots
    ]


def check_timing(ex: Exercise) -> list[Finding]:
    """The timing findings of one exercise (module docstring)."""
    f = ex.facts
    t = f.tempo
    steps = f.steps
    out: list[Finding] = []
    slots = hold_slots((s.phase for s in steps), (s.id for s in steps))
    holds = [s.id for s in steps if s.phase == "hold"]
    if holds and not any(s.phase in ("concentric", "eccentric") for s in steps):
        slots = {"after-concentric": holds[0]}
    for slot, step in slots.items():
        if _slot_seconds(t, slot) <= 0:
            movement = slot.removeprefix("after-")
            out.append(
                (
                    ("facts", "tempo"),
                    "tempo",
                    f"step {step!r} pauses or holds after the {movement} but tempo {t} has 0 "
                    f"in the {_SLOT_PLACE[slot]} place (eccentric-pause-concentric-pause), so "
                    "the hold is not timed in seconds",
                )
            )
    for slot in long_pauses_misplaced(t, slots):
        where = ", ".join(f"{s!r} ({k.removeprefix('after-')})" for k, s in slots.items())
        out.append(
            (
                ("facts", "tempo"),
                "tempo-pause",
                f"tempo {t} pauses {_slot_seconds(t, slot):g} s {slot.replace('-', ' ')} "
                f"(the {_SLOT_PLACE[slot]} place), but no step holds there"
                + (f"; the steps hold after {where}" if where else ""),
            )
        )
    if (
        steps
        and not any(s.phase == "hold" for s in steps)
        and (t.concentric <= 0 or t.eccentric <= 0)
    ):
        out.append(
            (("facts", "tempo"), "tempo", f"tempo {t} has a zero-second lifting or lowering phase")
        )
    return out
