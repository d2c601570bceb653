"""Who the lifter is: people seen in sample frames, linked over time, and the one to follow.

A gym clip can show more people than the lifter: the lifter's own image in a mirror, people
walking through, a training partner resting, or a second person exercising beside the lifter.
The pose model follows one person, so the video side looks for everyone on a few frames a
second (see ``motion.extract``) and hands the sightings here. This module is pure logic:

1. :func:`link` joins the sightings of consecutive samples into people, by where they stand
   and how big they are;
2. :func:`mirror_pairs` finds a person who is the image of another: the same up-and-down
   motion of every joint at the same time (a mirror keeps heights; it only swaps left and
   right, or front and back);
3. :func:`choose` keeps the people who exercise (in view for most of the clip, in place, and
   moving their limbs), drops mirror images (the smaller, or farther, of a pair), bystanders
   (in view for a short while, or crossing the picture), people standing still and people
   exercising much farther back (well under the lifter's size), and picks the lifter; two
   people of about the same size who both exercise are a refusal unless the caller says which
   one to follow (``left``, ``right`` or ``largest``).

Points are BlazePose's 33 landmarks ``x, y, z, visibility``, normalised to the whole frame.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from spotter.motion.analysis import landmarks as bp

Array = NDArray[np.float64]
Box = tuple[float, float, float, float]
Preference = Literal["left", "right", "largest"]
PREFERENCES: Final = ("left", "right", "largest")

#: Joints whose heights describe the motion, each as a (left, right) pair or one landmark;
#: pairs are averaged, so a left-right swapped image gives the same values.
_JOINTS: Final = (
    (bp.NOSE, bp.NOSE),
    (bp.LEFT_SHOULDER, bp.RIGHT_SHOULDER),
    (bp.LEFT_ELBOW, bp.RIGHT_ELBOW),
    (bp.LEFT_WRIST, bp.RIGHT_WRIST),
    (bp.LEFT_HIP, bp.RIGHT_HIP),
    (bp.LEFT_KNEE, bp.RIGHT_KNEE),
    (bp.LEFT_ANKLE, bp.RIGHT_ANKLE),
)
#: A person is the same person in the next sample when their centre moved less than this many
#: of their heights, plus this many heights per second between the samples.
LINK_DISTANCE: Final = 0.5
LINK_SPEED: Final = 1.5
#: Present in at least this share of the samples to count as exercising (not passing by).
MIN_PRESENCE: Final = 0.5
#: Limb motion (standard deviation over time of the height of the joint that moves most, in
#: body heights) below which a person is standing still. A rep moves the working joint by a
#: third of the body height or more (a standard deviation of 0.1 or more).
MIN_MOTION: Final = 0.04
#: A person whose centre travels more than this many body heights across the picture is
#: walking through, not exercising in place.
MAX_TRAVEL: Final = 1.0
#: Two people exercise side by side when the smaller is at least this share of the larger's
#: size; someone smaller is training farther back, in their own set.
SIDE_BY_SIDE_SIZE: Final = 0.6
#: Correlation of two people's joint heights over time from which one is the other's image.
MIRROR_CORRELATION: Final = 0.85
MIN_COMMON_SAMPLES: Final = 4


@dataclass(frozen=True, slots=True)
class Sighting:
    """One person found in one sample frame."""

    time: float
    points: Array  # (33, 4)
    tracked: bool  # the person the frame-to-frame tracker followed in that frame

    @property
    def box(self) -> Box:
        seen = self.points[self.points[:, 3] > 0.3]
        if len(seen) < 3:
            seen = self.points
        xs, ys = seen[:, 0], seen[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    @property
    def centre(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.box
        return (x0 + x1) / 2, (y0 + y1) / 2

    @property
    def height(self) -> float:
        x0, y0, x1, y1 = self.box
        return max(y1 - y0, x1 - x0, 1e-3)


@dataclass(slots=True)
class Person:
    """One person's sightings over the samples, in time order."""

    sightings: list[Sighting] = field(default_factory=list)

    @property
    def times(self) -> Array:
        return np.array([s.time for s in self.sightings])

    @property
    def x(self) -> float:
        """The median centre across the picture (0 left, 1 right)."""
        return float(np.median([s.centre[0] for s in self.sightings]))

    @property
    def size(self) -> float:
        """The median height (or width, lying down) as a share of the picture."""
        return float(np.median([s.height for s in self.sightings]))

    @property
    def tracked_share(self) -> float:
        return float(np.mean([s.tracked for s in self.sightings]))

    def travel(self) -> float:
        """How far the centre moved across the picture, in body heights."""
        xs = [s.centre[0] for s in self.sightings]
        return (max(xs) - min(xs)) / self.size

    def heights(self) -> Array:
        """Joint heights per sighting (sightings, joints), relative to the body's median centre
        and in body heights; NaN where a joint was not seen."""
        rows = []
        for s in self.sightings:
            p = s.points
            row = []
            for a, b in _JOINTS:
                ya = p[a, 1] if p[a, 3] > 0.3 else np.nan
                yb = p[b, 1] if p[b, 3] > 0.3 else np.nan
                row.append(np.nanmean([ya, yb]) if np.isfinite([ya, yb]).any() else np.nan)
            rows.append(row)
        out = np.array(rows, dtype=np.float64)
        centre = np.median([s.centre[1] for s in self.sightings])
        return (out - centre) / self.size

    def motion(self) -> float:
        """How much the limbs move: the largest spread of a joint's height over time."""
        h = self.heights()
        if len(h) < 2:
            return 0.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # joints never seen
            spread = np.nanstd(h, axis=0)
        spread = spread[np.isfinite(spread)]
        return float(np.max(spread)) if spread.size else 0.0


