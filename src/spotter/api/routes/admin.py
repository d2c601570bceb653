"""Account administration: list users, disable and re-enable them, change their role.

Only an administrator may call these (anyone else signed in: 403). Nothing here reads training
data: an administrator sees a lifter's log only through a coach link like anyone else. Users are
named by uuid; the list pages by an opaque cursor.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import Field

from spotter.access.model import Principal, Role
from spotter.api.deps import RuntimeDep
from spotter.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Cursor
from spotter.api.routes.auth import AccountOut
from spotter.api.schemas.common import In, Out
from spotter.api.security import WritingPrincipal, current_principal, user_id_of
from spotter.errors import PermissionDeniedError
from spotter.services import accounts

router = APIRouter(prefix="/admin", tags=["admin"])


def _admin(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    if principal.role is not Role.ADMIN:
        raise PermissionDeniedError("only an administrator may manage accounts")
    return principal


def _writing_admin(principal: WritingPrincipal) -> Principal:
    return _admin(principal)


#: An account in a path: its uuid.
AccountRef = Annotated[str, Path(max_length=36, description="The account's uuid.")]

Admin = Annotated[Principal, Depends(_admin)]
WritingAdmin = Annotated[Principal, Depends(_writing_admin)]


class AccountPage(Out):
    items: list[AccountOut]
    next_cursor: str | None = Field(
        description="Give this back as `cursor` for the next page; null on the last page."
    )


class RoleIn(In):
    role: Role


_KIND = "users"


def _after(cursor: str | None) -> int:
    """The id after which a page starts."""
    return 0 if not cursor else Cursor.decode(cursor, _KIND).id


@router.get("/users", response_model=AccountPage)
def list_users(
    admin: Admin,
    rt: RuntimeDep,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> AccountPage:
    """Every account in the order they were made, a page at a time."""
    found = accounts.list_accounts(rt.uow(), admin, after_id=_after(cursor), limit=limit + 1)
    page = found[:limit]
    more = len(found) > limit
    return AccountPage(
        items=[AccountOut.of(a) for a in page],
        next_cursor=(
            Cursor(_KIND, page[-1].created_at.replace(tzinfo=None), page[-1].id).encode()
            if more and page
            else None
        ),
    )


@router.post("/users/{user}/disable", response_model=AccountOut)
def disable_user(user: AccountRef, admin: WritingAdmin, rt: RuntimeDep) -> AccountOut:
    """Disable an account: it cannot sign in and its sessions end; its data stays."""
    return AccountOut.of(
        accounts.disable_account(rt.uow(), admin, user_id_of(rt, user), now=rt.now())
    )


@router.post("/users/{user}/enable", response_model=AccountOut)
def enable_user(user: AccountRef, admin: WritingAdmin, rt: RuntimeDep) -> AccountOut:
    """Let a disabled account sign in again (its lockout is lifted too)."""
    return AccountOut.of(accounts.enable_account(rt.uow(), admin, user_id_of(rt, user)))


@router.put("/users/{user}/role", response_model=AccountOut)
def change_role(user: AccountRef, body: RoleIn, admin: WritingAdmin, rt: RuntimeDep) -> AccountOut:
    """Give an account another role: lifter, coach or admin."""
    return AccountOut.of(accounts.change_role(rt.uow(), admin, user_id_of(rt, user), body.role))
