"""Planning use cases: build and save a plan, read the active one, explain and export it.

:func:`new_plan` builds the whole mesocycle before it opens a transaction, so a request that
cannot be met (no profile, an unknown template, a conflict the planner reports) saves nothing;
saving makes the new plan the active one and deactivates the previous one in one transaction.

Three ways to build the week (then :func:`~spotter.planning.model.program.build_mesocycle`):

* no template: the optimiser (:func:`spotter.planning.solver.solve_week`);
* ``template`` as is: the template's sessions on the profile's days, equipment substituted
  (:mod:`spotter.planning.model.templates`); :func:`~spotter.planning.model.checks.check_week`
  runs and what it finds is kept as the plan's warnings;
* ``template`` with ``fill``: the template's week is the fixed part of the request
  (``PlanRequest.fixed``) and the optimiser fills and checks around it.

The planner draws only from :func:`usable_facts`: never a drill (catalog role ``drill``:
balance, plyometric, stretching work), and exercises imported from outside databases only when
the lifter opts in (``imported``). :func:`review_plan` runs the plan review
(:mod:`spotter.planning.model.review`) over a saved plan's peak week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from spotter.errors import SpotterError
from spotter.knowledge.catalog import Catalog, UnknownTermError, resolve_muscle
from spotter.knowledge.model import ExerciseFacts
from spotter.knowledge.vocab import MUSCLES
from spotter.planning.model.checks import check_week
from spotter.planning.model.program import DEFAULT_WEEKS, Mesocycle, WeekPlan, build_mesocycle
from spotter.planning.model.rationale import WeekExplanation, explain_week, session_names
from spotter.planning.model.request import PlanRequest
from spotter.planning.model.review import PlanReview, ReviewInput, review_week, week_roles
from spotter.planning.model.stored import PlannedSession, StoredPlan
from spotter.planning.model.targets import weekly_targets
from spotter.planning.model.template_use import (
    keep_fixed_schemes,
    rotates,
    template_mesocycle,
    template_week,
)
from spotter.planning.model.templates import Template, deviation
from spotter.planning.model.volume import facts_of
from spotter.profile import Profile
from spotter.science.volume import LANDMARKS_2017
from spotter.services.log import SetReader
from spotter.services.uow import UnitOfWork

if TYPE_CHECKING:
    from spotter.planning.solver import WeekSolver

__all__ = [
    "PlanInputError",
    "PlannedSession",
    "StoredPlan",
    "active_plan",
    "avoid_keys",
    "emphasis_rows",
    "explain_plan",
    "favourite_slugs",
    "list_templates",
    "load_sources",
    "new_plan",
    "plan_roles",
    "review_plan",
    "usable_facts",
]

#: Shortest and longest mesocycle accepted, deload week included.
MIN_WEEKS, MAX_WEEKS = 3, 52


class PlanInputError(SpotterError):
    """A plan request that cannot be used as given; nothing was saved."""


class _PlanRepo(Protocol):
    def add(self, plan: StoredPlan) -> StoredPlan: ...
    def active(self) -> StoredPlan | None: ...
    def count(self) -> int: ...


class PlanUnitOfWork(UnitOfWork, Protocol):
    @property
    def plans(self) -> _PlanRepo: ...


def active_plan(uow: PlanUnitOfWork) -> StoredPlan | None:
    """The plan saved last, or None before `spotter plan new`."""
    with uow:
        return uow.plans.active()


def list_templates(catalog: Catalog | None = None) -> dict[str, Template]:
    """The shipped templates by name (exercise slugs checked against ``catalog`` if given)."""
    from spotter.planning.template_files import load_templates

    known = frozenset(ex.slug for ex in catalog) if catalog is not None else None
    return load_templates(known_exercises=known)


def emphasis_rows(values: Iterable[str]) -> tuple[str, ...]:
    """Landmarks rows from row names or muscle names (``side-delts``, ``lats``); an error names
    the value and lists the rows."""
    out: list[str] = []
    for v in values:
        key = v.strip().lower().replace("_", " ")
        if not key:
            continue
        if key.replace("-", " ") in LANDMARKS_2017:
            row: str | None = key.replace("-", " ")
        else:
            try:
                row = MUSCLES[resolve_muscle(key)].landmark_group
            except UnknownTermError:
                row = None
            if row is None:
                raise PlanInputError(
                    f"--emphasis {v!r}: not a muscle group the planner counts; "
                    f"expected one of: {', '.join(LANDMARKS_2017)}"
                ) from None
        if row is not None and row not in out:
            out.append(row)
    return tuple(out)


def avoid_keys(values: Iterable[str], catalog: Catalog) -> tuple[str, ...]:
    """Exercise slugs and muscle keys to leave out, from slugs, exercise names or muscles."""
    out: list[str] = []
    for v in values:
        key = v.strip().lower()
        if not key:
            continue
        if key in catalog:
            out.append(key)
            continue
        try:
            out.append(resolve_muscle(key))
            continue
        except UnknownTermError:
            pass
        try:
            out.append(catalog.resolve(key).slug)
        except SpotterError as exc:
            raise PlanInputError(f"--avoid {v!r}: not an exercise or a muscle ({exc})") from exc
    return tuple(dict.fromkeys(out))


def favourite_slugs(values: Iterable[str], catalog: Catalog) -> tuple[str, ...]:
    """Exercise slugs from slugs or exercise names (typos and app names accepted)."""
    out = []
    for v in values:
        if v.strip():
            try:
                out.append(catalog.resolve(v.strip()).slug)
            except SpotterError as exc:
                raise PlanInputError(f"--favourite {v!r}: {exc}") from exc
    return tuple(dict.fromkeys(out))


def usable_facts(catalog: Catalog, *, imported: bool = False) -> dict[str, ExerciseFacts]:
    """The facts of the exercises a plan may use: no drill, and imported entries only when
    ``imported`` (the lifter opted in)."""
    return {
        slug: f
        for slug, f in facts_of(catalog.all()).items()
        if f.role != "drill" and (imported or not f.imported)
    }


def _alternatives(catalog: Catalog, owned: frozenset[str]) -> Callable[[str], Sequence[str]]:
    def alts(slug: str) -> list[str]:
        if slug not in catalog:
            return []
        return [a.exercise.slug for a in catalog.alternatives(slug, available=owned, limit=100)]

    return alts


def _with_rules(week: WeekPlan, fixed: WeekPlan) -> WeekPlan:
    """The solver's week with the template's progression rules put back on its fixed slots."""
    rules = {(s.day, x.exercise): x.rule for s in fixed.sessions for x in s.slots}
    return WeekPlan(
        tuple(
            replace(
                s,
                slots=tuple(
                    replace(x, rule=rules[(s.day, x.exercise)])
                    if x.rule is None and (s.day, x.exercise) in rules
                    else x
                    for x in s.slots
                ),
            )
            for s in week.sessions
        ),
        deload=week.deload,
    )


@dataclass(frozen=True, slots=True)
class _Built:
    meso: Mesocycle
    names: tuple[tuple[str, ...], ...]
    warnings: tuple[str, ...]


def _solve(
    request: PlanRequest, facts: Mapping[str, ExerciseFacts], solver: WeekSolver | None
) -> WeekPlan:
    from spotter.planning.solver import solve_week

    return solve_week(request, facts, solver=solver)


def _build(
    profile: Profile,
    catalog: Catalog,
    template: Template | None,
    *,
    weeks: int,
    fill: bool,
    request: PlanRequest,
    solver: WeekSolver | None,
    imported: bool = False,
) -> _Built:
    facts = usable_facts(catalog, imported=imported)
    avoid = request.avoid
    alts = _alternatives(catalog, frozenset(profile.equipment))
    if template is None:
        week = _solve(request, facts, solver)
        meso = build_mesocycle(week, weeks=weeks)
        names = session_names(week, facts)
        return _Built(
            meso,
            (names,) * weeks,
            tuple(str(v) for v in check_week(week, facts, profile, avoid=avoid)),
        )
    if not fill:
        meso, all_names = template_mesocycle(
            template, profile, facts, weeks=weeks, alternatives=alts, avoid=avoid
        )
        first, _ = template_week(template, profile, facts, alternatives=alts, avoid=avoid)
        warnings = tuple(
            str(v)
            + (
                f" (known for this template: {why})"
                if (why := deviation(template, v.rule, v.where))
                else ""
            )
            for v in check_week(first, facts, profile, avoid=avoid)
        )
        return _Built(meso, all_names, warnings)
    if rotates(template, profile):
        raise PlanInputError(
            f"template {template.name!r} rotates its sessions from week to week, so it cannot be "
            "the fixed part of an optimised week; use it as is (without --fill)"
        )
    fixed, fixed_names = template_week(template, profile, facts, alternatives=alts, avoid=avoid)
    week = _with_rules(_solve(replace(request, fixed=fixed), facts, solver), fixed)
    kept = {(s.day, x.exercise, x.sets) for s in week.sessions for x in s.slots}
    lost = [
        f"{x.exercise} ({s.day}, {x.sets} sets)"
        for s in fixed.sessions
        for x in s.slots
        if (s.day, x.exercise, x.sets) not in kept
    ]
    if lost:
        raise PlanInputError(
            f"the planner did not keep the template's slots ({', '.join(lost[:3])}"
            f"{', ...' if len(lost) > 3 else ''}); nothing was saved. This is a bug in the "
            "planner; use the template as is (without --fill) meanwhile"
        )
    by_day = dict(zip(fixed.days, fixed_names, strict=True))
    auto = session_names(week, facts)
    names = tuple(by_day.get(s.day, auto[k]) for k, s in enumerate(week.sessions))
    meso = keep_fixed_schemes(build_mesocycle(week, weeks=weeks), week)
    return _Built(
        meso, (names,) * weeks, tuple(str(v) for v in check_week(week, facts, profile, avoid=avoid))
    )


def new_plan(
    uow: PlanUnitOfWork,
    catalog: Catalog,
    profile: Profile | None,
    *,
    start: dt.date,
    weeks: int | None = None,
    template: str | None = None,
    fill: bool = False,
    emphasis: Sequence[str] | None = None,
    avoid: Sequence[str] | None = None,
    favourites: Sequence[str] | None = None,
    now: dt.datetime | None = None,
    solver: WeekSolver | None = None,
    imported: bool = False,
) -> StoredPlan:
    """Build a mesocycle for ``profile`` and save it as the active plan (module docstring).

    ``imported`` lets the planner use exercises imported from outside databases.
    ``weeks`` defaults to the template's length, else 6. ``emphasis``, ``avoid`` and
    ``favourites`` default to the profile's (``spotter init --emphasis ...``); pass ``()`` for none. Raises :class:`PlanInputError` (or
    :class:`~spotter.planning.model.request.PlanInfeasibleError`, or
    :class:`~spotter.planning.model.templates.TemplateError`) before anything is saved.
    """
    if profile is None:
        raise PlanInputError("no profile yet: run `spotter init` first")
    chosen: Template | None = None
    if template is not None:
        known = list_templates(catalog)
        if template not in known:
            raise PlanInputError(
                f"unknown template {template!r}; known templates: {', '.join(sorted(known))}"
            )
        chosen = known[template]
    elif fill:
        raise PlanInputError("--fill needs a template to fill (--template NAME)")
    n = weeks if weeks is not None else (chosen.weeks if chosen else DEFAULT_WEEKS)
    if not MIN_WEEKS <= n <= MAX_WEEKS:
        raise PlanInputError(
            f"--weeks {n}: a mesocycle has {MIN_WEEKS}-{MAX_WEEKS} weeks (the last is the deload)"
        )
    rows = emphasis_rows(profile.emphasis if emphasis is None else emphasis)
    avoided = avoid_keys(profile.avoid if avoid is None else avoid, catalog)
    favs = favourite_slugs(profile.favourites if favourites is None else favourites, catalog)
    request = PlanRequest(profile, rows, frozenset(avoided), frozenset(favs))
    built = _build(
        profile,
        catalog,
        chosen,
        weeks=n,
        fill=fill,
        request=request,
        solver=solver,
        imported=imported,
    )
    title = (
        chosen.title if chosen else f"{profile.goal.capitalize()}, {profile.sessions_per_week} days"
    )
    plan = StoredPlan(
        id=0,
        name=f"{title} from {start.isoformat()}",
        template=chosen.name if chosen else None,
        created_at=_instant(now or dt.datetime.now(dt.UTC)),
        start_date=start,
        active=True,
        mesocycle=built.meso,
        session_names=built.names,
        emphasis=rows,
        avoid=avoided,
        favourites=favs,
        fill=fill,
        warnings=built.warnings,
        imported=imported,
    )
    with uow:
        saved = uow.plans.add(plan)
        uow.commit()
    return saved


def explain_plan(plan: StoredPlan, catalog: Catalog, profile: Profile) -> WeekExplanation:
    """Volume, balance and the reason for each exercise, for the plan's peak week."""
    facts = facts_of(catalog.all())
    week = plan.mesocycle.base
    missing = sorted({x.exercise for s in week.sessions for x in s.slots} - set(facts))
    if missing:
        raise PlanInputError(
            f"the plan uses exercises no longer in the catalog: {', '.join(missing)}; "
            "make a new plan with `spotter plan new`"
        )
    template_slots = (
        {x.exercise for s in week.sessions for x in s.slots if x.rule is not None}
        if plan.template
        else set()
    )
    return explain_week(
        week,
        facts,
        weekly_targets(profile.goal, profile.experience),
        profile.goal,
        emphasis=plan.emphasis,
        favourites=plan.favourites,
        template_slots=template_slots,
    )


