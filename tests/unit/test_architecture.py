"""Imports point inward: the pure core never imports the edges, and each edge only its own side.

Every module of the package falls under one rule below (a new package without a rule fails
:func:`test_every_module_falls_under_a_rule`), and relative imports are resolved to the module
they name before they are checked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "spotter"

_EDGES = ("spotter.store", "spotter.cli", "spotter.api", "spotter.compose", "spotter.services")
_DB = ("sqlalchemy", "alembic", "psycopg")
_TERMINAL = ("typer", "rich", "click")
_WEB = ("fastapi", "starlette", "uvicorn")
_SOLVER = ("ortools",)
_POSE = ("mediapipe", "cv2")
_PLOTS = ("matplotlib",)


@dataclass(frozen=True)
class Rule:
    """Modules whose dotted name starts with ``prefix`` (the longest matching prefix wins)
    import nothing that starts with one of ``forbidden``."""

    prefix: str
    forbidden: tuple[str, ...]
    why: str


PURE = (*_EDGES, "spotter.interchange", *_DB, *_TERMINAL, *_WEB, *_SOLVER, *_POSE, *_PLOTS)

RULES = [
    Rule("spotter.science", PURE, "training science: pure functions"),
    Rule("spotter.knowledge", PURE, "the exercise knowledge base: data and pure logic"),
    Rule("spotter.planning.model", PURE, "the planner's model: pure"),
    Rule("spotter.motion.analysis", PURE, "movement analysis on landmarks: pure"),
    Rule("spotter.profile", PURE, "the lifter's profile: a value"),
    Rule("spotter.log", PURE, "logged sets: values"),
    Rule("spotter.errors", PURE, "error kinds: pure"),
    Rule("spotter.access", PURE, "who may do what: pure policy"),
    Rule("spotter.interchange", (*_EDGES, *_DB, *_TERMINAL, *_WEB, *_SOLVER, *_POSE), "parsers"),
    Rule(
        "spotter.planning",
        (*_EDGES, *_DB, *_TERMINAL, *_WEB, *_POSE),
        "the planner and its solver: no store, no terminal, no web",
    ),
    Rule(
        "spotter.motion",
        (*_EDGES, *_DB, *_TERMINAL, *_WEB, *_SOLVER),
        "video and pose edges: no store, no terminal, no web",
    ),
    Rule(
        "spotter.store",
        ("spotter.cli", "spotter.api", "spotter.services", "spotter.compose", *_TERMINAL, *_WEB),
        "the database adapter serves the services, never the other way",
    ),
    Rule(
        "spotter.services",
        ("spotter.cli", "spotter.api", *_TERMINAL, *_WEB),
        "use cases: shared by the CLI and the API, so neither's library",
    ),
    Rule("spotter.config", ("spotter.cli", "spotter.api", *_TERMINAL, *_WEB, *_DB), "settings"),
    Rule(
        "spotter.compose",
        ("spotter.cli", "spotter.api", *_TERMINAL, *_WEB),
        "the composition root serves both edges",
    ),
    Rule("spotter.api", ("spotter.cli", *_TERMINAL), "the web edge: no terminal"),
    Rule(
        "spotter.jobs",
        ("spotter.cli", "spotter.api", *_TERMINAL, *_WEB),
        "the job queue and clip storage: shared by the server and `spotter worker`",
    ),
    Rule(
        "spotter.web",
        ("spotter.cli", *_TERMINAL, "spotter.store", *_DB, *_SOLVER, *_POSE),
        "the phone web app: pages over the services, beside the API; no SQL, no terminal",
    ),
    Rule(
        "spotter.cli",
        ("spotter.api", *_WEB, "spotter.store.repositories", "spotter.store.tables", *_DB),
        "the terminal edge parses, calls a service and renders: no SQL, no repository",
    ),
    Rule(
        "spotter.cli.serve_cmd",
        ("spotter.store.repositories", "spotter.store.tables", *_DB),
        "`spotter serve` starts the web edge, and is otherwise a CLI module",
    ),
    Rule(
        "spotter.store.lite",
        ("spotter.cli", "spotter.api", "spotter.services", "spotter.compose", "spotter.store.db",
         "spotter.store.uow", "spotter.store.tables", "spotter.store.times",
         "spotter.store.repositories", *_TERMINAL, *_WEB, *_DB),
        "the sqlite3 adapter of the everyday commands: standard library only, no SQLAlchemy",
    ),
    Rule("spotter.__init__", PURE, "the package root"),
]

#: The command line's fast path: what `log`, `next`, `today` and `exercises show` import before
#: any Typer command is built, so nothing of Typer or Click (Rich is imported when printing).
FAST_PATH = (
    "spotter.cli.app",
    "spotter.cli.registry",
    "spotter.cli.fast",
    "spotter.cli.everyday",
    "spotter.cli.output",
)

#: ``spotter.store.<name>_repo`` modules are repositories too: the CLI goes through services.
REPO_SUFFIX = "_repo"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1 and parts != ["spotter", "__init__"]:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    return _imports_of(path.read_text(), _module_name(path), is_package=path.name == "__init__.py")


def _imports_of(text: str, module: str, *, is_package: bool) -> set[str]:
    """Every module ``text`` (the source of ``module``) imports, relative imports resolved,
    ``from X import Y`` giving both ``X`` and ``X.Y`` (Y may be a submodule)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{a.name}" for a in node.names)
    return names


