"""The generic rep counter: any exercise, from whichever body signals repeat.

Steps (each in its own function):

1. :func:`~spotter.motion.analysis.channels.motion_channels`: joint positions and angle arcs,
   all in body lengths.
2. :func:`~spotter.motion.analysis.periodic.estimate_period`: the repetition period, from the
   autocorrelation and the spectrum checked against each other.
3. :func:`repeating_component`: the one direction in channel space that best repeats itself
   after one period (the channels with their drift removed; a channel weighs by how well it
   repeats and, through :data:`RIDGE`, by how much it moves), so the body part that carries
   the rep is found from the data, not from the exercise's family. Its weights are reported
   as ``carriers``.
4. :func:`~spotter.motion.analysis.cycles.segment_cycles` on that component: turns found on
   the component smoothed to :data:`HARMONICS` harmonics of the rhythm (the period, or the
   spectrum's shorter one, :data:`FASTEST_RHYTHM`), at least :data:`SHORTEST` of it apart,
   and at least a quarter of the range of the frames that repeat the rhythm
   (:func:`~spotter.motion.analysis.repeats.repeat_score`) high; boundaries read from the
   component itself; the start position is the end where the elbows, hips and knees are
   straightest when the component follows them (:func:`extended_high`), else where the clip
   begins and ends, or dwells (:func:`starts_high`).
5. :func:`judge`: movements that do not repeat their neighbours (setting up, resting,
   walking), a movement whose whole-body shape is unlike the set's typical rep
   (:func:`~spotter.motion.analysis.repeats.likeness`), a first or last one under
   :data:`EDGE_PARTIAL` of its range and a first one that began before the clip are set
   aside with the reason, reported and not counted. The counted reps are timed on the
   component's joint positions (:func:`~spotter.motion.analysis.repeats.retimed`).

A clip without a person in any frame is refused with that reason (``LandmarkError``).

Every constant is a property of human movement or of the signal processing, stated where it
is defined; none was fitted to a data set (bench/bench_repcount.py refits the three
choices data could tune leave-one-exercise-type-out on RepCount to show what fitting would
change).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

import numpy as np

from spotter.motion.analysis.channels import Channels, motion_channels
from spotter.motion.analysis.cycles import Mask, segment_cycles
from spotter.motion.analysis.filters import butter_lowpass, filtfilt
from spotter.motion.analysis.landmarks import Array, Landmarks
from spotter.motion.analysis.periodic import PeriodEstimate, estimate_period, filled
from spotter.motion.analysis.repeats import likeness, repeat_score, retimed
from spotter.motion.analysis.reps import MIN_EXCURSION, PARTIAL_BELOW, Rep, RepAnalysis
from spotter.motion.analysis.signals import Signal

#: A rep counts as repetitive when its frames correlate at least this well with the movement
#: a period away: half of its variance is shared with a neighbouring rep.
MIN_REPEAT: Final = 0.5
#: Harmonics of the rep's rhythm kept when the component is smoothed for counting: the
#: fundamental and two more draw a rep's shape (its turn and its rest); anything faster is
#: a wobble within a rep (a double dip at the turn) and must not split it.
HARMONICS: Final = 3.0
#: How much a channel's size counts in :func:`repeating_component` against how well it
#: repeats: the covariance gets this many mean channel variances added to its diagonal. A
#: channel's worth is then its autocorrelation at the period times ``var / (var + RIDGE *
#: mean var)``: one that moves several times more than the typical channel is judged by how
#: well it repeats alone, a small one by its size too (a flickering joint that repeats by
#: chance does not outweigh the limb that carries the rep). Three: the typical channel gets
#: a quarter of its autocorrelation's worth. Checked on the real clips in
#: ../shared/data/pose (at 1, a push-up clip grows an unfinished rep no reviewer sees).
RIDGE: Final = 3.0
#: The spectrum's period sets the detail kept when it is shorter than the autocorrelation's,
#: down to this share of it (a third: the third harmonic, the finest detail a rep's shape
#: needs, see HARMONICS): smoothing must not erase a faster rhythm the spectrum sees.
FASTEST_RHYTHM: Final = 1 / 3
#: The shortest time between two turns, in periods. A lifter may speed up within a set (the
#: period is the set's typical one), so a quarter; prominence keeps out the wobbles.
SHORTEST: Final = 0.25
#: A movement whose whole-body shape does not correlate at all with the set's typical rep
#: (:func:`likeness` under this) is something else: setting up, mounting, leaving, standing
#: up or lying down between two runs of reps.
MIN_LIKENESS: Final = 0.0
#: Joint angles whose straight end is a set's start position: nearly every exercise starts
#: with the working joints extended (hanging from the bar, arms locked out over the floor or
#: the bench, standing, lying flat), and its reps bend them and come back. The shoulder is
#: left out: a raise or a jumping jack starts with the arms down, its angle closed. The
#: exceptions start flexed (a deadlift from the floor, an overhead press from the shoulders,
#: a hip thrust): without an exercise their reps are timed from the lockout, one turn off;
#: their count changes only when the clip cuts a rep.
EXTENDING: Final = ("elbow angle", "hip angle", "knee angle")
#: The component must correlate at least this well with the extending joints' summed arcs
#: (one way or the other) for their straight end to decide the start position: a moderate
#: correlation, a quarter of the variance shared. Under it the rep is carried by something
#: else (a raise, a swing), and the clip's ends or dwell decide (:func:`starts_high`).
EXTENDED_CORR: Final = 0.5
#: A first or last rep under this share of the median rep's excursion is partial: reported,
#: not counted. The same line as a partial rep of the dedicated families (PARTIAL_BELOW).
EDGE_PARTIAL: Final = PARTIAL_BELOW


@dataclass(frozen=True, slots=True)
class SetAside:
    """A movement that was found but not counted, and why."""

    start: float
    end: float
    reason: str


@dataclass(frozen=True, slots=True)
class GenericCount:
    """The generic counter's result: the reps and how they were found."""

    analysis: RepAnalysis
    period: PeriodEstimate
    signal: Signal
    #: Channel name -> weight in the repeating component (largest first).
    carriers: tuple[tuple[str, float], ...]
    #: Movements found but not counted (partial first or last reps, non-repetitive stretches).
    set_aside: tuple[SetAside, ...] = ()
    #: Every movement the segmentation found, before judging (see :func:`judge`).
    candidates: tuple[Rep, ...] = ()
    #: Per frame, :func:`repeat_score` of the component (None without a period).
    score: Array | None = None
    #: Per candidate, :func:`likeness` to the set's typical rep (empty under four candidates).
    alike: tuple[float, ...] = ()
    #: The signal the counted reps are timed on (:func:`retimed`); None: as segmented.
    timing: Signal | None = None

    @property
    def count(self) -> int:
        return self.analysis.count

    @property
    def unseen(self) -> float:
        """Seconds from the first counted rep's start to the last one's end without anyone
        seen (tracking lost for longer than the gap filling bridges): reps there are not
        counted, so the count may be short by about this over the period."""
        reps = self.analysis.reps
        if not reps:
            return 0.0
        fps = self.signal.fps
        a, b = round(reps[0].start * fps), round(reps[-1].end * fps) + 1
        return float(np.count_nonzero(np.isnan(self.signal.values[a:b]))) / fps

    def boundaries(self) -> list[tuple[float, float]]:
        """Each counted rep's start and end, seconds."""
        return [(r.start, r.end) for r in self.analysis.reps]


