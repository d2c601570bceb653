"""Onboarding: the profile questions (``/onboarding``), checked as they are answered.

htmx posts the form to ``/onboarding/check`` on every change and swaps each field's message in
(out of band), so a wrong answer is flagged at once with the services' own rules; the final post
saves the profile (and the bodyweight, when given) and goes on to Today. A lifter can come back
to change the answers: the page starts from the recorded profile.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from spotter.api.deps import RuntimeDep
from spotter.compose import Runtime
from spotter.web.profile_form import FIELDS, PRESETS, Answers, read, values_of
from spotter.web.render import fragment, page
from spotter.web.session import Viewer, ViewerDep, Writer, safe_next

router = APIRouter(include_in_schema=False)

#: The fields that take several values.
MULTI = ("training_days", "equipment")


async def _answers(request: Request, rt: Runtime, seen: Viewer) -> Answers:
    form = await request.form()
    data: dict[str, object] = {
        key: (form.getlist(key) if key in MULTI else form.get(key, "")) for key in form
    }
    return read(
        data,
        catalog=rt.catalog_for(seen.user_id),
        today=rt.today(seen.timezone),
        now=rt.now(),
    )


def _choices() -> dict[str, Any]:
    from spotter.knowledge.vocab import EQUIPMENT
    from spotter.profile import EXPERIENCE, GOALS, WEEKDAYS

    groups: dict[str, list[tuple[str, str]]] = {}
    for key, item in EQUIPMENT.items():
        groups.setdefault(item.category, []).append((key, item.label))
    return {
        "goals": GOALS,
        "levels": EXPERIENCE,
        "weekdays": WEEKDAYS,
        "presets": PRESETS,
        "equipment_groups": sorted(groups.items()),
        "fields": FIELDS,
    }


def _form_page(
    request: Request, answers_values: dict[str, object], errors: dict[str, str], next_url: str,
    *, status_code: int = 200, first_time: bool,
) -> HTMLResponse:
    return page(
        request,
        "onboarding/form.html",
        title="Your profile" if not first_time else "Welcome: a few questions",
        status_code=status_code,
        values=answers_values,
        errors=errors,
        next=next_url,
        first_time=first_time,
        **_choices(),
    )


@router.get("/onboarding")
def onboarding(request: Request, rt: RuntimeDep, seen: ViewerDep, next: str = "/today") -> Response:
    """The profile questions, starting from the recorded answers (or the defaults)."""
    from spotter.services.profile import get_profile

    profile = get_profile(rt.uow(seen.user_id))
    return _form_page(
        request, values_of(profile), {}, safe_next(next), first_time=profile is None
    )


@router.post("/onboarding/check")
async def check(request: Request, rt: RuntimeDep, seen: Writer) -> HTMLResponse:
    """Each field's message for the answers so far (htmx swaps them in out of band)."""
    answers = await _answers(request, rt, seen)
    return fragment(request, "onboarding/checks.html", errors=answers.errors, fields=FIELDS)


@router.post("/onboarding")
async def save(request: Request, rt: RuntimeDep, seen: Writer) -> Response:
    """Save the profile (and bodyweight) when every answer is right; else the form again, with
    each wrong answer marked."""
    from spotter.services.bodyweight import record_bodyweight
    from spotter.services.profile import get_profile, save_profile

    form = await request.form()
    next_value = form.get("next", "/today")
    target = safe_next(next_value if isinstance(next_value, str) else None)
    answers = await _answers(request, rt, seen)
    if not answers.ok or answers.profile is None:
        first = get_profile(rt.uow(seen.user_id)) is None
        return _form_page(
            request, answers.values, answers.errors, target, status_code=400, first_time=first
        )
    save_profile(rt.uow(seen.user_id), answers.profile)
    if answers.bodyweight:
        record_bodyweight(
            rt.uow(seen.user_id),
            answers.bodyweight,
            when=rt.now(),
            today=rt.today(seen.timezone),
        )
    return RedirectResponse(target, status_code=303)
