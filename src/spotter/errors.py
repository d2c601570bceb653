"""The base of every error a person can act on.

The CLI shows these as a one-line message and exits non-zero; anything else is a bug.
"""


class SpotterError(Exception):
    """An error caused by input or environment, with a message that says what and where."""
