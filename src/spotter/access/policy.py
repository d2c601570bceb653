"""The policy: may a principal do this to a subject's data, given the link between them?

The order of the checks is the point. Visibility comes first: to a caller who is neither the
lifter nor an actively linked coach the lifter's data does not exist (``NOT_FOUND``, HTTP 404),
so a probe cannot tell a stranger's account from a missing one. Then the credentials (a read-only
token cannot write) and the link's permissions decide between allowed and ``DENIED`` (403).

An admin is no exception: without a link of their own they see no training data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spotter.access.model import Grant, LinkStatus, Permission, Principal


class Verdict(StrEnum):
    """The outcome of a decision."""

    ALLOW = "allow"
    NOT_FOUND = "not_found"
    DENIED = "denied"


@dataclass(frozen=True)
class Decision:
    """A verdict and a sentence saying why, fit for an error message."""

    verdict: Verdict
    reason: str

    @property
    def allowed(self) -> bool:
        return self.verdict is Verdict.ALLOW


def decide(
    principal: Principal,
    subject_id: int,
    link: Grant | None,
    need: Permission | None,
    *,
    write: bool,
) -> Decision:
    """Decide one request.

    ``link`` is the link from the principal (as coach) to the subject (as lifter), if any;
    ``need`` the permission a coach must hold (None: only the lifter themself may do it);
    ``write`` whether the request changes anything.

    A coach's ``read_log`` permission only reads; writing on the lifter's behalf needs
    ``assign_plans`` or ``comment`` (whichever the action names).

    >>> from spotter.access.model import Role
    >>> me = Principal(7, Role.LIFTER)
    >>> decide(me, 7, None, None, write=True).verdict
    <Verdict.ALLOW: 'allow'>
    >>> coach = Principal(9, Role.COACH)
    >>> decide(coach, 7, None, Permission.READ_LOG, write=False).verdict
    <Verdict.NOT_FOUND: 'not_found'>
    >>> grant = Grant(LinkStatus.ACTIVE, frozenset({Permission.READ_LOG}))
    >>> decide(coach, 7, grant, Permission.READ_LOG, write=False).verdict
    <Verdict.ALLOW: 'allow'>
    >>> decide(coach, 7, grant, Permission.ASSIGN_PLANS, write=True).verdict
    <Verdict.DENIED: 'denied'>
    """
    is_self = principal.user_id == subject_id
    if not is_self and (link is None or link.status is not LinkStatus.ACTIVE):
        return Decision(Verdict.NOT_FOUND, "no such user")
    if write and not principal.may_write:
        return Decision(Verdict.DENIED, "these credentials are read-only (token scope 'read')")
    if not write and not principal.may_read:
        return Decision(Verdict.DENIED, "these credentials may not read (no 'read' scope)")
    if is_self:
        return Decision(Verdict.ALLOW, "the lifter's own data")
    assert link is not None
    if need is None:
        return Decision(Verdict.DENIED, "only the lifter themself may do this")
    if need not in link.permissions:
        return Decision(
            Verdict.DENIED, f"the lifter has not given you the {need.value!r} permission"
        )
    if write and need is Permission.READ_LOG:
        return Decision(Verdict.DENIED, "the 'read_log' permission only allows reading")
    return Decision(Verdict.ALLOW, f"linked coach with {need.value!r}")


def is_on_behalf(principal: Principal, subject_id: int, *, write: bool) -> bool:
    """Whether an allowed request is a change made by someone else on the lifter's behalf.

    Such changes are recorded as audit events the lifter can read.

    >>> from spotter.access.model import Role
    >>> is_on_behalf(Principal(9, Role.COACH), 7, write=True)
    True
    >>> is_on_behalf(Principal(7, Role.LIFTER), 7, write=True)
    False
    """
    return write and principal.user_id != subject_id
