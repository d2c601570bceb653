"""Fractional sets of a plan per landmarks row, counted as :mod:`spotter.science.volume` does.

A set counts 1 for each row holding a primary muscle of its exercise and 0.5 for each row
holding only secondary ones; a row counts once per set with its largest share (a row with lats
and rhomboids primary is 1 set of back). Muscles with no row (forearms, rotator cuff...) are
left out.

>>> from spotter.knowledge.model import Tempo
>>> f = ExerciseFacts("row", "compound", "pull", "horizontal-pull", ("lats", "rhomboids"),
...                   ("biceps", "rear-delts"), (), "dumbbell", "beginner", False, "bent-over",
...                   Tempo(2, 0, 1, 1), (8, 12), "row")
>>> row_shares(f)
{'back': 1.0, 'biceps': 0.5, 'rear delts': 0.5}
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from spotter.knowledge.model import Exercise, ExerciseFacts
from spotter.knowledge.vocab import MUSCLES
from spotter.planning.model.program import Session, WeekPlan
from spotter.planning.model.targets import TargetRange
from spotter.science.volume import PRIMARY_SHARE, SECONDARY_SHARE


def row_shares(facts: ExerciseFacts) -> dict[str, float]:
    """What one set of the exercise counts for each landmarks row."""
    return dict(_shares(facts.primary, facts.secondary))


@functools.lru_cache(maxsize=4096)
def _shares(
    primary: tuple[str, ...], secondary: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    """:func:`row_shares` of an exercise with these muscles, as a value computed once (the
    planner asks for it tens of thousands of times while building a model)."""
    shares: dict[str, float] = {}
    for muscles, share in ((primary, PRIMARY_SHARE), (secondary, SECONDARY_SHARE)):
        for m in muscles:
            muscle = MUSCLES.get(m)
            row = muscle.landmark_group if muscle else None
            if row is not None:
                shares[row] = max(shares.get(row, 0.0), share)
    return tuple(shares.items())


def primary_rows(facts: ExerciseFacts) -> frozenset[str]:
    """The rows the exercise trains as a primary mover."""
    return _primary(facts.primary, facts.secondary)


@functools.lru_cache(maxsize=4096)
def _primary(primary: tuple[str, ...], secondary: tuple[str, ...]) -> frozenset[str]:
    return frozenset(r for r, share in _shares(primary, secondary) if share >= PRIMARY_SHARE)


def session_row_sets(session: Session, facts: Mapping[str, ExerciseFacts]) -> dict[str, float]:
    """Fractional sets per row in one session."""
    totals: dict[str, float] = {}
    for slot in session.slots:
        for row, share in row_shares(facts[slot.exercise]).items():
            totals[row] = totals.get(row, 0.0) + share * slot.sets
    return totals


def week_row_sets(week: WeekPlan, facts: Mapping[str, ExerciseFacts]) -> dict[str, float]:
    """Fractional sets per row in the week."""
    totals: dict[str, float] = {}
    for session in week.sessions:
        for row, sets in session_row_sets(session, facts).items():
            totals[row] = totals.get(row, 0.0) + sets
    return totals


def pattern_sets(week: WeekPlan, facts: Mapping[str, ExerciseFacts]) -> dict[str, int]:
    """Plain (not fractional) sets per movement pattern in the week."""
    totals: dict[str, int] = {}
    for session in week.sessions:
        for slot in session.slots:
            p = facts[slot.exercise].pattern
            totals[p] = totals.get(p, 0) + slot.sets
    return totals


def facts_of(exercises: Iterable[Exercise]) -> dict[str, ExerciseFacts]:
    """Slug -> facts, e.g. for every exercise of a :class:`~spotter.knowledge.catalog.Catalog`."""
    return {ex.slug: ex.facts for ex in exercises}


def target_distance(
    sets: Mapping[str, float],
    targets: Mapping[str, TargetRange],
    weights: Mapping[str, float] | None = None,
) -> float:
    """Weighted distance of weekly sets from the target ranges: the sum over rows of
    weight x how far the row is outside its range (the first term of the planner's objective,
    and the figure the benchmark reports for each plan).

    >>> target_distance({"back": 8, "chest": 25}, {"back": TargetRange(10, 14),
    ...                 "chest": TargetRange(12, 20)}, {"back": 2.0})
    9.0
    """
    return sum(
        (weights.get(row, 1.0) if weights else 1.0) * t.distance(sets.get(row, 0.0))
        for row, t in targets.items()
    )
