"""The period of a repeating movement: autocorrelation and spectrum, checked against each other.

Both estimates read the same channels (frames, channels), each centred on its median:

- the autocorrelation of all channels together (their autocovariances summed, over the summed
  variance), whose highest peak at a lag of at least :data:`MIN_PERIOD` is a period of the
  whole body's movement. A rhythm repeats at every multiple of its period too, so the shortest
  lag whose peak reaches :data:`SUBMULTIPLE` of the highest is taken when the highest is a
  multiple of it;
- the power spectrum (the channels' periodograms summed), whose strongest
  frequency is the rhythm's fundamental or one of its harmonics.

They are checked against each other. When the spectrum's frequency is the reciprocal of the
autocorrelation's lag (within :data:`AGREE`) the two agree, and the period is their mean.
When it is a whole multiple of it, the spectrum has found a harmonic (a limb that passes the
same place twice per rep) and the autocorrelation's lag is the period. Otherwise the one whose
period the other signal supports better wins: the autocorrelation at the spectral period
against its own peak. The estimate's ``agreement`` tells which case held.

>>> import numpy as np
>>> t = np.arange(600) / 30.0  # 20 s at 30 fps
>>> x = np.sin(2 * np.pi * t / 1.5) + 0.4 * np.sin(4 * np.pi * t / 1.5)  # 1.5 s, a harmonic
>>> est = estimate_period(x[:, None], 30.0)
>>> round(est.period, 2), est.agreement
(1.5, 'agree')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from spotter.motion.analysis.landmarks import Array

#: The shortest repetition period considered, seconds: no limb of a lifter cycles faster than
#: about 3 Hz (skipping and jumping jacks run near 2-2.5 Hz).
MIN_PERIOD: Final = 0.4
#: A shorter-lag autocorrelation peak at least this share of the highest is the period, the
#: highest a multiple of it (a rhythm correlates with itself at every multiple of its period;
#: with noise and changes of pace the multiples are lower, never much higher).
SUBMULTIPLE: Final = 0.8
#: An autocorrelation peak at the spectrum's period at least this share of the highest
#: confirms the spectrum when the highest lies at a multiple of it.
CONFIRM: Final = 0.5
#: Relative tolerance for the two estimates to agree (a 15 % change of pace within a set
#: moves the spectral peak by about that much).
AGREE: Final = 0.15

Agreement = Literal["agree", "harmonic", "submultiple", "autocorrelation", "spectrum", "none"]


@dataclass(frozen=True, slots=True)
class PeriodEstimate:
    """A repetition period in seconds and how it was found."""

    period: float
    #: The autocorrelation's period and its value there (1.0 is a perfect repeat).
    acf_period: float
    strength: float
    #: The spectrum's strongest period.
    spectral_period: float
    agreement: Agreement


def filled(values: Array) -> Array:
    """Each column with its NaN filled linearly (held at the ends); all-NaN columns become 0.

    >>> filled(np.array([[1.0], [np.nan], [3.0], [np.nan]]))[:, 0].tolist()
    [1.0, 2.0, 3.0, 3.0]
    """
    out = np.array(values, dtype=np.float64, copy=True)
    idx = np.arange(out.shape[0])
    for c in range(out.shape[1]):
        ok = np.isfinite(out[:, c])
        if not ok.any():
            out[:, c] = 0.0
        elif not ok.all():
            out[:, c] = np.interp(idx, idx[ok], out[ok, c])
    return out


def autocovariance(x: Array) -> Array:
    """Autocovariance per channel (biased, lags 0..frames-1) of centred columns, by FFT.

    >>> autocovariance(np.array([[1.0], [-1.0], [1.0], [-1.0]]))[:, 0].tolist()
    [1.0, -0.75, 0.5, -0.25]
    """
    n = x.shape[0]
    size = 1 << int(np.ceil(np.log2(2 * n)))
    spec = np.fft.rfft(x, size, axis=0)
    acov = np.fft.irfft(spec * np.conj(spec), size, axis=0)[:n]
    return np.asarray(acov / n, dtype=np.float64)


def _peaks(r: Array, lo: int) -> list[int]:
    """Local maxima of ``r`` from lag ``lo`` on, strictly above their neighbours."""
    i = np.arange(max(lo, 1), r.size - 1)
    return [int(k) for k in i[(r[i] > r[i - 1]) & (r[i] >= r[i + 1])]]


def _refine(r: Array, k: int) -> float:
    """The peak's lag to a fraction of a frame (a parabola through it and its neighbours).

    Only a true local maximum is refined, and by at most half a step either way (at the edge
    of a search band the highest value need not be a peak).

    >>> _refine(np.array([0.0, 1.0, 0.5]), 1), _refine(np.array([3.0, 2.0, 1.0]), 1)
    (1.1666666666666667, 1.0)
    """
    if 0 < k < r.size - 1:
        a, b, c = float(r[k - 1]), float(r[k]), float(r[k + 1])
        den = a - 2 * b + c
        if den < 0 and b >= a and b >= c:
            return k + float(np.clip(0.5 * (a - c) / den, -0.5, 0.5))
    return float(k)


def acf_period(r: Array, fps: float, max_lag: int) -> tuple[float, float]:
    """Period (seconds) and value of the summed autocorrelation ``r`` (1 at lag 0).

    >>> r = np.cos(2 * np.pi * np.arange(200) / 40) * np.linspace(1, 0.5, 200)
    >>> period, value = acf_period(r, 30.0, 150)
    >>> round(period, 2), round(value, 2)
    (1.33, 0.9)
    """
    peaks = [k for k in _peaks(r[: max_lag + 1], int(np.ceil(MIN_PERIOD * fps))) if r[k] > 0]
    if not peaks:
        return float("nan"), 0.0
    best = max(peaks, key=lambda k: r[k])
    for k in peaks:
        if k >= best:
            break
        ratio = best / k
        if r[k] >= SUBMULTIPLE * r[best] and abs(ratio - round(ratio)) < AGREE * round(ratio):
            best = k
            break
    return _refine(r, best) / fps, float(r[best])


def spectral_period(power: Array, freqs: Array, max_period: float) -> float:
    """The period (seconds) of the strongest frequency of a power spectrum.

    >>> t = np.arange(300) / 30.0
    >>> spec = np.fft.rfft(np.sin(2 * np.pi * 0.8 * t), 1024)
    >>> round(spectral_period(np.abs(spec) ** 2, np.fft.rfftfreq(1024, 1 / 30.0), 5.0), 2)
    1.25
    """
    band = (freqs >= 1.0 / max_period) & (freqs <= 1.0 / MIN_PERIOD)
    if not band.any() or not np.isfinite(power[band]).any():
        return float("nan")
    k = int(np.flatnonzero(band)[np.argmax(power[band])])
    return 1.0 / float(freqs[k] + (_refine(power, k) - k) * (freqs[1] - freqs[0]))


def estimate_period(x: Array, fps: float, *, min_cycles: float = 2.0) -> PeriodEstimate:
    """The repetition period of channels ``x`` (frames, channels) sampled at ``fps``.

    ``min_cycles``: the longest period considered is the clip's length over this (the
    autocorrelation needs two cycles to see one repeat). NaN periods when none is found.
    """
    x = filled(np.atleast_2d(np.asarray(x, dtype=np.float64).T).T)
    x = x - np.median(x, axis=0)
    n = x.shape[0]
    max_lag = int(n / min_cycles)
    nan = float("nan")
    # one transform serves both: the summed periodogram, and (its inverse) the summed
    # autocovariance; zero padding to twice the length keeps the latter from wrapping
    size = 1 << int(np.ceil(np.log2(2 * max(n, 2))))
    spec = np.fft.rfft(x, size, axis=0)
    power = (spec.real**2 + spec.imag**2).sum(axis=1)
    acov = np.fft.irfft(power, size)[:n] / n
    if n < 4 or acov[0] <= 0 or max_lag < MIN_PERIOD * fps:
        return PeriodEstimate(nan, nan, 0.0, nan, "none")
    r = acov / acov[0]
    t_acf, strength = acf_period(r, fps, max_lag)
    t_spec = spectral_period(power, np.fft.rfftfreq(size, 1.0 / fps), max_lag / fps)
    if not np.isfinite(t_acf):
        return PeriodEstimate(nan, nan, 0.0, t_spec, "none")
    if not np.isfinite(t_spec):
        return PeriodEstimate(t_acf, t_acf, strength, t_spec, "autocorrelation")
    ratio = t_acf / t_spec
    if abs(ratio - 1) <= AGREE:
        return PeriodEstimate((t_acf + t_spec) / 2, t_acf, strength, t_spec, "agree")
    if ratio > 1.5 and abs(ratio - round(ratio)) <= AGREE * round(ratio):
        # the spectrum sees a whole fraction of the autocorrelation's lag: either a harmonic
        # of the rep, or the rep itself, the longer lag a multiple (reps alternating sides,
        # or a sway every other rep). The autocorrelation decides: a clear peak there too,
        # half as strong as the highest or more, makes it the rep.
        near = [
            k
            for k in _peaks(r[: max_lag + 1], 1)
            if abs(k / fps / t_spec - 1) <= AGREE and r[k] >= CONFIRM * strength
        ]
        if near:
            k = max(near, key=lambda k: r[k])
            return PeriodEstimate(_refine(r, k) / fps, t_acf, strength, t_spec, "submultiple")
        return PeriodEstimate(t_acf, t_acf, strength, t_spec, "harmonic")
    at_spec = float(np.interp(t_spec * fps, np.arange(r.size), r))
    if at_spec >= SUBMULTIPLE * strength:
        return PeriodEstimate(t_spec, t_acf, strength, t_spec, "spectrum")
    return PeriodEstimate(t_acf, t_acf, strength, t_spec, "autocorrelation")
