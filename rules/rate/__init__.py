"""Change rates and change amounts: 增长/下降 X% against change / prior value."""

from . import change, change_amount, wrong_base  # noqa: F401
