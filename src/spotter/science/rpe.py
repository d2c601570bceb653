"""RPE, reps in reserve and the RTS percentage-of-1RM chart.

The RPE scale is the RIR-based scale of Zourdos et al. 2016 (JSCR 30(1):267): RPE 10 is a
maximal effort, 9.5 means no more reps but a little more load, 9 one rep left, 8.5 one or two,
8 two, 7.5 two or three, 7 three, and 5-6 four to six reps left. So for RPE 5 to 10,
``RIR = 10 - RPE``. Below 5 ("light effort") the scale names no rep count, and
Hackett 2017 found RIR guesses off by more than two reps that far from failure, so such RPEs
are accepted as data but give no RIR.

The chart is Mike Tuchscherer's RTS table, which every public copy builds from one series
``s`` of 31 percentages (SCIENCE.md section 2)::

    pct(reps, rpe) = s[2 * (reps - 1 + 10 - rpe)]

It covers 1-12 reps at RPE 6-10 in half steps (RPE 6 x 12 reps is the last entry, 57.2 %).
RTS calls it a template to customise per athlete; Spotter uses it as published.

>>> pct(5, 8)
0.811
>>> round(e1rm_from_set(100, 5, 8), 2)
123.3
>>> round(load_for(123.3, 3, 9), 1)
110.0
>>> rpe_to_rir(8.5), rir_to_rpe(3)
(1.5, 7.0)
"""

from __future__ import annotations

from typing import Final

#: The RTS series, 100 % down to 57.2 %; each step is half an RPE point (or half a rep).
RTS_SERIES: Final[tuple[float, ...]] = (
    1.000, 0.978, 0.955, 0.939, 0.922, 0.907, 0.892, 0.878, 0.863, 0.850, 0.837,
    0.824, 0.811, 0.799, 0.786, 0.774, 0.762, 0.751, 0.739, 0.723, 0.707, 0.694,
    0.680, 0.667, 0.653, 0.640, 0.626, 0.613, 0.599, 0.586, 0.572,
)  # fmt: skip
#: Rep counts the chart covers.
CHART_REPS: Final[tuple[int, ...]] = tuple(range(1, 13))
#: RPEs the chart covers, heaviest first.
CHART_RPES: Final[tuple[float, ...]] = tuple(10.0 - 0.5 * i for i in range(9))
#: The lowest RPE that still says how many reps were left (Zourdos: RPE 5-6 = 4-6 RIR).
MIN_RPE_WITH_RIR: Final[float] = 5.0


def check_rpe(rpe: float) -> float:
    """Return ``rpe`` as a float if it is on the 1-10 scale in half steps.

    Raises
    ------
    ValueError
        If the RPE is outside 1-10 or not a multiple of 0.5.

    Examples
    --------
    >>> check_rpe(8.5)
    8.5
    >>> check_rpe(11)
    Traceback (most recent call last):
    ...
    ValueError: RPE must be between 1 and 10, got 11
    >>> check_rpe(7.3)
    Traceback (most recent call last):
    ...
    ValueError: RPE goes in half steps (7, 7.5, 8, ...), got 7.3
    """
    if not 1 <= rpe <= 10:
        raise ValueError(f"RPE must be between 1 and 10, got {rpe:g}")
    if abs(rpe * 2 - round(rpe * 2)) > 1e-9:
        raise ValueError(f"RPE goes in half steps (7, 7.5, 8, ...), got {rpe:g}")
    return round(rpe * 2) / 2


def check_reps(reps: int) -> int:
    """Return ``reps`` if it is a whole number of at least 1.

    >>> check_reps(5)
    5
    >>> check_reps(0)
    Traceback (most recent call last):
    ...
    ValueError: reps must be at least 1, got 0
    """
    if reps < 1:
        raise ValueError(f"reps must be at least 1, got {reps:g}")
    if reps != int(reps):
        raise ValueError(f"reps must be a whole number, got {reps:g}")
    return int(reps)


