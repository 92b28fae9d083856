"""Tables as printed: an empty table's note, and what the text says of it."""

from . import empty  # noqa: F401
