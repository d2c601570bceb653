"""Learn: search the exercise catalog (typos tolerated, live results with htmx) and read an
exercise's page in the seed page's sections, with alternatives for equipment the lifter lacks.

The search is the catalog's own fuzzy matching (:meth:`spotter.knowledge.catalog.Catalog.search`,
what ``spotter exercises search`` and the API use); the page's sections are those of
:mod:`spotter.knowledge.page` (description, muscles, equipment, setup, execution with breathing,
tempo, cues, mistakes, variations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime
from spotter.errors import SpotterError
from spotter.web.render import fragment, page
from spotter.web.session import ViewerDep

if TYPE_CHECKING:
    from spotter.knowledge.catalog import Alternative, Catalog, Hit
    from spotter.knowledge.model import Exercise
    from spotter.profile import Profile

router = APIRouter(include_in_schema=False)


#: The muscle groups offered as a filter (keys of :data:`spotter.knowledge.catalog.MUSCLE_GROUPS`).
GROUPS = ("back", "chest", "shoulders", "arms", "legs", "core")
#: At most this many search results on the page.
MAX_RESULTS = 30


def profile_of(rt: Runtime, user_id: int) -> Profile | None:
    """The lifter's profile, or None before onboarding."""
    with rt.uow(user_id) as uow:
        return uow.profiles.get()


@dataclass(frozen=True, slots=True)
class Results:
    """What the search found, and why nothing when nothing."""

    query: str
    group: str
    mine: bool
    hits: tuple[Hit, ...]
    problem: str | None
    total: int


def search(
    catalog: Catalog,
    query: str,
    *,
    group: str = "",
    owned: frozenset[str] | None = None,
    limit: int | None = MAX_RESULTS,
) -> Results:
    """The catalog's matches for ``query`` (any spelling) in muscle ``group`` ("" for all),
    limited to what ``owned`` equipment allows when given; the best ``limit`` (None: all)."""
    text = query.strip()
    try:
        hits = catalog.search(text or None, muscle=group or None, available=owned)
    except SpotterError as exc:  # an unknown muscle group from a hand-made URL
        return Results(text, group, owned is not None, (), str(exc), 0)
    return Results(text, group, owned is not None, tuple(hits[:limit]), None, len(hits))


def _wants_fragment(request: Request) -> bool:
    """Whether htmx asks for the results alone (a live search), not a whole page (a history
    restore asks for the whole page)."""
    h = request.headers
    return h.get("HX-Request") == "true" and h.get("HX-History-Restore-Request") != "true"


@router.get("/learn", response_class=HTMLResponse)
def learn(
    request: Request,
    rt: RuntimeDep,
    who: ViewerDep,
    q: str = "",
    group: str = "",
    mine: str = "",
    show_all: Annotated[str, Query(alias="all")] = "",
) -> HTMLResponse:
    """The search page; with htmx, only the results list (live results while typing)."""
    from spotter.knowledge.page import equipment_label

    catalog = rt.catalog_for(who.user_id)
    profile = profile_of(rt, who.user_id)
    owned = frozenset(profile.equipment) if mine and profile is not None else None
    limit = None if show_all else MAX_RESULTS
    results = search(catalog, q[:200], group=group[:40], owned=owned, limit=limit)
    # one address, two answers: caches must keep the page and the live results apart
    vary = {"Vary": "HX-Request"}
    if _wants_fragment(request):
        return fragment(
            request, "learn/_results.html", headers=vary, results=results, label=equipment_label
        )
    return page(
        request,
        "learn/index.html",
        title="Learn",
        headers=vary,
        results=results,
        groups=GROUPS,
        has_profile=profile is not None,
        label=equipment_label,
    )


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    label: str
    text: str
    breathing: str | None


@dataclass(frozen=True, slots=True)
class ExercisePage:
    """An exercise's page, ready for the template: labels instead of vocabulary keys."""

    exercise: Exercise
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    equipment: tuple[str, ...]
    #: Labels of the equipment the profile's kit lacks (empty without a profile).
    missing: tuple[str, ...]
    facts_line: str
    setup: tuple[StepView, ...]
    execution: tuple[StepView, ...]
    tempo: str
    tempo_words: str
    alternatives: tuple[Alternative, ...]
    #: Where the alternatives' equipment comes from, in words.
    alternatives_from: str


def exercise_page(catalog: Catalog, ex: Exercise, profile: Profile | None) -> ExercisePage:
    """The sections of ``ex``'s page; alternatives are limited to the profile's kit (the whole
    catalog before a profile exists)."""
    from spotter.knowledge.page import (
        ROLE_WORDS,
        equipment_label,
        muscle_label,
        phase_label,
    )
    from spotter.knowledge.vocab import PATTERNS

    f = ex.facts
    owned = frozenset(profile.equipment) if profile is not None else None
    missing = tuple(equipment_label(e) for e in f.equipment if owned is not None and e not in owned)
    pattern = PATTERNS[f.pattern].label if f.pattern in PATTERNS else f.pattern
    facts_line = " · ".join(
        [f.mechanic.capitalize(), pattern, f.level]
        + (["one side at a time"] if f.unilateral else [])
        + [ROLE_WORDS.get(f.role, f.role)]
    )
    t = f.tempo
    lift = phase_label("concentric", f.pattern).lower()
    lower = phase_label("eccentric", f.pattern).lower()
    tempo_words = (
        f"{t.eccentric:g} s {lower}, {t.pause_after_eccentric:g} s pause, "
        f"{t.concentric:g} s {lift}, {t.pause_after_concentric:g} s pause; "
        f"usual range {f.rep_range[0]}-{f.rep_range[1]} {f.measure}"
    )
    setup = tuple(
        StepView(i, "Setup", s.text, s.breathing) for i, s in enumerate(ex.setup_steps, 1)
    )
    execution = tuple(
        StepView(i, phase_label(s.phase, f.pattern), s.text, s.breathing)
        for i, s in enumerate(ex.execution_steps, 1)
    )
    alts = tuple(catalog.alternatives(ex.slug, available=owned, limit=6))
    source = "your equipment" if owned is not None else "the whole catalog (no profile yet)"
    return ExercisePage(
        exercise=ex,
        primary=tuple(muscle_label(m) for m in f.primary),
        secondary=tuple(muscle_label(m) for m in f.secondary),
        equipment=tuple(equipment_label(e) for e in f.equipment),
        missing=missing,
        facts_line=facts_line,
        setup=setup,
        execution=execution,
        tempo=str(t),
        tempo_words=tempo_words,
        alternatives=alts,
        alternatives_from=source,
    )


@router.get("/learn/{slug}", response_class=HTMLResponse)
def show(slug: str, request: Request, rt: RuntimeDep, who: ViewerDep) -> Response:
    """An exercise's page by slug (a name or alias redirects to the slug's address)."""
    from spotter.knowledge.catalog import UnknownExerciseError

    catalog = rt.catalog_for(who.user_id)
    try:
        ex = catalog.get(slug[:200])
    except UnknownExerciseError:
        return page(
            request,
            "learn/missing.html",
            title="No such exercise",
            status_code=404,
            asked=slug[:200],
            suggestions=[catalog.get(s) for s in catalog.suggest(slug[:200])],
        )
    if ex.slug != slug:
        return RedirectResponse(f"/learn/{ex.slug}", status_code=303)
    view = exercise_page(catalog, ex, profile_of(rt, who.user_id))
    return page(request, "learn/show.html", title=ex.name, view=view)
