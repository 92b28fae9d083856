"""The report's own unit against text that names another kind of unit."""

from . import unit  # noqa: F401
