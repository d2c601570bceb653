"""How a movement compares with the set around it: the generic counter's judges and timing.

- :func:`repeat_score`: per frame, how well the movement repeats a period earlier or later
  (reps score near 1; setting up, resting and walking low);
- :func:`likeness`: per rep, how much its whole-body shape resembles the set's typical rep;
- :func:`retimed`: counted reps timed on the joint positions that carry them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import numpy as np

from spotter.motion.analysis.landmarks import Array, LandmarkError
from spotter.motion.analysis.reps import Rep, RepAnalysis, segment_reps
from spotter.motion.analysis.signals import Signal

#: Lags tried by :func:`repeat_score`, in periods: the next rep may come somewhat sooner or
#: later (a 25 % change of pace between two reps is a lot for one lifter).
_LAG_STRETCH: Final = (0.8, 0.9, 1.0, 1.12, 1.25)


def repeat_score(values: Array, period: float, fps: float) -> Array:
    """Per frame, how well the movement around it repeats one period earlier or later.

    A window one period long is correlated with the window a lag later, for lags from 0.8 to
    1.25 periods (a change of pace between neighbouring reps); each window's centre gets the
    best correlation of any pair it is in (the clip's first and last half window take the
    nearest centre's). A rep's frames score near 1; a stretch of setting up, resting or
    walking that does not repeat scores low.

    >>> t = np.arange(300) / 30.0
    >>> noise = np.convolve(np.random.default_rng(1).normal(size=300), np.ones(9) / 3, "same")
    >>> x = np.where(t < 6, np.sin(2 * np.pi * t / 1.5), noise)  # reps, then fidgeting
    >>> score = repeat_score(x, 1.5, 30.0)
    >>> round(float(np.median(score[:150])), 2), bool(np.median(score[240:]) < 0.5)
    (1.0, True)
    """
    n = values.size
    width = max(3, round(period * fps))
    c1 = np.concatenate([[0.0], np.cumsum(values)])
    c2 = np.concatenate([[0.0], np.cumsum(values * values)])
    best = np.full(n, -1.0)
    for stretch in _LAG_STRETCH:
        lag = round(period * stretch * fps)
        if lag < 1 or lag + width > n:
            continue
        i = np.arange(n - lag - width + 1)
        cp = np.concatenate([[0.0], np.cumsum(values[: n - lag] * values[lag:])])
        sxy = cp[i + width] - cp[i]
        sx, sy = c1[i + width] - c1[i], c1[i + lag + width] - c1[i + lag]
        sxx, syy = c2[i + width] - c2[i], c2[i + lag + width] - c2[i + lag]
        cov = sxy - sx * sy / width
        var = np.maximum((sxx - sx * sx / width) * (syy - sy * sy / width), 1e-18)
        corr = cov / np.sqrt(var)
        for offset in (0, lag):
            np.maximum.at(best, i + offset + width // 2, corr)
    covered = np.flatnonzero(best > -1.0)
    if covered.size:  # the clip's first and last half window: the nearest window's score
        best[: covered[0]] = best[covered[0]]
        best[covered[-1] + 1 :] = best[covered[-1]]
    return best


def retimed(analysis: RepAnalysis, timing: Signal) -> RepAnalysis:
    """The counted reps with their start, end and phases timed on ``timing``, the repeating
    component's joint positions alone, where it shows the rep.

    Joint angles help find a rep (an arm raise turns the shoulder more than it moves any
    joint) but time it badly: an angle changes slowly near the end of a movement that moves
    the joint at a steady pace, so its start and end read late. Positions are timed by
    :func:`~spotter.motion.analysis.reps.segment_reps` (half-cosine movements fitted between
    rests); each counted rep takes the timing of the rep there whose turn lies within it and
    nearest its own, and keeps its own timing when there is none (the positions alone move
    too little). The count does not change.
    """
    if not analysis.reps:
        return analysis
    try:
        timed = segment_reps(timing).reps
    except LandmarkError:
        return analysis
    out = []
    for r in analysis.reps:
        turn = r.start + r.first_phase + r.pause_at_turn / 2
        inside = [t for t in timed if r.start <= t.start + t.first_phase <= r.end]
        if not inside:
            out.append(r)
            continue
        t = min(inside, key=lambda t: abs(t.start + t.first_phase + t.pause_at_turn / 2 - turn))
        out.append(
            replace(
                r,
                start=t.start,
                end=t.end,
                first_phase=t.first_phase,
                pause_at_turn=t.pause_at_turn,
                second_phase=t.second_phase,
                whole=r.whole and t.whole,
            )
        )
    reps = [
        replace(r, pause_at_start=out[i + 1].start - r.end if i + 1 < len(out) else None)
        for i, r in enumerate(out)
    ]
    return replace(analysis, reps=tuple(reps))


def likeness(x: Array, reps: tuple[Rep, ...], fps: float) -> tuple[float, ...]:
    """Per rep, the correlation of its movement, in all channels and time-normalised (sixteen
    samples from start to end), with the median of the set's middle reps' (all but the first
    and last). Empty with fewer than four reps.

    The repeating component follows one direction of the body's movement; setting up or
    leaving can move along it as much as a rep does, but moves the body otherwise.

    >>> t = np.arange(300) / 30.0
    >>> rep = np.sin(np.pi * (t % 2) / 2) ** 2
    >>> x = np.stack([rep, rep], axis=1); x[:60, 1] *= -1  # the first two seconds differ
    >>> reps = tuple(Rep(i, 2.0 * i, 2.0 * i + 2, "concentric", 1, 0, 1, 0, 1, 1, 1, 1)
    ...              for i in range(5))
    >>> [round(a, 1) for a in likeness(x, reps, 30.0)]
    [0.0, 1.0, 1.0, 1.0, 1.0]
    """
    if len(reps) < 4:
        return ()
    starts = np.array([round(r.start * fps) for r in reps])
    ends = np.maximum(np.array([round(r.end * fps) for r in reps]), starts + 1)
    idx = np.rint(starts[:, None] + (ends - starts)[:, None] * np.linspace(0, 1, 16)[None, :])
    seg = x[np.clip(idx.astype(int), 0, x.shape[0] - 1)]  # (reps, 16, channels)
    stack = (seg - seg.mean(axis=1, keepdims=True)).reshape(len(reps), -1)
    template = np.median(stack[1:-1], axis=0)
    v = stack - stack.mean(axis=1, keepdims=True)
    u = template - template.mean()
    norms = np.linalg.norm(v, axis=1) * np.linalg.norm(u)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.where(norms > 0, v @ u / norms, 0.0)
    return tuple(float(c) for c in corr)
