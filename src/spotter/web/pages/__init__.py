"""The pages of the web app: each module here has a ``router`` (an ``APIRouter``) that
:func:`spotter.web.mount` includes (found with ``pkgutil``: no list to edit). Page routes are
declared with ``include_in_schema=False``."""
