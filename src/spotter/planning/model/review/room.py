"""How much a request can hold at most: upper bounds the review uses to tell a plan that misses
an item from a request that rules it out (one 20-minute day cannot cover six patterns).

Each bound is generous on purpose, so that "cannot hold" is only said when it is certain: every
set is taken at the quickest the pool allows (one set of the exercise's lowest reps with the
goal's rest for them, :mod:`~spotter.planning.model.session_time`), and changeovers are counted
only between exercises.

>>> import math
>>> math.floor((20 * 60 + 90) / (184 + 90))  # a 20-minute day, 184 s sets: four exercises
4
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.program import Slot
from spotter.planning.model.review.context import ReviewInput, is_compound
from spotter.planning.model.session_time import CHANGEOVER_SECONDS, rest_seconds, work_seconds
from spotter.planning.model.volume import row_shares

#: Seconds of a set when the pool is empty (never used for a real request).
FALLBACK_SET_SECONDS = 60.0


def quickest_set(
    inp: ReviewInput, available: Mapping[str, ExerciseFacts], *, compounds: bool = False
) -> float:
    """Seconds of the quickest single set the pool allows (of a compound, with ``compounds``)."""
    return min(
        (
            work_seconds(Slot(s, 1, f.rep_range[0], f.rep_range[0], 2, 0), f)
            + rest_seconds(f.rep_range[0], f.rep_range[0], inp.profile.goal)
            for s, f in available.items()
            if is_compound(f) or not compounds
        ),
        default=FALLBACK_SET_SECONDS,
    )


def session_exercise_room(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> int:
    """The most exercises one session could hold at one set each."""
    seconds = inp.profile.minutes_per_session * 60 + CHANGEOVER_SECONDS
    return math.floor(seconds / (quickest_set(inp, available) + CHANGEOVER_SECONDS))


def exercise_room(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> int:
    """The most exercises the week could hold (:func:`session_exercise_room` per session)."""
    return session_exercise_room(inp, available) * inp.profile.sessions_per_week


def set_room(inp: ReviewInput, available: Mapping[str, ExerciseFacts]) -> int:
    """The most sets the week could hold, without changeovers."""
    per = math.floor(inp.profile.minutes_per_session * 60 / quickest_set(inp, available))
    return per * inp.profile.sessions_per_week


def most_row_sets_per_set(available: Mapping[str, ExerciseFacts]) -> float:
    """The most fractional sets one set of any pool exercise counts, over all rows."""
    return max((sum(row_shares(f).values()) for f in available.values()), default=0.0)