def _load_source(facts: ExerciseFacts, logged: bool) -> str:
    """Where ``spotter today`` takes the exercise's first load from: the log, else a
    calibration set; exercises without a load to give (body weight, bands, timed sets) need
    neither."""
    if facts.measure != "reps" or (not logged and facts.load_type in ("bodyweight", "band")):
        return "bodyweight"
    return "log" if logged else "calibration"


def load_sources(
    slugs: Iterable[str], facts: Mapping[str, ExerciseFacts], log: SetReader
) -> dict[str, str]:
    """Where each exercise's first load comes from: ``log`` when the log has a working set of
    it, else ``calibration``; ``bodyweight`` for exercises with no load to give."""
    return {
        slug: _load_source(
            facts[slug], any(r.is_working for r in log.sets(exercise=slug, limit=50))
        )
        for slug in slugs
    }


def _review_input(
    plan: StoredPlan, catalog: Catalog, profile: Profile, week_number: int | None = None
) -> ReviewInput:
    """The review's input for week ``week_number`` (1-based; default the peak week)."""
    facts = facts_of(catalog.all())
    weeks = plan.mesocycle.weeks
    if week_number is not None and not 1 <= week_number <= len(weeks):
        raise PlanInputError(f"--week {week_number}: the plan has weeks 1-{len(weeks)}")
    base = len(weeks) - 2 if week_number is None else week_number - 1
    week = plan.mesocycle.base if week_number is None else weeks[base]
    if week.deload:
        normal = [str(i + 1) for i, w in enumerate(weeks) if not w.deload]
        raise PlanInputError(
            f"--week {week_number}: a deload week is light on purpose and the coach's review is "
            f"of normal weeks ({', '.join(normal)})"
        )
    missing = sorted({x.exercise for s in week.sessions for x in s.slots} - set(facts))
    if missing:
        raise PlanInputError(
            f"the plan uses exercises no longer in the catalog: {', '.join(missing)}; "
            "make a new plan with `spotter plan new`"
        )
    return ReviewInput(
        week=week,
        facts=facts,
        profile=profile,
        names=plan.session_names[base] if base < len(plan.session_names) else (),
        emphasis=plan.emphasis,
        avoid=frozenset(plan.avoid),
        imported_ok=plan.imported,
        mesocycle=plan.mesocycle,
    )


