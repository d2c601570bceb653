"""Imports point inward: the pure packages never import the store, the CLI, a solver or a pose library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "spotter"
PURE = ["knowledge", "science", "planning/model", "motion/analysis"]
FORBIDDEN = (
    "spotter.store",
    "spotter.cli",
    "spotter.services",
    "spotter.interchange",
    "sqlalchemy",
    "alembic",
    "typer",
    "rich",
    "ortools",
    "mediapipe",
    "cv2",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_pure_packages_import_nothing_from_the_edges() -> None:
    offenders = []
    checked = 0
    for part in PURE:
        base = SRC / part
        files = (
            sorted(base.rglob("*.py"))
            if base.is_dir()
            else sorted(base.parent.glob(base.name + ".py"))
        )
        for f in files:
            checked += 1
            for name in _imports(f):
                if name.startswith(FORBIDDEN):
                    offenders.append(f"{f.relative_to(SRC)} imports {name}")
    assert checked > 5
    assert offenders == []


def test_importing_the_knowledge_base_loads_no_database_or_cli_library() -> None:
    code = (
        "import sys, spotter.knowledge.catalog, spotter.knowledge.lint, spotter.knowledge.draft, "
        "spotter.knowledge.page; "
        "bad = [m for m in ('sqlalchemy', 'alembic', 'typer', 'rich') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_nothing_happens_at_import_time(tmp_path: Path) -> None:
    """Importing the CLI creates no database and no folders."""
    env = {
        "SPOTTER_DATA_DIR": str(tmp_path / "d"),
        "SPOTTER_CACHE_DIR": str(tmp_path / "c"),
        "PATH": "",
    }
    subprocess.run([sys.executable, "-c", "import spotter.cli.app"], env=env, check=True)
    assert list(tmp_path.iterdir()) == []