def rpe_to_rir(rpe: float) -> float:
    """Reps in reserve for an RPE of 5-10 (Zourdos et al. 2016): ``10 - RPE``.

    Raises
    ------
    ValueError
        For an RPE below 5, where the scale gives no rep count.

    Examples
    --------
    >>> rpe_to_rir(10), rpe_to_rir(9.5), rpe_to_rir(7)
    (0.0, 0.5, 3.0)
    >>> rpe_to_rir(4)
    Traceback (most recent call last):
    ...
    ValueError: RPE 4 is a light effort: the Zourdos scale gives reps in reserve only for RPE 5-10
    """
    value = check_rpe(rpe)
    if value < MIN_RPE_WITH_RIR:
        raise ValueError(
            f"RPE {value:g} is a light effort: the Zourdos scale gives reps in reserve only "
            "for RPE 5-10"
        )
    return 10.0 - value


def rir_to_rpe(rir: float) -> float:
    """The RPE for 0-5 reps in reserve, in half steps: ``10 - RIR``.

    Raises
    ------
    ValueError
        For a negative RIR, one above 5, or one that is not a multiple of 0.5.

    Examples
    --------
    >>> rir_to_rpe(0), rir_to_rpe(2), rir_to_rpe(1.5)
    (10.0, 8.0, 8.5)
    >>> rir_to_rpe(-1)
    Traceback (most recent call last):
    ...
    ValueError: reps in reserve must be between 0 and 5, got -1
    """
    if not 0 <= rir <= 10 - MIN_RPE_WITH_RIR:
        raise ValueError(f"reps in reserve must be between 0 and 5, got {rir:g}")
    return check_rpe(10.0 - rir)


def in_chart(reps: int, rpe: float) -> bool:
    """Whether the RTS chart has a cell for ``reps`` at ``rpe``.

    >>> in_chart(12, 6), in_chart(13, 10), in_chart(5, 5.5)
    (True, False, False)
    """
    on_half_step = abs(rpe * 2 - round(rpe * 2)) < 1e-9
    return reps == int(reps) and 1 <= reps <= CHART_REPS[-1] and 6 <= rpe <= 10 and on_half_step


def pct(reps: int, rpe: float) -> float:
    """The fraction of 1RM that ``reps`` at ``rpe`` corresponds to, from the RTS chart.

    Parameters
    ----------
    reps
        Repetitions in the set, 1-12.
    rpe
        RPE of the set, 6-10 in half steps.

    Raises
    ------
    ValueError
        For reps or RPE outside the chart.

    Examples
    --------
    >>> pct(1, 10), pct(3, 9), pct(12, 6)
    (1.0, 0.892, 0.572)
    >>> pct(13, 8)
    Traceback (most recent call last):
    ...
    ValueError: the RTS chart covers 1-12 reps, got 13
    """
    value = check_rpe(rpe)
    check_reps(reps)
    if reps > CHART_REPS[-1]:
        raise ValueError(f"the RTS chart covers 1-12 reps, got {reps}")
    if value < 6:
        raise ValueError(f"the RTS chart covers RPE 6-10, got {value:g}")
    return RTS_SERIES[round(2 * (reps - 1 + 10 - value))]


def e1rm_from_set(load: float, reps: int, rpe: float) -> float:
    """Estimated 1RM from a set on the chart: ``load / pct(reps, rpe)``.

    The result is in the unit of ``load``.

    Examples
    --------
    StrongLifts assumes a completed 5x5 was RPE 8 and a failed set RPE 10:

    >>> round(e1rm_from_set(200, 5, 8), 1), round(e1rm_from_set(200, 4, 10), 1)
    (246.6, 224.2)
    """
    if load < 0:
        raise ValueError(f"load must not be negative to estimate a 1RM, got {load:g}")
    return load / pct(reps, rpe)


def load_for(e1rm: float, reps: int, rpe: float) -> float:
    """The load for ``reps`` at ``rpe`` given an estimated 1RM: ``e1rm * pct(reps, rpe)``.

    Examples
    --------
    >>> round(load_for(200, 5, 8), 6)
    162.2
    """
    if e1rm <= 0:
        raise ValueError(f"estimated 1RM must be positive, got {e1rm:g}")
    return e1rm * pct(reps, rpe)


def chart_rows() -> tuple[tuple[int, tuple[float, ...]], ...]:
    """The whole chart as ``(reps, percentages at CHART_RPES)`` rows, for display.

    >>> rows = chart_rows()
    >>> rows[0][0], rows[0][1][:3]
    (1, (1.0, 0.978, 0.955))
    >>> len(rows), len(rows[0][1])
    (12, 9)
    """
    return tuple((reps, tuple(pct(reps, rpe) for rpe in CHART_RPES)) for reps in CHART_REPS)
