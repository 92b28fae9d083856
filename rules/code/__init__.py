"""Classification codes against the names printed beside them."""

from . import name  # noqa: F401
