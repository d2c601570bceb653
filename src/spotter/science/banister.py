"""The Banister fitness-fatigue model (Morton, Fitz-Clarke & Banister 1990).

Two forms (SCIENCE.md section 4), with ``w_t`` the training load on day ``t``:

* daily recursion (calculatorhub.com, fellrnr.com), today's load included::

      F_t = F_(t-1) * e^(-1/tau1) + w_t
      G_t = G_(t-1) * e^(-1/tau2) + w_t
      p_t = p0 + k1 * F_t - k2 * G_t

* impulse sum, the loads of days strictly before ``t``::

      p(t) = p0 + k1 * sum_(s<t) w_s e^(-(t-s)/tau1) - k2 * sum_(s<t) w_s e^(-(t-s)/tau2)

They differ by one day's decay: the impulse sums at ``t`` are the recursions at ``t - 1``
decayed one more day. The defaults are TrainingPeaks' 42 and 7 days with gains 1 and 2
(k1 < k2 and tau1 > tau2, as the model requires); fitted athletes differ (Busso 1994: 60 and 13),
so parameters are arguments. The load unit is the caller's (volume load, sets, ...).

>>> day = step(100, 60, 50, BanisterParams())
>>> round(day.fitness, 2), round(day.fatigue, 2), round(day.performance, 2)
(147.65, 102.01, -56.38)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BanisterParams:
    """Time constants (days), gains and baseline performance."""

    tau_fitness: float = 42.0
    tau_fatigue: float = 7.0
    k_fitness: float = 1.0
    k_fatigue: float = 2.0
    p0: float = 0.0

    def __post_init__(self) -> None:
        if self.tau_fitness <= 0 or self.tau_fatigue <= 0:
            raise ValueError(
                f"time constants must be positive, got {self.tau_fitness:g} and "
                f"{self.tau_fatigue:g}"
            )
        if self.k_fitness < 0 or self.k_fatigue < 0:
            raise ValueError("gains must not be negative")


@dataclass(frozen=True, slots=True)
class BanisterDay:
    """Fitness, fatigue and performance at the end of a day."""

    day: int
    load: float
    fitness: float
    fatigue: float
    performance: float


def performance(fitness: float, fatigue: float, params: BanisterParams) -> float:
    """``p0 + k1 * fitness - k2 * fatigue``.

    >>> performance(10, 4, BanisterParams(p0=100))
    102.0
    """
    return params.p0 + params.k_fitness * fitness - params.k_fatigue * fatigue


def step(
    fitness: float, fatigue: float, load: float, params: BanisterParams, day: int = 0
) -> BanisterDay:
    """One day of the recursion from yesterday's fitness and fatigue and today's load."""
    if load < 0:
        raise ValueError(f"training load must not be negative, got {load:g}")
    f = fitness * math.exp(-1 / params.tau_fitness) + load
    g = fatigue * math.exp(-1 / params.tau_fatigue) + load
    return BanisterDay(day, load, f, g, performance(f, g, params))


def simulate(
    loads: Sequence[float],
    params: BanisterParams,
    *,
    fitness0: float = 0.0,
    fatigue0: float = 0.0,
) -> tuple[BanisterDay, ...]:
    """The recursion over consecutive days of ``loads`` (0 for rest days).

    >>> days = simulate([100, 0], BanisterParams())
    >>> round(days[1].fitness, 3), round(days[1].fatigue, 3)
    (97.647, 86.688)
    """
    out: list[BanisterDay] = []
    f, g = fitness0, fatigue0
    for day, load in enumerate(loads):
        today = step(f, g, load, params, day)
        out.append(today)
        f, g = today.fitness, today.fatigue
    return tuple(out)


def impulse_performance(loads: Sequence[float], day: int, params: BanisterParams) -> float:
    """The impulse-sum performance on ``day`` from the loads of days ``0 .. day - 1``.

    >>> round(impulse_performance([100], 1, BanisterParams()), 2)
    -75.73
    """
    if day < 0:
        raise ValueError(f"day must not be negative, got {day}")
    fit = sum(w * math.exp(-(day - s) / params.tau_fitness) for s, w in enumerate(loads[:day]))
    tired = sum(w * math.exp(-(day - s) / params.tau_fatigue) for s, w in enumerate(loads[:day]))
    return params.p0 + params.k_fitness * fit - params.k_fatigue * tired


def daily_loads(
    loads_by_date: Mapping[dt.date, float], *, start: dt.date, end: dt.date
) -> tuple[float, ...]:
    """One load per calendar day from ``start`` to ``end`` inclusive, 0 on days without one.

    >>> d, later = dt.date(2024, 1, 1), dt.date(2024, 1, 3)
    >>> daily_loads({d: 500.0, later: 300.0}, start=d, end=dt.date(2024, 1, 4))
    (500.0, 0.0, 300.0, 0.0)
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    days = (end - start).days + 1
    return tuple(loads_by_date.get(start + dt.timedelta(days=i), 0.0) for i in range(days))
