"""Repetitions of a periodic signal as cycles: start position, turn, start position again.

The generic counter's segmentation. The signal is turned so that the start position is low and
scaled to 0..1 by its robust range (1st to 99th percentile). Every turn is a peak at least
``prominence`` of that range above the lowest points between it and its neighbours, and at
least ``shortest`` seconds from the next turn. A rep runs from the last frame at the start
position before its turn to the first frame back at the start position after it. "At a
position" means within :data:`LEVEL` of the rep's excursion of the extreme there, so the rest
between two reps, however long, belongs to neither: a long pause does not stretch a rep.

Counting rule, as for the dedicated families: a rep counts when its turn and its return are
in the clip. One that began before the first frame (the clip opens past half its rise)
counts, marked not ``whole``; one that has not come back to the start position by half its
rise when the clip ends is reported as unfinished, not counted.

>>> t = np.arange(0, 10, 1 / 30)
>>> x = np.clip(np.sin(2 * np.pi * (t - 1) / 2), 0, None) * (t > 1) * (t < 8)
>>> found = segment_cycles(x, 30.0).cycles
>>> [(round(c.start, 2), round(c.turn, 2), round(c.end, 2)) for c in found]
[(1.0, 1.5, 2.0), (3.0, 3.5, 4.0), (5.0, 5.5, 6.0), (7.0, 7.5, 8.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from spotter.motion.analysis.filters import find_peaks
from spotter.motion.analysis.landmarks import Array

#: Share of a rep's excursion within which the signal is "at" the start position or the turn:
#: landmark noise after smoothing is a few percent of a rep's range, so a tenth is above it
#: and still far from mid-movement.
LEVEL: Final = 0.1
#: The smallest turn counted, as a share of the signal's robust range.
PROMINENCE: Final = 0.25


@dataclass(frozen=True, slots=True)
class Cycle:
    """One rep of a periodic signal; times in seconds, sizes in the signal's units."""

    start: float
    #: When the turn was reached and left (the plateau within LEVEL of the peak) and its peak.
    reached: float
    turn: float
    left: float
    end: float
    rise: float
    fall: float
    #: False when the rep began before the clip.
    whole: bool


@dataclass(frozen=True, slots=True)
class Cycles:
    """The cycles of a signal and the reps the clip ended during."""

    cycles: tuple[Cycle, ...]
    unfinished: int
    unfinished_start: float | None


def _last_at(n: Array, level: float, lo: int, hi: int) -> int:
    """The last index in [lo, hi] where ``n`` is at or below ``level`` (lo if none)."""
    idx = np.flatnonzero(n[lo : hi + 1] <= level)
    return lo + int(idx[-1]) if idx.size else lo


def _first_at(n: Array, level: float, lo: int, hi: int) -> int:
    """The first index in [lo, hi] where ``n`` is at or below ``level`` (hi if none)."""
    idx = np.flatnonzero(n[lo : hi + 1] <= level)
    return lo + int(idx[0]) if idx.size else hi


def segment_cycles(
    values: Array,
    fps: float,
    *,
    start_high: bool = False,
    shortest: float = 0.25,
    prominence: float = PROMINENCE,
) -> Cycles:
    """The cycles of ``values`` (NaN filled from neighbours beforehand); see the module."""
    d = -values if start_high else values
    lo, hi = (float(p) for p in np.percentile(d, [1, 99]))
    span = hi - lo
    if not span > 1e-12:
        return Cycles((), 0, None)
    n = (d - lo) / span
    pad = max(2, int(0.5 * fps))
    edges = (np.full(pad, min(0.0, float(n[0]))), np.full(pad, min(0.0, float(n[-1]))))
    padded = np.concatenate([edges[0], n, edges[1]])
    peaks = [
        int(p) - pad
        for p in find_peaks(padded, prominence=prominence, distance=max(1.0, shortest * fps))
    ]
    peaks = [min(max(p, 0), n.size - 1) for p in peaks]
    cycles: list[Cycle] = []
    unfinished, unfinished_start = 0, None
    last = n.size - 1
    for k, p in enumerate(peaks):
        left_edge = peaks[k - 1] if k > 0 else 0
        right_edge = peaks[k + 1] if k + 1 < len(peaks) else last
        base_in = float(n[left_edge : p + 1].min())
        base_out = float(n[p : right_edge + 1].min())
        top = float(n[p])
        rise, fall = top - base_in, top - base_out
        excursion = max(rise, fall)
        start = _last_at(n, base_in + LEVEL * excursion, left_edge, p)
        reached = start + int(np.flatnonzero(n[start : p + 1] >= top - LEVEL * excursion)[0])
        end = _first_at(n, base_out + LEVEL * excursion, p, right_edge)
        left_turn = p + int(np.flatnonzero(n[p : end + 1] >= top - LEVEL * excursion)[-1])
        if k + 1 == len(peaks) and fall < 0.5 * rise:
            unfinished, unfinished_start = 1, start / fps
            continue  # the clip ends before the rep is back: not counted
        whole = not (k == 0 and rise < 0.5 * fall)
        cycles.append(
            Cycle(
                start / fps,
                reached / fps,
                p / fps,
                left_turn / fps,
                end / fps,
                rise * span,
                fall * span,
                whole,
            )
        )
    return Cycles(tuple(cycles), unfinished, unfinished_start)
