"""Coaching: links between coaches and lifters, the access check, audit events and comments.

A coach invites a lifter by username with some permissions (``read_log``, ``assign_plans``,
``comment``); the invitation holds a one-time code (stored hashed) that the coach may pass on, and
the lifter sees it among their links either way. The lifter accepts (possibly with fewer
permissions) or declines; either side may end an active link; the lifter may narrow the
permissions later, never widen them (that takes a new invitation). An invitation expires
:data:`INVITATION_TTL` (7 days) after it was made: accepting it then is refused as not found, with
a detail that says it expired, and the coach may invite the lifter again (the expired invitation
is closed on the way).

:func:`authorize` is the one answer to "may this caller do this to that lifter's data?" (the
policy itself lives in :mod:`spotter.access`): a caller with no active link to the lifter gets
:class:`~spotter.errors.NotFoundError` (the lifter's data does not exist for them), a linked coach
without the needed permission :class:`~spotter.errors.PermissionDeniedError`.

Changes a coach makes on a lifter's behalf are recorded as audit events, which the lifter can
list. Comments hang on a set, workout or plan of a lifter (by uuid); the lifter and a linked coach
with ``comment`` write them, and their author or the lifter deletes them.

Every function opens the unit of work it is given and commits what it changes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from spotter.access.model import LinkStatus, Permission, Principal, Role, parse_permissions
from spotter.access.policy import Verdict, decide, is_on_behalf
from spotter.access.records import AuditEvent, CoachLink, Comment, User
from spotter.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from spotter.services.auth import digest
from spotter.services.uow import UnitOfWork

if TYPE_CHECKING:
    from spotter.store.accounts_repo import AccountsRepository

#: How long an invitation can be accepted after the coach made it.
INVITATION_TTL = timedelta(days=7)
#: What a comment may be attached to.
COMMENT_KINDS = ("set", "workout", "plan", "form_check")
#: The longest comment accepted, in characters.
MAX_COMMENT = 4000


class CoachingUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> AccountsRepository: ...


@dataclass(frozen=True)
class LinkView:
    """A coach-lifter link with both people named."""

    uuid: str
    coach_uuid: str
    coach_username: str
    lifter_uuid: str
    lifter_username: str
    status: LinkStatus
    permissions: frozenset[Permission]
    created_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    #: When an open invitation stops being acceptable (None once accepted or ended).
    expires_at: datetime | None = None


@dataclass(frozen=True)
class Invitation:
    """A new invitation; ``code`` is shown to the coach this once (only its hash is stored)."""

    link: LinkView
    code: str


@dataclass(frozen=True)
class EventView:
    """An audit event with the actor named."""

    actor_uuid: str
    actor_username: str
    action: str
    target: str
    at: datetime


@dataclass(frozen=True)
class CommentView:
    """A comment with its author named."""

    uuid: str
    author_uuid: str
    author_username: str
    target_kind: str
    target_uuid: str
    body: str
    created_at: datetime


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime for now")
    return now


def _expired(link: CoachLink, now: datetime) -> bool:
    """Whether ``link`` is an invitation older than :data:`INVITATION_TTL`."""
    return link.status is LinkStatus.INVITED and now >= link.created_at + INVITATION_TTL


def _user(uow: CoachingUnitOfWork, user_id: int) -> User:
    user = uow.accounts.user_by_id(user_id)
    if user is None:
        raise NotFoundError("no such user")
    return user


def _view(uow: CoachingUnitOfWork, link: CoachLink) -> LinkView:
    coach, lifter = _user(uow, link.coach_id), _user(uow, link.lifter_id)
    return LinkView(
        uuid=link.uuid,
        coach_uuid=coach.uuid,
        coach_username=coach.username,
        lifter_uuid=lifter.uuid,
        lifter_username=lifter.username,
        status=link.status,
        permissions=link.permissions,
        created_at=link.created_at,
        accepted_at=link.accepted_at,
        revoked_at=link.revoked_at,
        expires_at=(
            link.created_at + INVITATION_TTL if link.status is LinkStatus.INVITED else None
        ),
    )


def _permissions(permissions: str | list[str] | tuple[str, ...] | frozenset[Permission]) -> (
    frozenset[Permission]
):
    parsed = (
        frozenset(permissions)
        if isinstance(permissions, frozenset)
        else parse_permissions(permissions)
    )
    if not parsed:
        raise ValidationError(
            "give at least one permission: read_log, assign_plans or comment", field="permissions"
        )
    return frozenset(Permission(p) for p in parsed)


# -- links ---------------------------------------------------------------------------------------


def invite(
    uow: CoachingUnitOfWork,
    coach: Principal,
    lifter_username: str,
    permissions: str | list[str] | tuple[str, ...] | frozenset[Permission],
    *,
    now: datetime,
) -> Invitation:
    """The coach invites a lifter by username with these permissions."""
    now = _aware(now)
    if coach.role is not Role.COACH:
        raise PermissionDeniedError("only a coach can invite a lifter")
    if not coach.may_write:
        raise PermissionDeniedError("these credentials are read-only (token scope 'read')")
    wanted = _permissions(permissions)
    name = lifter_username.strip().lower()
    code = secrets.token_urlsafe(16)
    with uow:
        lifter = uow.accounts.user_by_username(name)
        if lifter is None or lifter.disabled or lifter.role is Role.ADMIN:
            raise NotFoundError(f"no lifter {name!r}", field="username")
        if lifter.id == coach.user_id:
            raise ValidationError("a coach cannot invite themself", field="username")
        live = uow.accounts.live_link(coach.user_id, lifter.id)
        if live is not None and _expired(live, now):
            uow.accounts.update_link(
                live.id, status=LinkStatus.REVOKED, revoked_at=now, invite_code_hash=None
            )
            live = None
        if live is not None:
            raise ConflictError(
                f"you already have an invitation or a link to {name!r}", field="username"
            )
        link = uow.accounts.add_link(
            coach_id=coach.user_id,
            lifter_id=lifter.id,
            permissions=wanted,
            invite_code_hash=digest(code),
            now=now,
        )
        uow.commit()
        return Invitation(_view(uow, link), code)


def list_links(
    uow: CoachingUnitOfWork, principal: Principal, *, include_ended: bool = False
) -> list[LinkView]:
    """The caller's links, as coach or as lifter, newest first (invitations included)."""
    with uow:
        links = uow.accounts.links_of(principal.user_id, include_revoked=include_ended)
        return [_view(uow, link) for link in links]


