"""Coach links, comments and the lifter's audit view.

A coach invites a lifter by username with permissions (``read_log``, ``assign_plans``,
``comment``) and gets a one-time code to pass on; the lifter sees the invitation among their links
and accepts it (by its uuid or the code, possibly granting fewer permissions) or declines it.
The lifter may narrow a link's permissions later; either side may end it. Comments hang on a set,
workout or plan of the lifter (the lifter and a coach with ``comment``); the audit view lists what
others changed on the lifter's behalf, for the lifter alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import Field

from spotter.access.model import LinkStatus, Permission
from spotter.api.deps import RuntimeDep
from spotter.api.routes.auth import Text
from spotter.api.schemas.common import In, Out
from spotter.api.security import (
    Access,
    CurrentPrincipal,
    UserRef,
    WritingPrincipal,
    access,
    resolve_user,
)
from spotter.services import coaching
from spotter.services.coaching import CommentView, EventView, LinkView

router = APIRouter(tags=["coach links"])

PermissionName = Literal["read_log", "assign_plans", "comment"]
TargetKind = Literal["set", "workout", "plan", "form_check"]


class LinkOut(Out):
    """A link between a coach and a lifter, both named."""

    uuid: str
    coach_uuid: str
    coach_username: str
    lifter_uuid: str
    lifter_username: str
    status: LinkStatus
    permissions: list[Permission]
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    revoked_at: dt.datetime | None
    expires_at: dt.datetime | None = Field(
        default=None,
        description="When an open invitation stops being acceptable (7 days after it was made).",
    )

    @classmethod
    def of(cls, v: LinkView) -> LinkOut:
        return cls(
            uuid=v.uuid,
            coach_uuid=v.coach_uuid,
            coach_username=v.coach_username,
            lifter_uuid=v.lifter_uuid,
            lifter_username=v.lifter_username,
            status=v.status,
            permissions=[p for p in Permission if p in v.permissions],
            created_at=v.created_at,
            accepted_at=v.accepted_at,
            revoked_at=v.revoked_at,
            expires_at=v.expires_at,
        )


class InviteIn(In):
    username: Text = Field(min_length=1, max_length=64, description="The lifter's username.")
    permissions: list[PermissionName] = Field(min_length=1, examples=[["read_log", "comment"]])


class InvitationOut(Out):
    link: LinkOut
    code: str = Field(description="A one-time code the lifter may accept with; shown only here.")


class AcceptIn(In):
    permissions: list[PermissionName] | None = Field(
        default=None, description="Grant only these (a subset of what the coach asked for)."
    )


class AcceptCodeIn(AcceptIn):
    code: Text = Field(min_length=1, max_length=100)


class NarrowIn(In):
    permissions: list[PermissionName] = Field(min_length=1)


class CommentIn(In):
    target_kind: TargetKind
    target_uuid: UUID
    body: Text = Field(min_length=1, max_length=coaching.MAX_COMMENT)


class CommentOut(Out):
    uuid: str
    author_uuid: str
    author_username: str
    target_kind: str
    target_uuid: str
    body: str
    created_at: dt.datetime

    @classmethod
    def of(cls, c: CommentView) -> CommentOut:
        return cls.model_validate(c, from_attributes=True)  # the same fields, by name


class EventOut(Out):
    actor_uuid: str
    actor_username: str
    action: str
    target: str
    at: dt.datetime

    @classmethod
    def of(cls, e: EventView) -> EventOut:
        return cls.model_validate(e, from_attributes=True)  # the same fields, by name


# -- links ---------------------------------------------------------------------------------------


@router.post(
    "/coaching/invites", status_code=status.HTTP_201_CREATED, response_model=InvitationOut
)
def invite(body: InviteIn, coach: WritingPrincipal, rt: RuntimeDep) -> InvitationOut:
    """A coach invites a lifter (by username) with these permissions."""
    made = coaching.invite(
        rt.uow(), coach, body.username, list(body.permissions), now=rt.now()
    )
    return InvitationOut(link=LinkOut.of(made.link), code=made.code)


@router.get("/coaching/links", response_model=list[LinkOut])
def list_links(
    principal: CurrentPrincipal,
    rt: RuntimeDep,
    include_ended: Annotated[bool, Query(description="Also ended links and declined ones.")] = False,
) -> list[LinkOut]:
    """The caller's links, as coach or lifter, newest first (open invitations included)."""
    views = coaching.list_links(rt.uow(), principal, include_ended=include_ended)
    return [LinkOut.of(v) for v in views]