def _rule_for(module: str) -> Rule | None:
    found = [r for r in RULES if module == r.prefix or module.startswith(r.prefix + ".")]
    return max(found, key=lambda r: len(r.prefix), default=None)


def _hits(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def test_every_module_falls_under_a_rule() -> None:
    loose = [_module_name(p) for p in _modules() if _rule_for(_module_name(p)) is None]
    assert len(_modules()) > 100
    assert loose == []


def test_imports_point_inward_in_every_package() -> None:
    offenders = []
    for path in _modules():
        module = _module_name(path)
        rule = _rule_for(module)
        assert rule is not None
        for name in sorted(_imports(path)):
            if _hits(name, rule.forbidden):
                offenders.append(f"{module} imports {name} ({rule.why})")
    assert offenders == []


def test_cli_modules_reach_no_repository_and_no_sql() -> None:
    offenders = []
    for path in sorted((SRC / "cli").glob("*.py")):
        for name in _imports(path):
            last = name.rsplit(".", 1)[-1]
            if name.startswith("spotter.store.") and last.endswith(REPO_SUFFIX):
                offenders.append(f"{_module_name(path)} imports {name}")
    assert offenders == []


def _module_level_imports(path: Path) -> set[str]:
    """What a module imports when it is imported: its top-level import statements (functions'
    own imports and ``if TYPE_CHECKING:`` blocks left out)."""
    tree = ast.parse(path.read_text())
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    text = "\n".join(ast.unparse(n) for n in top)
    return _imports_of(text, _module_name(path), is_package=path.name == "__init__.py")


def test_the_fast_path_of_the_cli_imports_neither_typer_nor_click() -> None:
    offenders = []
    for module in FAST_PATH:
        path = SRC.parent / (module.replace(".", "/") + ".py")
        for name in sorted(_module_level_imports(path)):
            if _hits(name, ("typer", "click", "spotter.cli.root", "spotter.cli.lazy",
                            "spotter.cli.common")):
                offenders.append(f"{module} imports {name}")
    assert offenders == []


def test_relative_imports_are_resolved_before_they_are_checked() -> None:
    text = "from ..store import db\nfrom . import units\nfrom .. import cli\nfrom .rpe import x\n"
    names = _imports_of(text, "spotter.science.rules", is_package=False)
    assert {"spotter.store.db", "spotter.science.units", "spotter.cli", "spotter.science.rpe"} <= names
    rule = _rule_for("spotter.science.rules")
    assert rule is not None and _hits("spotter.store.db", rule.forbidden)
    in_package = _imports_of("from .model import Role\n", "spotter.access", is_package=True)
    assert "spotter.access.model" in in_package


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
