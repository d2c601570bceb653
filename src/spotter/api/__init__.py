"""Spotter's REST API (``/api/v1``): build it with :func:`spotter.api.app.create_app`.

Nothing here is imported by the command line except ``spotter serve``.
"""
