"""The fiscal year of targets and figures against the report's year."""

from . import year  # noqa: F401
