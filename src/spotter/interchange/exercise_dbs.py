"""Public exercise databases as catalog entries: free-exercise-db and the wger fixtures.

Both are mapped onto Spotter's vocabularies and produce plain entry data in the catalog file's
shape (validated by :mod:`spotter.knowledge.schema` before they are kept). What the sources lack
is inferred and documented here, never invented as coaching text:

* **slug**: ``fedb-<id>`` or ``wger-<pk>-<name>``, so an import can never shadow a built-in entry.
* **muscles**: free-exercise-db's 17 names and wger's 16 muscles map to ours (a free-exercise-db
  "shoulders" is the front deltoid for a push, the rear for a pull, the side otherwise; "middle
  back" is the rhomboids; wger's serratus has no key and is dropped). With no muscle at all, the
  wger category gives one (Arms: biceps, Legs: quads, Chest: chest, Back: lats...).
* **pattern**: from words of the name ("squat", "row", "curl"...), else from the first primary
  muscle; **force** and **mechanic** from the pattern when the source has none.
* **position** from the name ("seated", "lying", "kneeling", "hanging"), else standing.
* **steps**: the source's instructions, one step each (wger's HTML description is split into
  sentences), each with a phase guessed from its verbs; there are no breathing cues or faults in
  the sources, so lint reports those for a coach to add.
* Tempo 2-0-2-0 and 8-12 reps (3-6 for powerlifting and Olympic lifts), marked as defaults.
* free-exercise-db stretches and cardio, and wger cardio, are skipped with that reason: Spotter's
  patterns cover strength work.
* **coaching**: staple 0 (a coach has not vetted the entry) and the role its pattern gives, except
  ``drill`` (never planned) for plyometric and Olympic-lifting entries, names of balance,
  stretching, jumping, throwing and sprint drills (:func:`is_drill`), and equipment the source
  names but Spotter cannot (free-exercise-db's "other", "medicine ball", "foam roll"): a plan
  cannot know the lifter owns it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from spotter.errors import SpotterError
from spotter.interchange.exercise_db_terms import (
    COMPOUND_PATTERNS,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    is_drill,
    pattern_for,
    position_for,
)
from spotter.knowledge.draft import guess_phase
from spotter.knowledge.model import IMPORTED_STAPLE, default_role

FEDB_MUSCLES = {
    "quadriceps": "quads",
    "abdominals": "abs",
    "chest": "chest",
    "hamstrings": "hamstrings",
    "triceps": "triceps",
    "biceps": "biceps",
    "lats": "lats",
    "middle back": "rhomboids",
    "calves": "calves",
    "lower back": "erector-spinae",
    "forearms": "forearms",
    "glutes": "glutes",
    "traps": "upper-traps",
    "adductors": "adductors",
    "neck": "neck",
    "abductors": "abductors",
}
FEDB_EQUIPMENT: dict[str, tuple[list[str], str]] = {
    "barbell": (["barbell"], "barbell"),
    "dumbbell": (["dumbbell"], "dumbbell"),
    "cable": (["cable-machine"], "cable-stack"),
    "machine": ([], "selectorized-machine"),
    "kettlebells": (["kettlebell"], "kettlebell"),
    "bands": (["band"], "band"),
    "e-z curl bar": (["ez-bar"], "barbell"),
    "exercise ball": (["stability-ball"], "bodyweight"),
    "body only": ([], "bodyweight"),
}
WGER_MUSCLES = {
    1: "biceps",
    2: "front-delts",
    4: "chest",
    5: "triceps",
    6: "abs",
    7: "calves",
    8: "glutes",
    9: "upper-traps",
    10: "quads",
    11: "hamstrings",
    12: "lats",
    13: "brachialis",
    14: "obliques",
    15: "calves",
    16: "erector-spinae",
}
WGER_EQUIPMENT = {
    1: "barbell",
    2: "ez-bar",
    3: "dumbbell",
    4: "mat",
    5: "stability-ball",
    6: "pull-up-bar",
    8: "bench",
    9: "adjustable-bench",
    10: "kettlebell",
    11: "band",
    12: "cable-machine",
}
WGER_CATEGORY_MUSCLE = {
    8: "biceps",
    9: "quads",
    10: "abs",
    11: "chest",
    12: "lats",
    13: "side-delts",
    14: "calves",
}
WGER_CARDIO = 15
WGER_ENGLISH = 2

class ExerciseDbError(SpotterError):
    """A database file that is not in the expected shape."""


@dataclass(frozen=True, slots=True)
class DbImport:
    source: str
    entries: tuple[dict[str, Any], ...]
    skipped: tuple[tuple[str, str], ...]  # (source id or name, reason)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sentences(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(re.sub(r"\s+", " ", text)).strip()
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text) if len(s.strip()) > 2]


def _entry(
    slug: str,
    name: str,
    primary: list[str],
    secondary: list[str],
    equipment: list[str],
    load_type: str,
    level: str,
    force: str | None,
    mechanic: str | None,
    steps: list[str],
    description: str,
    aliases: list[str],
    rep_range: list[int],
    source: str,
    license: str | None,
    author: str | None,
    drill: bool = False,
) -> dict[str, Any]:
    primary = list(dict.fromkeys(primary))
    secondary = [m for m in dict.fromkeys(secondary) if m not in primary]
    pattern = pattern_for(name, primary)
    force = force or ("pull" if pattern in PULL_PATTERNS else "push" if pattern in PUSH_PATTERNS else "static")
    mechanic = mechanic or ("compound" if pattern in COMPOUND_PATTERNS else "isolation")
    ids = [f"step-{i}" for i in range(1, len(steps) + 1)]
    return {
        "slug": slug,
        "facts": {
            "mechanic": mechanic,
            "force": force,
            "pattern": pattern,
            "primary": primary,
            "secondary": secondary,
            "equipment": equipment,
            "load_type": load_type,
            "level": level,
            "unilateral": False,
            "position": position_for(name),
            "tempo": "2-0-2-0",
            "measure": "reps",
            "rep_range": rep_range,
            "motion_family": "generic",
            "coaching": {
                "role": "drill" if drill else default_role(pattern, mechanic),
                "staple": IMPORTED_STAPLE,
            },
            "steps": [{"id": i, "phase": guess_phase(t)} for i, t in zip(ids, steps, strict=True)],
            "source": source,
            "license": license,
            "author": author,
        },
        "text": {
            "en": {
                "name": name,
                "aliases": aliases,
                "description": description,
                "steps": {i: {"text": t} for i, t in zip(ids, steps, strict=True)},
            }
        },
    }


def _label(keys: list[str]) -> str:
    from spotter.knowledge.vocab import MUSCLES

    return ", ".join(MUSCLES[k].label.lower() for k in keys)


def from_free_exercise_db(data: bytes) -> DbImport:
    """Entries from free-exercise-db's JSON array (public domain, Unlicense)."""
    try:
        rows = json.loads(data)
    except ValueError as exc:
        raise ExerciseDbError(f"free-exercise-db: not JSON ({exc})") from exc
    if not isinstance(rows, list):
        raise ExerciseDbError("free-exercise-db: expected a JSON array of exercises")
    entries, skipped = [], []
    for i, r in enumerate(rows):
        if not isinstance(r, dict) or not r.get("id") or not r.get("name"):
            skipped.append((f"item {i}", "no id or name"))
            continue
        if r.get("category") in ("stretching", "cardio"):
            skipped.append((r["id"], f"category {r['category']}: not a strength exercise"))
            continue
        force = r.get("force") if r.get("force") in ("push", "pull", "static") else None

        def muscle(m: str, force: str | None = force) -> str | None:
            if m == "shoulders":
                return {"push": "front-delts", "pull": "rear-delts"}.get(force or "", "side-delts")
            return FEDB_MUSCLES.get(m)

        primary = [x for x in (muscle(m) for m in r.get("primaryMuscles") or []) if x]
        secondary = [x for x in (muscle(m) for m in r.get("secondaryMuscles") or []) if x]
        steps = [s.strip() for s in r.get("instructions") or [] if s and s.strip()]
        if not primary or not steps:
            skipped.append((r["id"], "no primary muscle or no instructions"))
            continue
        equipment, load_type = FEDB_EQUIPMENT.get(r.get("equipment") or "", ([], "bodyweight"))
        category = r.get("category") or "strength"
        heavy = category in ("powerlifting", "olympic weightlifting")
        entries.append(
            _entry(
                f"fedb-{_slugify(r['id'])}",
                r["name"].strip(),
                primary,
                secondary,
                list(equipment),
                load_type,
                {"expert": "advanced"}.get(r.get("level") or "", r.get("level") or "intermediate"),
                force,
                r.get("mechanic") if r.get("mechanic") in ("compound", "isolation") else None,
                steps,
                f"{r['name'].strip()}: a {category} exercise from free-exercise-db for the {_label(primary)}.",
                [],
                [3, 6] if heavy else [8, 12],
                "free-exercise-db",
                "Unlicense (public domain)",
                None,
                drill=is_drill(r["name"], category, r.get("equipment")),
            )
        )
    return DbImport("free-exercise-db", tuple(entries), tuple(skipped))


