"""A guided set: the setup steps, then each rep counted out phase by phase, then the rest.

The script is pure data (what to say, when, for how long); the CLI plays it with a clock it is
given, so tests run it instantly.

Phases follow the exercise's own step order (a pulldown pulls first and returns last; a squat
descends first) with the durations of its tempo: eccentric, pause after it, concentric, pause
after it. A pause the tempo asks for is counted even when no step describes it. A hold step
inside a rep (a Pallof press held out, a carry's walk between pick-up and set-down) lasts the
tempo's pause at its place, like a pause step; only a timed exercise (measured in seconds) is
one hold per "rep", for the seconds asked.

>>> from spotter.knowledge.model import Tempo
>>> phase_plan(("concentric", "pause", "eccentric"), Tempo(3, 0, 2, 1))
[('concentric', 2.0), ('pause', 1.0), ('eccentric', 3.0)]
>>> phase_plan(("eccentric", "concentric"), Tempo(3, 1, 1, 0))
[('eccentric', 3.0), ('pause', 1.0), ('concentric', 1.0)]
>>> phase_plan(("concentric", "hold", "eccentric"), Tempo(2, 0, 2, 3))
[('concentric', 2.0), ('hold', 3.0), ('eccentric', 2.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spotter.knowledge.model import Exercise, Tempo
from spotter.knowledge.page import phase_label

CueKind = Literal["setup", "rep", "phase", "rest", "done"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One thing to say: when (seconds from the first rep), what, and how long it lasts."""

    at: float
    kind: CueKind
    text: str
    seconds: float = 0.0
    breathing: str | None = None
    rep: int | None = None


def phase_plan(order: tuple[str, ...], tempo: Tempo) -> list[tuple[str, float]]:
    """The phases of one rep, in order, with their seconds from the tempo."""
    moving = [p for p in order if p in ("concentric", "eccentric")]
    if not moving:
        moving = ["concentric", "eccentric"]
    plan: list[tuple[str, float]] = []
    seen_pause_after: set[str] = set()
    for i, phase in enumerate(order):
        if phase in ("concentric", "eccentric"):
            plan.append((phase, tempo.concentric if phase == "concentric" else tempo.eccentric))
            pause = (
                tempo.pause_after_concentric
                if phase == "concentric"
                else tempo.pause_after_eccentric
            )
            follows = order[i + 1] if i + 1 < len(order) else None
            if pause > 0 and follows not in ("pause", "hold"):
                plan.append(("pause", pause))
                seen_pause_after.add(phase)
        elif phase in ("pause", "hold") and plan:
            after = plan[-1][0]
            pause = (
                tempo.pause_after_concentric
                if after == "concentric"
                else tempo.pause_after_eccentric
            )
            plan.append((phase, pause if pause > 0 else 1.0))
    if not any(p in ("concentric", "eccentric") for p in order):
        plan = [("concentric", tempo.concentric), ("eccentric", tempo.eccentric)]
    return [(p, float(s)) for p, s in plan if s > 0]


def default_rest_seconds(ex: Exercise) -> int:
    """Rest between sets: 3 min for heavy compounds (top of range <= 6), 2 min for other
    compounds, 75 s for isolation and core work."""
    high = ex.facts.rep_range[1]
    if ex.facts.mechanic == "compound" and ex.facts.measure == "reps":
        return 180 if high <= 6 else 120
    return 75


def guided_set(
    ex: Exercise, reps: int, rest_seconds: float, *, hold_seconds: float | None = None
) -> list[Cue]:
    """The whole script of one set."""
    if reps < 1:
        raise ValueError(f"reps must be at least 1, got {reps}")
    cues: list[Cue] = [Cue(0.0, "setup", s.text) for s in ex.setup_steps]
    steps = ex.execution_steps
    breathing = {s.phase: s.breathing for s in steps if s.breathing}
    pattern = ex.facts.pattern
    t = 0.0
    moves = any(s.phase in ("concentric", "eccentric") for s in steps)
    if ex.facts.measure == "seconds" or not moves:
        seconds = hold_seconds if hold_seconds is not None else float(ex.facts.rep_range[0])
        for rep in range(1, reps + 1):
            cues.append(Cue(t, "rep", f"Hold {rep} of {reps}", rep=rep))
            cues.append(Cue(t, "phase", "Hold", seconds, breathing.get("hold"), rep))
            t += seconds
    else:
        plan = phase_plan(tuple(s.phase for s in steps if s.phase != "setup"), ex.facts.tempo)
        for rep in range(1, reps + 1):
            cues.append(Cue(t, "rep", f"Rep {rep} of {reps}", rep=rep))
            for phase, seconds in plan:
                label = phase_label(phase, pattern)
                if phase == "hold" and ex.facts.measure == "meters":
                    label = f"Walk {ex.facts.rep_range[0]} m"
                cues.append(Cue(t, "phase", label, seconds, breathing.get(phase), rep))
                t += seconds
    cues.append(Cue(t, "rest", f"Rest {rest_seconds:g} s", float(rest_seconds)))
    cues.append(Cue(t + rest_seconds, "done", "Next set"))
    return cues
