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
>>> bump = lambda t0: np.where((t > t0) & (t < t0 + 1), 1 - np.cos(2 * np.pi * (t - t0)), 0)
>>> x = bump(1) + bump(3) + bump(5) + bump(7)  # up and down in a second, a second's rest
>>> found = segment_cycles(x, 30.0).cycles
>>> [(round(c.start, 2), round(c.turn, 2), round(c.end, 2)) for c in found]
[(1.0, 1.5, 2.0), (3.0, 3.5, 4.0), (5.0, 5.5, 6.0), (7.0, 7.5, 8.0)]
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

import numpy as np
from numpy.typing import NDArray

from spotter.motion.analysis.filters import find_peaks
from spotter.motion.analysis.landmarks import Array

#: Per frame, whether it belongs to a set of frames (a selection).
Mask = NDArray[np.bool_]

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
    detect: Array | None = None,
    min_excursion: float = 0.0,
    reference: Mask | None = None,
) -> Cycles:
    """The cycles of ``values`` (NaN filled from neighbours beforehand); see the module.

    ``detect``: a smoother version of ``values`` to find the turns in (a wobble at a turn then
    does not split the rep); each turn is then placed at the highest point of ``values``
    within half the shortest rep of it, and the boundaries are read from ``values``.
    ``min_excursion``: the smallest rep in the signal's own units, so that a still body's
    jitter, scaled to the range, does not make reps. ``reference``: the frames whose range
    (1st to 99th percentile) the prominence is a share of (default: all). The generic counter
    passes the frames that repeat the rhythm, so that setting up or walking in, which may
    move the body more than a rep does, does not raise the bar for the reps.

    >>> still = 1e-4 * np.sin(np.arange(300) / 5)
    >>> segment_cycles(still, 30.0, min_excursion=0.15).cycles
    ()
    """
    d = -values if start_high else values
    ref = reference if reference is not None and reference.any() else slice(None)
    lo, hi = (float(p) for p in np.percentile(d[ref], [1, 99]))
    span = hi - lo
    if not span > max(1e-12, min_excursion):
        return Cycles((), 0, None)
    n = (d - lo) / span
    if detect is None:
        m = n
    else:
        dd = -detect if start_high else detect
        d_lo, d_hi = (float(p) for p in np.percentile(dd[ref], [1, 99]))
        m = (dd - d_lo) / max(d_hi - d_lo, 1e-12)
    pad = max(2, int(0.5 * fps))
    edges = (np.full(pad, min(0.0, float(m[0]))), np.full(pad, min(0.0, float(m[-1]))))
    padded = np.concatenate([edges[0], m, edges[1]])
    distance = max(1.0, shortest * fps)
    found = [
        min(max(int(p) - pad, 0), n.size - 1)
        for p in find_peaks(padded, prominence=prominence, distance=distance)
    ]
    reach = int(distance / 2)
    placed = set()
    for p in found:
        a, b = max(0, p - reach), min(n.size, p + reach + 1)
        placed.add(a + int(np.argmax(n[a:b])))
    peaks = sorted(placed)  # two turns placed on the same frame are one
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
        if excursion * span < min_excursion:
            continue  # a wobble, not a rep
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
    return Cycles(_onsets(cycles, (n.size - 1) / fps), unfinished, unfinished_start)


def _onsets(cycles: list[Cycle], clip_end: float) -> tuple[Cycle, ...]:
    """Each cycle's start, end and turn plateau moved from its LEVEL crossings to where the
    movements began and ended, under a half-cosine movement profile (still at both ends,
    fastest midway), without crossing a neighbour's boundary or the clip's ends.

    A half cosine covers a share ``u`` of its way after ``arccos(1 - 2u) / pi`` of its time,
    so the time between the LEVEL and 1 - LEVEL crossings is a known share of the movement.
    """
    tau = float(np.arccos(1 - 2 * LEVEL) / np.pi)
    stretch = tau / (1 - 2 * tau)
    out: list[Cycle] = []
    for c in cycles:
        start = c.start - stretch * (c.reached - c.start) if c.whole else c.start
        reached = c.reached + stretch * (c.reached - c.start) if c.whole else c.reached
        left = c.left - stretch * (c.end - c.left)
        end = c.end + stretch * (c.end - c.left)
        if reached > left:  # no pause at the turn: both movements meet at the peak
            reached = left = c.turn
        out.append(
            replace(c, start=max(0.0, start), reached=reached, left=left, end=min(clip_end, end))
        )
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.end > b.start:  # no rest between them: they meet where both crossings meet
            mid = (cycles[i].end + cycles[i + 1].start) / 2
            out[i], out[i + 1] = replace(a, end=max(mid, a.left)), replace(b, start=min(mid, b.reached))
    return tuple(out)
