"""The wording itself: template text never filled in."""

from . import placeholder  # noqa: F401