def link(samples: list[list[Sighting]]) -> list[Person]:
    """Join the sightings of successive samples into people (each sample's sightings are
    different people): each sighting goes to the nearest person last seen close enough to
    it (nearest pairs first), or starts a new person.

    >>> def at(t, x):
    ...     p = np.zeros((33, 4)); p[:, 3] = 1; p[:, 0] = x + np.linspace(0, .1, 33)
    ...     p[:, 1] = np.linspace(.3, .8, 33); return Sighting(t, p, False)
    >>> people = link([[at(0, .2), at(0, .7)], [at(.5, .71)], [at(1, .69), at(1, .21)]])
    >>> [len(p.sightings) for p in people], [round(p.x, 2) for p in people]
    ([2, 3], [0.26, 0.75])
    """
    people: list[Person] = []
    for sample in samples:
        pairs = []
        for j, s in enumerate(sample):
            for k, person in enumerate(people):
                last = person.sightings[-1]
                if last.time >= s.time:
                    continue
                scale = max(last.height, s.height)
                dist = np.hypot(s.centre[0] - last.centre[0], s.centre[1] - last.centre[1])
                limit = LINK_DISTANCE + LINK_SPEED * (s.time - last.time)
                ratio = s.height / last.height
                if dist / scale <= limit and 0.5 <= ratio <= 2.0:
                    pairs.append((dist / scale, j, k))
        used_s: set[int] = set()
        used_p: set[int] = set()
        for _, j, k in sorted(pairs):
            if j in used_s or k in used_p:
                continue
            people[k].sightings.append(sample[j])
            used_s.add(j)
            used_p.add(k)
        for j, s in enumerate(sample):
            if j not in used_s:
                people.append(Person([s]))
    return people


def mirror_correlation(a: Person, b: Person) -> float | None:
    """How alike two people's joint heights move at the same moments (Pearson's r over the
    samples both are in, every joint seen by both), or None with too few common samples or
    no motion.

    >>> def person(ys):
    ...     out = []
    ...     for t, y in enumerate(ys):
    ...         p = np.zeros((33, 4)); p[:, 3] = 1; p[:, 0] = .5; p[:, 1] = np.linspace(.2, .8, 33)
    ...         p[[bp.LEFT_WRIST, bp.RIGHT_WRIST], 1] = y
    ...         out.append(Sighting(float(t), p, False))
    ...     return Person(out)
    >>> up_down = [.2, .5, .2, .5, .2, .5]
    >>> round(mirror_correlation(person(up_down), person(up_down)), 2)
    1.0
    >>> round(mirror_correlation(person(up_down), person(up_down[1:] + [.2])), 2)
    -1.0
    """
    ta, tb = a.times, b.times
    common = np.intersect1d(np.round(ta, 3), np.round(tb, 3))
    if len(common) < MIN_COMMON_SAMPLES:
        return None
    ia = np.searchsorted(np.round(ta, 3), common)
    ib = np.searchsorted(np.round(tb, 3), common)
    ha, hb = a.heights()[ia], b.heights()[ib]
    both = np.isfinite(ha).all(axis=0) & np.isfinite(hb).all(axis=0)
    if not both.any():
        return None
    da = ha[:, both] - ha[:, both].mean(axis=0)
    db = hb[:, both] - hb[:, both].mean(axis=0)
    na, nb = float(np.sqrt((da**2).sum())), float(np.sqrt((db**2).sum()))
    if na < 1e-6 or nb < 1e-6:
        return None
    return float((da * db).sum() / (na * nb))


def mirror_pairs(people: list[Person]) -> list[tuple[int, int]]:
    """Pairs (i, j) of people who move as each other's image (:data:`MIRROR_CORRELATION`)."""
    out = []
    for i in range(len(people)):
        for j in range(i + 1, len(people)):
            r = mirror_correlation(people[i], people[j])
            if r is not None and r >= MIRROR_CORRELATION:
                out.append((i, j))
    return out


