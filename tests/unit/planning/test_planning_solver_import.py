"""The solver imports OR-Tools without pandas and numpy (0.4 s and 0.2 s of every ``plan new``),
and leaves the real libraries importable afterwards."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from spotter.planning.solver.cpsat import CpSatSolver
from ortools.sat.python import cp_model
print("pandas" in sys.modules, "numpy" in sys.modules)
m = cp_model.CpModel()
x = m.NewIntVar(0, 5, "x")
b = m.NewBoolVar("b")
m.Add(x >= 3).OnlyEnforceIf(b)
m.AddBoolOr([b, False])
m.Minimize(x)
s = cp_model.CpSolver()
print(s.Solve(m) == cp_model.OPTIMAL, s.Value(x), s.Value(b))
import numpy
import pandas
print(pandas.Series([1, 2]).sum(), int(numpy.arange(4).sum()))
"""


def test_the_solver_loads_cp_sat_without_pandas_or_numpy_and_both_still_import_for_real() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "True", "3", "1", "3", "6"]