def _own_link(
    uow: CoachingUnitOfWork, principal: Principal, link_uuid: str, *, as_lifter: bool
) -> CoachLink:
    link = uow.accounts.link_by_uuid(link_uuid.strip())
    mine = link is not None and (
        link.lifter_id == principal.user_id
        or (not as_lifter and link.coach_id == principal.user_id)
    )
    if link is None or not mine:
        raise NotFoundError(f"no link {link_uuid.strip()!r}", field="link")
    return link


def _writes(principal: Principal) -> None:
    if not principal.may_write:
        raise PermissionDeniedError("these credentials are read-only (token scope 'read')")


def accept(
    uow: CoachingUnitOfWork,
    lifter: Principal,
    *,
    now: datetime,
    link_uuid: str | None = None,
    code: str | None = None,
    permissions: str | list[str] | tuple[str, ...] | frozenset[Permission] | None = None,
) -> LinkView:
    """The lifter accepts an invitation, by its uuid or its code, optionally with fewer
    permissions than the coach asked for."""
    now = _aware(now)
    _writes(lifter)
    with uow:
        if code is not None:
            link = uow.accounts.link_by_code_hash(digest(code.strip()))
            if link is None or link.lifter_id != lifter.user_id:
                raise NotFoundError("no invitation with this code for you", field="code")
        elif link_uuid is not None:
            link = _own_link(uow, lifter, link_uuid, as_lifter=True)
        else:
            raise ValidationError("give the invitation's link uuid or its code", field="link")
        if link.status is not LinkStatus.INVITED:
            raise ConflictError(f"this invitation is {link.status.value}, not open", field="link")
        if _expired(link, now):
            raise NotFoundError(
                f"this invitation expired on {link.created_at + INVITATION_TTL:%Y-%m-%d %H:%M} UTC"
                f" (invitations last {INVITATION_TTL.days} days); ask the coach for a new one",
                field="code" if code is not None else "link",
            )
        granted = link.permissions
        if permissions is not None:
            granted = _permissions(permissions)
            if not granted <= link.permissions:
                raise ValidationError(
                    "you can grant only permissions the coach asked for: "
                    + ", ".join(sorted(p.value for p in link.permissions)),
                    field="permissions",
                )
        link = uow.accounts.update_link(
            link.id,
            status=LinkStatus.ACTIVE,
            permissions=granted,
            accepted_at=now,
            invite_code_hash=None,
        )
        uow.commit()
        return _view(uow, link)