class SideBySideError(Exception):
    """Two or more people exercise in view and nothing says which one to follow."""

    def __init__(self, candidates: list[Person], default: Person) -> None:
        super().__init__("two people exercising")
        self.candidates = candidates
        self.default = default


@dataclass(frozen=True, slots=True)
class Choice:
    """The person to follow, and what was seen and set aside, in words."""

    subject: Person | None  # None: nobody found in the samples, keep the tracker's person
    #: True when the frame-to-frame tracker followed someone other than the subject (or
    #: the subject's own mirror image) in some sample, or missed the subject in most of
    #: them: the frames must be tracked again.
    retrack: bool
    notes: tuple[str, ...]


def _where(p: Person) -> str:
    return "left" if p.x < 0.4 else "right" if p.x > 0.6 else "middle"


def _span(p: Person) -> str:
    t = p.times
    return f"{t[0]:.1f}-{t[-1]:.1f} s"


def choose(
    samples: list[list[Sighting]], *, prefer: Preference | None = None
) -> Choice:
    """Pick the lifter among the people in the sample frames.

    Raises :class:`SideBySideError` when two people exercise (each in view for most of the clip,
    in place, limbs moving, and not each other's mirror image) and ``prefer`` is None.
    """
    n_samples = max(1, sum(1 for s in samples if s) or len(samples))
    people = link(samples)
    if not people:
        return Choice(None, False, ())
    notes: list[str] = []
    mirrored: set[int] = set()
    twins: dict[int, set[int]] = {}
    for i, j in mirror_pairs(people):
        a, b = people[i], people[j]
        # the image is the smaller one (a mirror is farther than the lifter), else the one
        # the tracker followed less
        key_a, key_b = (a.size, a.tracked_share), (b.size, b.tracked_share)
        image = j if key_a >= key_b else i
        mirrored.add(image)
        twins.setdefault(i, set()).add(j)
        twins.setdefault(j, set()).add(i)
    for k in sorted(mirrored):
        notes.append(
            f"a mirror image of the lifter ({_where(people[k])} of the picture) was ignored"
        )
    exercising: list[int] = []
    for k, p in enumerate(people):
        if k in mirrored:
            continue
        presence = len(p.sightings) / n_samples
        if presence >= MIN_PRESENCE and p.travel() <= MAX_TRAVEL and p.motion() >= MIN_MOTION:
            exercising.append(k)
        elif len(p.sightings) < 2:
            continue  # seen once: a passer-by glimpsed, or the model fitting a shadow
        elif presence < MIN_PRESENCE or p.travel() > MAX_TRAVEL:
            notes.append(f"someone passing through ({_span(p)}) was ignored")
        else:
            notes.append(f"someone standing still ({_where(p)} of the picture) was ignored")
    if exercising:
        largest = max(people[k].size for k in exercising)
        behind = [k for k in exercising if people[k].size < SIDE_BY_SIDE_SIZE * largest]
        for k in behind:
            notes.append(
                f"someone exercising farther back ({_where(people[k])} of the picture) was ignored"
            )
        exercising = [k for k in exercising if k not in behind]
    if not exercising:
        # nobody clearly exercising: the person in view longest, then largest
        subject = max(
            (k for k in range(len(people)) if k not in mirrored),
            key=lambda k: (len(people[k].sightings), people[k].size),
            default=0,
        )
    elif len(exercising) == 1:
        subject = exercising[0]
    else:
        by_default = max(exercising, key=lambda k: _default_key(people[k]))
        if prefer is None:
            raise SideBySideError([people[k] for k in exercising], people[by_default])
        if prefer == "left":
            subject = min(exercising, key=lambda k: people[k].x)
        elif prefer == "right":
            subject = max(exercising, key=lambda k: people[k].x)
        else:
            subject = max(exercising, key=lambda k: people[k].size)
        notes.append(
            f"{len(exercising)} people exercise in view; following the one on the "
            f"{_where(people[subject])} (--subject {prefer})"
        )
    own = {subject} | twins.get(subject, set())
    strays = [
        s for k, p in enumerate(people) if k not in own for s in p.sightings if s.tracked
    ]
    # the tracker followed someone else at times, or missed the lifter in most samples
    followed = sum(s.tracked for k in own for s in people[k].sightings)
    retrack = len(strays) > 0 or followed < 0.5 * len(people[subject].sightings)
    return Choice(people[subject], retrack, tuple(notes))


def _default_key(p: Person) -> tuple[float, float]:
    """Who is followed when nobody says: the larger, then the nearer the centre."""
    return round(p.size, 2), -abs(p.x - 0.5)