@router.post("/coaching/accept", response_model=LinkOut)
def accept_by_code(body: AcceptCodeIn, lifter: WritingPrincipal, rt: RuntimeDep) -> LinkOut:
    """The lifter accepts an invitation by the code the coach passed on."""
    view = coaching.accept(
        rt.uow(),
        lifter,
        now=rt.now(),
        code=body.code,
        permissions=None if body.permissions is None else list(body.permissions),
    )
    return LinkOut.of(view)


@router.post("/coaching/links/{link}/accept", response_model=LinkOut)
def accept(
    link: UUID, lifter: WritingPrincipal, rt: RuntimeDep, body: AcceptIn | None = None
) -> LinkOut:
    """The lifter accepts an invitation they see among their links."""
    permissions: list[str] | None = None
    if body is not None and body.permissions is not None:
        permissions = list(body.permissions)
    view = coaching.accept(rt.uow(), lifter, now=rt.now(), link_uuid=str(link), permissions=permissions)
    return LinkOut.of(view)


@router.post("/coaching/links/{link}/decline", response_model=LinkOut)
def decline(link: UUID, lifter: WritingPrincipal, rt: RuntimeDep) -> LinkOut:
    """The lifter declines an open invitation."""
    return LinkOut.of(coaching.decline(rt.uow(), lifter, str(link), now=rt.now()))


@router.patch("/coaching/links/{link}", response_model=LinkOut)
def narrow(link: UUID, body: NarrowIn, lifter: WritingPrincipal, rt: RuntimeDep) -> LinkOut:
    """The lifter keeps only some of the link's permissions (widening takes a new invitation)."""
    return LinkOut.of(coaching.narrow(rt.uow(), lifter, str(link), list(body.permissions)))


@router.delete("/coaching/links/{link}", response_model=LinkOut)
def end_link(link: UUID, principal: WritingPrincipal, rt: RuntimeDep) -> LinkOut:
    """The coach or the lifter ends the link (or withdraws an open invitation)."""
    return LinkOut.of(coaching.end_link(rt.uow(), principal, str(link), now=rt.now()))


# -- comments ------------------------------------------------------------------------------------


@router.get("/users/{user}/comments", response_model=list[CommentOut])
def list_comments(
    user: UserRef,
    principal: CurrentPrincipal,
    rt: RuntimeDep,
    target_kind: Annotated[TargetKind, Query()],
    target_uuid: Annotated[UUID, Query()],
) -> list[CommentOut]:
    """The comments on one set, workout or plan, oldest first (the lifter, or a linked coach with
    ``comment``)."""
    lifter_id = resolve_user(rt, principal, user)
    views = coaching.list_comments(
        rt.uow(), principal, lifter_id, target_kind, str(target_uuid)
    )
    return [CommentOut.of(v) for v in views]


@router.post(
    "/users/{user}/comments", status_code=status.HTTP_201_CREATED, response_model=CommentOut
)
def add_comment(user: UserRef, body: CommentIn, principal: CurrentPrincipal, rt: RuntimeDep) -> (
    CommentOut
):
    """Comment on one of the lifter's sets, workouts or plans (recorded when a coach does it)."""
    lifter_id = resolve_user(rt, principal, user)
    view = coaching.add_comment(
        rt.uow(),
        principal,
        lifter_id,
        body.target_kind,
        str(body.target_uuid),
        body.body,
        now=rt.now(),
    )
    return CommentOut.of(view)


@router.delete("/users/{user}/comments/{comment}", status_code=status.HTTP_204_NO_CONTENT)
def delete_comment(user: UserRef, comment: UUID, principal: CurrentPrincipal, rt: RuntimeDep) -> (
    Response
):
    """Delete a comment: its author or the lifter."""
    lifter_id = resolve_user(rt, principal, user)
    coaching.delete_comment(rt.uow(), principal, lifter_id, str(comment), now=rt.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# -- the audit view ------------------------------------------------------------------------------


@router.get("/users/{user}/audit", response_model=list[EventOut])
def audit(
    acc: Annotated[Access, Depends(access(None, write=False))],
    rt: RuntimeDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[EventOut]:
    """What coaches changed on the lifter's behalf, newest first (the lifter alone)."""
    return [EventOut.of(e) for e in coaching.list_events(rt.uow(), acc.principal, limit=limit)]