def from_wger(files: dict[str, bytes]) -> DbImport:
    """Entries from wger's fixtures: exercise-base-data, translations, licenses (JSON dumps)."""
    try:
        bases = json.loads(files["exercise-base-data.json"])
        translations = json.loads(files["translations.json"])
        licenses = {x["pk"]: x["fields"]["short_name"] for x in json.loads(files["licenses.json"])}
    except KeyError as exc:
        raise ExerciseDbError(f"wger: missing file {exc.args[0]} in the folder") from exc
    except (ValueError, TypeError) as exc:
        raise ExerciseDbError(f"wger: a fixture is not the expected JSON ({exc})") from exc
    english = {}
    aliases: dict[int, list[str]] = {}
    for t in translations:
        f = t.get("fields", {})
        if t.get("model") == "exercises.translation" and f.get("language") == WGER_ENGLISH:
            english[f["exercise"]] = (t["pk"], f)
    for t in translations:
        if t.get("model") == "exercises.alias":
            aliases.setdefault(t["fields"]["translation"], []).append(t["fields"]["alias"])
    entries, skipped = [], []
    for b in bases:
        pk, f = b["pk"], b["fields"]
        if f.get("category") == WGER_CARDIO:
            skipped.append((str(pk), "category Cardio: not a strength exercise"))
            continue
        if pk not in english:
            skipped.append((str(pk), "no English translation"))
            continue
        tpk, t = english[pk]
        name = (t.get("name") or "").strip()
        if not name:
            skipped.append((str(pk), "no English name"))
            continue
        primary = [WGER_MUSCLES[m] for m in f.get("muscles", []) if m in WGER_MUSCLES]
        secondary = [WGER_MUSCLES[m] for m in f.get("muscles_secondary", []) if m in WGER_MUSCLES]
        if not primary:
            fallback = WGER_CATEGORY_MUSCLE.get(f.get("category"))
            if fallback is None:
                skipped.append((str(pk), "no muscles and no category to infer one"))
                continue
            primary = [fallback]
        steps = _sentences(t.get("description") or "")
        if not steps:
            skipped.append((str(pk), "no English instructions"))
            continue
        equipment = [WGER_EQUIPMENT[e] for e in f.get("equipment", []) if e in WGER_EQUIPMENT]
        load_type = next(
            (
                lt
                for key, lt in (
                    ("barbell", "barbell"),
                    ("ez-bar", "barbell"),
                    ("dumbbell", "dumbbell"),
                    ("kettlebell", "kettlebell"),
                    ("cable-machine", "cable-stack"),
                    ("band", "band"),
                )
                if key in equipment
            ),
            "bodyweight",
        )
        author = t.get("license_author") or f.get("license_author") or None
        entries.append(
            _entry(
                f"wger-{pk}-{_slugify(name)[:40].strip('-')}",
                name,
                primary,
                secondary,
                list(dict.fromkeys(equipment)),
                load_type,
                "intermediate",
                None,
                None,
                steps[:12],
                steps[0],
                [a for a in aliases.get(tpk, []) if a.strip()],
                [8, 12],
                "wger",
                licenses.get(f.get("license")),
                author,
                drill=is_drill(name),
            )
        )
    return DbImport("wger", tuple(entries), tuple(skipped))
