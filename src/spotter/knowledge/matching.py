"""Match exercise names from other apps to the catalog, with a method and a confidence.

Names in exports look like "Bench Press (Barbell)", "Dumbbell Curl (Each Side)" or
"Seated Cable Row - V Grip (Cable)". Matching tries, in order:

1. **alias**: the name is an exercise's name, alias or slug (after lowercasing and removing
   punctuation); confidence 100.
2. **normalised**: a variant of the name is: the equipment in brackets moved to the front
   ("barbell bench press"), brackets and side notes ("each side") dropped, plural words made
   singular ("hammer curls"); confidence 95.
3. **fuzzy**: the closest whole name by RapidFuzz. Its confidence is the score less 15 for each
   distinguishing word found on one side only (incline, decline, seated, reverse, single-arm...),
   and less 20 when the source's movement (fly, press, row, curl...) is not in the exercise's
   name.

**Equipment must agree.** The equipment words of a name (barbell, dumbbell, kettlebell, cable,
band, smith, machine, bodyweight; plurals too: "Dumbbells") are its equipment kinds. A variant
that drops words (step 2) is accepted only when every kind the source names is equipment the
exercise uses; a fuzzy candidate also must not name a kind the source does not ("Triceps
Pushdown" is not the band pushdown). A candidate that disagrees loses 30 points and is never
applied or suggested. "Smith" is its own kind: a Smith machine is neither a free barbell nor a
selectorized machine.

A fuzzy match is applied only at ``min_confidence`` (default 95) and 3 points clear of the next
exercise; below that, the best agreeing candidate from ``suggest_from`` (default 65) is offered
as :attr:`Match.suggestion` and the name stays unmatched until a person confirms it.

>>> from spotter.knowledge.matching import name_variants
>>> name_variants("Bench Press (Barbell)")
['bench press barbell', 'barbell bench press', 'bench press']
>>> name_variants("Hammer Curls (Each Side)")
['hammer curls each side', 'hammer curls', 'hammer curl']
>>> sorted(equipment_kinds("Overhead Press (Each Side, Dumbbells)"))
['dumbbell']
>>> sorted(equipment_kinds("Flat Barbell Bench Press (Each Side) (Smith Machine)"))
['smith']
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
#: Words (singular, lowercase) that name a kind of equipment.
KIND_WORDS: dict[str, str] = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "kettlebell": "kettlebell",
    "cable": "cable",
    "band": "band",
    "banded": "band",
    "smith": "smith",
    "machine": "machine",
    "hammerstrength": "machine",
    "hammer strength": "machine",
    "bodyweight": "bodyweight",
    "body weight": "bodyweight",
}
#: Penalty for a candidate whose equipment disagrees with the source's.
EQUIPMENT_PENALTY = 30.0


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
    meaningful = [b for b in brackets if b and not _only_equipment(b)]
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


def equipment_kinds(name: str) -> frozenset[str]:
    """The kinds of equipment a name states ("(Dumbbells)", "Barbell Curl", "Smith Machine").

    A Smith machine is its own kind (not also a barbell or a machine).

    >>> sorted(equipment_kinds("Bench Press (Dumbbell)")), sorted(equipment_kinds("Hammer Curl"))
    (['dumbbell'], [])
    >>> sorted(equipment_kinds("Decline Hammer Strength Chest Press(Each Side)"))
    ['machine']
    """
    text = " ".join(_singular(w) for w in normalise(name).split())
    kinds = {kind for word, kind in KIND_WORDS.items() if re.search(rf"\b{word}\b", text)}
    if "smith" in kinds:
        kinds -= {"machine", "barbell"}
    return frozenset(kinds)


def _only_equipment(text: str) -> bool:
    """True when every word of a bracket names equipment ("smith machine", "dumbbells")."""
    words = [_singular(w) for w in text.split()]
    joined = " ".join(words)
    for word in sorted(KIND_WORDS, key=len, reverse=True):
        joined = re.sub(rf"\b{word}\b", " ", joined)
    return bool(words) and not joined.strip()


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
    """How a source name maps to the catalog.

    ``slug`` is set only for a match that may be applied without asking (alias, normalised, a
    fuzzy match at high confidence, or a person's mapping); ``suggestion`` is the best candidate
    otherwise, to offer and have confirmed.
    """

    source: str
    slug: str | None
    method: str  # alias | normalised | fuzzy | mapped | none
    confidence: float
    candidates: tuple[tuple[str, float], ...] = field(default=())
    suggestion: str | None = None


def kinds_of(catalog: Catalog, slug: str) -> frozenset[str]:
    """The equipment kinds an exercise uses: its equipment's categories (a Smith machine as
    "smith"), "machine" for machine load types, "bodyweight" for bodyweight exercises."""
    ex = catalog.get(slug)
    kinds: set[str] = set()
    for e in ex.facts.equipment:
        if e == "smith-machine":
            kinds.add("smith")
        elif e in EQUIPMENT:
            kinds.add(EQUIPMENT[e].category)
    if ex.facts.load_type == "bodyweight":
        kinds.add("bodyweight")
    if ex.facts.load_type in ("plate-loaded-machine", "selectorized-machine") and "smith" not in kinds:
        kinds.add("machine")
    if ex.facts.load_type == "band":
        kinds.add("band")
    return frozenset(kinds)


class NameMatcher:
    """Matches names against one catalog; remembers answers, as exports repeat names."""

    def __init__(
        self, catalog: Catalog, *, min_confidence: float = 95.0, suggest_from: float = 65.0
    ) -> None:
        self.catalog = catalog
        self.min_confidence = min_confidence
        self.suggest_from = suggest_from
        self._index: dict[str, set[str]] = {}
        for ex in catalog.all():
            for n in (ex.name, *ex.text.aliases, ex.slug.replace("-", " ")):
                self._index.setdefault(normalise(n), set()).add(ex.slug)
        self._names = list(self._index.items())
        self._kinds: dict[str, frozenset[str]] = {}
        self._memo: dict[str, Match] = {}

    def match(self, name: str) -> Match:
        key = name.strip().lower()
        if key not in self._memo:
            self._memo[key] = self._match(name)
        return self._memo[key]

    def kinds(self, slug: str) -> frozenset[str]:
        """The equipment kinds of a catalog exercise (cached)."""
        if slug not in self._kinds:
            self._kinds[slug] = kinds_of(self.catalog, slug)
        return self._kinds[slug]

    def agrees(self, source: str, slug: str) -> bool:
        """True when the equipment a source name states is what the exercise uses, and the
        exercise's own name states no equipment the source does not."""
        stated = equipment_kinds(source)
        if not stated <= self.kinds(slug):
            return False
        ex = self.catalog.get(slug)
        named = equipment_kinds(ex.name) | equipment_kinds(slug.replace("-", " "))
        return named <= stated

    def _match(self, name: str) -> Match:
        variants = name_variants(name)
        stated = equipment_kinds(name)
        for i, v in enumerate(variants):
            slugs = self._index.get(v, set())
            if stated and (i > 0 or len(slugs) > 1):
                slugs = {s for s in slugs if stated <= self.kinds(s)}
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
        adjusted: list[tuple[str, float, bool]] = []
        for slug, (score, matched) in ranked[:15]:
            agree = self.agrees(name, slug)
            if not agree:
                score -= EQUIPMENT_PENALTY
            score -= _penalty(variants[-1], matched)
            adjusted.append((slug, round(score, 1), agree))
        adjusted.sort(key=lambda kv: -kv[1])
        top = tuple((slug, score) for slug, score, _ in adjusted[:5])
        agreeing = [(slug, score) for slug, score, ok in adjusted if ok]
        if (
            agreeing
            and agreeing[0] == top[0]
            and top[0][1] >= self.min_confidence
            and (len(top) == 1 or top[0][1] - top[1][1] >= 3)
        ):
            return Match(name, top[0][0], "fuzzy", top[0][1], top)
        suggestion = (
            agreeing[0][0] if agreeing and agreeing[0][1] >= self.suggest_from else None
        )
        return Match(name, None, "none", top[0][1] if top else 0.0, top, suggestion)
