"""Match exercise names from other apps to the catalog, with a method and a confidence.

Names in exports look like "Bench Press (Barbell)", "Dumbbell Curl (Each Side)" or
"Seated Cable Row - V Grip (Cable)". Matching tries, in order:

1. **alias**: the name is an exercise's name, alias or slug (after lowercasing and removing
   punctuation); confidence 100.
2. **normalised**: a variant of the name is: the equipment in brackets moved to the front
   ("barbell bench press"), brackets and side notes ("each side") dropped, plural words made
   singular ("hammer curls"); confidence 95.
3. **fuzzy**: the closest whole name by RapidFuzz, when it wins clearly (3 points ahead of the
   next exercise). Its confidence is the score less 20 when equipment the source names
   ("(Dumbbell)", "Barbell ...") is not what the exercise uses, less 15 for each distinguishing
   word found on one side only (incline, decline, seated, reverse, single-arm...), and less 20
   when the source's movement (fly, press, row, curl...) is not in the exercise's name.

A variant that drops words (step 2) is accepted only when the equipment the source names fits.

Anything below ``min_confidence`` (default 85) is left unmatched, with the best candidates, so
an importer can keep the source name as a user exercise and a person can map it.

>>> from spotter.knowledge.matching import name_variants
>>> name_variants("Bench Press (Barbell)")
['bench press barbell', 'barbell bench press', 'bench press']
>>> name_variants("Hammer Curls (Each Side)")
['hammer curls each side', 'hammer curls', 'hammer curl']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from spotter.knowledge.catalog import Catalog, normalise
from spotter.knowledge.vocab import EQUIPMENT

_BRACKETS = re.compile(r"\(([^)]*)\)?")
_SIDE_NOTES = re.compile(r"\b(each side|per side|each arm|per arm|each leg|per leg)\b")
_DASH_NOTE = re.compile(r"\s+-\s+.*$")
#: Words that make a different exercise when only one of two names has them.
DISTINGUISHING = (
    "incline",
    "decline",
    "seated",
    "standing",
    "lying",
    "reverse",
    "single",
    "one",
    "front",
    "rear",
    "overhead",
    "hammer",
    "sumo",
    "romanian",
    "stiff",
    "floor",
    "assisted",
    "weighted",
    "close",
    "wide",
    "behind",
    "jump",
    "kneeling",
    "knee",
    "side",
    "lateral",
    "upright",
    "goblet",
    "split",
    "bulgarian",
    "hip",
    "calf",
    "leg",
    "chest",
    "triceps",
    "tricep",
    "bicep",
    "biceps",
    "up",
    "down",
    "smith",
    "rope",
    "straight",
)
#: Words that name the movement itself.
MOVEMENTS = (
    "fly",
    "flye",
    "press",
    "row",
    "curl",
    "raise",
    "squat",
    "deadlift",
    "pulldown",
    "pushdown",
    "extension",
    "crunch",
    "lunge",
    "shrug",
    "dip",
    "pullover",
    "thrust",
    "bridge",
    "plank",
    "carry",
    "swing",
    "twist",
    "kickback",
    "pull",
    "push",
    "rollout",
    "clean",
    "snatch",
)
_HINTS: dict[str, str] = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "cable": "cable",
    "machine": "machine",
    "smith machine": "machine",
    "band": "band",
    "kettlebell": "kettlebell",
    "bodyweight": "bodyweight",
}


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "ps", "ceps")):
        return word[:-1]
    return word


def name_variants(name: str) -> list[str]:
    """The forms of a source name to look up, most literal first (deduplicated)."""
    raw = name.strip().lower()
    out = [normalise(raw)]
    brackets = [normalise(_SIDE_NOTES.sub(" ", b)) for b in _BRACKETS.findall(raw)]
    # brackets that only name equipment or a side are dropped; others ("assisted") stay in
    meaningful = [b for b in brackets if b and b not in _HINTS]
    base = _BRACKETS.sub(" ", raw)
    base = _DASH_NOTE.sub("", base)
    base = normalise(_SIDE_NOTES.sub(" ", base) + " " + " ".join(meaningful))
    kept = [b for b in brackets if b]
    for b in kept:
        out.append(normalise(f"{b} {base}"))
    out.append(base)
    out.append(" ".join(_singular(w) for w in base.split()))
    seen: list[str] = []
    for v in out:
        if v and v not in seen:
            seen.append(v)
    return seen


def equipment_hint(name: str) -> str | None:
    """The equipment category a source name states, if any ("(Dumbbell)", "Barbell Curl").

    >>> equipment_hint("Bench Press (Dumbbell)"), equipment_hint("Smith Machine Squat")
    ('dumbbell', 'machine')
    """
    text = normalise(name)
    for word in sorted(_HINTS, key=len, reverse=True):
        if re.search(rf"\b{word}\b", text):
            return _HINTS[word]
    return None


def _words(text: str) -> set[str]:
    return {_singular(w) for w in normalise(text).split()}


def _penalty(source: str, candidate: str) -> float:
    """Points off a fuzzy score for words that make the two names different exercises."""
    a, b = _words(source), _words(candidate)
    off = 15.0 * sum(1 for w in DISTINGUISHING if (w in a) != (w in b))
    moves = {w for w in MOVEMENTS if w in a}
    if moves and not moves & b:
        off += 20.0
    return off


@dataclass(frozen=True, slots=True)
class Match:
    """How a source name maps to the catalog."""

    source: str
    slug: str | None
    method: str  # alias | normalised | fuzzy | none
    confidence: float
    candidates: tuple[tuple[str, float], ...] = field(default=())


def _categories(catalog: Catalog, slug: str) -> set[str]:
    ex = catalog.get(slug)
    cats: set[str] = {EQUIPMENT[e].category for e in ex.facts.equipment if e in EQUIPMENT}
    if ex.facts.load_type == "bodyweight":
        cats.add("bodyweight")
    if ex.facts.load_type in ("plate-loaded-machine", "selectorized-machine"):
        cats.add("machine")
    return cats


class NameMatcher:
    """Matches names against one catalog; remembers answers, as exports repeat names."""

    def __init__(self, catalog: Catalog, *, min_confidence: float = 85.0) -> None:
        self.catalog = catalog
        self.min_confidence = min_confidence
        self._index: dict[str, set[str]] = {}
        for ex in catalog.all():
            for n in (ex.name, *ex.text.aliases, ex.slug.replace("-", " ")):
                self._index.setdefault(normalise(n), set()).add(ex.slug)
        self._names = list(self._index.items())
        self._memo: dict[str, Match] = {}

    def match(self, name: str) -> Match:
        key = name.strip().lower()
        if key not in self._memo:
            self._memo[key] = self._match(name)
        return self._memo[key]

    def _match(self, name: str) -> Match:
        variants = name_variants(name)
        hint = equipment_hint(name)
        for i, v in enumerate(variants):
            slugs = self._index.get(v, set())
            if hint and (i > 0 or len(slugs) > 1):
                slugs = {s for s in slugs if hint in _categories(self.catalog, s)}
            if len(slugs) == 1:
                return Match(
                    name,
                    next(iter(slugs)),
                    "alias" if i == 0 else "normalised",
                    100.0 if i == 0 else 95.0,
                )
        best: dict[str, tuple[float, str]] = {}
        for v in variants:
            for n, slugs in self._names:
                score = float(max(fuzz.ratio(v, n), fuzz.token_sort_ratio(v, n)))
                for s in slugs:
                    if score > best.get(s, (0.0, ""))[0]:
                        best[s] = (score, n)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        adjusted = []
        for slug, (score, matched) in ranked[:15]:
            if hint and hint not in _categories(self.catalog, slug):
                score -= 20.0
            score -= _penalty(variants[-1], matched)
            adjusted.append((slug, round(score, 1)))
        adjusted.sort(key=lambda kv: -kv[1])
        top = tuple(adjusted[:5])
        if (
            top
            and top[0][1] >= self.min_confidence
            and (len(top) == 1 or top[0][1] - top[1][1] >= 3)
        ):
            return Match(name, top[0][0], "fuzzy", top[0][1], top)
        return Match(name, None, "none", top[0][1] if top else 0.0, top)
