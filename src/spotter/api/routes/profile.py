"""The lifter's profile: units, goal, experience, schedule, equipment and planning wishes."""

from __future__ import annotations

from fastapi import APIRouter

from spotter.api.schemas.profile import ProfileIn, ProfileOut
from spotter.api.subject import Owner, Reader
from spotter.errors import NotFoundError, SpotterError, ValidationError
from spotter.profile import Profile

router = APIRouter(prefix="/users/{user}/profile", tags=["profile"])


def profile_out(p: Profile) -> ProfileOut:
    return ProfileOut(
        units="lb" if p.units == "lb" else "kg",
        goal=p.goal,
        experience=p.experience,
        training_days=list(p.training_days),
        sessions_per_week=p.sessions_per_week,
        minutes_per_session=p.minutes_per_session,
        equipment=list(p.equipment),
        emphasis=list(p.emphasis),
        avoid=list(p.avoid),
        favourites=list(p.favourites),
    )


@router.get("", summary="The profile")
def get_profile(sub: Reader) -> ProfileOut:
    if sub.profile is None:
        raise NotFoundError("no profile yet: PUT one (what `spotter init` records)")
    return profile_out(sub.profile)


@router.put("", summary="Record the profile")
def put_profile(body: ProfileIn, sub: Owner) -> ProfileOut:
    """Replace the profile. Equipment presets are expanded; emphasis, avoid and favourites are
    checked against the landmarks and the catalog."""
    from spotter.knowledge.catalog import resolve_equipment
    from spotter.services.planning import avoid_keys, emphasis_rows, favourite_slugs
    from spotter.services.profile import save_profile

    def checked(field: str, make: object) -> tuple[str, ...]:
        assert callable(make)
        try:
            out = make()
        except SpotterError as exc:
            raise ValidationError(str(exc), field=f"body.{field}") from None
        return tuple(out)

    order = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    if len(set(body.training_days)) != len(body.training_days):
        raise ValidationError("a weekday is listed twice", field="body.training_days")
    cat = sub.catalog
    profile = Profile(
        units=body.units,
        goal=body.goal,
        experience=body.experience,
        training_days=tuple(d for d in order if d in body.training_days),
        minutes_per_session=body.minutes_per_session,
        equipment=checked("equipment", lambda: sorted(resolve_equipment(body.equipment))),
        emphasis=checked("emphasis", lambda: emphasis_rows(body.emphasis)),
        avoid=checked("avoid", lambda: avoid_keys(body.avoid, cat) if body.avoid else ()),
        favourites=checked(
            "favourites", lambda: favourite_slugs(body.favourites, cat) if body.favourites else ()
        ),
    )
    save_profile(sub.uow(), profile)
    return profile_out(profile)
