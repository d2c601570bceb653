"""Consistency checks across the fields of an exercise entry.

The schema (:mod:`spotter.knowledge.schema`) checks that each field is well formed; the linter
checks that the fields agree with each other, the way a careful coach proof-reads a handout:

* ``position``: the description or a step names a body position that contradicts
  ``facts.position`` (a standing entry whose steps say "sit on the seat").
* ``equipment``: a step names equipment the entry does not list (a thigh pad, a bench).
* ``bar-handles``: the steps say "handles" while the entry uses a bar, or the reverse.
* ``muscle``: the description or benefits name a muscle missing from primary and secondary.
* ``breathing``: a working phase (concentric, eccentric, hold) without a breathing cue.
* ``content``: fewer than 3 steps, 2 cues or 2 faults.
* ``tempo`` and ``tempo-pause``: the tempo against the steps
  (:mod:`spotter.knowledge.lint_timing`): a pause or hold step in a slot the tempo leaves at 0,
  a long pause in a slot where no step holds, a zero-second phase.
* ``siblings``: variants of one movement on other kit disagree on their primary muscles
  (:mod:`spotter.knowledge.lint_siblings`; across files, by :func:`lint_paths`).
* ``pattern-force`` and ``load-type``: the force or load type disagree with pattern or equipment.

>>> from spotter.knowledge.lint import position_words_against
>>> position_words_against("standing", "Start by sitting on the seat of the machine.")
['sitting', 'seat']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spotter.knowledge.lint_siblings import check_siblings
from spotter.knowledge.lint_timing import check_timing
from spotter.knowledge.loader import CatalogError, build, line_index, parse_text
from spotter.knowledge.model import Exercise
from spotter.knowledge.vocab import EQUIPMENT, MUSCLES, WORKING_PHASES


@dataclass(frozen=True, slots=True)
class Finding:
    """One lint finding: where, which check, and what is wrong."""

    path: str
    line: int | None
    field: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        fld = f" {self.field}:" if self.field else ""
        return f"{where}: [{self.code}]{fld} {self.message}"


_SEATED = ("sit", "sits", "sitting", "seated", "seat")
_LYING = ("lie", "lying")
_STANDING = ("standing",)
_UPRIGHT = ("standing", "split-stance", "walking", "bent-over", "hanging")

#: Words that contradict each body position wherever they appear in the description or steps.
FORBIDDEN_POSITION_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_UPRIGHT, _SEATED + _LYING),
    "seated": _STANDING + _LYING,
    "supine": (*_STANDING, "seated"),
    "prone": (*_STANDING, "seated"),
    "side-lying": (*_STANDING, "seated"),
    "kneeling": (*_STANDING, "seated"),
    "half-kneeling": (*_STANDING, "seated"),
    "quadruped": (*_STANDING, "seated"),
    "plank": (*_STANDING, "seated"),
}


def _word_re(words: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def position_words_against(position: str, text: str) -> list[str]:
    """The words of ``text`` that contradict ``position`` (in order of appearance)."""
    words = FORBIDDEN_POSITION_WORDS.get(position, ())
    if not words:
        return []
    return [m.group(1).lower() for m in _word_re(words).finditer(text)]


#: Pieces besides the one that carries a word that still make the word true.
_ALSO_SATISFIES: dict[str, frozenset[str]] = {
    "bench": frozenset(
        {"adjustable-bench", "preacher-bench", "back-extension-bench", "glute-ham-developer"}
    ),
    "thigh pad": frozenset(
        {
            "leg-curl-machine",
            "leg-extension-machine",
            "seated-calf-machine",
            "hip-abduction-machine",
            "hip-adduction-machine",
        }
    ),
    "knee pad": frozenset({"seated-calf-machine", "leg-curl-machine", "assisted-pullup-machine"}),
    "knee pads": frozenset(
        {
            "leg-curl-machine",
            "assisted-pullup-machine",
            "hip-abduction-machine",
            "hip-adduction-machine",
        }
    ),
    "shoulder pads": frozenset({"smith-machine", "hack-squat-machine"}),
    "chest pad": frozenset({"pullover-machine", "pec-deck", "chest-press-machine"}),
    "hip pad": frozenset({"glute-ham-developer"}),
    "shin pad": frozenset({"leg-curl-machine"}),
    "foot plate": frozenset({"leg-press", "hack-squat-machine", "calf-raise-machine"}),
    "footplate": frozenset({"leg-press", "hack-squat-machine", "calf-raise-machine"}),
    "sled": frozenset({"hack-squat-machine"}),
    "rack": frozenset({"smith-machine"}),
    "safety pins": frozenset({"smith-machine"}),
    "j-hooks": frozenset({"smith-machine"}),
    "pulley": frozenset({"lat-pulldown-machine", "seated-row-station"}),
    "cable machine": frozenset({"lat-pulldown-machine", "seated-row-station"}),
    "band": frozenset({"mini-band"}),
    "resistance band": frozenset({"mini-band"}),
    "overhead bar": frozenset({"smith-machine", "squat-rack"}),
    "weight plate": frozenset({"barbell", "landmine"}),
}

_WORD_OWNERS: dict[str, frozenset[str]] = {}
for _e in EQUIPMENT.values():
    for _w in _e.words:
        _WORD_OWNERS[_w] = _WORD_OWNERS.get(_w, frozenset()) | {_e.key}
_EQUIPMENT_WORD_RE = _word_re(_WORD_OWNERS)

_BAR_EQUIPMENT = frozenset(
    {
        "barbell",
        "ez-bar",
        "trap-bar",
        "smith-machine",
        "long-bar",
        "straight-bar",
        "pull-up-bar",
        "landmine",
        "dip-station",
        "wrist-roller",
    }
)
_HANDLE_EQUIPMENT = frozenset(
    {
        "d-handle",
        "v-handle",
        "trap-bar",
        "kettlebell",
        "dumbbell",
        "chest-press-machine",
        "shoulder-press-machine",
        "row-machine",
        "assisted-pullup-machine",
        "leg-press",
        "hack-squat-machine",
        "pec-deck",
        "pullover-machine",
        "rope",
        "landmine",
        "rings",
        "band",
        "neck-machine",
        "seated-row-station",
    }
)
_BAR_RE = re.compile(r"(?<![\w-])bar(?![\w-])", re.IGNORECASE)
_HANDLE_RE = re.compile(r"(?<![\w-])handles?(?![\w-])", re.IGNORECASE)

_MUSCLE_OWNERS: dict[str, str] = {s: m.key for m in MUSCLES.values() for s in m.synonyms}
_MUSCLE_RE = _word_re(_MUSCLE_OWNERS)
_PLACE_WORDS = frozenset(
    [
        "to",
        "toward",
        "towards",
        "at",
        "behind",
        "over",
        "above",
        "below",
        "under",
        "across",
        "against",
        "on",
        "onto",
        "from",
        "near",
        "beside",
        "past",
        "in",
        "into",
        "front",
        "off",
        "along",
        "around",
        "between",
        "without",
        "reach",
        "reaches",
        "touch",
        "touches",
        "support",
        "supports",
        "supporting",
    ]
)

_PULL_PATTERNS = frozenset({"vertical-pull", "horizontal-pull"})
_PUSH_PATTERNS = frozenset({"vertical-push", "horizontal-push"})
_LOAD_TYPE_NEEDS: dict[str, frozenset[str]] = {
    "barbell": frozenset({"barbell", "ez-bar", "trap-bar", "landmine"}),
    "dumbbell": frozenset({"dumbbell"}),
    "kettlebell": frozenset({"kettlebell"}),
    "plates": frozenset({"plates"}),
    "band": frozenset({"band", "mini-band"}),
    "cable-stack": frozenset({"cable-machine", "lat-pulldown-machine", "seated-row-station"}),
}


_RACK_POSITION = re.compile(r"front[- ]rack|rack(?:ed)?\s+position|\bracked\b", re.IGNORECASE)


def _without_positions(text: str, equipment: set[str]) -> str:
    """Text with "rack" removed where it names a position (a kettlebell held in the front rack)."""
    text = _RACK_POSITION.sub(" ", text)
    if "kettlebell" in equipment and not equipment & {"barbell", "squat-rack", "smith-machine"}:
        text = re.sub(r"(?<![\w-])rack(?![\w-])", " ", text, flags=re.IGNORECASE)
    return text


def _muscles_named(text: str) -> list[tuple[str, str]]:
    """(word, muscle key) for each muscle named in ``text`` as a muscle, not as a place."""
    out = []
    for m in _MUSCLE_RE.finditer(text):
        before = re.findall(r"[A-Za-z]+", text[: m.start()])[-3:]
        if any(w.lower() in _PLACE_WORDS for w in before):
            continue
        out.append((m.group(1), _MUSCLE_OWNERS[m.group(1).lower()]))
    return out


def check(ex: Exercise) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Run every consistency check on one exercise.

    Returns ``(field path, code, message)`` triples; the path is in the catalog file's terms
    (e.g. ``("text", "en", "steps", "grip", "text")``) so a caller can find its line.
    """
    f = ex.facts
    lang = ex.text.language
    out: list[tuple[tuple[str | int, ...], str, str]] = []
    steps = ex.steps
    step_path = ("text", lang, "steps")

    # Body position.
    for path, text in [(("text", lang, "description"), ex.text.description)] + [
        ((*step_path, s.id, "text"), s.text) for s in steps
    ]:
        bad = position_words_against(f.position, text)
        if bad:
            words = ", ".join(dict.fromkeys(bad))
            out.append((path, "position", f"says {words!r} but facts.position is {f.position!r}"))

    # Equipment named in the steps.
    have = set(f.equipment)
    for s in steps:
        missing: dict[str, frozenset[str]] = {}
        for m in _EQUIPMENT_WORD_RE.finditer(_without_positions(s.text, have)):
            word = m.group(1).lower()
            owners = _WORD_OWNERS[word] | _ALSO_SATISFIES.get(word, frozenset())
            if not owners & have:
                missing[word] = _WORD_OWNERS[word]
        for word, owners in missing.items():
            need = " or ".join(sorted(owners))
            out.append(
                (
                    (*step_path, s.id, "text"),
                    "equipment",
                    f"names {word!r} but facts.equipment lacks {need}",
                )
            )

    # Bar versus handles.
    for s in steps:
        stripped = _EQUIPMENT_WORD_RE.sub(" ", s.text)
        has_bar = bool(have & _BAR_EQUIPMENT)
        has_handles = bool(have & _HANDLE_EQUIPMENT)
        if _HANDLE_RE.search(stripped) and has_bar and not has_handles:
            bars = ", ".join(sorted(have & _BAR_EQUIPMENT))
            out.append(
                (
                    (*step_path, s.id, "text"),
                    "bar-handles",
                    f"says 'handles' but the entry uses a bar ({bars}) and no handles",
                )
            )
        if _BAR_RE.search(stripped) and has_handles and not has_bar:
            handles = ", ".join(sorted(have & _HANDLE_EQUIPMENT))
            out.append(
                (
                    (*step_path, s.id, "text"),
                    "bar-handles",
                    f"says 'bar' but the entry uses handles ({handles}) and no bar",
                )
            )

    # Muscles named in the prose.
    listed = set(f.primary) | set(f.secondary)
    prose: list[tuple[tuple[str | int, ...], str]] = [
        (("text", lang, "description"), ex.text.description)
    ] + [(("text", lang, "benefits", i), b) for i, b in enumerate(ex.text.benefits)]
    for ppath, text in prose:
        unlisted = {key: word for word, key in _muscles_named(text) if key not in listed}
        # "core" is satisfied by any core muscle being listed
        if "abs" in unlisted and unlisted["abs"].lower() == "core" and listed & {"abs", "obliques"}:
            del unlisted["abs"]
        for key, word in unlisted.items():
            out.append(
                (
                    ppath,
                    "muscle",
                    f"names {word!r} ({key}) but it is neither a primary nor a secondary muscle",
                )
            )

    # Breathing on working phases.
    for s in steps:
        if s.phase in WORKING_PHASES and not (s.breathing or "").strip():
            out.append(
                (
                    (*step_path, s.id),
                    "breathing",
                    f"the {s.phase} step {s.id!r} has no breathing cue",
                )
            )

    # Minimum content of a page.
    for name, n, minimum in (
        ("steps", len(steps), 3),
        ("cues", len(ex.text.cues), 2),
        ("faults", len(f.faults), 2),
    ):
        if n < minimum:
            out.append(
                (
                    (("facts", name) if name != "cues" else ("text", lang, "cues")),
                    "content",
                    f"has {n} {name}; a page needs at least {minimum}",
                )
            )
    if not any(s.phase != "setup" for s in steps):
        out.append((("facts", "steps"), "content", "has no execution step (only setup)"))

    # Tempo against the steps (spotter.knowledge.lint_timing).
    out.extend(check_timing(ex))

    # Pattern against force; load type against equipment.
    if f.pattern in _PULL_PATTERNS and f.force != "pull":
        out.append(
            (
                ("facts", "force"),
                "pattern-force",
                f"pattern {f.pattern} is a pull, force is {f.force}",
            )
        )
    if f.pattern in _PUSH_PATTERNS and f.force != "push":
        out.append(
            (
                ("facts", "force"),
                "pattern-force",
                f"pattern {f.pattern} is a push, force is {f.force}",
            )
        )
    needs = _LOAD_TYPE_NEEDS.get(f.load_type)
    if needs and not needs & have:
        out.append(
            (
                ("facts", "load_type"),
                "load-type",
                f"load type {f.load_type} needs one of {', '.join(sorted(needs))} in facts.equipment",
            )
        )
    return out


