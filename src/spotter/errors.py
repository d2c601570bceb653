"""The base of every error a person can act on, and the kinds a server maps to HTTP statuses.

The CLI shows these as a one-line message and exits non-zero; anything else is a bug. The API
renders them as ``application/problem+json``: :class:`ValidationError` 422,
:class:`NotFoundError` 404, :class:`AuthenticationError` 401, :class:`PermissionDeniedError` 403,
:class:`ConflictError` 409, :class:`RateLimitedError` 429 and any other :class:`SpotterError` 400.
Each carries ``field``, the input field that was wrong, when one is known.
"""

from __future__ import annotations


class SpotterError(Exception):
    """An error caused by input or environment, with a message that says what and where."""

    #: The input field that was wrong, when the error is about one field.
    field: str | None = None

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        if field is not None:
            self.field = field


class ValidationError(SpotterError, ValueError):
    """The input has the wrong shape or value; ``field`` names it when known (HTTP 422)."""


class NotFoundError(SpotterError, LookupError):
    """The thing does not exist, or does not exist for the one asking (HTTP 404)."""


class AuthenticationError(SpotterError):
    """No valid credentials: unknown user, wrong password, expired session or token (HTTP 401)."""


class PermissionDeniedError(SpotterError):
    """The caller is known and may see the subject, but may not do this to it (HTTP 403)."""


class ConflictError(SpotterError):
    """The request clashes with what is stored: a taken name, a link that exists (HTTP 409)."""


class RateLimitedError(SpotterError):
    """Too many attempts; ``retry_after_s`` says when to try again, when known (HTTP 429)."""

    def __init__(
        self, *args: object, field: str | None = None, retry_after_s: int | None = None
    ) -> None:
        super().__init__(*args, field=field)
        self.retry_after_s = retry_after_s
