"""The phone web app: server-rendered pages (Jinja2 and htmx) over the same services as the API.

:func:`mount` adds it to the API's application (``spotter.api.app.create_app`` calls it): the
pages of every module in :mod:`spotter.web.pages` and the files under ``web/static``. Nothing is
built at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["mount"]


def mount(app: FastAPI) -> None:
    """Serve the web app from ``app``: the pages at ``/``, ``/today``, ... and ``/static``."""
    from spotter.web.app import mount as _mount

    _mount(app)
