"""Explanations of changes: two different causes for one change, or none where one is due."""

from . import conflict, missing  # noqa: F401
