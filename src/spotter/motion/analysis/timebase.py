"""An even clock for frames with uneven time stamps (a phone's variable frame rate).

The analysis works at a fixed rate (``Landmarks.fps``). A clip whose container time stamps
are uneven is resampled onto an even clock at its shortest common frame interval, so the
motion is seen at the times it happened; a clip already on its nominal clock is left alone.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def even_clock(times: Array, fps: float) -> float | None:
    """The rate of an even clock for frames at ``times`` (seconds from the first frame), or
    None when they already sit on the nominal ``fps`` clock (every frame within half a frame
    of it). The rate is that of the shortest common interval (the 10th percentile), so the
    fastest stretch of a variable-rate clip keeps its detail.

    >>> even_clock(np.arange(10) / 30, 30.0) is None
    True
    >>> uneven = np.concatenate([np.arange(0, 1.2, 0.12), 1.2 + np.arange(30) * 0.04])
    >>> even_clock(uneven, 13.4)
    25.0
    """
    if len(times) < 3 or np.max(np.abs(times - np.arange(len(times)) / fps)) <= 0.5 / fps:
        return None
    steps = np.diff(times)
    steps = steps[steps > 0]
    if steps.size == 0:
        return None
    rate = 1.0 / float(np.percentile(steps, 10))
    return float(round(min(max(rate, fps), 240.0), 3))


def resample(rows: Array, times: Array, fps: float) -> Array:
    """Rows at uneven ``times`` (seconds, increasing) onto an even clock at ``fps``: each
    clock tick linear between the frames around it when both found a person, else the
    nearer frame when it lies within half a tick, else NaN.

    >>> rows = np.zeros((3, 1, 4)); rows[:, 0, 0] = [0.0, 3.0, 4.0]
    >>> resample(rows, np.array([0.0, 0.3, 0.4]), 10.0)[:, 0, 0].tolist()
    [0.0, 1.0, 2.0, 3.0, 4.0]
    """
    n = int(np.floor(times[-1] * fps + 1e-6)) + 1
    grid = np.arange(n) / fps
    hi = np.clip(np.searchsorted(times, grid, side="left"), 0, len(times) - 1)
    lo = np.clip(hi - 1, 0, len(times) - 1)
    exact = np.isclose(times[hi], grid)
    lo = np.where(exact, hi, lo)
    span = np.maximum(times[hi] - times[lo], 1e-9)
    w = np.where(hi == lo, 0.0, (grid - times[lo]) / span)[:, None, None]
    out = rows[lo] * (1 - w) + rows[hi] * w
    broken = ~np.isfinite(out[:, 0, 0])
    nearest = np.where(np.abs(times[lo] - grid) <= np.abs(times[hi] - grid), lo, hi)
    close = np.abs(times[nearest] - grid) <= 0.5 / fps
    take = broken & close
    out[take] = rows[nearest[take]]
    return np.asarray(out, dtype=np.float64)
