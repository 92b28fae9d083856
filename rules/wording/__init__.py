"""Wording against the figures: comparison words (大于, 小于, 等于, 持平) the figures contradict."""

from . import comparison  # noqa: F401
