"""What every route may ask FastAPI for: the process's :class:`~spotter.compose.Runtime`.

The runtime is built once per process by whoever starts the server (``spotter serve``, a test)
and handed to :func:`spotter.api.app.create_app`, which keeps it on ``app.state.runtime``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from spotter.compose import Runtime


def runtime(request: Request) -> Runtime:
    """The runtime of the app serving ``request``."""
    rt = request.app.state.runtime
    assert isinstance(rt, Runtime), "create_app(runtime) keeps the runtime on app.state"
    return rt


#: The process's runtime, as a route parameter type.
RuntimeDep = Annotated[Runtime, Depends(runtime)]
