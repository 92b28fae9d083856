"""The tables and explanations a 部门决算 disclosure must contain."""

from . import tables  # noqa: F401
