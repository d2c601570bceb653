"""The service itself: is it up, which version."""

from __future__ import annotations

from fastapi import APIRouter

from spotter import __version__
from spotter.api.schemas.common import Out

router = APIRouter(tags=["meta"])


class HealthOut(Out):
    status: str
    version: str


@router.get("/health", summary="Is the service up")
def health() -> HealthOut:
    """Answers without touching the database or needing credentials."""
    return HealthOut(status="ok", version=__version__)