def lint_text(text: str, path: str) -> list[Finding]:
    """Parse, validate and lint the YAML text of one catalog file."""
    try:
        data = parse_text(text, path, check_name=False)
    except CatalogError as exc:
        return [Finding(exc.path, exc.line, exc.field, "schema", exc.message)]
    index = line_index(text)
    findings = []
    stem = Path(path).stem
    if data["slug"] != stem:
        findings.append(
            Finding(
                path,
                index.get(("slug",)),
                "slug",
                "slug",
                f"slug {data['slug']!r} does not match the file name {stem!r}",
            )
        )
    for lang in data["text"]:
        ex = build(data, lang)
        for fpath, code, message in check(ex):
            line = None
            for n in range(len(fpath), 0, -1):
                if fpath[:n] in index:
                    line = index[fpath[:n]]
                    break
            findings.append(Finding(path, line, ".".join(str(p) for p in fpath), code, message))
    return findings


def lint_file(path: Path) -> list[Finding]:
    """Lint one catalog file on disk."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Finding(str(path), None, None, "read", f"cannot be read: {exc}")]
    return lint_text(text, str(path))


def lint_paths(paths: Iterable[Path]) -> list[Finding]:
    """Lint files and every catalog file inside the folders given, then the files together
    (sibling variants, :mod:`spotter.knowledge.lint_siblings`)."""
    findings: list[Finding] = []
    texts: dict[str, str] = {}
    for p in paths:
        files = (
            sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml")) if p.is_dir() else [p]
        )
        for file in files:
            findings.extend(lint_file(file))
            try:
                texts[str(file)] = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    findings.extend(lint_siblings_of(texts))
    return findings


def lint_siblings_of(texts: dict[str, str]) -> list[Finding]:
    """Sibling findings over catalog files given as ``{path: text}`` (files that do not parse
    are left out: :func:`lint_text` reports them)."""
    entries: dict[str, tuple[Exercise, str, dict[tuple[str | int, ...], int]]] = {}
    for path, text in texts.items():
        try:
            data = parse_text(text, path, check_name=False)
        except CatalogError:
            continue
        lang = next(iter(data["text"]))
        entries[data["slug"]] = (build(data, lang), path, line_index(text))
    found = check_siblings(ex for ex, _, _ in entries.values())
    out = []
    for ex, message in found:
        _, path, index = entries[ex.slug]
        line = index.get(("facts", "primary")) or index.get(("facts",))
        out.append(Finding(path, line, "facts.primary", "siblings", message))
    return out
