"""Identities between the balances of a final account, by fund."""

from . import balance, bound, tables  # noqa: F401
