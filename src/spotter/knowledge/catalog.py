"""The catalog in memory: lookup, search tolerant of typos and aliases, filters, alternatives.

>>> from spotter.knowledge.catalog import normalise
>>> normalise("Lat Pull-Down (Cable)")
'lat pull down cable'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from spotter.errors import SpotterError
from spotter.knowledge.model import Exercise
from spotter.knowledge.vocab import EQUIPMENT, EQUIPMENT_PRESETS, MUSCLES, PATTERNS

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces, punctuation removed."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def _squash(text: str) -> str:
    return normalise(text).replace(" ", "")


class UnknownExerciseError(SpotterError, LookupError):
    """A slug or name that is not in the catalog, with the closest ones."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no exercise {name!r} in the catalog{hint}")


class AmbiguousExerciseError(SpotterError, LookupError):
    """A name that fits several exercises about equally well; lists them instead of guessing."""

    def __init__(self, name: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self.candidates = list(candidates)
        listing = "; ".join(f"{n} ({s})" for s, n in self.candidates)
        super().__init__(
            f"{name!r} could be several exercises: {listing}. Use a fuller name or the slug."
        )


class UnknownTermError(SpotterError, ValueError):
    """A muscle, equipment, pattern or level that is not in the vocabulary."""

    def __init__(self, kind: str, value: str, known: Iterable[str]) -> None:
        from rapidfuzz import process  # imported on the first fuzzy lookup: it costs start-up time

        known = sorted(set(known))
        close = [m for m, score, _ in process.extract(value, known, limit=3) if score >= 60]
        hint = f"; did you mean: {', '.join(close)}?" if close else f"; known: {', '.join(known)}"
        super().__init__(f"unknown {kind} {value!r}{hint}")


#: Muscle groups people filter by, as unions of the vocabulary's regions.
MUSCLE_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "back": ("upper back", "lower back"),
    "legs": ("legs", "hips"),
    "shoulders": ("shoulders",),
    "arms": ("arms",),
    "core": ("core",),
    "chest": ("chest",),
    "upper back": ("upper back",),
    "lower back": ("lower back",),
    "hips": ("hips",),
}
_GROUP_SYNONYMS: Final[dict[str, str]] = {
    "delts": "shoulders",
    "deltoids": "shoulders",
    "leg": "legs",
    "arm": "arms",
    "abs and obliques": "core",
    "trunk": "core",
}


def resolve_muscles(value: str) -> frozenset[str]:
    """The muscle keys a filter means: a group ("back", "legs", "shoulders", "arms", "core"),
    else one muscle by key, label or synonym.

    >>> sorted(resolve_muscles("core"))
    ['abs', 'obliques']
    >>> sorted(resolve_muscles("arms"))
    ['biceps', 'brachialis', 'forearms', 'triceps']
    >>> "lats" in resolve_muscles("back") and "erector-spinae" in resolve_muscles("back")
    True
    >>> resolve_muscles("latissimus dorsi")
    frozenset({'lats'})
    """
    v = " ".join(value.strip().lower().replace("-", " ").split())
    group = MUSCLE_GROUPS.get(_GROUP_SYNONYMS.get(v, v))
    if group is not None:
        return frozenset(k for k, m in MUSCLES.items() if m.region in group)
    return frozenset({resolve_muscle(value)})


def resolve_muscle(value: str) -> str:
    """A muscle key from a key, a label or a synonym ("latissimus dorsi" -> "lats")."""
    v = value.strip().lower()
    if v in MUSCLES:
        return v
    for m in MUSCLES.values():
        if v == m.label.lower() or v in m.synonyms or v.replace(" ", "-") == m.key:
            return m.key
    raise UnknownTermError("muscle", value, [*MUSCLES, *MUSCLE_GROUPS])