def without_drift(x: Array, window: int) -> Array:
    """Each column minus its centred moving mean over ``window`` frames (one period).

    The mean over one period of a periodic movement is constant, so the repetition is kept
    whole, while drifts slower than a period (walking, the camera, a slow lean) go.

    >>> without_drift(np.arange(10.0)[:, None], 3)[2:-2, 0].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    if window < 2:
        return np.asarray(x - np.median(x, axis=0), dtype=np.float64)
    half = window // 2
    padded = np.pad(x, ((half, window - 1 - half), (0, 0)), mode="reflect")
    c = np.cumsum(np.pad(padded, ((1, 0), (0, 0))), axis=0)
    mean = (c[window:] - c[:-window]) / window
    return np.asarray(x - mean, dtype=np.float64)


def repeating_component(x: Array, lag: int, *, ridge: float = RIDGE) -> Array:
    """Unit weights over the columns of ``x`` whose projection best repeats after ``lag``.

    The symmetric part of the lag autocovariance matrix ``C = X[:-lag]' X[lag:] / n`` gives,
    for weights ``w``, ``w' C w`` = the projection's autocovariance at that lag. Maximising
    it alone favours the channels that move most, noise included (a flickering ankle
    outweighs a steady arm); maximising the autocorrelation ``w' C w / w' C0 w`` (``C0``
    the covariance) favours whatever repeats best, however small. The weights maximise
    ``w' C w / w' (C0 + ridge * v * I) w`` (``v`` the mean variance of a channel), between
    the two: a channel must both repeat and move. With ``ridge`` large that is the top
    eigenvector of ``C`` (with ``lag`` 0 the first principal component).

    >>> t = np.arange(300) / 30.0
    >>> rep = np.sin(2 * np.pi * t / 1.5); drift = np.linspace(-1, 1, 300)
    >>> x = without_drift(np.stack([rep, drift * 2, 0.5 * rep], axis=1), 45)
    >>> [round(float(abs(w)), 2) for w in repeating_component(x, 45)]
    [0.89, 0.0, 0.45]
    """
    n = x.shape[0]
    a, b = (x[: n - lag], x[lag:]) if lag > 0 else (x, x)
    c = a.T @ b / n
    c0 = x.T @ x / n
    d = c0.shape[0]
    scale = float(np.trace(c0)) / d
    if not scale > 0:
        return np.asarray(np.eye(d)[0], dtype=np.float64)
    # the generalised symmetric problem through the Cholesky factor L of the denominator:
    # with y = L' w it is the ordinary one of L^-1 C L^-T
    chol = np.linalg.cholesky(c0 + ridge * scale * np.eye(d))
    half = np.linalg.solve(chol, (c + c.T) / 2)
    values, vectors = np.linalg.eigh(np.linalg.solve(chol, half.T))
    w = np.linalg.solve(chol.T, vectors[:, int(np.argmax(values))])
    w = w / np.linalg.norm(w)
    return np.asarray(w * np.sign(w[int(np.argmax(np.abs(w)))]), dtype=np.float64)


def smoothed(values: Array, fps: float, cutoff_hz: float) -> Array:
    """``values`` low-passed at ``cutoff_hz`` (zero phase), or as they are if that is no
    lower than what the clip's smoothing already keeps (4 Hz, :func:`prepare`'s default).

    >>> t = np.arange(300) / 30.0
    >>> slow, fast = np.sin(2 * np.pi * 0.5 * t), 0.3 * np.sin(2 * np.pi * 4 * t)
    >>> bool(np.abs(smoothed(slow + fast, 30.0, 1.5) - slow)[30:-30].max() < 0.05)
    True
    """
    nyquist = fps / 2
    if not 0 < cutoff_hz < min(nyquist, 4.0) or values.size <= 12:
        return values
    b, a = butter_lowpass(2, cutoff_hz / nyquist)
    return filtfilt(b, a, values)


def starts_high(values: Array, fps: float) -> bool:
    """Whether the start position is the signal's high end.

    A set begins and ends at the start position, so the level of the clip's first and last
    half second decides when it lies in the outer third of the range (2nd to 98th percentile)
    at one end. Otherwise (a clip cut mid-set) the end the signal dwells at: a lifter rests and
    pauses at the start position, and passes through the turn.

    >>> t = np.linspace(0, 6 * np.pi, 600)
    >>> starts_high(np.maximum(np.sin(t), 0) * -1.0, 30.0)  # rests at 0, dips to -1
    True
    >>> starts_high(np.cos(t[:550]), 30.0)  # starts and ends high without resting there
    True
    """
    lo, hi = np.percentile(values, [2, 98])
    third = (hi - lo) / 3
    edge = max(1, min(values.size // 4, round(0.5 * fps)))
    level = float(np.median(np.concatenate([values[:edge], values[-edge:]])))
    if level >= hi - third:
        return True
    if level <= lo + third:
        return False
    return bool(np.mean(values > hi - third) >= np.mean(values < lo + third))


def extended_high(
    values: Array, x: Array, names: tuple[str, ...], *, min_corr: float = EXTENDED_CORR
) -> bool | None:
    """Whether the start position is the high end of ``values``, read from the joints that
    straighten there (:data:`EXTENDING`), or None when the component does not follow them.

    ``x`` holds the channels named ``names`` (frames, channels). The arcs of the elbow, hip
    and knee angles are summed (each in body lengths, so a joint counts by how far it moves);
    when ``values`` correlates with that sum by ``min_corr`` or more, its end where the
    joints are straightest is the start position.

    >>> t = np.arange(300) / 30.0
    >>> knee = -np.maximum(np.sin(2 * np.pi * t / 2), 0)  # bends and straightens again
    >>> x = np.stack([knee, 0.1 * np.cos(t)], axis=1)
    >>> extended_high(-knee, x, ("knee angle", "nose x"))  # the component rises as it bends
    False
    >>> extended_high(np.cos(t), x, ("knee angle", "nose x")) is None  # something else
    True
    """
    cols = [i for i, name in enumerate(names) if name.endswith(EXTENDING)]
    if not cols:
        return None
    arcs = x[:, cols].sum(axis=1)
    a, b = values - np.mean(values), arcs - np.mean(arcs)
    norm = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    if not norm > 0:
        return None
    r = float(np.dot(a, b)) / norm
    return r > 0 if abs(r) >= min_corr else None


def _analysis(
    signal: Signal, values: Array, shortest: float, detect: Array, reference: Mask | None
) -> RepAnalysis:
    """The cycles of the component as reps with their phases, range and speed; ``reference``:
    the frames whose range sets the smallest turn (see :func:`segment_cycles`)."""
    assert signal.start_high is not None
    fps = signal.fps
    found = segment_cycles(
        values,
        fps,
        start_high=signal.start_high,
        shortest=shortest,
        detect=detect,
        min_excursion=MIN_EXCURSION[signal.unit],
        reference=reference,
    )
    lo, hi = np.percentile(values, [1, 99])
    cycles = found.cycles
    best = max((max(c.rise, c.fall) for c in cycles), default=0.0)
    speed = np.abs(np.gradient(values)) * fps
    reps = []
    for i, c in enumerate(cycles):
        excursion = (c.rise + c.fall) / 2 if c.whole else c.fall
        inside = speed[int(c.start * fps) : int(np.ceil(c.reached * fps)) + 1]
        up = max(c.reached - c.start, 1 / fps)
        reps.append(
            Rep(
                index=i + 1,
                start=c.start,
                end=c.end,
                first_phase_name="concentric",
                first_phase=c.reached - c.start,
                pause_at_turn=c.left - c.reached,
                second_phase=c.end - c.left,
                pause_at_start=cycles[i + 1].start - c.end if i + 1 < len(cycles) else None,
                excursion=excursion,
                range_of_motion=excursion / best if best > 0 else 0.0,
                concentric_mean_velocity=c.rise / up if c.whole else float("nan"),
                concentric_peak_velocity=float(inside.max())
                if c.whole and inside.size
                else float("nan"),
                whole=c.whole,
                partial=excursion < PARTIAL_BELOW * best,
            )
        )
    return RepAnalysis(
        signal.name,
        tuple(reps),
        signal.start_high,
        float(hi - lo),
        found.unfinished,
        found.unfinished_start,
    )


def count_generic(
    lm: Landmarks,
    *,
    min_repeat: float = MIN_REPEAT,
    edge_partial: float = EDGE_PARTIAL,
    ridge: float = RIDGE,
    extended_corr: float = EXTENDED_CORR,
) -> GenericCount:
    """Count and time the reps of any exercise in prepared landmarks (see the module)."""
    channels: Channels = motion_channels(lm)
    x = filled(channels.values)
    x = x - np.median(x, axis=0)
    fps = lm.fps
    period = estimate_period(x, fps)
    lag = round(period.period * fps) if np.isfinite(period.period) else 0
    w = repeating_component(without_drift(x, lag), lag, ridge=ridge)
    values = x @ w
    rhythm = period.period
    if FASTEST_RHYTHM * rhythm <= period.spectral_period < rhythm:
        rhythm = period.spectral_period
    detect = smoothed(values, fps, HARMONICS / rhythm) if lag else values
    order = np.argsort(-np.abs(w))
    carriers = tuple((channels.names[i], float(w[i])) for i in order if abs(w[i]) >= 0.1)
    seen = values.copy()
    seen[~channels.present] = np.nan
    high = extended_high(values, x, channels.names, min_corr=extended_corr)
    if high is None:
        high = starts_high(values, fps)
    signal = Signal("repeating component", seen, fps, high, "concentric", "torso lengths")
    shortest = SHORTEST * rhythm if lag else 0.5
    score = repeat_score(detect, rhythm, fps) if lag else None
    repetitive = None  # the frames that repeat the rhythm, if they make two reps or more
    if score is not None and np.count_nonzero(score >= MIN_REPEAT) >= 2 * rhythm * fps:
        repetitive = score >= MIN_REPEAT
    found = _analysis(signal, values, shortest, detect, repetitive)
    alike = likeness(x, found.reps, fps)
    positions = np.array([not name.endswith("angle") for name in channels.names])
    timing = replace(signal, values=x @ np.where(positions, w, 0.0))
    candidates = GenericCount(
        found, period, signal, carriers, (), found.reps, score, alike, timing
    )
    return judge(candidates, min_repeat=min_repeat, edge_partial=edge_partial)


def judge(
    count: GenericCount, *, min_repeat: float = MIN_REPEAT, edge_partial: float = EDGE_PARTIAL
) -> GenericCount:
    """Split the candidate movements into counted reps and ones set aside, with the reason.

    - Not repetitive: with four or more candidates (so that a set's rhythm is seen in at
      least three others), one whose frames mostly do not repeat the movement a period away (mean
      :func:`repeat_score` under ``min_repeat``).
    - Not repetitive too: with four or more left, one whose whole-body shape is unlike the
      set's typical rep (:func:`likeness` under :data:`MIN_LIKENESS`).
    - Partial: the first, when it began before the clip (not ``whole``: the clip opens past
      half its way to the turn), and the first or last, when it covers less than
      ``edge_partial`` of the median rep's excursion (a person does not count a movement that
      starts or ends the clip half done).
    """
    fps = count.signal.fps
    score = count.score
    aside: list[SetAside] = []
    kept = list(count.candidates)
    if score is not None and len(kept) >= 4:
        repetitive = []
        for r in kept:
            a, b = int(r.start * fps), int(r.end * fps) + 1
            if float(np.mean(score[a:b])) >= min_repeat:
                repetitive.append(r)
            else:
                aside.append(SetAside(r.start, r.end, "not repetitive"))
        if repetitive:
            kept = repetitive
        else:
            aside = []
    if len(count.alike) == len(count.candidates):
        unlike = {
            (r.start, r.end)
            for r, a in zip(count.candidates, count.alike, strict=True)
            if a < MIN_LIKENESS
        }
        if len(kept) >= 4:
            odd = [r for r in kept if (r.start, r.end) in unlike]
            aside += [SetAside(r.start, r.end, "not repetitive") for r in odd]
            kept = [r for r in kept if r not in odd]
    if kept and not kept[0].whole:  # begun before the clip: its start was not seen
        aside.append(SetAside(kept[0].start, kept[0].end, "partial"))
        kept = kept[1:]
    if len(kept) >= 3:
        typical = float(np.median([r.excursion for r in kept]))
        for r in (kept[0], kept[-1]):
            if r.excursion < edge_partial * typical and r in kept:
                kept.remove(r)
                aside.append(SetAside(r.start, r.end, "partial"))
    found = count.analysis
    analysis = RepAnalysis(
        found.signal,
        tuple(replace(r, index=k + 1) for k, r in enumerate(kept)),
        found.start_high,
        found.signal_range,
        found.unfinished,
        found.unfinished_start,
    )
    if count.timing is not None:
        analysis = retimed(analysis, count.timing)
    return replace(
        count, analysis=analysis, set_aside=tuple(sorted(aside, key=lambda a: a.start))
    )