def decline(uow: CoachingUnitOfWork, lifter: Principal, link_uuid: str, *, now: datetime) -> (
    LinkView
):
    """The lifter declines an open invitation."""
    now = _aware(now)
    _writes(lifter)
    with uow:
        link = _own_link(uow, lifter, link_uuid, as_lifter=True)
        if link.status is not LinkStatus.INVITED:
            raise ConflictError(f"this invitation is {link.status.value}, not open", field="link")
        link = uow.accounts.update_link(
            link.id,
            status=LinkStatus.REVOKED,
            revoked_at=now,
            ended_by=lifter.user_id,
            invite_code_hash=None,
        )
        uow.commit()
        return _view(uow, link)


def end_link(uow: CoachingUnitOfWork, principal: Principal, link_uuid: str, *, now: datetime) -> (
    LinkView
):
    """The coach or the lifter ends a link (an open invitation is withdrawn the same way)."""
    now = _aware(now)
    _writes(principal)
    with uow:
        link = _own_link(uow, principal, link_uuid, as_lifter=False)
        if link.status is not LinkStatus.REVOKED:
            link = uow.accounts.update_link(
                link.id,
                status=LinkStatus.REVOKED,
                revoked_at=now,
                ended_by=principal.user_id,
                invite_code_hash=None,
            )
            uow.commit()
        return _view(uow, link)


def narrow(
    uow: CoachingUnitOfWork,
    lifter: Principal,
    link_uuid: str,
    permissions: str | list[str] | tuple[str, ...] | frozenset[Permission],
) -> LinkView:
    """The lifter keeps only some of a link's permissions (to add one, the coach invites again)."""
    _writes(lifter)
    wanted = _permissions(permissions)
    with uow:
        link = _own_link(uow, lifter, link_uuid, as_lifter=True)
        if link.status is LinkStatus.REVOKED:
            raise ConflictError("this link has ended", field="link")
        if not wanted <= link.permissions:
            extra = ", ".join(sorted(p.value for p in wanted - link.permissions))
            raise ValidationError(
                f"permissions can only be narrowed; the link does not hold: {extra}",
                field="permissions",
            )
        link = uow.accounts.update_link(link.id, permissions=wanted)
        uow.commit()
        return _view(uow, link)


# -- access --------------------------------------------------------------------------------------


def authorize(
    uow: CoachingUnitOfWork,
    principal: Principal,
    subject_id: int,
    need: Permission | None,
    write: bool,
) -> None:
    """Raise unless ``principal`` may do this to ``subject_id``'s data.

    ``need`` is the permission a linked coach must hold (None: only the lifter themself);
    ``write`` whether the request changes anything. Raises :class:`NotFoundError` when the subject
    does not exist for the caller (no such user, a disabled one, or no active link) and
    :class:`PermissionDeniedError` when the caller sees the subject but may not do this.
    """
    with uow:
        subject = uow.accounts.user_by_id(subject_id)
        grant = None
        if subject is not None and principal.user_id != subject_id:
            grant = uow.accounts.grant(principal.user_id, subject_id)
    if subject is None or (subject.disabled and principal.user_id != subject_id):
        raise NotFoundError("no such user")
    decision = decide(principal, subject_id, grant, need, write=write)
    if decision.verdict is Verdict.NOT_FOUND:
        raise NotFoundError("no such user")
    if decision.verdict is Verdict.DENIED:
        raise PermissionDeniedError(decision.reason)


# -- audit ---------------------------------------------------------------------------------------


def record_event(
    uow: CoachingUnitOfWork,
    principal: Principal,
    subject_id: int,
    action: str,
    target: str = "",
    *,
    now: datetime,
) -> AuditEvent | None:
    """Record a change made on the subject's behalf; a user's own changes are not recorded
    (returns None then)."""
    now = _aware(now)
    if not is_on_behalf(principal, subject_id, write=True):
        return None
    if not action.strip():
        raise ValidationError("an audit event needs an action", field="action")
    with uow:
        event = uow.accounts.add_event(
            actor_id=principal.user_id,
            subject_id=subject_id,
            action=action.strip(),
            target=target,
            at=now,
        )
        uow.commit()
    return event


