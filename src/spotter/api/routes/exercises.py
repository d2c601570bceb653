"""The exercise catalog as the lifter sees it (built-in plus their own): search, pages,
alternatives, and their own exercises."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from spotter.api.schemas.exercises import (
    AlternativeOut,
    AlternativesOut,
    CustomIn,
    CustomOut,
    ExerciseOut,
    ExerciseSummary,
    SearchHit,
    StepOut,
)
from spotter.api.subject import Owner, Reader
from spotter.errors import NotFoundError, SpotterError, ValidationError
from spotter.knowledge.custom import CustomExercise
from spotter.knowledge.model import Exercise

router = APIRouter(prefix="/users/{user}/exercises", tags=["exercises"])


def summary(ex: Exercise) -> ExerciseSummary:
    f = ex.facts
    return ExerciseSummary(
        slug=ex.slug,
        name=ex.name,
        primary=list(f.primary),
        secondary=list(f.secondary),
        equipment=list(f.equipment),
        load_type=f.load_type,
        mechanic=f.mechanic,
        pattern=f.pattern,
        level=f.level,
        source=f.source,
    )


def _catalog_errors(exc: SpotterError, field: str) -> SpotterError:
    """A catalog lookup error as the API says it: unknown names are 404 in a path, a bad filter
    value is 422 on its field."""
    from spotter.knowledge.catalog import (
        AmbiguousExerciseError,
        UnknownExerciseError,
        UnknownTermError,
    )

    if isinstance(exc, UnknownExerciseError | AmbiguousExerciseError):
        return NotFoundError(str(exc), field=field)
    if isinstance(exc, UnknownTermError):
        return ValidationError(str(exc), field=field)
    return exc


@router.get("", summary="Search the catalog")
def search(
    sub: Reader,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Words of a name or alias; typos are tolerated."),
    ] = None,
    muscle: Annotated[str | None, Query(max_length=60, description="A muscle or a group.")] = None,
    equipment: Annotated[list[str] | None, Query(max_length=20)] = None,
    pattern: Annotated[str | None, Query(max_length=40)] = None,
    level: Annotated[str | None, Query(max_length=20)] = None,
    mine: Annotated[
        bool, Query(description="Only what the lifter's profile equipment allows.")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[SearchHit]:
    """Exercises matching every filter, best first ('lat pull down' finds the lat pulldown)."""
    available = None
    if mine and sub.profile is not None:
        available = frozenset(sub.profile.equipment)
    fields = {"muscle": muscle, "equipment": equipment, "pattern": pattern, "level": level}
    try:
        hits = sub.catalog.search(
            q,
            muscle=muscle,
            equipment=equipment or (),
            pattern=pattern,
            level=level,
            available=available,
        )
    except SpotterError as exc:
        named = next((k for k in fields if k in str(exc).lower()), "q")
        raise _catalog_errors(exc, f"query.{named}") from None
    return [
        SearchHit(exercise=summary(h.exercise), score=round(h.score, 1), matched=h.matched)
        for h in hits[:limit]
    ]


def _exercise(sub: Reader, ref: str) -> Exercise:
    try:
        return sub.catalog.get(ref)
    except SpotterError as exc:
        raise _catalog_errors(exc, "path.ref") from None


@router.get("/{ref}", summary="One exercise page")
def show(ref: str, sub: Reader) -> ExerciseOut:
    """An exercise by slug, or by exactly its name or an alias."""
    ex = _exercise(sub, ref)
    f, t = ex.facts, ex.text
    return ExerciseOut(
        **summary(ex).model_dump(),
        aliases=list(t.aliases),
        description=t.description,
        tempo=str(f.tempo),
        rep_range=f.rep_range,
        measure=f.measure,
        role=f.role,
        unilateral=f.unilateral,
        steps=[StepOut(id=s.id, phase=s.phase, text=s.text, breathing=s.breathing) for s in ex.steps],
        cues=list(t.cues),
        benefits=list(t.benefits),
    )


@router.get("/{ref}/alternatives", summary="What can stand in for an exercise")
def alternatives(
    ref: str,
    sub: Reader,
    equipment: Annotated[
        list[str] | None,
        Query(max_length=20, description="Equipment at hand (default: the profile's)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> AlternativesOut:
    """Ranked by shared primary muscles and movement pattern, limited to the equipment at hand."""
    from spotter.knowledge.catalog import resolve_equipment

    base = _exercise(sub, ref)
    owned: frozenset[str] | None
    if equipment:
        try:
            owned = resolve_equipment(equipment)
        except SpotterError as exc:
            raise ValidationError(str(exc), field="query.equipment") from None
        source = "the equipment given"
    elif sub.profile is not None:
        owned, source = frozenset(sub.profile.equipment), "the profile's equipment"
    else:
        owned, source = None, "the full catalog (no profile yet)"
    alts = sub.catalog.alternatives(base.slug, available=owned, limit=limit)
    return AlternativesOut(
        base=summary(base),
        equipment_from=source,
        alternatives=[
            AlternativeOut(
                exercise=summary(a.exercise),
                score=a.score,
                shared_primary=list(a.shared_primary),
                same_pattern=a.same_pattern,
            )
            for a in alts
        ],
    )


def _custom_field(body: CustomIn, message: str) -> str:
    """The body field a refusal of a custom exercise is about."""
    low = message.lower()
    if "muscle" in low:
        named = [m for m in body.secondary if repr(m) in message]
        return "secondary" if named and not any(repr(m) in message for m in body.primary) else "primary"
    for word, field in (("equipment", "equipment"), ("load type", "load_type"),
                        ("measure", "measure"), ("mechanic", "mechanic"), ("slug", "slug")):
        if word in low:
            return field
    return "name"


def _custom_out(c: CustomExercise) -> CustomOut:
    return CustomOut(
        uuid=c.uuid,
        slug=c.slug,
        name=c.name,
        primary=list(c.primary),
        secondary=list(c.secondary),
        equipment=list(c.equipment),
        load_type=c.load_type,
        measure=c.measure,
        mechanic=c.mechanic,
        aliases=list(c.aliases),
    )


custom_router = APIRouter(prefix="/users/{user}/custom-exercises", tags=["exercises"])


@custom_router.get("", summary="The lifter's own exercises")
def list_custom(sub: Reader) -> list[CustomOut]:
    from spotter.services.custom_exercises import list_custom as svc_list

    return [_custom_out(c) for c in svc_list(sub.uow())]


@custom_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Define an exercise of one's own",
    responses={200: {"description": "The uuid was stored already: the stored exercise."}},
)
def create_custom(body: CustomIn, sub: Owner, response: Response) -> CustomOut:
    """Define an exercise by its facts; muscles and equipment may be keys, labels or synonyms."""
    from spotter.knowledge.custom import CustomExerciseError
    from spotter.services.custom_exercises import add_custom

    try:
        ex = CustomExercise.new(
            body.name,
            primary=tuple(body.primary),
            secondary=tuple(body.secondary),
            equipment=tuple(body.equipment),
            load_type=body.load_type,
            measure=body.measure,
            mechanic=body.mechanic,
            aliases=tuple(body.aliases),
            slug=body.slug,
            uuid=None if body.uuid is None else str(body.uuid),
        )
        saved, new = add_custom(sub.uow(), sub.catalog, ex, now=sub.rt.now())
    except CustomExerciseError as exc:
        text = str(exc)
        if "already" in text:
            from spotter.errors import ConflictError

            raise ConflictError(text, field="body.name") from None
        field = _custom_field(body, text)
        raise ValidationError(text, field=f"body.{field}") from None
    if not new:
        response.status_code = status.HTTP_200_OK
    return _custom_out(saved)


@custom_router.delete(
    "/{slug}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove an exercise of one's own"
)
def delete_custom(slug: str, sub: Owner) -> Response:
    """Remove it (a tombstone); sets logged with it keep its slug."""
    from spotter.knowledge.custom import CustomExerciseError
    from spotter.services.custom_exercises import remove_custom

    try:
        remove_custom(sub.uow(), slug)
    except CustomExerciseError as exc:
        raise NotFoundError(str(exc), field="path.slug") from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
