"""Explanations of changes: two different causes for one change."""

from . import conflict  # noqa: F401