def list_events(uow: CoachingUnitOfWork, lifter: Principal, *, limit: int = 100) -> list[EventView]:
    """What others did on the lifter's behalf, newest first (only the lifter may list them)."""
    if not 1 <= limit <= 1000:
        raise ValidationError("limit must be between 1 and 1000", field="limit")
    with uow:
        events = uow.accounts.events_about(lifter.user_id, limit=limit)
        actors = {e.actor_id: _user(uow, e.actor_id) for e in events}
    return [
        EventView(actors[e.actor_id].uuid, actors[e.actor_id].username, e.action, e.target, e.at)
        for e in events
    ]


# -- comments ------------------------------------------------------------------------------------


def _comment_view(uow: CoachingUnitOfWork, c: Comment) -> CommentView:
    author = _user(uow, c.author_id)
    return CommentView(
        c.uuid, author.uuid, author.username, c.target_kind, c.target_uuid, c.body, c.created_at
    )


def _kind(kind: str) -> str:
    if kind not in COMMENT_KINDS:
        raise ValidationError(
            f"unknown comment target {kind!r}: expected set, workout, plan or form_check", field="target_kind"
        )
    return kind


def add_comment(
    uow: CoachingUnitOfWork,
    author: Principal,
    lifter_id: int,
    target_kind: str,
    target_uuid: str,
    body: str,
    *,
    now: datetime,
) -> CommentView:
    """Comment on one of the lifter's sets, workouts or plans (the lifter, or a linked coach with
    ``comment``); a coach's comment is recorded as an audit event."""
    now = _aware(now)
    kind = _kind(target_kind)
    text = body.strip()
    if not text or len(text) > MAX_COMMENT:
        raise ValidationError(
            f"a comment needs 1 to {MAX_COMMENT} characters of text", field="body"
        )
    authorize(uow, author, lifter_id, Permission.COMMENT, True)
    with uow:
        if not uow.accounts.target_exists(lifter_id, kind, target_uuid.strip()):
            raise NotFoundError(f"no {kind} {target_uuid.strip()!r}", field="target_uuid")
        comment = uow.accounts.add_comment(
            author_id=author.user_id,
            lifter_id=lifter_id,
            target_kind=kind,
            target_uuid=target_uuid.strip(),
            body=text,
            now=now,
        )
        if is_on_behalf(author, lifter_id, write=True):
            uow.accounts.add_event(
                actor_id=author.user_id,
                subject_id=lifter_id,
                action="comment.add",
                target=f"{kind}:{target_uuid.strip()}",
                at=now,
            )
        uow.commit()
        return _comment_view(uow, comment)


def list_comments(
    uow: CoachingUnitOfWork, reader: Principal, lifter_id: int, target_kind: str, target_uuid: str
) -> list[CommentView]:
    """The comments on one target, oldest first (the lifter, or a linked coach with
    ``comment``)."""
    kind = _kind(target_kind)
    authorize(uow, reader, lifter_id, Permission.COMMENT, False)
    with uow:
        comments = uow.accounts.comments_on(lifter_id, kind, target_uuid.strip())
        return [_comment_view(uow, c) for c in comments]


def delete_comment(
    uow: CoachingUnitOfWork, principal: Principal, lifter_id: int, comment_uuid: str, *, now: datetime
) -> None:
    """Delete a comment: its author (while still allowed to comment) or the lifter."""
    now = _aware(now)
    authorize(uow, principal, lifter_id, Permission.COMMENT, True)
    with uow:
        comment = uow.accounts.comment_by_uuid(lifter_id, comment_uuid.strip())
        if comment is None:
            raise NotFoundError(f"no comment {comment_uuid.strip()!r}", field="comment")
        if principal.user_id not in (comment.author_id, lifter_id):
            raise PermissionDeniedError("only the author or the lifter may delete a comment")
        uow.accounts.delete_comment(comment.id, now=now)
        if is_on_behalf(principal, lifter_id, write=True):
            uow.accounts.add_event(
                actor_id=principal.user_id,
                subject_id=lifter_id,
                action="comment.delete",
                target=f"comment:{comment.uuid}",
                at=now,
            )
        uow.commit()
