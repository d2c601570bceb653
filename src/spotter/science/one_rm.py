"""Estimated one-rep max (e1RM): seven published formulas and one default estimator.

The formulas (SCIENCE.md section 1), with ``w`` the load and ``r`` the reps to failure:

=========  =========================================  ==============
Formula    Expression                                 Valid reps
=========  =========================================  ==============
Epley      ``w * (1 + r/30)``                         1-20
Brzycki    ``w * 36 / (37 - r)`` (the exact form)     1-10
Lander     ``100 w / (101.3 - 2.67123 r)``            1-10
Lombardi   ``w * r**0.10``                            1-20
Mayhew     ``100 w / (52.2 + 41.9 e^(-0.055 r))``     1-20
O'Conner   ``w * (1 + 0.025 r)``                      1-20
Wathan     ``100 w / (48.8 + 53.8 e^(-0.075 r))``     1-20
=========  =========================================  ==============

Choices where sources differ:

* Brzycki is pinned to ``36/(37 - r)``, not the rounded ``1/(1.0278 - 0.0278 r)`` of wger's
  helpers (100 kg x 10 gives 133.33, not 133.37).
* Epley is not special-cased at one rep: ``epley(100, 1)`` is 103.33, as in the reference table.
* Valid ranges: Brzycki's protocol needs failure within 10 reps (Mayhew 1993, Chapman 1998), and
  Lander has the same singular linear form, so both stop at 10. The others stop at 20, the cap
  that Epley implementations use; past a formula's range :func:`one_rm` raises instead of
  guessing. The bare formula functions only check their mathematical domain.

The default estimator, :func:`estimate`:

1. with an RPE and a set the RTS chart covers (1-12 reps at RPE 6-10): ``load / pct``;
2. otherwise Brzycki up to 10 reps to failure and Epley from 11 to 20, where the reps to
   failure are the reps done plus the reps in reserve of the RPE (``10 - RPE``, the way wger's
   personal-record checker adds logged RIR); a set with no RPE counts as taken to failure,
   which makes its estimate a lower bound;
3. more than 20 reps to failure, or an RPE below 5 outside the chart, is an error.

>>> round(one_rm(100, 5, Formula.BRZYCKI), 2)
112.5
>>> est = estimate(100, 5, rpe=8)
>>> round(est.one_rm, 2), est.method
(123.3, 'RTS chart: 5 reps @8 = 81.1 % of 1RM')
>>> estimate(100, 5).method
'Brzycki, 5 reps to failure'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from spotter.science.rpe import check_reps, check_rpe, in_chart, pct, rpe_to_rir


class Formula(StrEnum):
    """A published e1RM formula."""

    EPLEY = "epley"
    BRZYCKI = "brzycki"
    LANDER = "lander"
    LOMBARDI = "lombardi"
    MAYHEW = "mayhew"
    OCONNER = "oconner"
    WATHAN = "wathan"

    @property
    def label(self) -> str:
        """The name people write.

        >>> Formula.OCONNER.label
        "O'Conner"
        """
        return "O'Conner" if self is Formula.OCONNER else self.value.capitalize()


def _check(load: float, reps: float) -> None:
    if load < 0:
        raise ValueError(
            f"load must not be negative to estimate a 1RM, got {load:g} "
            "(for assisted or bodyweight exercises use the total load moved)"
        )
    if reps < 1:
        raise ValueError(f"reps must be at least 1, got {reps:g}")


def epley(load: float, reps: float) -> float:
    """Epley (1985): ``load * (1 + reps / 30)``.

    >>> round(epley(100, 10), 2), round(epley(100, 1), 2)
    (133.33, 103.33)
    """
    _check(load, reps)
    return load * (1 + reps / 30)


def brzycki(load: float, reps: float) -> float:
    """Brzycki (1993), exact form: ``load * 36 / (37 - reps)``; undefined from 37 reps.

    >>> brzycki(100, 1), round(brzycki(100, 10), 2)
    (100.0, 133.33)
    """
    _check(load, reps)
    if reps >= 37:
        raise ValueError(f"Brzycki's formula is undefined at 37 reps or more, got {reps:g}")
    return load * 36 / (37 - reps)


def lander(load: float, reps: float) -> float:
    """Lander (1985): ``100 * load / (101.3 - 2.67123 * reps)``.

    >>> round(lander(100, 5), 2)
    113.71
    """
    _check(load, reps)
    denominator = 101.3 - 2.67123 * reps
    if denominator <= 0:
        raise ValueError(f"Lander's formula is undefined at {reps:g} reps")
    return 100 * load / denominator


def lombardi(load: float, reps: float) -> float:
    """Lombardi: ``load * reps ** 0.10``.

    >>> round(lombardi(100, 10), 2)
    125.89
    """
    _check(load, reps)
    return load * math.pow(reps, 0.10)


def mayhew(load: float, reps: float) -> float:
    """Mayhew et al.: ``100 * load / (52.2 + 41.9 * exp(-0.055 * reps))``.

    >>> round(mayhew(100, 1), 2)
    108.86
    """
    _check(load, reps)
    return 100 * load / (52.2 + 41.9 * math.exp(-0.055 * reps))


def oconner(load: float, reps: float) -> float:
    """O'Conner et al.: ``load * (1 + 0.025 * reps)``.

    >>> oconner(100, 8)
    120.0
    """
    _check(load, reps)
    return load * (1 + 0.025 * reps)


def wathan(load: float, reps: float) -> float:
    """Wathan (spelt "Wathen" on vcalc): ``100 * load / (48.8 + 53.8 * exp(-0.075 * reps))``.

    >>> round(wathan(100, 12), 2)
    141.5
    """
    _check(load, reps)
    return 100 * load / (48.8 + 53.8 * math.exp(-0.075 * reps))


#: Each formula as a function of (load, reps).
FORMULAS: Final[dict[Formula, Callable[[float, float], float]]] = {
    Formula.EPLEY: epley,
    Formula.BRZYCKI: brzycki,
    Formula.LANDER: lander,
    Formula.LOMBARDI: lombardi,
    Formula.MAYHEW: mayhew,
    Formula.OCONNER: oconner,
    Formula.WATHAN: wathan,
}

#: The most reps to failure each formula is trusted with (see the module docstring).
MAX_REPS: Final[dict[Formula, int]] = {
    Formula.EPLEY: 20,
    Formula.BRZYCKI: 10,
    Formula.LANDER: 10,
    Formula.LOMBARDI: 20,
    Formula.MAYHEW: 20,
    Formula.OCONNER: 20,
    Formula.WATHAN: 20,
}

#: Reps to failure up to which the default estimator uses Brzycki (Epley above).
BRZYCKI_UP_TO: Final[int] = 10


def parse_formula(name: str | Formula) -> Formula:
    """Read a formula name, case-insensitive, ignoring apostrophes.

    >>> parse_formula("O'Conner"), parse_formula("Wathen")
    (<Formula.OCONNER: 'oconner'>, <Formula.WATHAN: 'wathan'>)
    >>> parse_formula("magic")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown formula 'magic': expected one of epley, brzycki, lander, ..., wathan
    """
    if isinstance(name, Formula):
        return name
    key = name.strip().lower().replace("'", "").replace("’", "")
    key = {"wathen": "wathan", "oconnor": "oconner"}.get(key, key)
    try:
        return Formula(key)
    except ValueError:
        choices = ", ".join(f.value for f in Formula)
        raise ValueError(f"unknown formula {name!r}: expected one of {choices}") from None


def one_rm(load: float, reps: float, formula: Formula | str) -> float:
    """e1RM by one formula, refusing rep counts past the formula's valid range.

    ``reps`` are reps to failure; they may include reps in reserve and so be fractional.

    Raises
    ------
    ValueError
        For a negative load, reps below 1, or reps past ``MAX_REPS[formula]``.

    Examples
    --------
    >>> round(one_rm(100, 8, "epley"), 2)
    126.67
    >>> one_rm(100, 12, "brzycki")
    Traceback (most recent call last):
    ...
    ValueError: Brzycki is valid up to 10 reps, got 12; use Epley for 11-20 reps
    """
    which = parse_formula(formula)
    _check(load, reps)
    limit = MAX_REPS[which]
    if reps > limit:
        hint = "; use Epley for 11-20 reps" if limit < MAX_REPS[Formula.EPLEY] else ""
        raise ValueError(f"{which.label} is valid up to {limit} reps, got {reps:g}{hint}")
    return FORMULAS[which](load, reps)


@dataclass(frozen=True, slots=True)
class Estimate:
    """An e1RM and how it was obtained, in words."""

    one_rm: float
    method: str


def estimate(
    load: float, reps: int, rpe: float | None = None, *, formula: Formula | str | None = None
) -> Estimate:
    """The default e1RM estimate (see the module docstring), or one formula's if asked.

    Parameters
    ----------
    load
        Load lifted, in any unit (the result is in the same unit).
    reps
        Repetitions done, at least 1.
    rpe
        RPE of the set (1-10 in half steps), if known.
    formula
        Use this formula (on reps plus reps in reserve) instead of the default.

    Examples
    --------
    >>> round(estimate(100, 10).one_rm, 2), estimate(100, 11).method
    (133.33, 'Epley, 11 reps to failure')
    >>> e = estimate(100, 14, rpe=8)
    >>> round(e.one_rm, 2), e.method
    (153.33, 'Epley, 16 reps to failure (14 done + 2 in reserve)')
    >>> estimate(100, 0)
    Traceback (most recent call last):
    ...
    ValueError: reps must be at least 1, got 0
    """
    _check(load, 1)
    check_reps(reps)
    value = None if rpe is None else check_rpe(rpe)
    if formula is None and value is not None and in_chart(reps, value):
        fraction = pct(reps, value)
        return Estimate(
            load / fraction, f"RTS chart: {reps} reps @{value:g} = {fraction * 100:.1f} % of 1RM"
        )
    if value is None:
        rir = 0.0
        detail = ""
    else:
        try:
            rir = rpe_to_rir(value)
        except ValueError as exc:
            raise ValueError(f"cannot estimate a 1RM from this set: {exc}") from None
        detail = f" ({reps} done + {rir:g} in reserve)" if rir else ""
    to_failure = reps + rir
    if formula is not None:
        which = parse_formula(formula)
    else:
        which = Formula.BRZYCKI if to_failure <= BRZYCKI_UP_TO else Formula.EPLEY
    value_1rm = one_rm(load, to_failure, which)
    return Estimate(value_1rm, f"{which.label}, {to_failure:g} reps to failure{detail}")
