"""The API's routers, in the order the docs page lists them."""

from __future__ import annotations

from fastapi import APIRouter

from spotter.api.routes import (
    admin,
    analysis,
    auth,
    changes,
    coach,
    coaching,
    exercises,
    form_checks,
    log,
    meta,
    plans,
    profile,
    transfer,
)

#: Every router of the API (mounted under /api/v1 by :func:`spotter.api.app.create_app`).
ROUTERS: tuple[APIRouter, ...] = (
    exercises.router,
    exercises.custom_router,
    log.router,
    coach.router,
    analysis.router,
    plans.router,
    transfer.router,
    profile.router,
    changes.router,
    auth.router,
    coaching.router,
    form_checks.router,
    admin.router,
    meta.router,
)
