"""Read catalog files (YAML) into :class:`~spotter.knowledge.model.Exercise` objects.

This is the knowledge package's edge: it reads files, validates them with the schema and reports
problems as :class:`CatalogError` values that name the file, the line, the field and what was
expected. Parsed entries can be kept in a JSON cache keyed by the files' names, sizes and
modification times, so that a command that needs the whole catalog starts quickly.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from spotter.errors import SpotterError
from spotter.knowledge.model import (
    DEFAULT_STAPLE,
    IMPORTED_STAPLE,
    Exercise,
    ExerciseFacts,
    ExerciseText,
    FaultFacts,
    FaultText,
    ResearchFacts,
    StepFacts,
    StepText,
    Tempo,
    TipFacts,
    VariationFacts,
    VariationText,
    default_role,
)


def _yaml() -> Any:
    """PyYAML, imported on first use: a command served from the cache never needs it."""
    import yaml

    return yaml


def _loader() -> Any:
    # The C loader is several times faster; fall back to the pure one.
    yaml = _yaml()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


CACHE_VERSION = 2
DEFAULT_LANGUAGE = "en"


class CatalogError(SpotterError):
    """A problem in a catalog file, located as precisely as we can."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(path, line, field, message)

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        what = f" field '{self.field}':" if self.field else ""
        return f"{where}:{what} {self.message}"


def builtin_dir() -> Path:
    """The folder of the catalog shipped inside the package."""
    return Path(str(resources.files("spotter.knowledge") / "data" / "exercises"))


def catalog_files(directory: Path) -> list[Path]:
    """The catalog files of a folder, sorted by name."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))


def line_index(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each field path of a YAML document to its 1-based line."""
    yaml = _yaml()
    index: dict[tuple[str | int, ...], int] = {}
    try:
        root = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError:
        return index

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        index[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                index[(*path, key)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key))
                index[(*path, key)] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    if root is not None:
        walk(root, ())
    return index


def locate(index: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int | None:
    """The line of field ``loc``, or of its nearest enclosing field that has one."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in index:
            return index[loc[:n]]
    return None


def parse_text(text: str, path: str, *, check_name: bool = True) -> dict[str, Any]:
    """Validate the YAML text of one catalog file and return the entry as plain data.

    With ``check_name``, the slug must equal the file name (the catalog's key).
    Raises :class:`CatalogError` naming the line and field of the first problem.
    """
    from pydantic import ValidationError

    from spotter.knowledge.schema import validate_entry

    yaml = _yaml()
    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError(path, line, None, f"not valid YAML: {problem}") from exc
    if not isinstance(data, dict):
        raise CatalogError(path, 1, None, "expected a mapping with keys slug, facts and text")
    try:
        entry = validate_entry(data)
    except ValidationError as exc:
        index = line_index(text)
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc) or None
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "is required but missing"
        elif err["type"] == "extra_forbidden":
            msg = "is not a known field here"
        more = len(exc.errors()) - 1
        if more:
            msg += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
        raise CatalogError(path, locate(index, loc), field, msg) from exc
    stem = Path(path).stem
    if check_name and entry.slug != stem and stem not in ("-", "<string>"):
        raise CatalogError(
            path,
            locate(line_index(text), ("slug",)),
            "slug",
            f"slug {entry.slug!r} does not match the file name {stem!r}",
        )
    return entry.model_dump(mode="json")


def build(data: dict[str, Any], language: str = DEFAULT_LANGUAGE) -> Exercise:
    """Turn validated entry data into an :class:`Exercise` in ``language`` (falling back to English)."""
    f = data["facts"]
    e, p, c, t = (float(x) for x in f["tempo"].split("-"))
    grip = f.get("grip") or {}
    coaching = f.get("coaching") or {}
    source = f.get("source", "builtin")
    facts = ExerciseFacts(
        slug=data["slug"],
        mechanic=f["mechanic"],
        force=f["force"],
        pattern=f["pattern"],
        primary=tuple(f["primary"]),
        secondary=tuple(f["secondary"]),
        equipment=tuple(f["equipment"]),
        load_type=f["load_type"],
        level=f["level"],
        unilateral=f["unilateral"],
        position=f["position"],
        tempo=Tempo(e, p, c, t),
        rep_range=(f["rep_range"][0], f["rep_range"][1]),
        motion_family=f["motion_family"],
        measure=f["measure"],
        role=coaching.get("role") or default_role(f["pattern"], f["mechanic"]),
        staple=coaching.get(
            "staple", DEFAULT_STAPLE if source in ("builtin", "user") else IMPORTED_STAPLE
        ),
        grip_type=grip.get("type"),
        grip_width=grip.get("width"),
        steps=tuple(StepFacts(s["id"], s["phase"]) for s in f["steps"]),
        faults=tuple(
            FaultFacts(x["id"], x["visible"], x.get("metric"), x.get("threshold"))
            for x in f["faults"]
        ),
        tips=tuple(TipFacts(x["id"], x["topic"]) for x in f["tips"]),
        variations=tuple(
            VariationFacts(x["id"], x["kind"], x["value"], tuple(x.get("emphasis", ())))
            for x in f["variations"]
        ),
        research=tuple(
            ResearchFacts(x["id"], x["citation"], x.get("variation")) for x in f["research"]
        ),
        source=source,
        license=f.get("license"),
        author=f.get("author"),
    )
    texts = data["text"]
    lang = (
        language
        if language in texts
        else (DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in texts else next(iter(texts)))
    )
    x = texts[lang]
    text = ExerciseText(
        language=lang,
        name=x["name"],
        aliases=tuple(x["aliases"]),
        description=x["description"].strip(),
        steps={k: StepText(v["text"].strip(), v.get("breathing")) for k, v in x["steps"].items()},
        cues=tuple(x["cues"]),
        faults={k: FaultText(v["name"], v["looks_like"], v["fix"]) for k, v in x["faults"].items()},
        tips=dict(x["tips"]),
        variations={k: VariationText(v["name"], v["note"]) for k, v in x["variations"].items()},
        benefits=tuple(x["benefits"]),
        research=dict(x["research"]),
    )
    return Exercise(facts, text)


def load_file(path: Path, language: str = DEFAULT_LANGUAGE) -> Exercise:
    """Load and validate one catalog file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(str(path), None, None, f"cannot be read: {exc}") from exc
    return build(parse_text(text, str(path)), language)


def iter_entries(files: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogError(str(path), None, None, f"cannot be read: {exc}") from exc
        yield parse_text(text, str(path))


def _signature(files: list[Path]) -> str:
    h = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for p in files:
        st = p.stat()
        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def load_entries(directory: Path, cache_dir: Path | None = None) -> list[dict[str, Any]]:
    """Validated entry data of every file in ``directory``, from the cache when it is current.

    A stale or unreadable cache is rebuilt; a cache that cannot be written is simply skipped.
    """
    files = catalog_files(directory)
    if cache_dir is None:
        return list(iter_entries(files))
    signature = _signature(files)
    name = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]
    cache_file = cache_dir / f"catalog-{name}.json"
    try:
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
        if cached.get("signature") == signature:
            entries: list[dict[str, Any]] = cached["entries"]
            return entries
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    entries = list(iter_entries(files))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"signature": signature, "entries": entries}), encoding="utf-8")
        tmp.replace(cache_file)
    except OSError:
        pass
    return entries
