"""The access model is pure: the standard library and Spotter's errors, nothing else."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ACCESS = Path(__file__).resolve().parents[3] / "src" / "spotter" / "access"
ALLOWED = {"__future__", "dataclasses", "enum", "datetime", "spotter.errors"}


def test_the_access_package_imports_only_the_standard_library_and_errors() -> None:
    found: dict[str, set[str]] = {}
    for path in sorted(ACCESS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.setdefault(path.name, set()).add(node.module)
            elif isinstance(node, ast.ImportFrom):
                found.setdefault(path.name, set()).add("." * node.level + (node.module or ""))
            elif isinstance(node, ast.Import):
                found.setdefault(path.name, set()).update(a.name for a in node.names)
    outside = {
        name: sorted(m for m in mods if m not in ALLOWED and not m.startswith("spotter.access"))
        for name, mods in found.items()
    }
    assert len(found) >= 4
    assert all(not mods for mods in outside.values()), outside


def test_importing_the_access_model_loads_no_database_or_web_library() -> None:
    code = (
        "import sys, spotter.access; "
        "bad = [m for m in ('sqlalchemy', 'fastapi', 'argon2', 'typer') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
