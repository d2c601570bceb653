"""A greedy baseline after Fitbod's public description, for the benchmark.

Fitbod picks "a top exercise for a recovered primary muscle, then fills by duration" (issue 4;
its recovery model: a muscle trained hard needs time, and an unrecovered muscle is never
targeted). This baseline does the same with Spotter's numbers, one training day at a time in
calendar order:

1. A row is *recovered* on a day unless it was trained hard (``HARD_DAY_SETS``+ sets) the
   calendar day before (monday does not look back at the week's sunday, planned later). Its *need* is the middle of its weekly target range minus the sets
   already planned this week.
2. Take the recovered row with the largest need (ties by name) that has an eligible exercise:
   owned equipment, not avoided (slugs or muscles in ``avoid``), not yet in today's session, the row among its primary rows, and not pushing
   any row of today's session over the session cap (or a row trained hard yesterday to a hard
   day again). Among eligible exercises prefer compounds,
   then ones not yet used this week, then the most need covered by :data:`SETS_PER_EXERCISE`
   sets, then the slug.
3. Add it with :data:`SETS_PER_EXERCISE` sets, the goal's rep range, RIR :data:`GREEDY_RIR` and the
   default rest; stop the day when the next exercise would not fit in the minutes, or when no
   row needs more.
4. Order the day's exercises compounds first; a day with nothing to add is left out.

It is deterministic and ignores balance and variety beyond step 2, which is what the optimiser
is measured against.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import avoids
from spotter.planning.model.program import Session, Slot, WeekPlan, rep_range_for
from spotter.planning.model.session_time import rest_seconds, session_minutes
from spotter.planning.model.targets import HARD_DAY_SETS, SESSION_CAP, TargetRange, weekly_targets
from spotter.planning.model.volume import primary_rows, row_shares, session_row_sets
from spotter.profile import WEEKDAYS, Profile

#: Sets given to each exercise the baseline picks.
SETS_PER_EXERCISE: Final[int] = 3
#: RIR target of the baseline's sets.
GREEDY_RIR: Final[int] = 2


def _ordered(slots: list[Slot], facts: Mapping[str, ExerciseFacts]) -> tuple[Slot, ...]:
    return tuple(sorted(slots, key=lambda s: facts[s.exercise].mechanic != "compound"))


def greedy_week(
    profile: Profile,
    facts: Mapping[str, ExerciseFacts],
    *,
    targets: Mapping[str, TargetRange] | None = None,
    avoid: frozenset[str] = frozenset(),
) -> WeekPlan:
    """The baseline's week for ``profile`` from the exercises in ``facts`` (module docstring)."""
    if targets is None:
        targets = weekly_targets(profile.goal, profile.experience)
    owned = frozenset(profile.equipment)
    pool = sorted(
        (
            f
            for f in facts.values()
            if all(e in owned for e in f.equipment) and avoids(f, avoid) is None
        ),
        key=lambda f: f.slug,
    )
    cap = SESSION_CAP[profile.experience]
    goal_mid = {r: (t.low + t.high) / 2 for r, t in targets.items()}
    done: dict[str, float] = {}
    used_week: set[str] = set()
    hard_on: dict[str, set[str]] = {}
    sessions = []
    for day in sorted(profile.training_days, key=WEEKDAYS.index):
        yesterday = WEEKDAYS[(WEEKDAYS.index(day) - 1) % 7]
        tired = hard_on.get(yesterday, set())
        slots: list[Slot] = []
        today: dict[str, float] = {}
        while True:
            need = {r: goal_mid[r] - done.get(r, 0.0) - today.get(r, 0.0) for r in targets}
            rows = sorted(
                (r for r in targets if need[r] > 0 and r not in tired), key=lambda r: (-need[r], r)
            )
            in_day = {s.exercise for s in slots}
            pick: ExerciseFacts | None = None
            for row in rows:
                eligible = [
                    f
                    for f in pool
                    if f.slug not in in_day
                    and row in primary_rows(f)
                    and all(
                        today.get(r, 0.0) + share * SETS_PER_EXERCISE
                        <= (min(cap, HARD_DAY_SETS - 0.5) if r in tired else cap)
                        for r, share in row_shares(f).items()
                    )
                ]
                if eligible:
                    pick = min(
                        eligible,
                        key=lambda f: (
                            f.mechanic != "compound",
                            f.slug in used_week,
                            -sum(
                                min(share * SETS_PER_EXERCISE, max(need.get(r, 0.0), 0.0))
                                for r, share in row_shares(f).items()
                            ),
                            f.slug,
                        ),
                    )
                    break
            if pick is None:
                break
            low, high = rep_range_for(profile.goal, pick.mechanic, pick.rep_range)
            slot = Slot(
                pick.slug,
                SETS_PER_EXERCISE,
                low,
                high,
                GREEDY_RIR,
                rest_seconds(low, high, profile.goal),
            )
            trial = Session(day, _ordered([*slots, slot], facts))
            if session_minutes(trial, facts) > profile.minutes_per_session:
                break
            slots.append(slot)
            today = session_row_sets(trial, facts)
        session = Session(day, _ordered(slots, facts))
        for r, n in session_row_sets(session, facts).items():
            done[r] = done.get(r, 0.0) + n
            if n >= HARD_DAY_SETS:
                hard_on.setdefault(day, set()).add(r)
        used_week.update(s.exercise for s in slots)
        if slots:
            sessions.append(session)
    return WeekPlan(tuple(sessions))
