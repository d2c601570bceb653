"""Who may do what to whose data: roles, permissions, the principal and the policy.

Pure: imports only the standard library and :mod:`spotter.errors`, so the API, the services
and the tests share one answer to "may this caller do this to this lifter's data?".
"""

from spotter.access.model import (
    LOCAL_USER_ID,
    Grant,
    LinkStatus,
    Permission,
    Principal,
    Role,
    Scope,
    format_permissions,
    parse_permissions,
    parse_scopes,
)
from spotter.access.policy import Decision, Verdict, decide, is_on_behalf

__all__ = [
    "LOCAL_USER_ID",
    "Decision",
    "Grant",
    "LinkStatus",
    "Permission",
    "Principal",
    "Role",
    "Scope",
    "Verdict",
    "decide",
    "format_permissions",
    "is_on_behalf",
    "parse_permissions",
    "parse_scopes",
]
