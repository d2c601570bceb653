"""From parsed rows to the sets to store: names, whole loads and plausibility, row by row.

Every set a parser read either becomes a :class:`ReadySet` or is refused with its line and
reason, so ``len(sets) + len(refused) == len(result.sets)``:

* **Names.** The user's mapping (source name -> slug) wins; then
  :class:`spotter.knowledge.matching.NameMatcher`. Only a match that may be applied without
  asking (alias, normalised, fuzzy at high confidence, mapped) gives the catalog slug; any other
  name is kept as ``imported:<name as written>`` and its suggestion is reported.
* **Loads.** :func:`spotter.interchange.conventions.rule_for` turns per-side and assisted
  numbers into the whole load Spotter stores (documented there); the row's entered unit is kept.
  A weight of 0 is no load (the apps write 0 for nothing): a bodyweight set when it has reps.
  Spotter's own exports already hold whole loads and are taken as they are.
* **Refused rows.** A set whose uuid repeats an earlier row's (Spotter's exports), a negative
  weight on an exercise that is not assisted, or any value outside
  the hard or plausible ranges of :mod:`spotter.science.limits` (``1e308`` kg, a 5,000,000-rep
  row, a date after tomorrow); ``allow_outlier`` lets a plausible-range outlier through, never a
  hard-range one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spotter.errors import SpotterError
from spotter.interchange.conventions import AS_ENTERED, LoadRule, rule_for
from spotter.interchange.records import ImportedSet, ParseResult, Skipped
from spotter.knowledge.catalog import Catalog, normalise
from spotter.knowledge.matching import Match, NameMatcher
from spotter.science.limits import check_set, check_value

_WEIGHTED = re.compile(r"\bweighted\b")
#: Exercise names kept as written are stored under this prefix.
UNMATCHED_PREFIX = "imported:"


def imported_key(name: str) -> str:
    """The exercise key a name kept as written is stored under.

    >>> imported_key("  Chin Up (Assisted) "), imported_key("imported:Plank Jacks")
    ('imported:Chin Up (Assisted)', 'imported:Plank Jacks')
    """
    name = name.strip()
    return name if name.startswith(UNMATCHED_PREFIX) else f"{UNMATCHED_PREFIX}{name}"


def find_imported(query: str, stored: Iterable[str]) -> str | None:
    """The stored ``imported:<name>`` key a person means by ``query``: the name as imported in
    any case, spacing or punctuation, or the key itself; None when no stored name fits (then
    the catalog decides). Commands that take an exercise use it, so imported names work
    wherever a slug does.

    >>> keys = ["imported:Chin Up (Assisted)", "barbell-back-squat"]
    >>> find_imported("chin up (assisted)", keys), find_imported("Chin-Up Assisted", keys)
    ('imported:Chin Up (Assisted)', 'imported:Chin Up (Assisted)')
    >>> find_imported("squat", keys) is None
    True
    """
    wanted = query.strip()
    if wanted.lower().startswith(UNMATCHED_PREFIX):
        wanted = wanted[len(UNMATCHED_PREFIX) :]
    key = normalise(wanted)
    if not key:
        return None
    for name in stored:
        if name.startswith(UNMATCHED_PREFIX) and normalise(name[len(UNMATCHED_PREFIX) :]) == key:
            return name
    return None


class MappingError(SpotterError):
    """A mapping file entry that points at no exercise."""


@dataclass(frozen=True, slots=True)
class NamePlan:
    """What happens to one source name: its match, its load rule and how many rows carry it."""

    source: str
    match: Match
    rule: LoadRule
    sets: int

    @property
    def exercise(self) -> str:
        """The slug the sets are stored under, or ``imported:<name>``."""
        return self.match.slug or imported_key(self.source)


@dataclass(frozen=True, slots=True)
class ReadySet:
    """A parsed set with its stable key, its exercise and its whole load."""

    key: str
    row: ImportedSet
    exercise: str
    load_kg: float | None
    bodyweight: bool


@dataclass(frozen=True, slots=True)
class Prepared:
    sets: tuple[ReadySet, ...]
    refused: tuple[Skipped, ...]
    names: tuple[NamePlan, ...]


def resolve_names(
    sets: tuple[ImportedSet, ...],
    catalog: Catalog,
    mapping: Mapping[str, str] | None,
    matcher: NameMatcher | None = None,
) -> dict[str, Match]:
    """How each distinct source name maps; the user's mapping wins (a mapping to "" or to
    ``imported:...`` keeps the name as written)."""
    matcher = matcher or NameMatcher(catalog)
    mapped = {k.strip(): v.strip() for k, v in (mapping or {}).items()}
    out: dict[str, Match] = {}
    for name in dict.fromkeys(s.exercise for s in sets):
        target = mapped.get(name.strip())
        if target is None and name.strip().startswith(UNMATCHED_PREFIX):
            target = name.strip()  # Spotter's own export of a name kept as written
        if target and not target.startswith(UNMATCHED_PREFIX):
            if target not in catalog:
                raise MappingError(
                    f"mapping for {name!r} points at {target!r}, which is not in the catalog "
                    "(use a slug from `spotter exercises search`)"
                )
            out[name] = Match(name, target, "mapped", 100.0)
        elif target is not None:
            out[name] = Match(name, None, "kept", 100.0)
        else:
            out[name] = matcher.match(name)
    return out


def prepare(
    result: ParseResult,
    catalog: Catalog,
    *,
    mapping: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    allow_outlier: bool = False,
) -> Prepared:
    """Names, whole loads and limits for every parsed set (see the module docstring)."""
    matcher = NameMatcher(catalog)
    matches = resolve_names(result.sets, catalog, mapping, matcher)
    per_name = Counter(s.exercise for s in result.sets)
    plans: dict[str, NamePlan] = {}
    native = result.format.startswith("spotter")  # Spotter's own export: loads are whole
    for name, m in matches.items():
        kinds = matcher.kinds(m.slug) if m.slug else frozenset()
        rule = AS_ENTERED if native else rule_for(name, slug=m.slug, exercise_kinds=kinds)
        plans[name] = NamePlan(name, m, rule, per_name[name])
    seen: Counter[str] = Counter()
    ready: list[ReadySet] = []
    refused: list[Skipped] = []
    uuid_lines: dict[str, int] = {}
    for s in result.sets:
        if s.load_kg == 0 and not native:  # the apps write 0 for "no weight"
            s = replace(s, load_kg=None, unit=None)
        seen[s.key] += 1
        key = s.key if seen[s.key] == 1 else f"{s.key}#{seen[s.key]}"
        plan = plans[s.exercise]
        reason = _refusal(s, plan, today, allow_outlier)
        if reason is None and s.uuid is not None:
            first = uuid_lines.setdefault(s.uuid, s.line)
            if first != s.line:
                reason = f"uuid {s.uuid} repeats the set on line {first}: a set is stored once"
        if reason is not None:
            refused.append(Skipped(s.line, reason))
            continue
        load = plan.rule.apply(s.load_kg, s.unit)
        body = _bodyweight(s, plan, catalog, load)
        ready.append(ReadySet(key, s, plan.exercise, load, body))
    names = tuple(
        sorted(plans.values(), key=lambda p: (p.match.slug is not None, p.source.lower()))
    )
    return Prepared(tuple(ready), tuple(refused), names)


def _refusal(
    s: ImportedSet, plan: NamePlan, today: dt.date | None, allow_outlier: bool
) -> str | None:
    if s.load_kg is not None and s.load_kg < 0 and not plan.rule.assisted and not s.bodyweight:
        return (
            f"weight {s.load_kg:g} kg: a negative weight means assistance, but "
            f"{s.exercise!r} is not an assisted exercise (map it to one with --map)"
        )
    load = plan.rule.apply(s.load_kg, s.unit)
    violations = check_set(
        load_kg=load,
        reps=s.reps,
        seconds=s.seconds,
        meters=s.meters,
        rpe=s.rpe,
        rir=s.rir,
        performed_at=s.workout_start,
        today=today,
        unit=s.unit or "kg",
        allow_outlier=allow_outlier,
    )
    workout = check_value("duration", s.workout_seconds, allow_outlier=allow_outlier)
    reasons = [str(v) for v in violations]
    if workout is not None:
        reasons.append(f"workout {workout}")
    return "; ".join(reasons) or None


def _bodyweight(s: ImportedSet, plan: NamePlan, catalog: Catalog, load: float | None) -> bool:
    """Whether the load is relative to bodyweight: the source says so, or the set is assisted,
    or the name says "weighted" (load added to the body: "Pull Up (Weighted)"), or it has reps
    and no load, or the exercise is a bodyweight exercise."""
    if s.bodyweight is not None:
        return s.bodyweight
    if plan.rule.assisted or _WEIGHTED.search(normalise(plan.source)):
        return True
    slug = plan.match.slug
    if slug is not None and catalog.get(slug).facts.load_type == "bodyweight":
        return True
    return load is None and s.reps is not None
