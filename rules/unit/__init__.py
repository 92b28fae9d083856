"""Units: a figure in 元 where the report speaks in 万元."""

from . import scale  # noqa: F401
