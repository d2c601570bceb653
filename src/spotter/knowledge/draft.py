"""Draft a catalog entry from a plain-text exercise page, like the seed page.

The page is prose, optionally followed by a bulleted list of steps and a "Tips" section. The
draft reads, with the vocabularies:

* the name, from "The X is a ..." or a short first line;
* primary muscles, from the sentence that says what the exercise targets; secondary muscles,
  from the one that says what it "also" engages ("core" means abs and obliques);
* equipment, grip type and width, stance and body position;
* steps, from the bullet list and from the instructions in the prose, each with a phase
  guessed from its verbs and the breathing the page gives for it;
* cues ("keep...", "focus..."), tips by topic, faults from "avoid ..." phrases, grip variations.

It is a draft: facts that cannot be read from the page get plain defaults (level intermediate,
rep range 8-12), and the lint findings printed with it say what a coach should fix.

>>> e = draft_entry("The Band Row is a compound exercise that targets the lats and rhomboids.\\n"
...                 "Stand tall holding the band. Pull the band to your ribs, exhaling. "
...                 "Slowly return, inhaling.")
>>> e["slug"], e["facts"]["primary"], [s["phase"] for s in e["facts"]["steps"]]
('band-row', ['lats', 'rhomboids'], ['setup', 'concentric', 'eccentric'])
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import yaml

from spotter.errors import SpotterError
from spotter.knowledge.vocab import EQUIPMENT, MUSCLES, PATTERNS

_BULLET = re.compile(r"^\s*(?:[•\-*]|\d+[.)])\s+(.*)$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_TIPS_HEADING = re.compile(r"^\s*(tips?(\s*(&|and)\s*tricks)?|notes?)\s*:?\s*$", re.IGNORECASE)


class DraftError(SpotterError):
    """The page has too little to draft from."""


def _slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _split_page(text: str) -> tuple[list[str], list[str], list[str]]:
    """(prose paragraphs, step bullets, tip bullets)."""
    prose: list[str] = []
    steps: list[str] = []
    tips: list[str] = []
    in_tips = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _TIPS_HEADING.match(line):
            in_tips = True
            continue
        m = _BULLET.match(line)
        if m:
            (tips if in_tips else steps).append(m.group(1).strip())
        elif in_tips:
            tips.append(line)
        else:
            prose.append(line)
    return prose, steps, tips


def _sentences(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        out.extend(s.strip() for s in _SENTENCE.split(p) if s.strip())
    return out


_MUSCLE_WORDS = sorted(
    ((syn, m.key) for m in MUSCLES.values() for syn in m.synonyms), key=lambda x: -len(x[0])
)


def _muscles_in(text: str) -> list[str]:
    """Muscle keys named in ``text``, in the order they appear ("core" means abs and obliques)."""
    found: list[tuple[int, str]] = []
    low = text.lower()
    for word, key in _MUSCLE_WORDS:  # longest names first, blanked out once matched
        pattern = r"(?<![\w-])" + re.escape(word) + r"(?![\w-])"
        for m in re.finditer(pattern, low):
            keys = ["abs", "obliques"] if word == "core" else [key]
            found.extend((m.start(), k) for k in keys)
        low = re.sub(pattern, lambda m: " " * len(m.group(0)), low)
    out: list[str] = []
    for _, k in sorted(found, key=lambda x: x[0]):
        if k not in out:
            out.append(k)
    return out


_EQUIPMENT_WORDS = sorted(
    ((w, e.key) for e in EQUIPMENT.values() for w in e.words), key=lambda x: -len(x[0])
)


def _equipment_in(text: str) -> list[str]:
    found: list[str] = []
    low = text.lower()
    for word, key in _EQUIPMENT_WORDS:
        pattern = r"(?<![\w-])" + re.escape(word) + r"(?![\w-])"
        if re.search(pattern, low):
            low = re.sub(pattern, " ", low)
            if key not in found:
                found.append(key)
    return found


_CONCENTRIC = re.compile(
    r"\b(pull|pulling|press|pressing|push|pushing|raise|raising|lift|lifting|curl|curling|drive|"
    r"driving|extend|extending|row|rowing|squeeze the handles|stand up)\b",
    re.IGNORECASE,
)
_PAUSE = re.compile(
    r"\b(pause|pausing)\b|\bhold (it |them )?(for|briefly|there)\b|\bhold the (squeeze|position|contraction)",
    re.IGNORECASE,
)
_ECCENTRIC = re.compile(
    r"\b(return|returning|lower|lowering|release|releasing|slowly let|let the)\b", re.IGNORECASE
)
_SETUP_START = re.compile(
    r"^\s*(stand|sit|lie|lay|grasp|grab|position|begin|start|place|set|adjust|take|kneel|get|secure|"
    r"select|attach|load)\b",
    re.IGNORECASE,
)
_FINISH = re.compile(r"^\s*repeat\b", re.IGNORECASE)
_CUE = re.compile(
    r"^\s*(keep|focus|avoid|remember|make sure|maintain|don't|do not)\b", re.IGNORECASE
)
_EXHALE = re.compile(r"\b(exhale|exhaling|breathe out|breathing out)\b", re.IGNORECASE)
_INHALE = re.compile(r"\b(inhale|inhaling|breathe in|breathing in)\b", re.IGNORECASE)
_INSTRUCTION = re.compile(
    r"^\s*(start|begin|from the starting|stand|sit|lie|grasp|grab|hold|step|place|set|plant|"
    r"adjust|pull|push|press|lower|raise|lift|pause|while|return|slowly|bring|brace|exhale|"
    r"inhale|keep your (feet|chest|back))",
    re.IGNORECASE,
)


def guess_phase(sentence: str) -> str:
    """The phase of an instruction sentence, from its verbs (setup when nothing says otherwise).

    >>> guess_phase("Pull the bar down to your chest."), guess_phase("Slowly return to the start.")
    ('concentric', 'eccentric')
    """
    if _FINISH.search(sentence):
        return "finish"
    if _PAUSE.search(sentence) and not _CONCENTRIC.search(sentence.split(",")[0]):
        return "pause"
    if _SETUP_START.match(sentence):
        return "setup"
    if _ECCENTRIC.search(sentence) and not _CONCENTRIC.search(sentence):
        return "eccentric"
    if _CONCENTRIC.search(sentence) and re.search(
        r"\b(down|up|toward|towards|to your)\b", sentence, re.IGNORECASE
    ):
        return "concentric"
    return "setup"


def _split_compound_step(sentence: str) -> list[str]:
    """ "Pause ..., and then slowly return ..." is two steps."""
    parts = re.split(r",?\s+and then\s+", sentence)
    return [p[0].upper() + p[1:] if p else p for p in (x.strip().rstrip(".") + "." for x in parts)]


_TIP_TOPICS = (
    ("breathing", r"breath|exhal|inhal"),
    ("grip", r"\bgrip"),
    ("load", r"weight|load|heav"),
    ("tempo", r"tempo|slow|controlled"),
    ("variety", r"variety|variation|incorporate|different exercises"),
    ("consistency", r"consisten|frequency"),
    ("rest", r"\brest\b|recover"),
    ("focus", r"engage|focus|mind|feel"),
)


def _tip_topic(tip: str) -> str:
    for topic, pattern in _TIP_TOPICS:
        if re.search(pattern, tip, re.IGNORECASE):
            return topic
    return "form"


def _name(prose: list[str], sentences: list[str]) -> str:
    if prose and len(prose[0]) <= 60 and not prose[0].endswith("."):
        return prose[0].strip()
    for s in sentences[:3]:
        m = re.match(r"^(?:The\s+)?([A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*)\s+(?:is|are)\b", s)
        if m:
            return m.group(1)
    raise DraftError(
        "cannot find the exercise's name: start the page with a short title line or a sentence "
        "like 'The Stepback Pulldown is ...' (or pass --slug)"
    )


def draft_entry(text: str, *, slug: str | None = None) -> dict[str, Any]:
    """A draft catalog entry (plain data, in the catalog file's shape) from a page's text."""
    prose, bullet_steps, tips = _split_page(text)
    sentences = _sentences(prose)
    if not sentences and not bullet_steps:
        raise DraftError("the page is empty: nothing to draft from")
    if slug:
        name = slug.replace("-", " ").title()
        with contextlib.suppress(DraftError):
            name = _name(prose, sentences)
    else:
        name = _name(prose, sentences)
    slug = slug or _slugify(name)
    whole = " ".join(sentences + bullet_steps + tips)
    low = whole.lower()

    primary: list[str] = []
    secondary: list[str] = []
    description: list[str] = []
    step_texts: list[str] = []
    cues: list[str] = []
    for s in sentences:
        lows = s.lower()
        if re.search(r"\b(also|secondar|assist|stabili[sz])", lows) and _muscles_in(s):
            secondary += [m for m in _muscles_in(s) if m not in secondary]
            description.append(s)
        elif re.search(
            r"\b(target|targets|works|trains|primarily|develops)\b", lows
        ) and _muscles_in(s):
            primary += [m for m in _muscles_in(s) if m not in primary]
            description.append(s)
        elif _CUE.match(s):
            cues.append(s)
        elif _INSTRUCTION.match(s) and not re.match(r"^\s*to perform\b", lows):
            step_texts.extend(_split_compound_step(s))
        else:
            description.append(s)
    for b in bullet_steps:
        if _CUE.match(b) and not _INSTRUCTION.match(b):
            cues.append(b)
        else:
            step_texts.extend(_split_compound_step(b))
    secondary = [m for m in secondary if m not in primary]
    if not primary:
        primary = secondary[:1] or ["lats"]
        secondary = secondary[1:]

    equipment = _equipment_in(whole)
    if "long-bar" in equipment and "cable-machine" not in equipment:
        equipment.insert(0, "cable-machine")
    grip_type = next(
        (
            t
            for w, t in (
                ("overhand", "pronated"),
                ("pronated", "pronated"),
                ("underhand", "supinated"),
                ("supinated", "supinated"),
                ("neutral grip", "neutral"),
                ("palms facing each other", "neutral"),
            )
            if w in low
        ),
        None,
    )
    grip_width = (
        "medium"
        if re.search(r"slightly wider than shoulder", low)
        else "wide"
        if re.search(r"\bwide grip\b|well wider than", low)
        else "narrow"
        if re.search(r"\b(narrow|close)[- ]grip\b", low)
        else "medium"
        if "shoulder-width" in low
        else None
    )
    intro = " ".join(sentences[:8]).lower()
    position = (
        "split-stance"
        if re.search(r"step back with one foot|staggered|split stance", intro)
        else "standing"
        if re.search(r"\bstand(ing)?\b", intro)
        else "seated"
        if re.search(r"\b(sit|sitting|seated)\b", intro)
        else "supine"
        if re.search(r"\blie|lying\b", intro)
        else "standing"
    )

    steps_facts: list[dict[str, Any]] = []
    steps_text: dict[str, dict[str, Any]] = {}
    exhale_on_pull = bool(re.search(r"exhal\w*\s+as you (pull|push|press|lift)", low))
    inhale_on_return = bool(re.search(r"inhal\w*\s+as you (release|return|lower)", low))
    for i, st in enumerate(step_texts, 1):
        phase = guess_phase(st)
        sid = f"step-{i}"
        breathing = None
        if _EXHALE.search(st):
            breathing = "Breathe out during this phase."
        elif _INHALE.search(st):
            breathing = "Breathe in during this phase."
        elif phase == "concentric" and exhale_on_pull:
            breathing = "Breathe out as you pull."
        elif phase == "eccentric" and inhale_on_return:
            breathing = "Breathe in as you return."
        steps_facts.append({"id": sid, "phase": phase})
        steps_text[sid] = {"text": st} | ({"breathing": breathing} if breathing else {})

    tips_facts: list[dict[str, Any]] = []
    tips_text: dict[str, str] = {}
    for i, tip in enumerate(tips, 1):
        tid = f"tip-{i}"
        tips_facts.append({"id": tid, "topic": _tip_topic(tip)})
        tips_text[tid] = tip

    faults_facts: list[dict[str, Any]] = []
    faults_text: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"\bavoid\s+([^.;]+)", whole, re.IGNORECASE):
        for part in re.split(r"\s+or\s+|,\s*", m.group(1)):
            part = part.strip()
            if not part:
                continue
            fid = _slugify(part)[:40].strip("-")
            if fid and fid not in faults_text:
                faults_facts.append({"id": fid, "visible": False})
                faults_text[fid] = {
                    "name": part[0].upper() + part[1:],
                    "looks_like": f"The lifter shows {part}.",
                    "fix": m.group(0).strip().capitalize() + ".",
                }

    variations_facts: list[dict[str, Any]] = []
    variations_text: dict[str, dict[str, str]] = {}
    gm = re.search(r"grip variations?\s*\(([^)]*)\)", low)
    if gm:
        for width in re.findall(r"\b(wide|medium|narrow)\b", gm.group(1)):
            vid = f"{width}-grip"
            variations_facts.append({"id": vid, "kind": "grip-width", "value": width})
            variations_text[vid] = {
                "name": f"{width.capitalize()} grip",
                "note": f"Hands at a {width} width.",
            }

    force = (
        "pull"
        if re.search(r"\bpull", low)
        else "push"
        if re.search(r"\b(push|press)", low)
        else "static"
    )
    pattern = (
        "vertical-pull"
        if force == "pull" and re.search(r"pull[- ]?down|pull-up|chin-up", low)
        else (
            "horizontal-pull"
            if force == "pull"
            else "horizontal-push"
            if force == "push"
            else "anti-extension"
        )
    )
    assert pattern in PATTERNS
    load_type = (
        "cable-stack"
        if "cable-machine" in equipment
        else "barbell"
        if "barbell" in equipment
        else "dumbbell"
        if "dumbbell" in equipment
        else "kettlebell"
        if "kettlebell" in equipment
        else "band"
        if "band" in equipment
        else "bodyweight"
    )
    pause = any(s["phase"] == "pause" for s in steps_facts)
    slow = bool(re.search(r"\bslow(ly)?\b", low))
    tempo = f"{3 if slow else 2}-0-2-{1 if pause else 0}"

    facts: dict[str, Any] = {
        "mechanic": "isolation" if re.search(r"\bisolation\b", low) else "compound",
        "force": force,
        "pattern": pattern,
        "primary": primary,
        "secondary": secondary,
        "equipment": equipment,
        "load_type": load_type,
        "level": "intermediate",
        "unilateral": False,
        "position": position,
    }
    if grip_type or grip_width:
        facts["grip"] = {k: v for k, v in (("type", grip_type), ("width", grip_width)) if v}
    facts |= {
        "tempo": tempo,
        "measure": "reps",
        "rep_range": [8, 12],
        "motion_family": "generic",
        "steps": steps_facts,
        "faults": faults_facts,
        "tips": tips_facts,
        "variations": variations_facts,
        "source": "user",
    }
    text_en: dict[str, Any] = {
        "name": name,
        "aliases": [],
        "description": " ".join(description) or name,
        "steps": steps_text,
        "cues": cues,
        "faults": faults_text,
        "tips": tips_text,
        "variations": variations_text,
        "benefits": [],
    }
    return {"slug": slug, "facts": facts, "text": {"en": text_en}}


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 90 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


DRAFT_HEADER = (
    "# Draft made by `spotter exercises draft`: review every field, then lint and add it.\n"
)


def dump_entry(entry: dict[str, Any], header: str = DRAFT_HEADER) -> str:
    """The entry as catalog YAML, keys in the catalog's order, after a comment ``header``."""
    return header + yaml.dump(entry, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)
