"""Import OR-Tools' CP-SAT module without pandas and numpy.

``ortools.sat.python.cp_model`` imports pandas at the top of the module, only for its
``*_series`` helpers (variables indexed by a ``pandas.Index``), which the planner never calls;
its helper module ``cp_model_helper`` imports numpy, only to accept a ``numpy.bool_`` where a
boolean constant is expected, which the planner never passes. Importing the two costs about
0.4 s and 0.2 s of CPU, on every ``plan new`` (figures for OR-Tools 9.9 on the benchmark
machine; see docs/benchmarks.md).

:func:`import_cp_model` imports the module with stand-in ``pandas`` and ``numpy`` modules in
``sys.modules`` that hold only the names the modules read at import time and in the checks the
planner reaches (``pandas.Index``, ``pandas.Series``, ``numpy.bool_``: classes that nothing of
ours is an instance of), then removes the stand-ins, so that any later ``import pandas`` or
``import numpy`` gets the real library. A library that is already imported is used as it is, and
if the stand-ins are not enough for an OR-Tools version, the module is imported the ordinary
way. The other modules of this package call it before their own
``from ortools.sat.python import cp_model``, which then finds the module already imported.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Final

CP_MODEL: Final[str] = "ortools.sat.python.cp_model"
#: The modules CP-SAT's Python layer imports them from (importing the real library after the
#: stand-ins left would not change what these modules hold).
HELPERS: Final[tuple[str, ...]] = (CP_MODEL, "ortools.sat.python.cp_model_helper")


class _Index:
    """Stands in for ``pandas.Index`` while CP-SAT is imported."""


class _Series:
    """Stands in for ``pandas.Series`` while CP-SAT is imported."""


class _Bool:
    """Stands in for ``numpy.bool_`` in CP-SAT's boolean check."""


def _stand_ins() -> dict[str, types.ModuleType]:
    pandas = types.ModuleType("pandas", "stand-in while OR-Tools' CP-SAT module is imported")
    pandas.Index = _Index  # type: ignore[attr-defined]
    pandas.Series = _Series  # type: ignore[attr-defined]
    numpy = types.ModuleType("numpy", "stand-in while OR-Tools' CP-SAT module is imported")
    numpy.bool_ = _Bool  # type: ignore[attr-defined]
    return {"pandas": pandas, "numpy": numpy}


def import_cp_model() -> types.ModuleType:
    """The CP-SAT module, imported without pandas and numpy when they are not loaded yet
    (module docstring)."""
    loaded = sys.modules.get(CP_MODEL)
    if loaded is not None:
        return loaded
    stand_ins = {k: v for k, v in _stand_ins().items() if k not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        return importlib.import_module(CP_MODEL)
    except Exception:  # a newer OR-Tools reads more of them: import them for real
        for name in HELPERS:
            sys.modules.pop(name, None)
        _remove(stand_ins)
        return importlib.import_module(CP_MODEL)
    finally:
        _remove(stand_ins)


def _remove(stand_ins: dict[str, types.ModuleType]) -> None:
    for name, module in stand_ins.items():
        if sys.modules.get(name) is module:
            del sys.modules[name]
