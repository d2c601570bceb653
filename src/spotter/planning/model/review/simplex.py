"""A small linear program for the review's volume bounds, in plain Python (the review runs in
``spotter plan new``, which must not wait for numpy and scipy to load).

:func:`least_missing` minimises the sets missing below lower ends::

    minimise   sum of d_j
    subject to covers_j . x + d_j >= low_j    (one per lower end, low_j >= 0)
               limits_i . x       <= cap_i    (cap_i >= 0)
               x >= 0, d >= 0

With every ``x`` at 0 and each ``d_j`` at its ``low_j`` the program starts feasible, so one
phase of the tableau simplex method does: Bland's rule (the lowest-numbered improving column,
ties in the ratio test to the lowest-numbered basic variable) never cycles.

>>> # 1 set of x counts 1 for a row wanting 4, but x may be at most 3: 1 set stays missing
>>> least_missing(1, [([1.0], 4.0)], [([1.0], 3.0)])
(1.0, [1.0], [0])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

#: Coefficients and reduced costs within this of zero count as zero.
TOL: Final[float] = 1e-9
#: Pivots after which the search gives up (no answer: the review then claims nothing).
MAX_PIVOTS: Final[int] = 20_000


def least_missing(
    n: int,
    covers: Sequence[tuple[Sequence[float], float]],
    limits: Sequence[tuple[Sequence[float], float]],
) -> tuple[float, list[float], list[int]] | None:
    """The program of the module docstring over ``n`` variables: the least total missing, the
    missing amount of each lower end, and the limits that bind (a positive shadow price); None
    when the search gives up."""
    k, m = len(covers), len(limits)
    width = n + 2 * k + m  # x, d, surplus of each lower end, slack of each limit
    table: list[list[float]] = []
    basis: list[int] = []
    for j, (coeffs, low) in enumerate(covers):
        row = [0.0] * (width + 1)
        row[:n] = [float(c) for c in coeffs]
        row[n + j] = 1.0
        row[n + k + j] = -1.0
        row[width] = float(low)
        table.append(row)
        basis.append(n + j)
    for i, (coeffs, cap) in enumerate(limits):
        row = [0.0] * (width + 1)
        row[:n] = [float(c) for c in coeffs]
        row[n + 2 * k + i] = 1.0
        row[width] = float(cap)
        table.append(row)
        basis.append(n + 2 * k + i)
    # reduced costs of "minimise the d": cost 1 on each d, less the rows where a d is basic
    reduced = [0.0] * (width + 1)
    for j in range(k):
        reduced[n + j] = 1.0
    for j in range(k):
        reduced = [r - t for r, t in zip(reduced, table[j], strict=True)]
    for _ in range(MAX_PIVOTS):
        enter = next((v for v in range(width) if reduced[v] < -TOL), None)
        if enter is None:
            break
        best: tuple[float, int, int] | None = None
        for i, row in enumerate(table):
            if row[enter] > TOL:
                key = (row[width] / row[enter], basis[i], i)
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is None:  # unbounded: cannot happen with the d bounded below by 0
            return None
        pivot = best[2]
        prow = table[pivot]
        scale = prow[enter]
        prow = [v / scale for v in prow]
        table[pivot] = prow
        for i, row in enumerate(table):
            if i != pivot and abs(row[enter]) > TOL:
                f = row[enter]
                table[i] = [a - f * b for a, b in zip(row, prow, strict=True)]
        f = reduced[enter]
        reduced = [a - f * b for a, b in zip(reduced, prow, strict=True)]
        basis[pivot] = enter
    else:
        return None
    value = {basis[i]: table[i][width] for i in range(len(table))}
    missing = [max(0.0, value.get(n + j, 0.0)) for j in range(k)]
    binding = [
        i
        for i in range(m)
        if n + 2 * k + i not in value and reduced[n + 2 * k + i] > TOL
    ]
    return max(0.0, -reduced[width]), missing, binding
