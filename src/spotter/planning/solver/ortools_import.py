"""Import OR-Tools' CP-SAT module without pandas.

``ortools.sat.python.cp_model`` imports pandas at the top of the module, only for its
``*_series`` helpers (variables indexed by a ``pandas.Index``), which the planner never calls.
Importing pandas costs about 0.4 s of the 0.5 s the module takes, on every ``plan new``.

:func:`import_cp_model` imports the module with a stand-in ``pandas`` module in ``sys.modules``
that holds only the two names the module reads at import time (``Index`` and ``Series``, used
in type hints and ``isinstance`` checks that nothing of ours can match), then removes the
stand-in, so that any later ``import pandas`` gets the real library. If pandas is already
imported, or the stand-in is not enough for an OR-Tools version, the module is imported the
ordinary way. The other modules of this package call it before their own
``from ortools.sat.python import cp_model``, which then finds the module already imported.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Final

CP_MODEL: Final[str] = "ortools.sat.python.cp_model"


class _Index:
    """Stands in for ``pandas.Index`` while CP-SAT is imported."""


class _Series:
    """Stands in for ``pandas.Series`` while CP-SAT is imported."""


def import_cp_model() -> types.ModuleType:
    """The CP-SAT module, imported without pandas when pandas is not loaded yet (module
    docstring)."""
    loaded = sys.modules.get(CP_MODEL)
    if loaded is not None:
        return loaded
    if "pandas" in sys.modules:
        return importlib.import_module(CP_MODEL)
    stand_in = types.ModuleType("pandas", "stand-in while OR-Tools' CP-SAT module is imported")
    stand_in.Index = _Index  # type: ignore[attr-defined]
    stand_in.Series = _Series  # type: ignore[attr-defined]
    sys.modules["pandas"] = stand_in
    try:
        return importlib.import_module(CP_MODEL)
    except Exception:  # a newer OR-Tools reads more of pandas: import it for real
        sys.modules.pop(CP_MODEL, None)
        if sys.modules.get("pandas") is stand_in:
            del sys.modules["pandas"]
        return importlib.import_module(CP_MODEL)
    finally:
        if sys.modules.get("pandas") is stand_in:
            del sys.modules["pandas"]
