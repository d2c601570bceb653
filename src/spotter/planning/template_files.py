"""Reading plan templates: the YAML files shipped in ``planning/templates/``.

The edge of :mod:`spotter.planning.model.templates`: it reads the files and hands their data,
with the line of every field, to :func:`~spotter.planning.model.templates.parse_template`, so a
bad file is reported as ``file:line: field 'sessions[0].slots[1].reps': ...``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from spotter.knowledge.loader import line_index, locate
from spotter.planning.model.templates import Template, TemplateError, parse_template


def templates_dir() -> Path:
    """The folder of the templates shipped inside the package."""
    return Path(str(resources.files("spotter.planning") / "templates"))


def parse_template_text(
    text: str, path: str, *, known_exercises: frozenset[str] | None = None
) -> Template:
    """A template from YAML text; errors name the file, line and field."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(
            path, mark.line + 1 if mark else None, None, f"not valid YAML: {exc}"
        ) from exc
    lines = functools.partial(locate, line_index(text))

    template = parse_template(data, path, lines=lines, known_exercises=known_exercises)
    if template.name != Path(path).stem:
        raise TemplateError(
            path, lines(("name",)), "name", f"{template.name!r} does not match the file name"
        )
    return template


def load_templates(
    directory: Path | None = None, *, known_exercises: frozenset[str] | None = None
) -> dict[str, Template]:
    """Every template of ``directory`` (default: the shipped ones), by name."""
    folder = directory or templates_dir()
    out = {}
    for f in sorted(folder.glob("*.yaml")):
        t = parse_template_text(
            f.read_text(encoding="utf-8"), str(f), known_exercises=known_exercises
        )
        out[t.name] = t
    return out
