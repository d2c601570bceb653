"""Using a plan template (:mod:`~spotter.planning.model.templates`) for a profile:
:func:`template_week`, :func:`template_mesocycle`.

* **days**: the N sessions go on N of the profile's training days, chosen to spread them out
  (the largest smallest gap between consecutive sessions, the week wrapping around; ties to
  the earliest days). Fewer training days than N is an error that says what to do, unless the
  template rotates and runs on that few (its ``min_days``): then its sessions are done in turn
  on the days the lifter has (:func:`rotates`).
* **roles**: a role slot gets the exercise :func:`~spotter.planning.model.role_slots.pick`
  chooses from the lifter's pool, with the reps, rest and RIR of its role for the lifter's goal
  (:func:`~spotter.planning.model.roles.role_slot`) unless the template gives them, and the
  progression rule of its role (:func:`~spotter.planning.model.progression.role_rule`);
* **equipment and avoid**: the first choice of a named slot the lifter can do (owned equipment, not
  avoided, not already in the session) is used; when there is none, the best-ranked catalog
  alternative of the first choice (:meth:`~spotter.knowledge.catalog.Catalog.alternatives`)
  that passes the same tests. A slot nothing can fill is an error naming it.
* **weeks**: :func:`~spotter.planning.model.program.build_mesocycle` ramps the sets and sets
  the RIR from 3 down to 1, then 4 in the deload (replacing the template's ``rir``); slots whose
  rule prescribes its own scheme (:data:`~spotter.planning.model.templates.FIXED_SCHEME_RULES`: 5/3/1, GZCLP) keep the template's
  sets in every accumulation week, and 5/3/1 keeps them in the deload week too (its wave has
  its own deload). A template with ``ramp: false`` keeps every slot's sets in the
  accumulation weeks (the deload still halves all but the 5/3/1 wave).

>>> assign_days(3, ("mon", "tue", "wed", "thu", "fri"))
('mon', 'wed', 'fri')
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.checks import avoids
from spotter.planning.model.program import Mesocycle, Session, Slot, WeekPlan, build_mesocycle
from spotter.planning.model.progression import role_rule
from spotter.planning.model.role_slots import pick
from spotter.planning.model.roles import role_slot
from spotter.planning.model.session_time import rest_seconds
from spotter.planning.model.templates import (
    FIXED_SCHEME_RULES,
    Template,
    TemplateError,
    TemplateSlot,
)
from spotter.profile import WEEKDAYS, Profile

__all__ = [
    "assign_days",
    "check_days",
    "keep_fixed_schemes",
    "resolve_sessions",
    "rotates",
    "template_mesocycle",
    "template_week",
]


def _min_gap(days: Sequence[int]) -> int:
    if len(days) == 1:
        return 7
    return min((days[(i + 1) % len(days)] - days[i]) % 7 for i in range(len(days)))


def assign_days(n: int, training_days: Sequence[str]) -> tuple[str, ...]:
    """``n`` of the training days, spread out (module docstring), in calendar order."""
    ordered = sorted(training_days, key=WEEKDAYS.index)
    if n > len(ordered):
        raise ValueError(f"{n} days needed, {len(ordered)} given")
    best = max(
        itertools.combinations([WEEKDAYS.index(d) for d in ordered], n),
        key=lambda c: (_min_gap(c), [-x for x in c]),
    )
    return tuple(WEEKDAYS[i] for i in best)


def _pick(
    slot: TemplateSlot,
    facts: Mapping[str, ExerciseFacts],
    usable: Callable[[str], bool],
    alternatives: Callable[[str], Sequence[str]],
) -> str | None:
    for c in slot.choices:
        if usable(c):
            return c
    for alt in alternatives(slot.choices[0]):
        if alt in facts and usable(alt):
            return alt
    return None


def resolve_sessions(
    template: Template,
    profile: Profile,
    facts: Mapping[str, ExerciseFacts],
    *,
    alternatives: Callable[[str], Sequence[str]] = lambda _: (),
    avoid: frozenset[str] = frozenset(),
    path: str = "",
) -> list[tuple[str, tuple[Slot, ...]]]:
    """Each template session as (name, slots) with exercises the lifter can do (docstring)."""
    owned = frozenset(profile.equipment)
    pool = [
        f
        for f in facts.values()
        if f.role != "drill" and all(e in owned for e in f.equipment) and avoids(f, avoid) is None
    ]
    in_week: dict[str, int] = {}
    out = []
    for ts in template.sessions:
        slots: list[Slot] = []
        for j, tslot in enumerate(ts.slots):
            used = {s.exercise for s in slots}

            def usable(slug: str, used: set[str] = used) -> bool:
                f = facts.get(slug)
                return (
                    f is not None
                    and slug not in used
                    and all(e in owned for e in f.equipment)
                    and avoids(f, avoid) is None
                )

            if tslot.role is not None:
                found = pick(
                    tslot.role,
                    tslot.pattern,
                    tslot.muscle,
                    pool,
                    experience=profile.experience,
                    in_session=frozenset(used),
                    in_week=in_week,
                )
                if found is None:
                    what = tslot.pattern or tslot.muscle or "trunk work"
                    raise TemplateError(
                        path,
                        None,
                        None,
                        f"template {template.name!r}, session {ts.name!r}, slot {j + 1}: no "
                        f"{tslot.role} exercise for {what} with your equipment and avoid list; "
                        "add equipment with `spotter init --equipment ...`, or pick another "
                        "template",
                    )
                slot = role_slot(found, profile.goal, tslot.role, tslot.sets, tslot.rir)
                if tslot.rep_low:
                    slot = replace(slot, rep_low=tslot.rep_low, rep_high=tslot.rep_high)
                if tslot.rest_seconds is not None:
                    slot = replace(slot, rest_seconds=tslot.rest_seconds)
                rule = tslot.rule or role_rule(found, tslot.role, profile.experience)
                slots.append(replace(slot, rule=rule))
                in_week[found.slug] = in_week.get(found.slug, 0) + 1
                continue
            pick_ = _pick(tslot, facts, usable, alternatives)
            if pick_ is None:
                raise TemplateError(
                    path,
                    None,
                    None,
                    f"template {template.name!r}, session {ts.name!r}, slot {j + 1}: nothing can stand in for "
                    f"{' / '.join(tslot.choices)} with your equipment and avoid list; "
                    "add equipment with `spotter init --equipment ...`, or pick another template",
                )
            low, high = tslot.rep_low, tslot.rep_high
            if facts[pick_].measure != facts.get(tslot.choices[0], facts[pick_]).measure:
                low, high = facts[pick_].rep_range
            rest = tslot.rest_seconds
            if rest is None:
                rest = rest_seconds(low, high, profile.goal)
            slots.append(Slot(pick_, tslot.sets, low, high, tslot.rir, rest, tslot.rule))
            in_week[pick_] = in_week.get(pick_, 0) + 1
        out.append((ts.name, tuple(slots)))
    return out


def check_days(template: Template, profile: Profile) -> tuple[str, ...]:
    """The days the template's sessions go on, or a :class:`TemplateError` saying what to do."""
    fewest = template.fewest_days
    if profile.sessions_per_week < fewest:
        raise TemplateError(
            "",
            None,
            None,
            f"template {template.name!r} needs {fewest} training days a week; your "
            f"profile has {profile.sessions_per_week} ({', '.join(profile.training_days)}). "
            f"Add days with `spotter init --days ...`, or pick a template with at most "
            f"{profile.sessions_per_week} days (`spotter plan templates`).",
        )
    return assign_days(min(template.days, profile.sessions_per_week), profile.training_days)