def plan_roles(plan: StoredPlan, catalog: Catalog, profile: Profile) -> dict[str, str]:
    """What each exercise is in the plan's weeks (main, secondary, accessory, trunk, carry);
    a template that rotates its sessions has exercises outside the peak week too."""
    inp = _review_input(plan, catalog, profile)
    out: dict[str, str] = {}
    for week in (inp.week, *plan.mesocycle.weeks):
        if not week.deload and all(x.exercise in inp.facts for s in week.sessions for x in s.slots):
            for slug, role in week_roles(replace(inp, week=week)).items():
                out.setdefault(slug, role)
    return out


def review_plan(
    plan: StoredPlan,
    catalog: Catalog,
    profile: Profile,
    *,
    log: SetReader | None = None,
    week: int | None = None,
) -> PlanReview:
    """PLAN-RUBRIC.md's items over the plan's peak week, or week ``week`` (1-based), and its
    mesocycle, for ``profile``. With ``log``, each exercise's first load is from the log when it
    has working sets, else from a calibration set (what ``spotter today`` does)."""
    inp = _review_input(plan, catalog, profile, week)
    if log is not None:
        slugs = sorted({x.exercise for s in inp.week.sessions for x in s.slots})
        inp = replace(inp, load_sources=load_sources(slugs, inp.facts, log))
    return review_week(inp)


def _instant(when: dt.datetime) -> dt.datetime:
    """A plan's creation time as an aware UTC instant (a naive one is taken as UTC).

    >>> _instant(dt.datetime(2026, 11, 24, 12, 0)).isoformat()
    '2026-11-24T12:00:00+00:00'
    """
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
