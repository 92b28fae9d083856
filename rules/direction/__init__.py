"""Direction words against the numbers: 减少/压缩/节约 while the figures rose, and the reverse."""

from . import contradiction  # noqa: F401