def rotates(template: Template, profile: Profile) -> bool:
    """Whether the lifter's weeks differ: a rotating template on fewer days than sessions."""
    return template.rotate and len(check_days(template, profile)) < len(template.sessions)


def _week(
    days: Sequence[str], resolved: Sequence[tuple[str, tuple[Slot, ...]]], first: int
) -> tuple[WeekPlan, tuple[str, ...]]:
    picks = [resolved[(first + k) % len(resolved)] for k in range(len(days))]
    sessions = [(Session(d, slots), name) for d, (name, slots) in zip(days, picks, strict=True)]
    return WeekPlan(tuple(s for s, _ in sessions)), tuple(n for _, n in sessions)


def keep_fixed_schemes(meso: Mesocycle, base: WeekPlan, *, every_slot: bool = False) -> Mesocycle:
    """Restore the sets of fixed-scheme slots (module docstring) from the base week; with
    ``every_slot``, of every slot in the accumulation weeks (a template without a ramp)."""
    sets = {(s.day, x.exercise): x.sets for s in base.sessions for x in s.slots}
    weeks = []
    for week in meso.weeks:
        sessions = []
        for s in week.sessions:
            slots = tuple(
                replace(x, sets=sets[(s.day, x.exercise)])
                if (x.rule in FIXED_SCHEME_RULES or (every_slot and not week.deload))
                and (not week.deload or x.rule == "wave531")
                and (s.day, x.exercise) in sets
                else x
                for x in s.slots
            )
            sessions.append(replace(s, slots=slots))
        weeks.append(WeekPlan(tuple(sessions), deload=week.deload))
    return Mesocycle(tuple(weeks))


def template_week(
    template: Template,
    profile: Profile,
    facts: Mapping[str, ExerciseFacts],
    *,
    alternatives: Callable[[str], Sequence[str]] = lambda _: (),
    avoid: frozenset[str] = frozenset(),
) -> tuple[WeekPlan, tuple[str, ...]]:
    """The template's first week for ``profile`` and its session names."""
    days = check_days(template, profile)
    resolved = resolve_sessions(template, profile, facts, alternatives=alternatives, avoid=avoid)
    return _week(days, resolved, 0)


def template_mesocycle(
    template: Template,
    profile: Profile,
    facts: Mapping[str, ExerciseFacts],
    *,
    weeks: int | None = None,
    alternatives: Callable[[str], Sequence[str]] = lambda _: (),
    avoid: frozenset[str] = frozenset(),
) -> tuple[Mesocycle, tuple[tuple[str, ...], ...]]:
    """The template as a mesocycle of ``weeks`` (default: the template's), with session names;
    a rotating template moves on by ``days`` sessions a week."""
    n = weeks or template.weeks
    days = check_days(template, profile)
    resolved = resolve_sessions(template, profile, facts, alternatives=alternatives, avoid=avoid)
    out, names = [], []
    for w in range(n):
        first = (w * len(days)) if template.rotate else 0
        base, week_names = _week(days, resolved, first)
        meso = keep_fixed_schemes(
            build_mesocycle(base, weeks=n), base, every_slot=not template.ramp
        )
        out.append(meso.weeks[w])
        names.append(week_names)
    return Mesocycle(tuple(out)), tuple(names)
