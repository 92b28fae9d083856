"""The fiscal year of targets and figures against the report's year."""

from . import date, year  # noqa: F401
