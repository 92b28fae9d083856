"""The same quantity stated with different values in different places."""

from . import value  # noqa: F401
