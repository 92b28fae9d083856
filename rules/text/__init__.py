"""The wording itself: template text never filled in, words and marks printed twice."""

from . import placeholder, repeat  # noqa: F401
