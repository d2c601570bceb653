"""Reps in reserve from the loss of concentric velocity across a set (velocity-based training).

Evidence: within a set, the relative loss of mean concentric velocity tracks the fraction of
the possible reps already done almost linearly and independently of the load (bench press
R^2 about 0.97, full squat about 0.93, over 15-65 % loss: Rodriguez-Rosell et al. 2020,
J Strength Cond Res 34(9):2537; Gonzalez-Badillo et al. 2017, Int J Sports Med 38(3):217;
Sanchez-Medina & Gonzalez-Badillo 2011, Med Sci Sports Exerc 43(9):1725).

Model: the fraction of possible reps done is ``loss / FAILURE_LOSS``, so after ``n`` reps

    reps in reserve = n * (FAILURE_LOSS / loss - 1)

``FAILURE_LOSS`` is the loss at which a set ends in failure. Its value is an assumption, not
a published constant: the last rep of a set to failure moves at about the velocity of a 1RM
(about 0.17 m/s in the bench press and 0.3 m/s in the squat), while a first rep at a common
training load of 70-80 % 1RM moves at about 0.6-0.8 m/s, a loss of about 50-80 %. Spotter
uses 0.6. The camera measures velocity in body units, not m/s; the loss is a ratio, so the
units cancel. Expect an error of a rep or two (people misjudge their own RIR by about one rep
at 0-5 RIR, Hackett 2017), and none of this for sets with under 3 timed reps or a loss under
10 % (too little fatigue to extrapolate from).

>>> round(reps_in_reserve([1.0, 0.98, 0.9, 0.8, 0.7]), 1)
5.0
>>> reps_in_reserve([1.0, 1.0, 0.99]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np

#: Velocity loss (fraction of the set's fastest rep) at which a set reaches failure.
FAILURE_LOSS: Final = 0.6
#: The smallest loss the estimate is made from.
MIN_LOSS: Final = 0.1
#: The most reps in reserve reported (beyond it the estimate means "far from failure").
MAX_RIR: Final = 10.0


def velocity_loss(velocities: Sequence[float]) -> float | None:
    """The last rep's loss against the fastest, a fraction (None for fewer than two reps).

    >>> velocity_loss([0.8, 1.0, 0.75])
    0.25
    """
    v = [x for x in velocities if np.isfinite(x)]
    if len(v) < 2 or max(v) <= 0:
        return None
    return 1.0 - v[-1] / max(v)


def reps_in_reserve(velocities: Sequence[float]) -> float | None:
    """Estimated reps left before failure after the set's last rep (see the module).

    ``velocities`` are the mean concentric velocities of the set's reps in order (any unit).
    """
    v = [x for x in velocities if np.isfinite(x)]
    loss = velocity_loss(v)
    if len(v) < 3 or loss is None or loss < MIN_LOSS:
        return None
    return float(min(MAX_RIR, max(0.0, len(v) * (FAILURE_LOSS / loss - 1.0))))