def resolve_equipment(values: Iterable[str]) -> frozenset[str]:
    """Equipment keys from keys, categories ("cable", "machine") or presets ("home-dumbbells").

    >>> sorted(resolve_equipment(["home-dumbbells"]))
    ['adjustable-bench', 'bench', 'dumbbell', 'mat']
    >>> "long-bar" in resolve_equipment(["cable"])
    True
    """
    out: set[str] = set()
    categories = {e.category for e in EQUIPMENT.values()}
    for raw in values:
        for token in (t.strip().lower() for t in raw.split(",")):
            if not token:
                continue
            if token in EQUIPMENT:
                out.add(token)
            elif token in EQUIPMENT_PRESETS:
                out.update(EQUIPMENT_PRESETS[token])
            elif token in categories:
                out.update(k for k, e in EQUIPMENT.items() if e.category == token)
            elif token.rstrip("s") in EQUIPMENT:
                out.add(token.rstrip("s"))
            else:
                raise UnknownTermError(
                    "equipment", token, [*EQUIPMENT, *EQUIPMENT_PRESETS, *categories]
                )
    return frozenset(out)


def is_available(ex: Exercise, owned: frozenset[str]) -> bool:
    """Whether everything the exercise needs is in ``owned``."""
    return all(e in owned for e in ex.facts.equipment)


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the exercise and how well it matched (0-100)."""

    exercise: Exercise
    score: float
    matched: str


@dataclass(frozen=True, slots=True)
class Alternative:
    exercise: Exercise
    score: float
    shared_primary: tuple[str, ...]
    same_pattern: bool


class Catalog:
    """All exercises available to a user: the built-in catalog plus their own entries."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._by_slug: dict[str, Exercise] = {}
        for ex in exercises:
            self._by_slug[ex.slug] = ex
        self._names: list[tuple[str, str, str]] = []  # (normalised name, display, slug)
        for ex in self._by_slug.values():
            for name in (ex.name, *ex.text.aliases, ex.slug.replace("-", " ")):
                self._names.append((normalise(name), name, ex.slug))

    def __len__(self) -> int:
        return len(self._by_slug)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.all())

    def all(self) -> list[Exercise]:
        """Every exercise, by name."""
        return sorted(self._by_slug.values(), key=lambda e: e.name.lower())

    def get(self, slug: str) -> Exercise:
        """The exercise with this slug, or with exactly this name or alias (any case and
        punctuation); :class:`UnknownExerciseError` with suggestions otherwise."""
        found = self._by_slug.get(slug)
        if found is not None:
            return found
        norm = normalise(slug)
        exact = {s for n, _, s in self._names if n == norm}
        if len(exact) == 1:
            return self._by_slug[exact.pop()]
        raise UnknownExerciseError(slug, self.suggest(slug))

    def resolve(self, name: str) -> Exercise:
        """The exercise a person means by ``name``: slug, name or alias, else a clear fuzzy winner.

        Raises :class:`AmbiguousExerciseError` when several exercises fit about equally well, and
        :class:`UnknownExerciseError` when none fits.
        """
        key = name.strip().lower()
        if key in self._by_slug:
            return self._by_slug[key]
        norm = normalise(name)
        exact = {slug for n, _, slug in self._names if n == norm}
        if len(exact) == 1:
            return self._by_slug[exact.pop()]
        hits = self._text_hits(name, threshold=80, strict=True)
        if exact:
            hits = [h for h in hits if h.exercise.slug in exact]
        if not hits:
            raise UnknownExerciseError(name, self.suggest(name))
        top = hits[0]
        close = [h for h in hits if h.score >= top.score - 3]
        if len(close) == 1 and top.score >= 85:
            return top.exercise
        raise AmbiguousExerciseError(
            name, [(h.exercise.slug, h.exercise.name) for h in (close or hits)[:6]]
        )

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """The slugs whose names are closest to ``text``."""
        return [h.exercise.slug for h in self._text_hits(text, threshold=62)[:limit]]

    def _score(self, query: str, name: str, strict: bool = False) -> float:
        """How well ``query`` matches a normalised name (0-100).

        Search is generous (partial matches count); ``strict`` scoring, used to resolve a name
        typed in a log entry, compares whole names so "unicorn press" matches no press.
        """
        from rapidfuzz import fuzz  # on the first fuzzy lookup, not at start-up

        q, n = normalise(query), name
        qs, ns = q.replace(" ", ""), n.replace(" ", "")
        if strict:
            scores = [fuzz.ratio(q, n), fuzz.token_sort_ratio(q, n), fuzz.ratio(qs, ns)]
        else:
            scores = [fuzz.WRatio(q, n), fuzz.ratio(qs, ns)]
        if len(qs) >= 5 and not strict:
            scores.append(0.95 * fuzz.partial_ratio(qs, ns))
        if q and all(t in ns for t in q.split()):
            scores.append(90.0 + 10.0 * len(qs) / max(len(ns), 1))
        return float(max(scores))

    def _text_hits(self, text: str, threshold: float, strict: bool = False) -> list[Hit]:
        best: dict[str, tuple[float, str]] = {}
        for norm, display, slug in self._names:
            s = self._score(text, norm, strict)
            if s >= threshold and s > best.get(slug, (-1.0, ""))[0]:
                best[slug] = (s, display)
        hits = [Hit(self._by_slug[slug], s, d) for slug, (s, d) in best.items()]
        hits.sort(key=lambda h: (-h.score, h.exercise.name.lower()))
        return hits

    def search(
        self,
        text: str | None = None,
        *,
        muscle: str | None = None,
        equipment: Iterable[str] = (),
        pattern: str | None = None,
        level: str | None = None,
        available: frozenset[str] | None = None,
        threshold: float = 75.0,
    ) -> list[Hit]:
        """Exercises matching every filter given, best first.

        ``text`` is matched against names and aliases, tolerating typos and spacing ("lat pull
        down"); ``muscle`` (a muscle or a group such as "back", see :func:`resolve_muscles`)
        matches primary or secondary muscles (primary ranks first);
        ``equipment`` keeps exercises that use any of the pieces or categories named;
        ``available`` keeps exercises whose whole equipment list is owned.
        """
        if text and text.strip():
            hits = self._text_hits(text, threshold)
        else:
            hits = [Hit(ex, 100.0, ex.name) for ex in self.all()]
        muscle_keys = resolve_muscles(muscle) if muscle else None
        wanted = resolve_equipment(equipment) if equipment else None
        if pattern and pattern not in PATTERNS:
            raise UnknownTermError("pattern", pattern, PATTERNS)
        if level and level not in ("beginner", "intermediate", "advanced"):
            raise UnknownTermError("level", level, ("beginner", "intermediate", "advanced"))
        out = []
        for h in hits:
            f = h.exercise.facts
            if muscle_keys and not muscle_keys & {*f.primary, *f.secondary}:
                continue
            if wanted is not None and not wanted & set(f.equipment):
                continue
            if pattern and f.pattern != pattern:
                continue
            if level and f.level != level:
                continue
            if available is not None and not is_available(h.exercise, available):
                continue
            score = h.score
            if muscle_keys and not muscle_keys & set(f.primary):
                score -= 10.0
            out.append(Hit(h.exercise, score, h.matched))
        out.sort(key=lambda h: (-h.score, h.exercise.name.lower()))
        return out

    def alternatives(
        self, slug: str, *, available: frozenset[str] | None = None, limit: int = 10
    ) -> list[Alternative]:
        """Exercises that can stand in for ``slug``, ranked by shared primary muscles and pattern.

        Score: 2 x Jaccard overlap of primary muscles + 1 if the movement pattern is the same
        + 0.5 x overlap of all muscles + 0.25 if the mechanic is the same. Candidates must share
        a primary muscle or the pattern; with ``available``, only exercises the user can do.
        """
        base = self.get(slug)
        bp, ball = set(base.facts.primary), set(base.muscles)
        out = []
        for ex in self._by_slug.values():
            if ex.slug == slug:
                continue
            if available is not None and not is_available(ex, available):
                continue
            p, allm = set(ex.facts.primary), set(ex.muscles)
            shared = bp & p
            same_pattern = ex.facts.pattern == base.facts.pattern
            if not shared and not same_pattern:
                continue
            score = (
                2.0 * len(shared) / len(bp | p)
                + (1.0 if same_pattern else 0.0)
                + 0.5 * len(ball & allm) / len(ball | allm)
                + (0.25 if ex.facts.mechanic == base.facts.mechanic else 0.0)
            )
            out.append(Alternative(ex, round(score, 3), tuple(sorted(shared)), same_pattern))
        out.sort(key=lambda a: (-a.score, a.exercise.name.lower()))
        return out[:limit]
