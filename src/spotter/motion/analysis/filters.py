"""Butterworth low-pass, zero-phase filtering and peak finding, in numpy alone.

They compute what ``scipy.signal.butter``, ``filtfilt`` (odd padding, the filter's steady
state as initial condition) and ``find_peaks`` (with ``distance`` and ``prominence``) compute,
without importing ``scipy.signal``: that import takes about half a second (it pulls in
``scipy.stats``), longer than analysing a set. The unit tests compare both.

>>> b, a = butter_lowpass(2, 0.5)
>>> [round(float(v), 6) for v in b], [round(float(v), 6) for v in a]
([0.292893, 0.585786, 0.292893], [1.0, 0.0, 0.171573])
"""

from __future__ import annotations

import functools

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def butter_lowpass(order: int, cutoff: float) -> tuple[Array, Array]:
    """Digital Butterworth low-pass coefficients ``(b, a)``; ``cutoff`` is a fraction of Nyquist.

    The analog prototype's poles are scaled to the pre-warped cutoff and mapped by the bilinear
    transform, as ``scipy.signal.butter(order, cutoff)`` does. A set uses a handful of filters
    many times over, so the coefficients are computed once per (order, cutoff).
    """
    b, a = _butter_lowpass(order, float(cutoff))
    return b.copy(), a.copy()


@functools.lru_cache(maxsize=64)
def _butter_lowpass(order: int, cutoff: float) -> tuple[Array, Array]:
    if order < 1 or not 0.0 < cutoff < 1.0:
        raise ValueError(f"need order >= 1 and 0 < cutoff < 1, got {order}, {cutoff}")
    fs = 2.0
    warped = 2.0 * fs * np.tan(np.pi * cutoff / fs)
    m = np.arange(-order + 1, order, 2)
    poles = -np.exp(1j * np.pi * m / (2 * order)) * warped
    gain = warped**order
    fs2 = 2.0 * fs
    digital = (fs2 + poles) / (fs2 - poles)
    gain_d = gain * float(np.real(1.0 / np.prod(fs2 - poles)))
    b = gain_d * np.real(np.poly(-np.ones(order)))
    a = np.real(np.poly(digital))
    return np.asarray(b, dtype=np.float64), np.asarray(a, dtype=np.float64)


def _steady_state(b: Array, a: Array) -> Array:
    """The filter's state for a constant input of 1 (``scipy.signal.lfilter_zi``)."""
    b, a = b / a[0], a / a[0]
    n = max(a.size, b.size)
    a = np.pad(a, (0, n - a.size))
    b = np.pad(b, (0, n - b.size))
    companion = np.zeros((n - 1, n - 1))
    companion[0] = -a[1:]
    companion[np.arange(1, n - 1), np.arange(n - 2)] = 1.0
    return np.asarray(
        np.linalg.solve(np.eye(n - 1) - companion.T, b[1:] - a[1:] * b[0]), dtype=np.float64
    )


#: Longest impulse response followed; a stable low-pass dies away long before (about 2,000
#: samples at a cutoff of 1/60 of Nyquist).
_MAX_RESPONSE = 1 << 16


def _decaying(b: Array, a: Array, impulse: bool, state: Array) -> Array:
    """The filter's output for a unit impulse (``impulse``) or for zero input from ``state``,
    until it has died away (below 1e-14 for longer than the filter's order)."""
    order = state.size
    z = [float(v) for v in state]
    bb, aa = [float(v) for v in b], [float(v) for v in a]
    out: list[float] = []
    quiet = 0
    for t in range(_MAX_RESPONSE):
        xt = 1.0 if impulse and t == 0 else 0.0
        yt = bb[0] * xt + z[0]
        for i in range(order - 1):
            z[i] = bb[i + 1] * xt + z[i + 1] - aa[i + 1] * yt
        z[order - 1] = bb[order] * xt - aa[order] * yt
        out.append(yt)
        quiet = quiet + 1 if abs(yt) < 1e-14 and max(abs(v) for v in z) < 1e-14 else 0
        if quiet > order:
            break
    return np.asarray(out, dtype=np.float64)


@functools.lru_cache(maxsize=32)
def _responses(b: tuple[float, ...], a: tuple[float, ...]) -> tuple[Array, Array]:
    """Impulse response and response to the steady state ``_steady_state(b, a)``, normalised."""
    bn, an = np.array(b) / a[0], np.array(a) / a[0]
    zi = _steady_state(bn, an)
    return _decaying(bn, an, True, np.zeros(zi.size)), _decaying(bn, an, False, zi)


