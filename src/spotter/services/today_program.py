"""Program rules for `spotter today`: the calibration session, and the sessions and 1RM a 5/3/1
cycle (main sets and Boring But Big) is counted from.

* **Calibration.** An exercise with no working sets logged gets a calibration step instead of
  a load. What is logged for it that day is the *calibration session*: the exercise's first
  working session, on or after the plan's first day. It sets the first load (its e1RM) and is
  never judged as a session of the scheme, so it is neither a success nor a failure for
  linear progression, GZCLP or double progression, and it is not a week of a 5/3/1 wave: the
  5s week follows it. Only a calibration day on which the lifter did the whole planned session
  anyway (at least the planned number of sets at the top load) is judged like any other.
* **5/3/1 cycle.** A lift's wave sessions are its sessions on days the plan gives it a
  ``wave531`` slot, the calibration left out; every four make a cycle. Boring But Big counts
  the same sessions (its own, when the plan has no 5/3/1 slot for the lift) and uses the cycle
  of the lift's next 5/3/1 session: the same day's when both are on one day.
* **Training max.** The 1RM behind the training max is the best e1RM of the working sets
  logged *before the lift's first wave session* (any logged before today, until there is one):
  sets logged inside a cycle never move it (Wendler: the TM is fixed for the cycle and rises
  by a fixed step between cycles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from spotter.log import SetRecord
from spotter.planning.model.program import Mesocycle, Slot
from spotter.science.records import ExerciseSession
from spotter.services.training import set_e1rm

#: The slot rule of 5/3/1 main sets.
WAVE_RULE = "wave531"

#: The slot the plan gives the exercise on a date (None: no slot that day).
PlannedOn = Callable[[dt.date], Slot | None]


def calibration_session(
    history: Sequence[ExerciseSession], start: dt.date, planned: PlannedOn
) -> ExerciseSession | None:
    """The calibration session of an exercise (module docstring), if it is to be treated as one.

    ``history`` holds the exercise's sessions with working sets, oldest first.
    """
    if not history or history[0].date < start:
        return None
    first = history[0]
    then = planned(first.date)
    full = then is not None and then.rule != WAVE_RULE and len(first.top_sets) >= then.sets
    return None if full else first


def plans_waves(meso: Mesocycle, exercise: str) -> bool:
    """Whether the plan has a 5/3/1 main-set slot for ``exercise``."""
    return any(
        x.exercise == exercise and x.rule == WAVE_RULE
        for week in meso.weeks
        for s in week.sessions
        for x in s.slots
    )


def wave_sessions(
    history: Sequence[ExerciseSession],
    calibration: ExerciseSession | None,
    planned: PlannedOn,
    rule: str,
) -> list[ExerciseSession]:
    """The sessions that count toward the lift's 5/3/1 cycle: those on days with a slot of
    ``rule`` (``wave531``, or the supplement's own rule when the plan has no wave for the lift),
    the calibration left out."""
    return [
        s
        for s in history
        if s is not calibration and (t := planned(s.date)) is not None and t.rule == rule
    ]


def cycle_one_rm(records: Sequence[SetRecord], waves: Sequence[ExerciseSession]) -> float | None:
    """The 1RM the training max comes from: the best e1RM of working sets logged before the
    first wave session (all of ``records`` when there is none yet); None without one."""
    if waves:
        first = dt.datetime.combine(waves[0].date, dt.time.min)
        records = [r for r in records if r.performed_at < first]
    e1rms = [e for e in (set_e1rm(r) for r in records if r.is_working) if e is not None]
    return max(e1rms) if e1rms else None
