"""Shares: 占…% against part / the whole the sentence names."""

from . import whole  # noqa: F401