def _lfilter(b: Array, a: Array, x: Array) -> Array:
    """Filter along the last axis, starting from the steady state of each row's first sample
    (``scipy.signal.lfilter`` with ``zi=lfilter_zi(b, a) * x[..., :1]``).

    The output is the input convolved with the impulse response plus the response to the
    initial state, both computed once per filter and applied to every row with an FFT.
    """
    n = x.shape[-1]
    h, decay = _responses(tuple(map(float, b)), tuple(map(float, a)))
    h = h[:n]
    g = np.zeros(n)
    g[: min(n, decay.size)] = decay[:n]
    size = 1 << int(np.ceil(np.log2(n + h.size)))
    spectrum = np.fft.rfft(x, size, axis=-1) * np.fft.rfft(h, size)
    y = np.fft.irfft(spectrum, size, axis=-1)[..., :n]
    return np.asarray(y + x[..., :1] * g, dtype=np.float64)


def filtfilt(b: Array, a: Array, x: Array) -> Array:
    """Forward-backward filtering along the last axis (zero phase), as ``scipy.signal.filtfilt``.

    The ends are extended by ``3 * max(len(a), len(b))`` samples mirrored about the end values
    (odd extension), and each pass starts from the steady state of the first sample.

    >>> b, a = butter_lowpass(2, 0.2)
    >>> x = np.linspace(0.0, 1.0, 50)  # a ramp passes a low-pass unchanged
    >>> bool(np.allclose(filtfilt(b, a, x), x, atol=1e-3))
    True
    """
    pad = 3 * max(a.size, b.size)
    x = np.asarray(x, dtype=np.float64)
    if x.shape[-1] <= pad:
        raise ValueError(f"need more than {pad} samples to filter, got {x.shape[-1]}")
    first, last = x[..., :1], x[..., -1:]
    ext = np.concatenate(
        [2 * first - x[..., pad:0:-1], x, 2 * last - x[..., -2 : -(pad + 2) : -1]], axis=-1
    )
    forward = _lfilter(b, a, ext)
    back = _lfilter(b, a, np.ascontiguousarray(forward[..., ::-1]))[..., ::-1]
    return np.asarray(back[..., pad:-pad], dtype=np.float64)


def _local_maxima(x: Array) -> NDArray[np.intp]:
    """Indices of local maxima; a flat peak counts once, at its middle (left of two).

    Runs of equal samples are compared with their neighbouring runs; a run at either end of
    the signal is no peak.

    >>> _local_maxima(np.array([0.0, 1.0, 1.0, 0.0, 2.0, 2.0, 2.0, 1.0, 3.0])).tolist()
    [1, 5]
    """
    n = x.size
    if n < 3:
        return np.zeros(0, dtype=np.intp)
    change = np.flatnonzero(x[1:] != x[:-1]) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change - 1, [n - 1]])
    level = x[starts]
    k = np.arange(1, starts.size - 1)
    k = k[(level[k - 1] < level[k]) & (level[k + 1] < level[k])]
    return np.asarray((starts[k] + ends[k]) // 2, dtype=np.intp)


def _by_distance(x: Array, peaks: NDArray[np.intp], distance: float) -> NDArray[np.intp]:
    """Drop peaks closer than ``distance`` samples to a higher one (highest first)."""
    gap = int(np.ceil(distance))
    keep = np.ones(peaks.size, dtype=bool)
    for j in np.argsort(x[peaks])[::-1]:
        if not keep[j]:
            continue
        k = j - 1
        while k >= 0 and peaks[j] - peaks[k] < gap:
            keep[k] = False
            k -= 1
        k = j + 1
        while k < peaks.size and peaks[k] - peaks[j] < gap:
            keep[k] = False
            k += 1
    return np.asarray(peaks[keep], dtype=np.intp)


def prominences(x: Array, peaks: NDArray[np.intp]) -> Array:
    """How far each peak rises above the higher of the lowest points on either side of it,
    searching each side until the signal rises above the peak (``peak_prominences``).

    >>> prominences(np.array([0.0, 3.0, 1.0, 2.0, 0.0]), np.array([1, 3])).tolist()
    [3.0, 1.0]
    """
    out = np.empty(peaks.size)
    for k, p in enumerate(peaks):
        height = x[p]
        higher_left = np.flatnonzero(x[:p] > height)
        lo = int(higher_left[-1]) + 1 if higher_left.size else 0
        higher_right = np.flatnonzero(x[p + 1 :] > height)
        hi = p + int(higher_right[0]) if higher_right.size else x.size - 1
        out[k] = height - max(float(x[lo : p + 1].min()), float(x[p : hi + 1].min()))
    return out


def find_peaks(x: Array, *, prominence: float, distance: float = 1.0) -> NDArray[np.intp]:
    """Peaks at least ``distance`` samples apart (higher ones win) with at least ``prominence``.

    >>> find_peaks(np.array([0.0, 2.0, 0.0, 0.5, 0.4, 3.0, 0.0]), prominence=1.0).tolist()
    [1, 5]
    """
    x = np.asarray(x, dtype=np.float64)
    peaks = _local_maxima(x)
    if distance > 1 and peaks.size > 1:
        peaks = _by_distance(x, peaks, distance)
    return peaks[prominences(x, peaks) >= prominence]
