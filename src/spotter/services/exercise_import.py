"""Adding a public exercise database to the user's own catalog.

Entries are written as catalog files next to the user's other entries, each with its source,
licence and author, then linted (the findings are counted in the report; the sources have no
breathing cues or faults, so lint says what a coach should add). A built-in entry is never
overwritten; an entry the same source wrote before is replaced; any other user entry with the
same slug is kept and the new one skipped. Files are written to a temporary folder first and
moved into place at the end, so an interrupted import leaves the catalog as it was. Imported
entries are novelties (staple 0) and their drills (balance, plyometric, stretching) are never
planned; `spotter plan new --imported` lets the planner use the rest.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spotter.config import Settings
from spotter.interchange.exercise_dbs import DbImport
from spotter.knowledge.draft import dump_entry
from spotter.knowledge.lint import lint_text
from spotter.knowledge.loader import builtin_dir


@dataclass(frozen=True, slots=True)
class ExerciseDbReport:
    source: str
    #: Entries that passed the checks: written, or on a dry run, that would be.
    staged: int
    written: int
    replaced: int
    skipped: tuple[tuple[str, str], ...]
    findings: dict[str, int]  # lint code -> count
    entries_with_findings: int
    dry_run: bool
    #: Entries written (or staged) as drills, which plans leave out.
    drills: int = 0


def _source_of(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("source:"):
            return stripped.split(":", 1)[1].strip().strip("'\"")
    return None


def import_exercise_db(
    settings: Settings, result: DbImport, *, dry_run: bool = False
) -> ExerciseDbReport:
    target = settings.user_catalog_dir
    builtin = builtin_dir()
    skipped = list(result.skipped)
    findings: Counter[str] = Counter()
    with_findings = 0
    staged: list[tuple[str, str]] = []
    replaced = 0
    drills = 0
    for entry in result.entries:
        slug = entry["slug"]
        if (builtin / f"{slug}.yaml").exists():
            skipped.append(
                (slug, "a built-in exercise has this slug; built-ins are never overwritten")
            )
            continue
        existing = target / f"{slug}.yaml"
        if existing.exists():
            if _source_of(existing) != result.source:
                skipped.append(
                    (slug, f"your catalog already has {existing.name} from another source")
                )
                continue
            replaced += 1
        header = f"# Imported from {result.source} by `spotter exercises import`; licence: {entry['facts'].get('license')}\n"
        text = dump_entry(entry, header=header)
        found = lint_text(text, f"{slug}.yaml")
        findings.update(f.code for f in found)
        with_findings += bool(found)
        staged.append((slug, text))
        drills += (entry["facts"].get("coaching") or {}).get("role") == "drill"
    if not dry_run and staged:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            for slug, text in staged:
                (Path(tmp) / f"{slug}.yaml").write_text(text, encoding="utf-8")
            for slug, _ in staged:
                shutil.move(str(Path(tmp) / f"{slug}.yaml"), target / f"{slug}.yaml")
    return ExerciseDbReport(
        result.source,
        len(staged),
        0 if dry_run else len(staged),
        0 if dry_run else replaced,
        tuple(skipped),
        dict(findings.most_common()),
        with_findings,
        dry_run,
        drills,
    )
