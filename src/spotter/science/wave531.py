"""Wendler 5/3/1 (SCIENCE.md section 5): a training max and a four-week wave.

* Training max (TM) = ``training_max_pct`` (90 %) x 1RM.
* Each logged session of the lift is one week of the table
  (:data:`~spotter.science.rules.WAVE_531`): week 1 is 65/75/85 % x 5, 5, 5+; week 2
  70/80/90 % x 3, 3, 3+; week 3 75/85/95 % x 5, 3, 1+; week 4 the deload, 40/50/60 % x 5.
* The TM is fixed for the whole cycle: it comes from the 1RM the caller passes (the lift's best
  e1RM before its first 5/3/1 session, in `spotter today`), never from sets logged inside the
  cycle. After every fourth session a new cycle starts with the TM raised by
  ``tm_increment_kg`` (Wendler: +5 lb bench and press, +10 lb squat and deadlift; +2.5 / +5 kg),
  whatever the AMRAP sets showed: SCIENCE.md gives no reset rule, so none is applied.
* Loads are ``TM x percentage`` rounded (2.5 kg by default, Wendler's advice).
* Boring But Big (:func:`evaluate_bbb`): 5x10 at 50 %, 55 %, then 60 % of the same TM in
  cycles 1, 2 and 3 on (:data:`~spotter.science.rules.BBB_PERCENTS`), the cycle counted from
  the lift's main 5/3/1 sessions.

>>> from spotter.science.rules import Wave531
>>> p = evaluate_531(Wave531(), 0, 100, None, lambda kg: f"{kg:g} kg")
>>> [(s.load_kg, s.reps, s.amrap) for s in p.plan]
[(57.5, 5, False), (67.5, 5, False), (77.5, 5, True)]
>>> p.reason
'Cycle 1, week 1 (5s week), training max 90 kg: 57.5 kg × 5, 67.5 kg × 5, 77.5 kg × 5+.'
"""

from __future__ import annotations

from typing import Final

from spotter.science.prescription import (
    Formatter,
    PrescribedSet,
    Prescription,
    Rounding,
    round_to_step,
)
from spotter.science.rules import WAVE_531, BoringButBig, Wave531

WEEK_NAMES: Final[tuple[str, ...]] = ("5s week", "3s week", "5/3/1 week", "deload week")


def training_max(rule: Wave531 | BoringButBig, one_rm_kg: float, cycle: int) -> float:
    """The training max in ``cycle`` (0 = the first): ``pct x 1RM + cycle x increment``.

    >>> training_max(Wave531(tm_increment_kg=5), 200, 2)
    190.0
    """
    if one_rm_kg <= 0:
        raise ValueError(f"the 1RM must be positive, got {one_rm_kg:g}")
    return rule.training_max_pct * one_rm_kg + cycle * rule.tm_increment_kg


def evaluate_531(
    rule: Wave531,
    sessions_done: int,
    one_rm_kg: float,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    """The prescription after ``sessions_done`` logged sessions of the lift."""
    cycle, week = divmod(sessions_done, len(WAVE_531))
    tm = training_max(rule, one_rm_kg, cycle)
    round_load = rounding or round_to_step(rule.round_to_kg)
    plan = tuple(
        PrescribedSet(round_load(tm * fraction), reps, amrap)
        for fraction, reps, amrap in WAVE_531[week]
    )
    sets = ", ".join(f"{fmt(s.load_kg)} × {s.reps}{'+' if s.amrap else ''}" for s in plan)
    raised = f" (+{fmt(rule.tm_increment_kg)} this cycle)" if cycle and week == 0 else ""
    reason = (
        f"Cycle {cycle + 1}, week {week + 1} ({WEEK_NAMES[week]}), "
        f"training max {fmt(tm)}{raised}: {sets}."
    )
    top = plan[-1]
    return Prescription(top.load_kg, len(plan), top.reps, None, top.amrap, reason, plan)


def evaluate_bbb(
    rule: BoringButBig,
    main_sessions_done: int,
    one_rm_kg: float,
    rounding: Rounding | None,
    fmt: Formatter,
) -> Prescription:
    """Boring But Big after ``main_sessions_done`` 5/3/1 sessions of the lift: ``sets`` x
    ``reps`` at the cycle's percentage of the training max.

    >>> p = evaluate_bbb(BoringButBig(), 4, 100, None, lambda kg: f"{kg:g} kg")
    >>> p.load_kg, p.scheme
    (50.0, '5×10')
    >>> p.reason
    'Cycle 2: 55 % of training max 92.5 kg → 50 kg, 5×10.'
    """
    cycle = main_sessions_done // len(WAVE_531)
    tm = training_max(rule, one_rm_kg, cycle)
    share = rule.percents[min(cycle, len(rule.percents) - 1)]
    load = (rounding or round_to_step(rule.round_to_kg))(tm * share)
    reason = (
        f"Cycle {cycle + 1}: {share * 100:g} % of training max {fmt(tm)} "
        f"→ {fmt(load)}, {rule.sets}×{rule.reps}."
    )
    return Prescription.straight(load, rule.sets, rule.reps, reason)
