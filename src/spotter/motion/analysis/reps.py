"""Repetitions and their phases, from a primary signal.

The signal is turned so that the start position is low and the turn (the chest in a pulldown,
the bottom of a squat) is high, then scaled to 0..1 by the set's robust range. Each rep is a
peak with a prominence of at least ``min_prominence`` of that range (``find_peaks``, as scipy's),
so noise, idling before and after the set and wobbles during pauses do not count, while a
partial rep that reaches a quarter of the range does.

Phase timing. A movement between two positions is assumed to follow a smooth symmetric
profile (a half cosine: still at both ends, fastest in the middle). Each movement's onset and
end are fitted to the samples between its 5 % and 95 % crossings (where the signal moves and
noise shifts the fit little), against the levels of the rests on either side; the rest levels
are re-measured once from the frames the first fit found at rest. Pauses are the gaps between
movements. With another profile (minimum jerk, say) phases read somewhat shorter.

>>> import numpy as np
>>> fps = 30.0
>>> t = np.arange(int(12 * fps)) / fps
>>> ramp = lambda t0, d: np.clip((t - t0) / d, 0, 1)
>>> cos = lambda t0, d: (1 - np.cos(np.pi * ramp(t0, d))) / 2
>>> y = 1 - cos(1, 2) + cos(4, 3) - cos(8, 2) + cos(10, 1)  # start high, two reps
>>> from spotter.motion.analysis.signals import Signal
>>> result = segment_reps(Signal("demo", y, fps, True, "concentric", "units"))
>>> [(round(r.start, 2), round(r.concentric, 2), round(r.pause_at_turn, 2)) for r in result.reps]
[(1.0, 2.0, 1.0), (8.0, 2.0, 0.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from spotter.motion.analysis.filters import find_peaks
from spotter.motion.analysis.landmarks import Array, LandmarkError
from spotter.motion.analysis.signals import FirstPhase, Signal

#: Fraction of a movement at which its timing is measured (and its mirror, 1 - this).
_MEASURE_AT = 0.05
#: The smallest movement that counts as a rep, per signal unit.
MIN_EXCURSION: Final[dict[str, float]] = {"torso lengths": 0.15, "degrees": 15.0}
#: Band (fraction of the set's range) around an extreme taken as its plateau.
_BAND = 0.05
#: Where a half-cosine movement crosses ``_MEASURE_AT``, as a fraction of its duration.
_TAU = float(np.arccos(1 - 2 * _MEASURE_AT) / np.pi)


@dataclass(frozen=True, slots=True)
class Rep:
    """One repetition; times in seconds from the start of the clip, durations in seconds."""

    index: int
    start: float
    end: float
    #: The phase that leaves the start position ("concentric" for a pulldown).
    first_phase_name: FirstPhase
    first_phase: float
    pause_at_turn: float
    second_phase: float
    #: Time spent at the start position after this rep before the next began (None: last rep).
    pause_at_start: float | None
    #: Distance from the start position to the turn, in the signal's units (the mean of the
    #: way there and the way back, so a rep is not judged by one rest level alone).
    excursion: float
    #: ``excursion`` as a fraction of the set's largest.
    range_of_motion: float
    #: Mean and peak speed of the concentric, in the signal's units per second.
    concentric_mean_velocity: float
    concentric_peak_velocity: float
    #: False when the rep began before the clip (its first phase is measured from frame 0).
    whole: bool = True
    #: Whether the range was under ``PARTIAL_BELOW`` of the set's best (counted, flagged).
    partial: bool = False

    @property
    def concentric(self) -> float:
        return self.first_phase if self.first_phase_name == "concentric" else self.second_phase

    @property
    def eccentric(self) -> float:
        return self.second_phase if self.first_phase_name == "concentric" else self.first_phase

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class RepAnalysis:
    """The reps of a set and how the signal was read."""

    signal: str
    reps: tuple[Rep, ...]
    #: Whether the start position was at the signal's high end.
    start_high: bool
    #: The set's range of the signal (robust: 1st to 99th percentile), in its units.
    signal_range: float
    #: Reps the clip ended before they were back at the start (not counted).
    unfinished: int = 0
    #: When the unfinished rep left the start position (seconds), None without one.
    unfinished_start: float | None = None

    @property
    def count(self) -> int:
        return len(self.reps)

    @property
    def velocity_loss(self) -> float | None:
        """How much slower the last concentric was than the fastest, as a fraction.

        Velocity-based training reads fatigue from it; None for fewer than two reps.
        """
        timed = [
            r.concentric_mean_velocity for r in self.reps if np.isfinite(r.concentric_mean_velocity)
        ]
        if len(timed) < 2:
            return None
        fastest = max(timed)
        return 1.0 - timed[-1] / fastest if fastest > 0 else None

    @property
    def partial_count(self) -> int:
        """How many counted reps were partial."""
        return sum(r.partial for r in self.reps)


def _fill(values: Array) -> Array:
    finite = np.isfinite(values)
    if finite.mean() < 0.5:
        raise LandmarkError(
            f"the signal is missing in {1 - finite.mean():.0%} of frames: too little to analyse"
        )
    idx = np.arange(values.size)
    return np.interp(idx, idx[finite], values[finite])


def _starts_high(values: Array, fps: float) -> bool:
    """For a signal of unknown direction: the start is the extreme the set begins and ends at.

    The clip's first and last 0.3 s are taken as the start position (a lifter settles before
    the first rep and after the last).
    """
    edge = max(1, min(values.size // 4, int(0.3 * fps)))
    edge_level = float(np.median(np.concatenate([values[:edge], values[-edge:]])))
    lo, hi = np.percentile(values, [2, 98])
    return bool(abs(hi - edge_level) < abs(edge_level - lo))


def _crossing(n: Array, level: float, lo: int, hi: int, *, rising: bool) -> float | None:
    """The fractional index where ``n`` crosses ``level`` inside [lo, hi].

    Rising: the last upward crossing before ``hi``; falling: the first downward after ``lo``.
    """
    below = np.flatnonzero(n[lo : hi + 1] < level)
    if below.size == 0:
        return None
    i = lo + int(below[-1]) if rising else lo + int(below[0]) - 1
    if i >= hi or i < lo:
        return None
    a, b = float(n[i]), float(n[i + 1])
    return i + (level - a) / (b - a) if b != a else float(i)


def _level(window: Array, extreme: float, *, high: bool) -> float:
    """A plateau's level: the median of the samples within ``_BAND`` of the window's extreme.

    The bare extreme of a noisy plateau lies a few noise widths beyond it.
    """
    near = window[window > extreme - _BAND] if high else window[window < extreme + _BAND]
    # the median by partition: np.median's checks cost more than the work on a few samples
    half = near.size // 2
    part = np.partition(near, half)
    if near.size % 2:
        return float(part[half])
    return float((part[half] + part[:half].max()) / 2)


def _fit_movement(
    n: Array, fps: float, base: float, top: float, a: float, b: float
) -> tuple[float, float] | None:
    """Onset and end of the movement between fractional indices ``a`` and ``b``, fitted.

    Under the half-cosine model ``arccos(1 - 2u) / pi`` of the fraction covered ``u`` grows
    linearly in time from 0 at the onset to 1 at the end, so a weighted straight-line fit of
    it over the samples in between uses them all (weights: the model's slope, since the
    transform amplifies noise near the ends).
    """
    lo, hi = int(np.ceil(min(a, b))), int(np.floor(max(a, b)))
    if hi - lo < 3 or top == base:
        return None
    if not (np.isfinite(base) and np.isfinite(top)):
        return None
    u = np.clip((n[lo : hi + 1] - base) / (top - base), 0.0, 1.0)
    g = np.arccos(1 - 2 * u) / np.pi
    # the weights of the squared residuals: the slope sin(pi g) = 2 sqrt(u (1 - u)), squared
    w = (2 * np.sqrt(u * (1 - u)) + 1e-3) ** 2
    t = np.arange(lo, hi + 1) / fps
    total = float(w.sum())
    mt, mg = float(w @ t) / total, float(w @ g) / total
    dt = t - mt
    slope = float((w * dt) @ (g - mg)) / float((w * dt) @ dt)
    intercept = mg - slope * mt
    if slope <= 0:
        return None
    onset = -intercept / slope
    return float(onset), float(onset + 1 / slope)


def _fitted(
    n: Array, fps: float, base: float, top: float, a: float, b: float
) -> tuple[float, float]:
    """:func:`_fit_movement`, unless its result contradicts the crossings themselves.

    Each end of the fit must lie within half the movement's duration of the estimate from
    the 5 % and 95 % crossings alone (a noisy rest can bend the fit far off); else the
    crossings decide.
    """
    fit = _fit_movement(n, fps, base, top, a, b)
    t_a, t_b = min(a, b) / fps, max(a, b) / fps
    rough = _movement(t_a, t_b)
    slack = (rough[1] - rough[0]) / 2
    if fit is not None and abs(fit[0] - rough[0]) <= slack and abs(fit[1] - rough[1]) <= slack:
        return fit
    return rough


def _movement(t_a: float, t_b: float) -> tuple[float, float]:
    """Onset and end of a movement from its ``_MEASURE_AT`` and ``1 - _MEASURE_AT`` crossings."""
    duration = (t_b - t_a) / (1 - 2 * _TAU)
    return t_a - _TAU * duration, t_b + _TAU * duration


def _rest_level(n: Array, fps: float, t_from: float, t_to: float) -> float:
    """The mean of the signal over a rest between two times, or around it if it is short."""
    i = max(0, int(np.ceil(t_from * fps)))
    j = min(n.size - 1, int(np.floor(t_to * fps)))
    if j - i < 2:
        mid = min(max(round((t_from + t_to) / 2 * fps), 0), n.size - 1)
        i, j = max(0, mid - 1), min(n.size - 1, mid + 1)
    return float(np.mean(n[i : j + 1]))


Window = tuple[float | None, float | None, float, float, float, float, float]


def _time(
    n: Array, fps: float, windows: list[Window]
) -> list[tuple[float, float, float, float, float, float]]:
    """Onset, turn reached, turn left, back at the start, rise and fall, per rep window.

    A rep that started before the clip (no rise crossings) gets its onset at the clip's start
    and its turn reached at the last rise crossing seen, or at the start too.
    """
    out = []
    for up_a, up_b, down_a, down_b, base_in, top, base_out in windows:
        if up_a is None:
            onset = 0.0
            reached = 0.0 if up_b is None else up_b / fps
        else:
            assert up_b is not None
            onset, reached = _fitted(n, fps, base_in, top, up_a, up_b)
        leave, back = _fitted(n, fps, top, base_out, down_a, down_b)
        fall = top - base_out
        out.append((onset, reached, leave, back, fall if up_a is None else top - base_in, fall))
    return out


def _leaving(n: Array, fps: float, left_edge: int, left_valley: int, peak: int) -> float | None:
    """When the movement toward the turn at ``peak`` left the start position (seconds)."""
    base = _level(n[left_edge : peak + 1], float(n[left_valley]), high=False)
    top = float(n[peak])
    rise = top - base
    a = _crossing(n, base + _MEASURE_AT * rise, left_valley, peak, rising=True)
    b = _crossing(n, base + (1 - _MEASURE_AT) * rise, left_valley, peak, rising=True)
    if a is None or b is None or rise <= 0:
        return None
    return max(0.0, _movement(a / fps, b / fps)[0])


#: Fraction of the set's best range under which a counted rep is flagged as partial.
PARTIAL_BELOW: Final = 0.8


def segment_reps(
    signal: Signal,
    *,
    min_prominence: float = 0.25,
    min_rep_seconds: float = 0.5,
    min_excursion: float | None = None,
) -> RepAnalysis:
    """Find the reps in a primary signal and time their phases.

    ``min_prominence`` is the smallest rep, as a fraction of the set's range of the signal;
    ``min_rep_seconds`` the shortest time between two turns; ``min_excursion`` the smallest
    rep in the signal's own units (default by unit: :data:`MIN_EXCURSION`), so that fidgeting
    in a clip without reps is not scaled up into reps.

    Counting rule. A rep counts when the clip shows its turn and its return to the start
    position. One that began before the first frame counts too (``whole`` is False and its
    first phase is measured from the clip's start); one that the clip ends before it returns
    is not counted but reported in ``unfinished``. A rep under :data:`PARTIAL_BELOW` of the
    set's best range counts and is flagged ``partial``.
    """
    floor = MIN_EXCURSION.get(signal.unit, 0.0) if min_excursion is None else min_excursion
    values = _fill(signal.values)
    start_high = (
        signal.start_high if signal.start_high is not None else _starts_high(values, signal.fps)
    )
    d = -values if start_high else values
    lo, hi = (float(p) for p in np.percentile(d, [1, 99]))
    span = hi - lo
    scale = max(abs(hi), abs(lo), 1e-9)
    if span <= 1e-6 * scale or span < floor:
        return RepAnalysis(signal.name, (), start_high, span)
    n = (d - lo) / span
    fps = signal.fps
    # Pad with the start level so that a turn at either edge of the clip is still a peak.
    pad = max(2, int(0.5 * fps))
    padded = np.concatenate(
        [
            np.full(pad, min(0.0, float(n[:pad].min()))),
            n,
            np.full(pad, min(0.0, float(n[-pad:].min()))),
        ]
    )
    found_peaks = find_peaks(
        padded, prominence=min_prominence, distance=max(1, int(min_rep_seconds * fps))
    )
    last = n.size - 1
    peaks = [min(max(int(p) - pad, 0), last) for p in found_peaks]
    windows: list[Window] = []
    unfinished = 0
    unfinished_start: float | None = None
    for k, p in enumerate(peaks):
        left_edge = peaks[k - 1] if k > 0 else 0
        right_edge = peaks[k + 1] if k + 1 < len(peaks) else last
        left_valley = left_edge + int(np.argmin(n[left_edge : p + 1]))
        right_valley = p + int(np.argmin(n[p : right_edge + 1]))
        top = _level(n[left_valley : right_valley + 1], float(n[p]), high=True)
        base_out = _level(n[p : right_edge + 1], float(n[right_valley]), high=False)
        fall = top - base_out
        down_a = _crossing(n, top - _MEASURE_AT * fall, p, right_valley, rising=False)
        down_b = _crossing(n, top - (1 - _MEASURE_AT) * fall, p, right_valley, rising=False)
        if down_a is None or down_b is None or fall < min_prominence:
            if k == len(peaks) - 1:
                unfinished += 1
                unfinished_start = _leaving(n, fps, left_edge, left_valley, p)
            continue  # the clip ends before the rep is back at the start: not counted
        base_in = _level(n[left_edge : p + 1], float(n[left_valley]), high=False)
        rise = top - base_in
        up_a = _crossing(n, base_in + _MEASURE_AT * rise, left_valley, p, rising=True)
        up_b = _crossing(n, base_in + (1 - _MEASURE_AT) * rise, left_valley, p, rising=True)
        if k == 0 and (up_a is None or up_b is None or rise < min_prominence):
            up_a, up_b = None, up_b if up_a is not None else None  # began before the clip
        elif up_a is None or up_b is None:
            continue
        windows.append((up_a, up_b, down_a, down_b, base_in, top, base_out))
    found = _time(n, fps, windows)
    # Second pass: the plateaus' levels from the frames the first pass found at rest.
    refined: list[Window] = []
    for i, (up_a, up_b, down_a, down_b, _, _, _) in enumerate(windows):
        onset, reached, leave, back, _, _ = found[i]
        before = found[i - 1][3] if i > 0 else onset - 1.0
        after = found[i + 1][0] if i + 1 < len(found) else back + 1.0
        top = _rest_level(n, fps, reached, leave)
        base_out = _rest_level(n, fps, back, min(after, back + 1.0))
        base_in = base_out if up_a is None else _rest_level(n, fps, max(before, onset - 1.0), onset)
        refined.append((up_a, up_b, down_a, down_b, base_in, top, base_out))
    found = _time(n, fps, refined)
    kept = [
        (f, w[0] is not None)
        for f, w in zip(found, refined, strict=True)
        if (f[4] + f[5]) / 2 * span >= floor
    ]
    if not kept:
        return RepAnalysis(signal.name, (), start_high, span, unfinished, unfinished_start)
    best = max((f[4] + f[5]) / 2 for f, _ in kept)
    reps: list[Rep] = []
    speed = np.abs(np.gradient(d)) * fps
    previous_end = -np.inf
    clip_end = (n.size - 1) / fps
    for i, ((onset, reached, leave, back, rise, fall), whole) in enumerate(kept):
        # noisy rests can push two fits past each other: a rep starts where the last ended
        onset = min(max(onset, previous_end), reached)
        # a fit may extrapolate past the clip's ends (a rep under way at the first frame, or
        # back at the start only at the last one): the clip's ends bound what was seen
        onset, reached = max(onset, 0.0), max(reached, 0.0)
        leave, back = min(leave, clip_end), min(back, clip_end)
        previous_end = back
        excursion = (rise + fall) / 2
        up_first = signal.first_phase == "concentric"
        travel = rise if up_first else fall  # the concentric's own distance
        c_from, c_to = (onset, reached) if up_first else (leave, back)
        inside = speed[max(0, int(np.ceil(c_from * fps))) : int(np.floor(c_to * fps)) + 1]
        pause_after = max(0.0, kept[i + 1][0][0] - back) if i + 1 < len(kept) else None
        timed = whole or not up_first  # a cut rep's first phase is not fully seen
        reps.append(
            Rep(
                index=i + 1,
                start=onset,
                end=back,
                first_phase_name=signal.first_phase,
                first_phase=reached - onset,
                pause_at_turn=max(0.0, leave - reached),
                second_phase=back - leave,
                pause_at_start=pause_after,
                excursion=excursion * span,
                range_of_motion=excursion / best,
                concentric_mean_velocity=(
                    travel * span / max(c_to - c_from, 1e-9) if timed else float("nan")
                ),
                concentric_peak_velocity=(
                    float(inside.max()) if inside.size and timed else float("nan")
                ),
                whole=whole,
                partial=excursion / best < PARTIAL_BELOW,
            )
        )
    return RepAnalysis(signal.name, tuple(reps), start_high, span, unfinished, unfinished_start)
