"""The same quantity stated with different values in different places."""

from . import impossible, mismatch  # noqa: F401
