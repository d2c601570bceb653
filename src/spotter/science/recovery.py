"""Recovery per muscle, 0-100 %: fatigue from recent sets, decaying exponentially.

The model, and every assumption in it (SCIENCE.md section 4 gives the anchors, not a formula):

1. **Fatigue per set.** Each set that is not a warm-up (and has reps) removes, from each
   muscle it trains, ``points x effort x mechanic x share`` percentage points of recovery:

   * ``points = 15``: a set to failure of a compound lift, for a primary muscle;
   * ``effort = 1 - 0.1 x RIR``, never below 0.5, with ``RIR = 10 - RPE``. Sets closer to
     failure cost more (Morán-Navarro 2017: training to failure slowed recovery, sets far from
     it recovered within 24-48 h). A set without an RPE is taken as RPE 8, StrongLifts'
     assumption for a completed working set; an RPE below 5 counts as 5 reps in reserve;
   * ``mechanic = 1`` for compound lifts, ``0.5`` for isolation ones. The single- vs multi-joint
     study saw 0.5 vs 1.7 reps lost at 24 h (ratio ~0.3); 0.5 is used so that isolation work,
     the main stimulus of small muscles, still registers;
   * ``share = 1`` for primary, ``0.5`` for secondary muscles, as in volume counting.

2. **Decay.** Fatigue decays as ``exp(-hours / tau)``, ``tau = 20 h`` for most muscles and
   ``30 h`` for the big lower-body muscles of multi-joint lifts (quads, glutes, hamstrings,
   adductors, spinal erectors): the 48 h vs 72 h of SCIENCE.md (ratio 1.5).

3. **Saturation.** Recovery cannot go below 0 %: fatigue is capped at 100 points when a set is
   added. So even a muscle at 0 % is back above 99 % within 7 days (100 x e^(-168/30) = 0.4
   points), Fitbod's "muscles fully recover over a 7 day period".

4. **Ready** means at least 90 % recovered. Calibration: four compound sets at RPE 8 (48 points)
   leave a typical muscle at 85.5 % after 24 h and 95.6 % after 48 h, ready on alternate days as
   ACSM advises (48 h between sessions for a muscle); five such sets (60 points) leave quads at
   87.9 % after 48 h and 94.6 % after 72 h, the 72 h the multi-joint study suggests for slow
   recoverers.

Fitbod also adjusts for body stats and wearables; nothing like that is modelled here.

>>> import datetime as dt
>>> from spotter.science.records import LoggedSet, MuscleTargets
>>> squat = {"squat": MuscleTargets(("quads", "glutes"), ("hamstrings",), compound=True)}
>>> t0 = dt.datetime(2024, 1, 1, 18)
>>> log = [LoggedSet("squat", t0, 100, 5, rpe=8) for _ in range(4)]
>>> r = recovery(log, squat, at=t0 + dt.timedelta(hours=48))
>>> {m: round(v, 1) for m, v in r.items()}
{'quads': 90.3, 'glutes': 90.3, 'hamstrings': 95.2}
>>> ready(r)
('glutes', 'hamstrings', 'quads')
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from spotter.science.records import LoggedSet, MuscleTargets
from spotter.science.rpe import MIN_RPE_WITH_RIR

#: Big lower-body muscles of multi-joint lifts, which recover on the slower time constant.
SLOW_MUSCLES: Final[frozenset[str]] = frozenset(
    {"quads", "glutes", "hamstrings", "adductors", "erector-spinae"}
)


@dataclass(frozen=True, slots=True)
class RecoveryModel:
    """The parameters of the recovery model (see the module docstring)."""

    points_per_set: float = 15.0
    effort_per_rir: float = 0.1
    min_effort: float = 0.5
    rpe_if_unknown: float = 8.0
    isolation_factor: float = 0.5
    secondary_share: float = 0.5
    tau_hours: float = 20.0
    slow_tau_hours: float = 30.0
    slow_muscles: frozenset[str] = field(default=SLOW_MUSCLES)
    ready_at: float = 90.0

    def tau(self, muscle: str) -> float:
        """Time constant of ``muscle``, hours."""
        return self.slow_tau_hours if muscle in self.slow_muscles else self.tau_hours

    def effort(self, rpe: float | None) -> float:
        """Effort factor of a set at ``rpe``.

        >>> m = RecoveryModel()
        >>> m.effort(10), m.effort(8), m.effort(None), m.effort(3)
        (1.0, 0.8, 0.8, 0.5)
        """
        value = self.rpe_if_unknown if rpe is None else max(rpe, MIN_RPE_WITH_RIR)
        return max(self.min_effort, 1.0 - self.effort_per_rir * (10.0 - value))


DEFAULT_MODEL: Final[RecoveryModel] = RecoveryModel()


def set_fatigue(
    rpe: float | None, *, compound: bool, primary: bool, model: RecoveryModel = DEFAULT_MODEL
) -> float:
    """Percentage points of recovery one set takes from one muscle.

    >>> set_fatigue(10, compound=True, primary=True)
    15.0
    >>> set_fatigue(8, compound=False, primary=False)
    3.0
    """
    mechanic = 1.0 if compound else model.isolation_factor
    share = 1.0 if primary else model.secondary_share
    return model.points_per_set * model.effort(rpe) * mechanic * share


def recovery(
    logged: Iterable[LoggedSet],
    exercises: Mapping[str, MuscleTargets],
    *,
    at: dt.datetime,
    model: RecoveryModel = DEFAULT_MODEL,
) -> dict[str, float]:
    """Recovery (0-100 %) at ``at`` of every muscle the sets trained.

    Muscles not in the result were not trained and are at 100 %. Sets after ``at`` are ignored.

    Raises
    ------
    ValueError
        For a set of an exercise with no entry in ``exercises``.
    """
    fatigue: dict[str, float] = {}
    since: dict[str, dt.datetime] = {}
    counted = sorted(
        (s for s in logged if s.counts_for_volume and s.reps > 0 and s.performed_at <= at),
        key=lambda s: s.performed_at,
    )
    for s in counted:
        targets = exercises.get(s.exercise)
        if targets is None:
            raise ValueError(f"no muscle data for exercise {s.exercise!r}: cannot model recovery")
        roles = [(m, True) for m in targets.primary] + [(m, False) for m in targets.secondary]
        for muscle, primary in roles:
            before = fatigue.get(muscle, 0.0)
            if muscle in since:
                hours = (s.performed_at - since[muscle]).total_seconds() / 3600
                before *= math.exp(-hours / model.tau(muscle))
            dose = set_fatigue(s.rpe, compound=targets.compound, primary=primary, model=model)
            fatigue[muscle] = min(100.0, before + dose)
            since[muscle] = s.performed_at
    out: dict[str, float] = {}
    for muscle, points in fatigue.items():
        hours = (at - since[muscle]).total_seconds() / 3600
        out[muscle] = 100.0 - points * math.exp(-hours / model.tau(muscle))
    return out


def ready(
    recovered: Mapping[str, float], *, model: RecoveryModel = DEFAULT_MODEL
) -> tuple[str, ...]:
    """Muscles at or above the model's ready threshold, sorted.

    >>> ready({"chest": 95.0, "quads": 72.0, "biceps": 90.0})
    ('biceps', 'chest')
    """
    return tuple(sorted(m for m, v in recovered.items() if v >= model.ready_at))
