"""The solver imports OR-Tools without pandas (0.4 s of every ``plan new``), and leaves the real
pandas importable afterwards."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from spotter.planning.solver.cpsat import CpSatSolver
from ortools.sat.python import cp_model
print("pandas" in sys.modules)
m = cp_model.CpModel()
x = m.NewIntVar(0, 5, "x")
m.Add(x >= 3)
m.Minimize(x)
s = cp_model.CpSolver()
print(s.Solve(m) == cp_model.OPTIMAL, s.Value(x))
import pandas
print(pandas.Series([1, 2]).sum())
"""


def test_the_solver_loads_cp_sat_without_pandas_and_pandas_still_imports_for_real() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True", "3", "3"]
